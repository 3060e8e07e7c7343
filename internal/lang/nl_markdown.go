package lang

// The Markdown report.
func init() {
	for en, nl := range map[string]string{
		"# Drill %s — %s\n\n":                                     "# Oefening %s — %s\n\n",
		"- Scenario: %s — lost %s for %s, %s mode\n":              "- Scenario: %s — %s verloren gedurende %s, modus %s\n",
		"- Started %s, wall time %s\n":                            "- Gestart %s, wandkloktijd %s\n",
		"- Started by %s\n":                                       "- Gestart door %s\n",
		"- Note: %s\n":                                            "- Opmerking: %s\n",
		"- **Aborted** by %s: %s\n":                               "- **Afgebroken** door %s: %s\n",
		"- Findings: %d critical, %d high, %d medium, %d low\n\n": "- Bevindingen: %d kritiek, %d hoog, %d middel, %d laag\n\n",
		"## Verdicts":                                             "## Oordelen",
		"## Coverage":                                             "## Dekking",
		"## Unavailable suppliers":                                "## Onbeschikbare leveranciers",
		"## Findings":                                             "## Bevindingen",
		"## Steps":                                                "## Stappen",
		"\n## Evidence\n\nJournal of %d events, head `%s`; %s.\n\n": "\n## Bewijs\n\nJournaal van %d gebeurtenissen, kop `%s`; %s.\n\n",
		"No steps. %s\n":                    "Geen stappen. %s\n",
		"Critical":                          "Kritiek",
		"Duration":                          "Duur",
		"Event":                             "Gebeurtenis",
		"Kind":                              "Soort",
		"Reason":                            "Reden",
		"Target":                            "Doel",
		"Waited out":                        "Uitgewacht",
		"down (depends on a lost supplier)": "uit (hangt af van een verloren leverancier)",
		"lost":                              "verloren",
		"nothing":                           "niets",
		"Recovery is scenario time from the outage start (T0): measured for automated steps, declared for waits and tabletop sign-offs, simulated for manual steps nobody performed (compressed mode).": "De herstelduur is scenariotijd vanaf het begin van de uitval (T0): gemeten voor geautomatiseerde stappen, opgegeven voor wachttijden en aftekeningen in een tabletop, gesimuleerd voor handmatige stappen die niemand uitvoerde (gecomprimeerde modus).",
	} {
		dutch[en] = nl
	}
	fillTemplates["signed by {a}"] = "ondertekend door {a}"
	fillTemplates["the bundle is NOT signed"] = "de bundel is NIET ondertekend"
}
