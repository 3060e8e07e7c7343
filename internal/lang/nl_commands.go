package lang

// The CLI's human output of validate, impact, suppliers, matrix, import,
// steps, step complete, actions and review: headers, column titles and
// summary lines. Errors keep their file:line:column form in English.
func init() {
	for en, nl := range map[string]string{
		// validate
		"valid: %d suppliers, %d applications, %d processes, %d runbooks, %d scenarios in %d files\n":           "geldig: %d leveranciers, %d applicaties, %d processen, %d draaiboeken, %d scenario's in %d bestanden\n",
		"warning: %s unproven, never recovered: %s; details: --format json, or exitdrill impact\n":              "waarschuwing: %s als niet aangetoond, nooit als hersteld: %s; details: --format json, of exitdrill impact\n",
		"%d process needs are not covered by a runbook step, so a drill that loses them judges their processes": "%d behoeften van processen worden door geen stap van een draaiboek gedekt, dus een oefening die ze verliest beoordeelt hun processen",
		"1 process need is not covered by a runbook step, so a drill that loses it judges the process":          "1 behoefte van een proces wordt door geen stap van een draaiboek gedekt, dus een oefening die haar verliest beoordeelt het proces",
		"and %d more %s": "en nog %d %s",
		"application":    "applicatie",
		"applications":   "applicaties",

		// impact
		"lost: %s": "verloren: %s",
		"; down with them through subprocessors: %s":                                              "; mee uitgevallen via subverwerkers: %s",
		"\n%d of %d processes impacted, %d must be recovered (outage longer than their MTPD)\n\n": "\n%d van %d processen getroffen, %d moeten hersteld worden (uitval langer dan hun MTPD)\n\n",
		"Hit through": "Geraakt via",
		"Not covered: no runbook step shows these come back": "Niet gedekt: geen stap van een draaiboek laat zien dat deze terugkomen",
		"Runbook": "Draaiboek",
		"cover an application with a step that targets its backup, alternative or exit plan, or with covers: [APP] on a command, container or manual step": "dek een applicatie met een stap die haar back-up, alternatief of exitplan als doel heeft, of met covers: [APP] op een command-, container- of handmatige stap",
		"Recovery means lost in this scenario": "Herstelmiddelen die in dit scenario verloren gaan",
		"Backup / alternative":                 "Back-up / alternatief",
		"Application":                          "Applicatie",
		"backup":                               "back-up",
		"alternative":                          "alternatief",

		// suppliers and matrix
		"%s — supplier concentration (%d suppliers, %d applications, %d processes)\n\n": "%s — concentratie bij leveranciers (%d leveranciers, %d applicaties, %d processen)\n\n",
		"Jur.":             "Jur.",
		"Runs":             "Beheert",
		"Down with it":     "Valt mee uit",
		"Via subprocessor": "Via subverwerker",
		"Backups held":     "Back-ups in bewaring",
		"Processes hit":    "Geraakte processen",
		"%s and %d more":   "%s en nog %d",
		"Runs: applications the supplier runs. Down with it: applications it does not run that still go down (their supplier uses it as subprocessor, or they depend on one that goes down).": "Beheert: applicaties die de leverancier beheert. Valt mee uit: applicaties die hij niet beheert maar die toch uitvallen (hun leverancier gebruikt hem als subverwerker, of ze hangen af van een applicatie die uitvalt).",
		"%s — exit-readiness matrix: critical processes (of %d) whose MTPD a loss would exceed if nothing were recovered\n\n":                                                                 "%s — matrix van de exitgereedheid: kritieke processen (van %d) waarvan een verlies de MTPD zou overschrijden als niets hersteld werd\n\n",
		"Impacted": "Getroffen",
		"Impacted: critical processes the loss touches at all. A cell counts those that cannot wait out a loss of that length; '-' means none.": "Getroffen: kritieke processen die het verlies überhaupt raakt. Een cel telt de processen die een verlies van die duur niet kunnen uitzitten; '-' betekent geen.",

		// import
		"supplier": "leverancier",
		"%d added, %d changed, %d removed, %d unchanged": "%d toegevoegd, %d gewijzigd, %d verwijderd, %d ongewijzigd",
		"dry run: %s; nothing written to %s\n":           "proefdraai: %s; niets geschreven naar %s\n",
		"imported into %s: %s\n":                         "geïmporteerd in %s: %s\n",
		"note:":                                          "opmerking:",
		"to do: %d things before the catalog validates (exitdrill validate %s):\n": "te doen: %d punten voordat de catalogus geldig is (exitdrill validate %s):\n",
		"to do: the import would leave %d placeholders to fill in\n":               "te doen: de import zou %d plaatshouders laten om in te vullen\n",

		// steps and step complete
		"no manual step is waiting": "geen handmatige stap wacht",
		"Role":                      "Rol",
		"Waiting since":             "Wacht sinds",
		"Expected":                  "Verwacht",
		"Escalated":                 "Geëscaleerd",
		"Instructions":              "Instructies",
		"complete one with: exitdrill step complete DRILL PROCESS/STEP --role ROLE --outcome pass|fail --note ...": "rond er een af met: exitdrill step complete OEFENING PROCES/STAP --role ROL --outcome pass|fail --note ...",
		"%s/%s %s by %s (%s), %s %s on the scenario clock\n":                                                       "%s/%s %s door %s (%s), %s %s op de scenarioklok\n",

		// actions and review
		"Action items under %s":         "Acties onder %s",
		"Overdue action items under %s": "Te late acties onder %s",
		"Action items of drill %s":      "Acties van oefening %s",
		"status":                        "status",
		"due":                           "uiterlijk",
		"title":                         "titel",
		"follows from":                  "volgt uit",
		"by":                            "door",
	} {
		dutch[en] = nl
	}
	for en, nl := range map[string]string{
		"outage {a} > MTPD {b}: must recover, within RTO {c}":                           "uitval {a} > MTPD {b}: moet herstellen, binnen de RTO {c}",
		"outage {a} > RTO {b}, <= MTPD {c}: tolerable, but RTO missed unless recovered": "uitval {a} > RTO {b}, <= MTPD {c}: te verdragen, maar de RTO wordt gemist tenzij hersteld",
		"outage {a} <= RTO {b}: can be waited out":                                      "uitval {a} <= RTO {b}: kan worden uitgezeten",
		"held by lost supplier {a}":                                                     "in handen van verloren leverancier {a}",
		"held by {a}, which depends on lost supplier {b} ({c})":                         "in handen van {a}, die afhangt van verloren leverancier {b} ({c})",
		"application {a} has no usable backup and no usable alternative":                "applicatie {a} heeft geen bruikbare back-up en geen bruikbaar alternatief",
		"application {a} has no usable backup":                                          "applicatie {a} heeft geen bruikbare back-up",
		"application {a} has no usable alternative":                                     "applicatie {a} heeft geen bruikbaar alternatief",
		"no longer in the source":                                                       "niet meer in de bron",
	} {
		fillTemplates[en] = nl
	}
}
