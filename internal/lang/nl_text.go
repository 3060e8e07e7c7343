package lang

// The text report (exitdrill report --format text) and the lines it shares
// with the Markdown and HTML reports: the header, the exercise, the count
// line and the modes.
func init() {
	for en, nl := range map[string]string{
		"%s — drill %s\n":                          "%s — oefening %s\n",
		"Scenario: %s — lost %s for %s, %s mode\n": "Scenario: %s — %s verloren gedurende %s, modus %s\n",
		"Started %s, wall time %s\n":               "Gestart %s, wandkloktijd %s\n",
		"Started by %s\n":                          "Gestart door %s\n",
		// a timeline bar's title: step (kind) status: start → end, duration measure
		"%s (%s) %s: %s → %s, %s %s":                                        "%s (%s) %s: %s → %s, %s %s",
		"Coverage: does a step show that each lost application comes back?": "Dekking: laat een stap zien dat elke verloren applicatie terugkomt?",
		"\nEvidence: journal of %d events, head %s; %s.\n":                  "\nBewijs: journaal van %d gebeurtenissen, kop %s; %s.\n",
		"%d recovered, %d late, %d breached, %d tolerated, %d aborted":      "%d hersteld, %d te laat, %d doorbroken, %d getolereerd, %d afgebroken",
		"no usable backup (RPO %s)":                                         "geen bruikbare back-up (RPO %s)",
		"Hypothesis:":                                                       "Hypothese:",
		"Participants:":                                                     "Deelnemers:",
		"Facilitators:":                                                     "Begeleiders:",
		"Observation:":                                                      "Waarneming:",
		"Observations (%d):\n":                                              "Waarnemingen (%d):\n",
		"Observations":                                                      "Waarnemingen",
		"at":                                                                "bij",
		"live":                                                              "live",
		"compressed":                                                        "gecomprimeerd",
		"tabletop":                                                          "tabletop",
	} {
		dutch[en] = nl
	}
	fillTemplates["not recovered, but the {a} outage ends within MTPD {b}"] = "niet hersteld, maar de uitval van {a} eindigt binnen de MTPD van {b}"
	fillTemplates["the drill was aborted before recovery was decided"] = "de oefening werd afgebroken voordat over het herstel beslist was"
	fillTemplates["inconclusive: step {step} ({a}) could not be attempted on the worker: {b}; this says nothing about the loss of the supplier"] = "niet vastgesteld: stap {step} ({a}) kon niet op de worker worden uitgevoerd: {b}; dit zegt niets over het verlies van de leverancier"
	fillTemplates["NOT VERIFIED: {why}. This was rendered from a bundle that failed verification: it may have been changed since the drill; do not rely on it."] =
		"NIET GEVERIFIEERD: {why}. Dit is gemaakt uit een bundel die de verificatie niet doorstond: hij kan sinds de oefening veranderd zijn; vertrouw er niet op."
}
