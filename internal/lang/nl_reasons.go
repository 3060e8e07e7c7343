package lang

// The common reasons of step outcomes (backup, hosting, exit-plan and
// command checks) as the evidence writes them, in English; the reports
// show them in Dutch when a template here matches, and as they are
// otherwise. Durations and dates in them become Dutch (Filled). A reason
// of several parts joined by "; " is translated part by part.
func init() {
	for en, nl := range map[string]string{
		// command and container steps
		"exit code {n}":                             "afsluitcode {n}",
		"exit code {n}: {a}":                        "afsluitcode {n}: {a}",
		"exit status {n}":                           "afsluitstatus {n}",
		"exit status {n}: {a}":                      "afsluitstatus {n}: {a}",
		"command did not finish within its timeout": "het commando was niet klaar binnen de time-out",
		"cannot run {a} on this worker: {b}":        "kan {a} niet uitvoeren op deze worker: {b}",
		"no worker completed the step: the worker running it was lost (no heartbeat within {a}) and the retries ran out after {b}": "geen worker voltooide de stap: de worker die hem uitvoerde viel weg (geen hartslag binnen {a}) en de herhalingen waren op na {b}",

		// backup.fresh and backup.restore
		"newest copy is {a} old at T0, older than every {b}":                               "de nieuwste kopie is op T0 {a} oud, ouder dan het interval van {b}",
		"{x} is {a} old at T0, older than the RPO {b}: a data-loss finding":                "{x} is op T0 {a} oud, ouder dan de RPO van {b}: een bevinding over gegevensverlies",
		"{x} is {a} old at T0: it missed its schedule (every {b}, {c} grace)":              "{x} is op T0 {a} oud: het schema werd gemist (elke {b}, {c} speling)",
		"it also missed its schedule (every {a})":                                          "ook het schema werd gemist (elke {a})",
		"the copy is usable, the steps after it still run":                                 "de kopie is bruikbaar, de stappen erna lopen door",
		"backup {x} missed its schedule: newest copy {a} old at T0, every {b} ({c} grace)": "back-up {x} liep niet volgens schema: de nieuwste kopie is op T0 {a} oud, elke {b} ({c} speling)",
		"no backup at {a}: the directory does not exist":                                   "geen back-up op {a}: de map bestaat niet",
		"no backup at {a}: it does not exist":                                              "geen back-up op {a}: die bestaat niet",
		"the backup directory {a} is empty":                                                "de back-upmap {a} is leeg",
		"restic: wrong password or no key for the repository at {a}":                       "restic: verkeerd wachtwoord of geen sleutel voor de repository op {a}",
		"the repository at {a} has no snapshot made before T0 ({b})":                       "de repository op {a} heeft geen snapshot van voor T0 ({b})",
		"pg_restore failed: {a} (the dump does not restore)":                               "pg_restore mislukte: {a} (de dump is niet terug te zetten)",
		"verification query {a} returned {b}, expected at least {c}":                       "controlequery {a} gaf {b}, verwacht ten minste {c}",

		// hosting.healthy and hosting.tls
		"status {a}, want {b}":                                                   "status {a}, verwacht {b}",
		"body does not contain {a}":                                              "het antwoord bevat {a} niet",
		"answered in {a}, slower than maxLatency {b}":                            "antwoord na {a}, trager dan maxLatency {b}",
		"no answer within {a}":                                                   "geen antwoord binnen {a}",
		"name {a} does not resolve ({b})":                                        "de naam {a} is niet op te zoeken ({b})",
		"certificate expired on {d} ({a})":                                       "certificaat verlopen op {d} ({a})",
		"certificate expires on {d}, {n} days left, want at least {m}: renew it": "certificaat verloopt op {d}, nog {n} dagen, verwacht ten minste {m}: vernieuw het",
		"TLS connection to {a}: {reason}":                                        "TLS-verbinding met {a}: {reason}",

		// exitplan.current and exitplan.export
		"exit plan document {a} not found (looked for {b}): write it or correct exitPlan.document":                                          "exitplan {a} niet gevonden (gezocht naar {b}): schrijf het of verbeter exitPlan.document",
		"exit plan document {a} is empty: write the plan":                                                                                   "exitplan {a} is leeg: schrijf het plan",
		"reviewed {d}, {a} before the drill (T0 {t}); the policy asks for a review every {b}: review the plan and update exitPlan.reviewed": "beoordeeld op {d}, {a} voor de oefening (T0 {t}); het beleid vraagt elke {b} een beoordeling: beoordeel het plan en werk exitPlan.reviewed bij",
		"missing section {a}: add it to {b}":                                                                                                "ontbrekend hoofdstuk {a}: voeg het toe aan {b}",
		"missing sections {a}: add them to {b}":                                                                                             "ontbrekende hoofdstukken {a}: voeg ze toe aan {b}",
		"empty section {a}: write it in {b}":                                                                                                "leeg hoofdstuk {a}: vul het in {b}",
		"empty sections {a}: write them in {b}":                                                                                             "lege hoofdstukken {a}: vul ze in {b}",
		"declared migration time {a} is longer than notice period {b} + exit assistance {c} = {e}: plan a faster migration or negotiate longer exit assistance": "opgegeven migratietijd {a} is langer dan opzegtermijn {b} + exitbegeleiding {c} = {e}: plan een snellere migratie of spreek langere exitbegeleiding af",
		"not found (looked for {a}): produce the export or correct its path":                                                                                    "niet gevonden (gezocht naar {a}): maak de export of verbeter het pad",
		"{n} records, want at least {m}":     "{n} records, verwacht ten minste {m}",
		"{n} record, want at least {m}":      "{n} record, verwacht ten minste {m}",
		"{f} line {n}: {a} fields, want {b}": "{f} regel {n}: {a} velden, verwacht {b}",
	} {
		fillTemplates[en] = nl
	}
}

// Notifications as the journal records them (drill.Notice): the event's
// kind and what happened.
func init() {
	for en, nl := range map[string]string{
		"notified":                  "gemeld",
		"notify-held":               "melding vastgehouden",
		"notify-failed":             "melding mislukt",
		"notify-deferred":           "melding uitgesteld",
		"the first":                 "de eerste",
		"of the timeline, enlarged": "van de tijdlijn, uitvergroot",
		"timeline of the drill's steps on the scenario clock": "tijdlijn van de stappen van de oefening op de scenarioklok",
	} {
		dutch[en] = nl
	}
	for en, nl := range map[string]string{
		"{e} to {w} by {c}: delivered":                                      "{e} aan {w} via {c}: bezorgd",
		"{e} to {w} by {c}: delivered ({x})":                                "{e} aan {w} via {c}: bezorgd ({x})",
		"{e} to {w} by {c}: held: {reason}":                                 "{e} aan {w} via {c}: vastgehouden: {reason}",
		"{e} to {w} by {c}: deferred: {reason}":                             "{e} aan {w} via {c}: uitgesteld: {reason}",
		"workflow {a} sends it then, after the drill's result and evidence": "workflow {a} verstuurt haar dan, na het resultaat en het bewijs van de oefening",
		"{e} to {w} by {c}: {reason}":                                       "{e} aan {w} via {c}: {reason}",
		"quiet hours {a} until {b}":                                         "rusttijden {a} tot {b}",
		"quiet hours until {b}":                                             "rusttijden tot {b}",
		"{p}: data loss beyond RPO {a}":                                     "{p}: gegevensverlies voorbij de RPO van {a}",
	} {
		fillTemplates[en] = nl
	}
}
