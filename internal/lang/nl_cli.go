package lang

// The CLI's human output: the verdict table and lines of run and status.
func init() {
	for en, nl := range map[string]string{
		"Drill %s — %s (%s outage, %s mode)\n": "Oefening %s — %s (uitval van %s, modus %s)\n",
		"ABORTED by %s: %s\n":                  "AFGEBROKEN door %s: %s\n",
		"Data loss":                            "Gegevensverlies",
		"Why":                                  "Waarom",
		", %d waited out":                      ", %d uitgewacht",
		", %d %s":                              ", %d %s",
		"%d processes: %d recovered, %d late, %d breached, %d tolerated, %d aborted%s. Wall time %s.\n":                                                     "%d processen: %d hersteld, %d te laat, %d doorbroken, %d getolereerd, %d afgebroken%s. Wandkloktijd %s.\n",
		"; objectives missed: data loss beyond RPO %s":                                                                                                      "; doelstellingen gemist: gegevensverlies voorbij de RPO %s",
		"Recovery is scenario time from the outage start: measured for automated steps, declared for waits, simulated for manual steps in compressed mode.": "De herstelduur is scenariotijd vanaf het begin van de uitval: gemeten voor geautomatiseerde stappen, opgegeven voor wachttijden, gesimuleerd voor handmatige stappen in de gecomprimeerde modus.",
		"Lost applications not shown to come back":                                                                                                          "Verloren applicaties waarvan niet is aangetoond dat ze terugkomen",
		"Restores performed (measured)":                                                                                                                     "Uitgevoerde restores (gemeten)",
		"Backup":                                                                                                                                            "Back-up",
		"Restore time":                                                                                                                                      "Duur van de restore",
		"Size":                                                                                                                                              "Grootte",
		"Throughput":                                                                                                                                        "Doorvoer",
	} {
		dutch[en] = nl
	}
}
