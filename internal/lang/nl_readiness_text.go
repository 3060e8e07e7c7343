package lang

// The readiness view as text and Markdown (exitdrill readiness --format
// text|md --lang nl): its sentences, columns, rules and score formula.
func init() {
	for en, nl := range map[string]string{
		"%s — exit readiness on %s: proven by drills vs only on paper\n\n": "%s — exitgereedheid op %s: aangetoond met oefeningen of alleen op papier\n\n",
		"# Exit readiness — %s (%s)\n\n":                                   "# Exitgereedheid — %s (%s)\n\n",
		"A cell: critical processes whose MTPD a loss of that length exceeds, split into proven by a valid drill (in full, automated only\n" +
			"or plan only), failed in a drill, needing a re-test (definition changed since the drill) and only on paper (no valid drill without\n" +
			"that supplier for that long); '-' means none at stake.": "Een cel: kritieke processen waarvan een zo lang verlies de MTPD overschrijdt, verdeeld in aangetoond met een geldige oefening\n" +
			"(volledig, alleen de automatisering of alleen het plan), mislukt in een oefening, opnieuw te testen (definitie veranderd sinds de\n" +
			"oefening) en alleen op papier (geen geldige oefening zo lang zonder die leverancier); '-' betekent dat er niets op het spel staat.",
		"A drill proves a cell only for outages up to its own duration: a 1-day drill proves the 1-day cell, never the 1-week or 1-month cells.":                                                                                                                                                                                     "Een oefening toont een cel alleen aan voor uitval tot haar eigen duur: een oefening van 1 dag toont de cel van 1 dag aan, nooit die van 1 week of 1 maand.",
		"Live drills prove in full; compressed drills prove the automated part only (manual steps were simulated): automated only; tabletop drills prove the plan, not the technology: plan only.":                                                                                                                                   "Live oefeningen tonen alles aan; gecomprimeerde oefeningen alleen het geautomatiseerde deel (handmatige stappen werden gesimuleerd): alleen de automatisering; tabletopoefeningen tonen het plan aan, niet de techniek: alleen het plan.",
		"Aborted, inconclusive and unproven drills prove nothing and erase nothing: they never replace earlier valid evidence.":                                                                                                                                                                                                      "Afgebroken, niet vastgestelde en niet aangetoonde oefeningen bewijzen niets en wissen niets: ze vervangen nooit eerder geldig bewijs.",
		"Per process, supplier and duration the evidence that counts is the latest valid drill of a scenario that took that supplier down for at least that long; a drill of another supplier never changes it, and a compressed drill (manual steps simulated) never overrides a live or tabletop drill (a person performed them).": "Per proces, leverancier en duur telt als bewijs de laatste geldige oefening van een scenario dat die leverancier minstens zo lang uit de lucht nam; een oefening van een andere leverancier verandert dat nooit, en een gecomprimeerde oefening (handmatige stappen gesimuleerd) gaat nooit boven een live of tabletopoefening (een mens voerde ze uit).",
		"Score (0-100), monotonic in proof: it never rises when proof falls. " +
			"A drill scores a process by its verdict: recovered 100, late 70, tolerated or waited-out 50, " +
			"breached 20 if recovered eventually (else 0), aborted 0; minus 20 when data loss exceeds the RPO, 10 when no backup " +
			"was checked, 10 when a manual step was only simulated, 10 when a rollback step failed. In readiness, per process, " +
			"supplier and duration (1 day, 1 week, 1 month) the drill that counts is judged again for that duration: it scores " +
			"0 when it did not recover the process or the MTPD would be breached (failed), and 0 when no valid drill took the supplier down for " +
			"that long (paper); a compressed drill (automated only) or a tabletop drill (plan only) counts half; " +
			"the score counts in full for 90 days after the drill, then halves every further 90 days; it counts half when the " +
			"process's catalog entry or runbook changed since the drill (needs re-test). A process's score for a supplier is the " +
			"mean over the three durations; a process's score is the mean over the suppliers whose loss would hit it. A supplier's " +
			"score is the mean over the processes its loss would hit, critical ones counting double.": "Score (0-100), monotoon in het bewijs: hij stijgt nooit als het bewijs afneemt. " +
			"Een oefening scoort een proces naar zijn oordeel: hersteld 100, te laat 70, getolereerd of uitgewacht 50, " +
			"doorbroken 20 als het uiteindelijk hersteld werd (anders 0), afgebroken 0; min 20 als het gegevensverlies de RPO overschrijdt, 10 als geen back-up " +
			"gecontroleerd werd, 10 als een handmatige stap alleen gesimuleerd werd, 10 als een terugdraaistap mislukte. In de gereedheid wordt per proces, " +
			"leverancier en duur (1 dag, 1 week, 1 maand) de oefening die telt opnieuw beoordeeld voor die duur: ze scoort " +
			"0 als ze het proces niet herstelde of de MTPD doorbroken zou worden (mislukt), en 0 als geen geldige oefening de leverancier zo lang " +
			"uit de lucht nam (alleen op papier); een gecomprimeerde oefening (alleen de automatisering) of een tabletopoefening (alleen het plan) telt half; " +
			"de score telt volledig tot 90 dagen na de oefening en halveert daarna elke volgende 90 dagen; hij telt half als de " +
			"catalogusregel of het draaiboek van het proces sinds de oefening veranderde (opnieuw testen). De score van een proces voor een leverancier is het " +
			"gemiddelde over de drie duren; de score van een proces is het gemiddelde over de leveranciers waarvan het verlies het zou raken. De score van een " +
			"leverancier is het gemiddelde over de processen die zijn verlies zou raken, waarbij kritieke dubbel tellen.",
		"score": "score",
		"valid bundles decide nothing: later drills, or drills in which people performed the manual steps, decide the same processes, suppliers and durations.": "geldige bundels beslissen niets: latere oefeningen, of oefeningen waarin mensen de handmatige stappen uitvoerden, beslissen over dezelfde processen, leveranciers en duren.",
		"Why each cell:":        "Waarom elke cel:",
		" [bundle %s]":          " [bundel %s]",
		"\nCounted: %s":         "\nMeegeteld: %s",
		" (%d superseded)":      " (%d vervangen)",
		"Proving nothing: %s\n": "Bewijzen niets: %s\n",
		"Not counted: %s\n":     "Niet meegeteld: %s\n",
		"drills":                "oefeningen",
		"bundles":               "bundels",
		"Not proven for":        "Niet aangetoond voor",
		"Verdicts per process and supplier, and the drill behind each": "Oordelen per proces en leverancier, en de oefening achter elk",
		"For":                          "Voor",
		"Drill (mode, scenario, date)": "Oefening (modus, scenario, datum)",
		"%s (%d day ago)":              "%s (%d dag geleden)",
		"%s (%d days ago)":             "%s (%d dagen geleden)",
		"Flagged":                      "Gesignaleerd",
		"OVERDUE":                      "TE LAAT",
		"FLAGGED: an action from its last drill is overdue":                    "GESIGNALEERD: een actie uit de laatste oefening is te laat",
		"\n%s: %d open action items (%d overdue), %d done\n":                   "\n%s: %d openstaande acties (%d te laat), %d afgerond\n",
		"  %s: %d findings in its last drill, %d open actions, %d overdue%s\n": "  %s: %d bevindingen in de laatste oefening, %d open acties, %d te laat%s\n",
		"  … and %d more (exitdrill actions list)\n":                           "  … en nog %d (exitdrill actions list)\n",
		"  - %s %s due %s, %s: %s (drill %s%s)\n":                              "  - %s %s uiterlijk %s, %s: %s (oefening %s%s)\n",
		"\n## %s\n\n%d open action items (%d overdue), %d done.\n\n":           "\n## %s\n\n%d openstaande acties (%d te laat), %d afgerond.\n\n",
		"- … and %d more\n":                                    "- … en nog %d\n",
		"- %s %s due %s, %s: %s (drill %s%s)\n":                "- %s %s uiterlijk %s, %s: %s (oefening %s%s)\n",
		"its catalog entry or runbook changed since the drill": "de catalogusregel of het draaiboek veranderde sinds de oefening",
		"the process is no longer in the catalog":              "het proces staat niet meer in de catalogus",
		"the scenario no longer impacts the process":           "het scenario raakt het proces niet meer",
		"the bundle records no definition hash":                "de bundel legt geen hash van de definitie vast",
	} {
		dutch[en] = nl
	}
}
