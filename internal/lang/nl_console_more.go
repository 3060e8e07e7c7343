package lang

// The console's emergency stop, after-action review and readiness cell.
func init() {
	for en, nl := range map[string]string{
		// Emergency stop.
		"This session sent no emergency stop in the last hour, so there is no result to show.": "Deze sessie stuurde het afgelopen uur geen noodstop, dus er is geen resultaat om te tonen.",
		"The":                   "De",
		"aborted drills":        "afgebroken oefeningen",
		"and the":               "en de",
		"schedules":             "planningen",
		"show what a stop did;": "laten zien wat een stop deed;",
		"sends a new one.":      "stuurt een nieuwe.",
		"Emergency stop by":     "Noodstop door",
		"This page shows the stop as it was sent; reloading it sends nothing again.": "Deze pagina toont de stop zoals hij verstuurd is; opnieuw laden stuurt niets nog eens.",
		"Drills stopped": "Gestopte oefeningen",
		"Each got the stop: running steps are cancelled and rollback steps run. Its evidence records the stop with your name.": "Elke oefening kreeg de stop: lopende stappen worden geannuleerd en terugdraaistappen draaien. Het bewijs legt de stop vast met uw naam.",
		"No drill was running.":      "Er liep geen oefening.",
		"The stop did not reach:":    "De stop bereikte niet:",
		"schedules were paused, but": "planningen zijn gepauzeerd, maar",
		"Schedules paused":           "Gepauzeerde planningen",
		"Every schedule is paused, so that none starts a drill again; each stays paused until a person resumes it.": "Elke planning is gepauzeerd, zodat geen enkele nog een oefening start; elke planning blijft gepauzeerd tot iemand haar hervat.",
		"All schedules":                      "Alle planningen",
		"There are no schedules.":            "Er zijn geen planningen.",
		"Pausing failed for some schedules:": "Pauzeren mislukte voor sommige planningen:",
		"This stops":                         "Dit stopt",
		"every running drill":                "elke lopende oefening",
		"now":                                "nu",
		"running steps are cancelled and rollback steps run. It also": "lopende stappen worden geannuleerd en terugdraaistappen draaien. Het",
		"pauses every schedule": "pauzeert ook elke planning",
		"until a person resumes it. It is recorded in each drill's evidence and on each schedule with your name.": "tot iemand haar hervat. Het wordt met uw naam vastgelegd in het bewijs van elke oefening en bij elke planning.",
		"Reason": "Reden",
		"I confirm the emergency stop of all running drills and schedules": "Ik bevestig de noodstop van alle lopende oefeningen en planningen",
		"Stop all drills": "Alle oefeningen stoppen",

		// After-action review.
		"Review, revision": "Evaluatie, versie",
		"Recorded by":      "Vastgelegd door",
		"signed and chained to the drill's evidence bundle.": "ondertekend en geketend aan de bewijsbundel van de oefening.",
		"What went well":       "Wat ging goed",
		"What did not go well": "Wat ging niet goed",
		"Lessons":              "Lessen",
		"Action items":         "Acties",
		"Id":                   "Id",
		"Follows from":         "Volgt uit",
		"Add to the review":    "Aan de evaluatie toevoegen",
		"Lesson":               "Les",
		"Action item":          "Actie",
		"Title":                "Titel",
		"Follows from step":    "Volgt uit stap",
		"(none)":               "(geen)",
		"Record review":        "Evaluatie vastleggen",

		// What the console says after an action (its flash).
		"%s/%s %s by %s, %s %s on the scenario clock":                            "%s/%s %s door %s, %s %s op de scenarioklok",
		"%s/%s was already completed with your answer (%s): it is recorded once": "%s/%s was al afgerond met uw antwoord (%s): het wordt één keer vastgelegd",
		"abort sent: %s": "afbreken verstuurd: %s",
		"drill %s started: %d of %d processes impacted, mode %s":                            "oefening %s gestart: %d van %d processen getroffen, modus %s",
		"emergency stop sent to %d drills; %d schedules paused until a person resumes them": "noodstop verstuurd naar %d oefeningen; %d planningen gepauzeerd tot iemand ze hervat",
		"inject %s acknowledged":                            "inject %s bevestigd",
		"observation recorded (%s) at %s":                   "waarneming vastgelegd (%s) om %s",
		"the drill":                                         "de oefening",
		"review recorded: revision %d, signed":              "evaluatie vastgelegd: versie %d, ondertekend",
		"schedule %s %s":                                    "planning %s %s",
		"schedule %s created: %s (%s)":                      "planning %s gemaakt: %s (%s)",
		"paused: no drill of it starts until it is resumed": "gepauzeerd: er start geen oefening van tot ze hervat is",
		"resumed":                              "hervat",
		"deleted (the drills it started stay)": "verwijderd (de oefeningen die ze startte blijven)",
		"this form had already started drill %s: here it is": "dit formulier had oefening %s al gestart: hier is ze",

		// A readiness cell.
		"Other outage lengths:":       "Andere duur van de uitval:",
		"At stake: MTPD shorter than": "Op het spel: MTPD korter dan",
		"Verdict for":                 "Oordeel voor",
		"Decided by":                  "Beslist door",
		"scenario":                    "scenario",
		"no valid drill":              "geen geldige oefening",
		"No critical process is at stake: each can wait a loss this long.": "Geen kritiek proces staat op het spel: elk kan een zo lang verlies uitzitten.",
		"Can wait": "Kan wachten",
		"These critical processes are hit, but their MTPD outlasts the outage: they survive it without recovery.": "Deze kritieke processen worden geraakt, maar hun MTPD duurt langer dan de uitval: ze overleven die zonder herstel.",
	} {
		dutch[en] = nl
	}
}
