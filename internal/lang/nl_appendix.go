package lang

// The regulation appendix of the reports: what each evidence item is, where
// the auditor finds it, and what each requirement asks — in plain words to
// locate it; the legal texts govern, in Dutch as in English.
func init() {
	for en, nl := range map[string]string{
		"Scenario and plan":                       "Scenario en plan",
		"Tamper-evident record":                   "Fraudebestendig verslag",
		"Recovery against objectives":             "Herstel tegen de doelstellingen",
		"Backups restored, data loss against RPO": "Back-ups teruggezet, gegevensverlies tegen de RPO",
		"Switch to alternatives":                  "Overstap naar alternatieven",
		"Exit plans tested":                       "Exitplannen getest",
		"People and time":                         "Mensen en tijd",
		"Findings, owners and actions":            "Bevindingen, eigenaren en acties",
		"Exercise without lasting disruption":     "Oefenen zonder blijvende verstoring",
		"plan.json; definitions/ (catalog, runbooks, scenario as drilled, with SHA-256); drill.started and process.planned events (definition hash per process)":                                               "plan.json; definitions/ (catalogus, draaiboeken, scenario zoals geoefend, met SHA-256); gebeurtenissen drill.started en process.planned (hash van de definitie per proces)",
		"journal.jsonl (each event holds the SHA-256 of the one before); manifest.json lists every file's SHA-256; manifest.sig (ed25519). Check with `exitdrill verify`":                                      "journal.jsonl (elke gebeurtenis bevat de SHA-256 van de vorige); manifest.json noemt de SHA-256 van elk bestand; manifest.sig (ed25519). Controleer met `exitdrill verify`",
		"process.verdict events; result.json; this report's objectives table and timeline":                                                                                                                     "gebeurtenissen process.verdict; result.json; de tabel met doelstellingen en de tijdlijn van dit rapport",
		"step events of backup.fresh and backup.restore (age at T0, restore time, bytes); data loss per process":                                                                                               "stapgebeurtenissen van backup.fresh en backup.restore (leeftijd op T0, duur van de restore, bytes); gegevensverlies per proces",
		"step events of hosting, command, container and mirror steps (status, latency, output as artifacts)":                                                                                                   "stapgebeurtenissen van hosting-, command-, container- en mirrorstappen (status, latentie, uitvoer als artefacten)",
		"step events of exitplan.current and exitplan.export (review date, required sections, export parsed with record counts and SHA-256)":                                                                   "stapgebeurtenissen van exitplan.current en exitplan.export (beoordelingsdatum, verplichte hoofdstukken, export gelezen met aantallen records en SHA-256)",
		"manual step events (actor, role, note); every step's measure: measured, declared or simulated":                                                                                                        "gebeurtenissen van handmatige stappen (uitvoerder, rol, opmerking); de meting van elke stap: gemeten, opgegeven of gesimuleerd",
		"findings.json; the findings section of this report (severity, owner, remediation hint, fingerprint to follow it across drills)":                                                                       "findings.json; de bevindingen in dit rapport (ernst, eigenaar, wat te doen, vingerafdruk om haar over oefeningen heen te volgen)",
		"rollback step events: what the drill changed is undone":                                                                                                                                               "gebeurtenissen van terugdraaistappen: wat de oefening veranderde is teruggedraaid",
		"ICT business continuity policy with response and recovery plans that keep critical functions running, tested regularly, including scenarios of severe disruption.":                                    "Beleid voor ICT-bedrijfscontinuïteit met respons- en herstelplannen die kritieke functies draaiende houden, regelmatig getest, ook met scenario's van ernstige verstoring.",
		"Backup policies and restoration and recovery procedures; backups restored and checked periodically; recovery without undue loss of data.":                                                             "Back-upbeleid en procedures voor terugzetten en herstel; back-ups periodiek teruggezet en gecontroleerd; herstel zonder onnodig gegevensverlies.",
		"A documented resilience testing programme with scenario-based tests of ICT tools and systems; weaknesses found are reported and addressed.":                                                           "Een gedocumenteerd programma voor het testen van digitale weerbaarheid met scenariotests van ICT-middelen en -systemen; gevonden zwakheden worden gemeld en aangepakt.",
		"Exit strategies for ICT services supporting critical or important functions: exit plans that are comprehensive, documented and sufficiently tested.":                                                  "Exitstrategieën voor ICT-diensten die kritieke of belangrijke functies ondersteunen: exitplannen die volledig, gedocumenteerd en voldoende getest zijn.",
		"Testing of the ICT business continuity plans: scenarios including the failure of ICT third-party service providers, switch-over to alternatives, restoring from backups; results documented.":         "Testen van de ICT-bedrijfscontinuïteitsplannen: scenario's met het uitvallen van externe ICT-dienstverleners, overschakelen naar alternatieven, terugzetten uit back-ups; resultaten vastgelegd.",
		"Business continuity measures, such as backup management and disaster recovery, and crisis management.":                                                                                                "Maatregelen voor bedrijfscontinuïteit, zoals back-upbeheer en herstel na een calamiteit, en crisisbeheer.",
		"ICT readiness for business continuity: continuity arrangements for ICT are planned, implemented and tested against the continuity objectives.":                                                        "ICT-gereedheid voor bedrijfscontinuïteit: continuïteitsvoorzieningen voor ICT zijn gepland, ingevoerd en getest tegen de continuïteitsdoelstellingen.",
		"Information backup: backups are made as agreed and their restore is tested.":                                                                                                                          "Back-up van informatie: back-ups worden gemaakt zoals afgesproken en het terugzetten wordt getest.",
		"Exercise programme: exercises consistent with the continuity objectives, based on scenarios, minimising the risk of disruption, with post-exercise reports of outcomes, recommendations and actions.": "Oefenprogramma: oefeningen in lijn met de continuïteitsdoelstellingen, op basis van scenario's, met zo min mogelijk risico op verstoring, met verslagen na afloop van uitkomsten, aanbevelingen en acties.",
	} {
		dutch[en] = nl
	}
	for en, nl := range map[string]string{
		"{a} backup checks, {b} passed; {c} beyond RPO":                 "{a} back-upcontroles, {b} geslaagd; {c} voorbij de RPO",
		"{a} recovery actions, {b} passed":                              "{a} herstelacties, {b} geslaagd",
		"{a} exit plan checks, {b} passed":                              "{a} exitplancontroles, {b} geslaagd",
		"{a} manual steps; {b} steps with declared time, {c} simulated": "{a} handmatige stappen; {b} stappen met opgegeven tijd, {c} gesimuleerd",
		"{a} critical, {b} high, {c} medium, {d} low":                   "{a} kritiek, {b} hoog, {c} middel, {d} laag",
		"{a} rollback steps, {b} failed":                                "{a} terugdraaistappen, {b} mislukt",
		"journal of {a} events, head {b}":                               "journaal van {a} gebeurtenissen, kop {b}",
	} {
		fillTemplates[en] = nl
	}
}
