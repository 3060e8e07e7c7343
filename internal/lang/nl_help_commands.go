package lang

// The commands' short texts in exitdrill --help with --lang nl (cobra's
// own help, completion and their subcommands too). TestHelpTextsHaveDutch
// in internal/cli finds a command without one.
func init() {
	for en, nl := range map[string]string{
		"Prove that critical processes survive the loss of a supplier":                                            "Toon aan dat kritieke processen het verlies van een leverancier overleven",
		"Acknowledge an exercise inject that reached you":                                                         "Bevestig een inject van een oefening die u bereikte",
		"Act on a manual step of a running drill":                                                                 "Handel een handmatige stap van een lopende oefening af",
		"Add a console user (or set a user's role and password); the password is read from the terminal or stdin": "Voeg een gebruiker van de console toe (of zet de rol en het wachtwoord van een gebruiker); het wachtwoord wordt gelezen van de terminal of stdin",
		"Add a time-stamped observation to a running drill, for the evidence":                                     "Voeg een waarneming met tijdstempel toe aan een lopende oefening, voor het bewijs",
		"Check catalog, runbook and scenario files; exit 2 listing every problem":                                 "Controleer catalogus-, draaiboek- en scenariobestanden; exit 2 met elk probleem",
		"Check that an evidence bundle is whole and unchanged, and signed by a trusted key":                       "Controleer dat een bewijsbundel volledig en ongewijzigd is, en ondertekend met een vertrouwde sleutel",
		"Check the notification channels":                                                                         "Controleer de meldingskanalen",
		"Create a schedule":                                                                                       "Maak een planning",
		"Create exitdrill's namespace and search attributes on a cluster; safe to run again":                      "Maak de namespace en zoekattributen van exitdrill op een cluster; veilig om opnieuw uit te voeren",
		"Delete a schedule (drills it started stay)":                                                              "Verwijder een planning (oefeningen die ze startte blijven)",
		"Emergency stop: end every running drill, running their rollback steps":                                   "Noodstop: beëindig elke lopende oefening, met haar terugdraaistappen",
		"Fill the register of information's B_07.01 from verified drills":                                         "Vul B_07.01 van het informatieregister uit geverifieerde oefeningen",
		"Generate test material (large catalogs for scale tests)":                                                 "Maak testmateriaal (grote catalogi voor schaaltests)",
		"Generate the autocompletion script for bash":                                                             "Maak het script voor automatisch aanvullen voor bash",
		"Generate the autocompletion script for fish":                                                             "Maak het script voor automatisch aanvullen voor fish",
		"Generate the autocompletion script for powershell":                                                       "Maak het script voor automatisch aanvullen voor powershell",
		"Generate the autocompletion script for the specified shell":                                              "Maak het script voor automatisch aanvullen voor de opgegeven shell",
		"Generate the autocompletion script for zsh":                                                              "Maak het script voor automatisch aanvullen voor zsh",
		"Help about any command":                                                                                  "Hulp bij elke opdracht",
		"List and show the scenario library built into exitdrill":                                                 "Toon de scenariobibliotheek die in exitdrill is ingebouwd",
		"List drills, newest first":                                                                               "Toon de oefeningen, nieuwste eerst",
		"List schedules: cron, time zone, scenario, next run, last result":                                        "Toon de planningen: cron, tijdzone, scenario, volgende uitvoering, laatste resultaat",
		"List the action items of every reviewed drill under --reports: open, overdue and done":                   "Toon de acties van elke geëvalueerde oefening onder --reports: open, te laat en afgerond",
		"List the library scenarios":                                                                              "Toon de scenario's van de bibliotheek",
		"List the manual steps waiting for a person, in every running drill or one":                               "Toon de handmatige stappen die op iemand wachten, in elke lopende oefening of in één",
		"List the processes a supplier loss impacts, with the path that hits each":                                "Toon de processen die het verlies van een leverancier raakt, met de weg waarlangs elk geraakt wordt",
		"Make an ed25519 key pair that signs evidence bundles":                                                    "Maak een ed25519-sleutelpaar dat bewijsbundels ondertekent",
		"Make or update a catalog from a CMDB export, a spreadsheet or the DORA register":                         "Maak of werk een catalogus bij uit een CMDB-export, een spreadsheet of het DORA-register",
		"Open, update and close GitHub issues for a drill's findings":                                             "Open, werk bij en sluit GitHub-issues voor de bevindingen van een oefening",
		"Pause a schedule (--resume to unpause)":                                                                  "Pauzeer een planning (--resume om haar te hervatten)",
		"Prepare a Temporal cluster of your own (or Temporal Cloud) for exitdrill":                                "Bereid een eigen Temporal-cluster (of Temporal Cloud) voor op exitdrill",
		"Print a library scenario as YAML (a starting point for your own)":                                        "Toon een scenario van de bibliotheek als YAML (een begin voor uw eigen)",
		"Print the JSON Schema of a definition kind, for editors":                                                 "Toon het JSON Schema van een soort definitie, voor editors",
		"Print the exit-readiness matrix: suppliers x 1 day / 1 week / 1 month":                                   "Toon de matrix van de exitgereedheid: leveranciers x 1 dag / 1 week / 1 maand",
		"Print the version, commit, Go and Temporal server and SDK versions":                                      "Toon de versie, commit, en de versies van Go en van de Temporal-server en -SDK",
		"Rebuild a finished drill's evidence bundle from the server":                                              "Bouw de bewijsbundel van een afgelopen oefening opnieuw op uit de server",
		"Record a drill's after-action review and its action items, as a signed addendum to its evidence":         "Leg de evaluatie achteraf van een oefening en haar acties vast, als ondertekend addendum bij haar bewijs",
		"Record the outcome of a manual step that waits for you":                                                  "Leg de uitkomst vast van een handmatige stap die op u wacht",
		"Render the report of an evidence bundle again, in any format":                                            "Maak het rapport van een bewijsbundel opnieuw, in elk formaat",
		"Repeat drills on a calendar (Temporal Schedules)":                                                        "Herhaal oefeningen volgens een kalender (Temporal Schedules)",
		"Run a drill as a durable workflow and print the verdict per process":                                     "Voer een oefening uit als duurzame workflow en toon het oordeel per proces",
		"Run a worker that executes drills, against any Temporal server":                                          "Draai een worker die oefeningen uitvoert, tegen elke Temporal-server",
		"Run the embedded Temporal server and a worker (and with --ui its Web UI) in the foreground":              "Draai de ingebouwde Temporal-server en een worker (en met --ui zijn Web UI) op de voorgrond",
		"Send one test message to a role's contacts through every channel that reaches them":                      "Stuur één testbericht aan de contactpersonen van een rol via elk kanaal dat hen bereikt",
		"Serve the web console for continuity managers, operators and management":                                 "Bied de webconsole aan voor continuïteitsmanagers, operators en management",
		"Show a drill's progress, or its verdicts once finished; without DRILL, list drills":                      "Toon de voortgang van een oefening, of haar oordelen als ze afgelopen is; zonder OEFENING de lijst van oefeningen",
		"Show exit readiness: what drills proved vs what is only on paper, with scores":                           "Toon de bewezen exitgereedheid: wat oefeningen aantoonden tegenover wat alleen op papier staat, met scores",
		"Show the concentration view: what depends on each supplier":                                              "Toon de concentratie: wat van elke leverancier afhangt",
		"Show what got better or worse between two drills":                                                        "Toon wat tussen twee oefeningen beter of slechter werd",
		"Start a schedule's drill now and print its id":                                                           "Start de oefening van een planning nu en toon haar id",
		"Stop a drill: running steps are cancelled, rollback steps run":                                           "Stop een oefening: lopende stappen worden geannuleerd, terugdraaistappen lopen",
		"The action items of the drills' after-action reviews":                                                    "De acties uit de evaluaties achteraf van de oefeningen",
		"Write a large valid catalog shaped like the source report's city":                                        "Schrijf een grote geldige catalogus naar het model van de stad uit het bronrapport",
		"Write the exit-readiness view as a spreadsheet":                                                          "Schrijf de exitgereedheid als spreadsheet",
		"Write what verified drills proved back into the registers people keep":                                   "Schrijf wat geverifieerde oefeningen aantoonden terug in de registers die men bijhoudt",
	} {
		dutch[en] = nl
	}
	// The root's long text, with the exit codes.
	dutch[`exitdrill reads a business-impact catalog (processes -> applications -> suppliers,
with RTO, RPO and MTPD), an outage scenario and runbooks, runs the drill, and writes
recovery-time evidence.

Exit codes: 0 ok; 1 error; 2 usage error or invalid input; 3 the drill ran and
objectives were missed; 130 interrupted.`] = `exitdrill leest een catalogus van de bedrijfsimpact (processen -> applicaties -> leveranciers,
met RTO, RPO en MTPD), een uitvalscenario en draaiboeken, voert de oefening uit en schrijft
bewijs van de herstelduur.

Exitcodes: 0 ok; 1 fout; 2 gebruiksfout of ongeldige invoer; 3 de oefening is uitgevoerd
en doelstellingen zijn gemist; 130 onderbroken.`
}
