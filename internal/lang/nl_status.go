package lang

// exitdrill status and list with --lang nl: a running drill's progress
// (header line, process table, how far each process is), its injects and
// the list of drills. Times are on the local clock, written by the CLI.
func init() {
	for en, nl := range map[string]string{
		"Drill %s — scenario %s, %s mode, started %s, %s\n": "Oefening %s — scenario %s, modus %s, gestart %s, %s\n",
		"aborting: %s by %s\n":                              "wordt afgebroken: %s door %s\n",
		"Verdict / progress":                                "Oordeel / voortgang",
		"%d/%d steps":                                       "%d/%d stappen",
		", running %s":                                      ", bezig met %s",
		", %s waits for %s":                                 ", %s wacht op %s",
		", rolling back":                                    ", wordt teruggedraaid",
		"no drills yet: exitdrill run --catalog DIR --scenario ID": "nog geen oefeningen: exitdrill run --catalog MAP --scenario ID",
		"Injects:":            "Injects:",
		"  %s %s to %s: %s\n": "  %s %s aan %s: %s\n",
		"%s at %s":            "%s om %s",
		"acknowledged by %s":  "bevestigd door %s",
		"delivered %s, NOT ACKNOWLEDGED by anyone": "bezorgd %s, door NIEMAND BEVESTIGD",
		"not delivered: %s":                        "niet bezorgd: %s",
	} {
		dutch[en] = nl
	}
}

// The library's scenarios in exitdrill scenarios list and impact's header
// with --lang nl: the column titles and the titles exitdrill makes for a
// supplier's outage (a title people wrote stays as they wrote it).
func init() {
	for en, nl := range map[string]string{
		"Loses":        "Verliest",
		"jurisdiction": "jurisdictie",
	} {
		dutch[en] = nl
	}
	for en, nl := range map[string]string{
		"{a} unavailable for one day":   "{a} een dag niet beschikbaar",
		"{a} unavailable for one week":  "{a} een week niet beschikbaar",
		"{a} unavailable for one month": "{a} een maand niet beschikbaar",
	} {
		fillTemplates[en] = nl
	}
}

// exitdrill schedule list with --lang nl, and a drill's state as list and
// schedule list show it.
func init() {
	for en, nl := range map[string]string{
		"no schedules: exitdrill schedule create --catalog DIR --scenario ID --cron EXPR": "geen planningen: exitdrill schedule create --catalog MAP --scenario ID --cron UITDRUKKING",
		"ID":                "Id",
		"CRON":              "Cron",
		"TIME ZONE":         "Tijdzone",
		"SCENARIO":          "Scenario",
		"NEXT RUN":          "Volgende uitvoering",
		"LAST RESULT":       "Laatste resultaat",
		"PAUSED":            "Gepauzeerd",
		"NOTE":              "Notitie",
		"(created by %s)":   "(gemaakt door %s)",
		"paused by %s":      "gepauzeerd door %s",
		"objectives-met":    "doelstellingen gehaald",
		"objectives-missed": "doelstellingen gemist",
	} {
		dutch[en] = nl
	}
}
