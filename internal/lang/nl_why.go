package lang

// Why a process got its verdict, written from its code and values
// (reports.WhyIn), and what a drill adds to it; the readiness view's reasons
// per cell; the data-loss sentence of the evidence.
func init() {
	for en, nl := range map[string]string{
		"recovered in %s, within RTO %s":                   "hersteld in %s, binnen de RTO van %s",
		"recovered in %s: %s after RTO %s, within MTPD %s": "hersteld in %s: %s na de RTO van %s, binnen de MTPD van %s",
		"waited out: the %s outage ended within MTPD %s before recovery finished; recovery would have taken %s":     "uitgewacht: de uitval van %s eindigde binnen de MTPD van %s voordat het herstel klaar was; het herstel zou %s hebben geduurd",
		"waited out: the %s outage ended within MTPD %s before the process was recovered; recovery never completed": "uitgewacht: de uitval van %s eindigde binnen de MTPD van %s voordat het proces hersteld was; het herstel werd nooit voltooid",
		"MTPD breached on day %d: recovered only after %s, MTPD %s":                                                 "MTPD doorbroken op dag %d: pas hersteld na %s, bij een MTPD van %s",
		"MTPD breached on day %d: not recovered while the outage lasts %s > MTPD %s":                                "MTPD doorbroken op dag %d: niet hersteld terwijl de uitval %s duurt, langer dan de MTPD van %s",
		"; also not covered: %s":                   "; ook niet gedekt: %s",
		"; the process drill did not complete: %s": "; de oefening van het proces werd niet voltooid: %s",
		"; step %s (%s) failed: %s":                "; stap %s (%s) mislukt: %s",
	} {
		dutch[en] = nl
	}
	for en, nl := range map[string]string{
		// Judge's sentences when they come as text (a diff, the readiness
		// view): the same words as above, the durations made Dutch by Filled.
		"recovered in {a}, within RTO {b}":                                                                                                    "hersteld in {a}, binnen de RTO van {b}",
		"recovered in {a}: {b} after RTO {c}, within MTPD {d}":                                                                                "hersteld in {a}: {b} na de RTO van {c}, binnen de MTPD van {d}",
		"waited out: the {a} outage ended within MTPD {b} before recovery finished; recovery would have taken {c}":                            "uitgewacht: de uitval van {a} eindigde binnen de MTPD van {b} voordat het herstel klaar was; het herstel zou {c} hebben geduurd",
		"waited out: the {a} outage ended within MTPD {b} before the process was recovered; recovery never completed":                         "uitgewacht: de uitval van {a} eindigde binnen de MTPD van {b} voordat het proces hersteld was; het herstel werd nooit voltooid",
		"MTPD breached on day {n}: recovered only after {a}, MTPD {b}":                                                                        "MTPD doorbroken op dag {n}: pas hersteld na {a}, bij een MTPD van {b}",
		"MTPD breached on day {n}: not recovered while the outage lasts {a} > MTPD {b}":                                                       "MTPD doorbroken op dag {n}: niet hersteld terwijl de uitval {a} duurt, langer dan de MTPD van {b}",
		"inconclusive: step {step} ({kind}) could not be attempted on the worker: {reason}; this says nothing about the loss of the supplier": "niet vastgesteld: stap {step} ({kind}) kon op de worker niet worden uitgevoerd: {reason}; dit zegt niets over het verlies van de leverancier",
		"drill aborted before the process was drilled":                                                                                        "oefening afgebroken voordat het proces geoefend was",
		"process drill did not complete: {a}":                                                                                                 "de oefening van het proces werd niet voltooid: {a}",
		"{why}; step {step} ({kind}) failed: {reason}":                                                                                        "{why}; stap {step} ({kind}) mislukt: {reason}",
		"{why}; the process drill did not complete: {a}":                                                                                      "{why}; de oefening van het proces werd niet voltooid: {a}",
		"the drill was aborted before its recovery was decided":                                                                               "de oefening werd afgebroken voordat over het herstel beslist was",

		// The data loss as the evidence writes it (drill.DataLossOf).
		"{a} old at T0 ({b}), within RPO {c}":                                                           "{a} oud op T0 ({b}), binnen de RPO van {c}",
		"{a} old at T0 ({b}), older than RPO {c}":                                                       "{a} oud op T0 ({b}), ouder dan de RPO van {c}",
		"no usable backup: all data since the last copy outside the lost supplier is at risk (RPO {a})": "geen bruikbare back-up: alle gegevens sinds de laatste kopie buiten de verloren leverancier lopen gevaar (RPO {a})",
		"not checked: the runbook checks no backup":                                                     "niet gecontroleerd: het draaiboek controleert geen back-up",
		"unknown: no backup check could be attempted on the worker (inconclusive)":                      "onbekend: geen back-upcontrole kon op de worker worden uitgevoerd (niet vastgesteld)",

		// Why a readiness cell holds a process (judge.evidenceFor).
		"paper: no valid drill took {s} down for {a} or longer":                     "alleen op papier: geen geldige oefening nam {s} {a} of langer uit de lucht",
		"proven ({proof}): {mode} drill {d} ({s}, {a} outage, {t}): {why}":          "aangetoond ({proof}): oefening {d} ({mode}, {s}, uitval van {a}, {t}): {why}",
		"failed: {mode} drill {d} ({s}, {a} outage, {t}): {why}":                    "mislukt: oefening {d} ({mode}, {s}, uitval van {a}, {t}): {why}",
		"tolerated, nothing proven: {mode} drill {d} ({s}, {a} outage, {t}): {why}": "getolereerd, niets aangetoond: oefening {d} ({mode}, {s}, uitval van {a}, {t}): {why}",
		"re-test: {reason}; {mode} drill {d} ({s}, {a} outage, {t}): {why}":         "opnieuw testen: {reason}; oefening {d} ({mode}, {s}, uitval van {a}, {t}): {why}",
		"aborted by {a}: {b}":                "afgebroken door {a}: {b}",
		"aborted by {a}":                     "afgebroken door {a}",
		"aborted: {a}":                       "afgebroken: {a}",
		"the process's recovery was aborted": "het herstel van het proces werd afgebroken",
		"inconclusive: a step could not be attempted on the worker": "niet vastgesteld: een stap kon op de worker niet worden uitgevoerd",
		"unproven: the runbook leaves a lost application uncovered": "niet aangetoond: het draaiboek laat een verloren applicatie ongedekt",
	} {
		fillTemplates[en] = nl
	}
}
