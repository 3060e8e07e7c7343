package lang

// What exitdrill run says on stderr around a drill with --lang nl: the
// start line, the preflight, where the evidence went. A preflight problem
// stays as the worker wrote it unless these tables know it.
func init() {
	for en, nl := range map[string]string{
		"drill %s started: %d of %d processes impacted, mode %s (%s)\n": "oefening %s gestart: %d van %d processen getroffen, modus %s (%s)\n",
		"scenario %s %s\n": "scenario %s %s\n",
		"follow it in the Web UI: %s/namespaces/%s/workflows/%s\n":                                                               "volg haar in de Web UI: %s/namespaces/%s/workflows/%s\n",
		"the drill goes on on the server: exitdrill status %s; exitdrill abort %s --reason ...\n":                                "de oefening gaat door op de server: exitdrill status %s; exitdrill abort %s --reason ...\n",
		"evidence bundle NOT written to %s: %s\n  rebuild it with: exitdrill report DRILL -o DIR\n":                              "bewijsbundel NIET geschreven naar %s: %s\n  bouw haar opnieuw op met: exitdrill report OEFENING -o MAP\n",
		"evidence bundle (signed): %s\n  check it with: exitdrill verify %s\n":                                                   "bewijsbundel (ondertekend): %s\n  controleer haar met: exitdrill verify %s\n",
		"evidence bundle (UNSIGNED: the worker has no signing key): %s\n  check it with: exitdrill verify %s --allow-unsigned\n": "bewijsbundel (NIET ONDERTEKEND: de worker heeft geen ondertekeningssleutel): %s\n  controleer haar met: exitdrill verify %s --allow-unsigned\n",
		"preflight: tools: %s\n":      "voorcontrole: programma's: %s\n",
		"preflight: %s ready\n":       "voorcontrole: %s klaar\n",
		"preflight: %s/%s (%s): %s\n": "voorcontrole: %s/%s (%s): %s\n",
		"preflight: %d of %s cannot be attempted on this worker; going on (--allow-inconclusive): %s inconclusive, and so do their processes\n": "voorcontrole: %d van %s kan op deze worker niet worden geprobeerd; verder (--allow-inconclusive): %s onbeslist, en zo ook hun processen\n",
		"preflight: going on (--allow-inconclusive): %d %s while it does not\n":                                                                 "voorcontrole: verder (--allow-inconclusive): %d %s zolang die niet wordt gevonden\n",
		"steps check an alternative whose name does not resolve: they run, and fail":                                                            "stappen controleren een alternatief waarvan de naam niet wordt gevonden: ze lopen, en mislukken",
		"step checks an alternative whose name does not resolve: it runs, and fails":                                                            "stap controleert een alternatief waarvan de naam niet wordt gevonden: ze loopt, en mislukt",
	} {
		dutch[en] = nl
	}
	for en, nl := range map[string]string{
		"drill {a}: objectives missed for {why}; exit 0: only a critical process fails the drill (--fail-on missed fails on any)": "oefening {a}: doelstellingen gemist voor {why}; exit 0: alleen een kritiek proces laat de oefening mislukken (--fail-on missed: elk proces)",
	} {
		fillTemplates[en] = nl
	}
}

// What exitdrill abort and stop-all say with --lang nl.
func init() {
	for en, nl := range map[string]string{
		"paused %s until a person resumes them: %s\n": "%s gepauzeerd tot iemand ze hervat: %s\n",
		"no drill is running":                         "er loopt geen oefening",
		"%s stopped by %s after %s: %s\n":             "%s gestopt door %s na %s: %s\n",
		"schedule":                                    "planning",
		"schedules":                                   "planningen",
	} {
		dutch[en] = nl
	}
}

// The CLI's notes on stderr with --lang nl: a written file, an interrupt,
// a refusal of the server, where a schedule's time zone came from.
func init() {
	for en, nl := range map[string]string{
		"wrote %s\n":  "geschreven: %s\n",
		"interrupted": "onderbroken",
		"the server refused this: the role of the certificate shown (--tls-cert) does not allow it, or the API key's": "de server weigerde dit: de rol van het getoonde certificaat (--tls-cert) staat het niet toe, of die van de API-sleutel",
		"schedule %s created: %s on %s (%s %s), next drill %s\n":                                                      "planning %s aangemaakt: %s van %s (%s %s), volgende oefening %s\n",
		"schedule %s %s\n": "planning %s %s\n",
		"unknown":          "onbekend",
		"deleted":          "verwijderd",
		"note: cron read in the time zone %s (%s); --tz names another\n": "opmerking: cron gelezen in de tijdzone %s (%s); --tz noemt een andere\n",
		"the local time zone":           "de lokale tijdzone",
		"no local time zone name found": "geen naam van een lokale tijdzone gevonden",
		"note: scheduled drills run while an exitdrill server (or worker) is running on this state directory": "opmerking: geplande oefeningen lopen zolang er een exitdrill server (of worker) draait op deze statusmap",
		"note: the drill runs while an exitdrill server (or worker) is running on this state directory":       "opmerking: de oefening loopt zolang er een exitdrill server (of worker) draait op deze statusmap",
	} {
		dutch[en] = nl
	}
}
