package lang

// The reports' exercise, injects and notifications.
func init() {
	for en, nl := range map[string]string{
		"- Hypothesis: %s\n":        "- Hypothese: %s\n",
		"- Participants: %s\n":      "- Deelnemers: %s\n",
		"- Facilitators: %s\n":      "- Begeleiders: %s\n",
		"- Observation: %s\n":       "- Waarneming: %s\n",
		"Hypothesis:":               "Hypothese:",
		"Participants:":             "Deelnemers:",
		"Facilitators:":             "Begeleiders:",
		"Observations":              "Waarnemingen",
		"## Injects":                "## Injects",
		"\nInjects (%d):\n":         "\nInjects (%d):\n",
		"  - %s, %s to %s: %s\n":    "  - %s, %s aan %s: %s\n",
		"delivered %s; ":            "bezorgd %s; ",
		"\nNotifications (%s):\n":   "\nMeldingen (%s):\n",
		"## Notifications":          "## Meldingen",
		"Injects":                   "Injects",
		"Notifications":             "Meldingen",
		"Injects and notifications": "Injects en meldingen",
		"Messages to participants on the scenario clock, and who acknowledged them.": "Berichten aan deelnemers op de scenarioklok, en wie ze bevestigde.",
		"%d delivered, %d failed, %d held by quiet hours":                            "%d bezorgd, %d mislukt, %d vastgehouden door rusttijden",
		"%s at %s":                              "%s om %s",
		"About":                                 "Over",
		"Acknowledged":                          "Bevestigd",
		"Delivered":                             "Bezorgd",
		"Inject":                                "Inject",
		"Message":                               "Bericht",
		"Time":                                  "Tijd",
		"To":                                    "Aan",
		"What":                                  "Wat",
		"When":                                  "Wanneer",
		"acknowledged by":                       "bevestigd door",
		"NOT ACKNOWLEDGED by anyone":            "door NIEMAND bevestigd",
		"not delivered:":                        "niet bezorgd:",
		"the drill ended before its time":       "de oefening eindigde voor het zover was",
		"the drill was aborted before its time": "de oefening werd afgebroken voor het zover was",
		"\nDeferred notifications, sent after the evidence was signed (not in it; the engine's record):\n": "\nUitgestelde meldingen, verstuurd nadat het bewijs was ondertekend (staan er niet in; volgens de engine):\n",
		"  %s: %s\n":                             "  %s: %s\n",
		"still waiting (quiet hours or retries)": "wacht nog (rusttijden of nieuwe pogingen)",
		"unknown to this engine":                 "onbekend bij deze engine",
		"its result cannot be read":              "het resultaat is niet te lezen",
	} {
		dutch[en] = nl
	}
}
