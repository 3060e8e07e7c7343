package lang

// The CLI's own errors around starting, following and judging a drill (the
// engine, the drill's id, the output flags, --fail-on) as the CLI prints
// them with --lang nl. Names, ids, paths and addresses stay as they are;
// what a server or Go said after them ({reason}) stays as it was written
// unless these tables know it.
func init() {
	for en, nl := range map[string]string{
		"give DRILL or --latest, not both": "geef OEFENING of --latest, niet beide",
		"that step ends":                   "die stap eindigt",
		"those steps end":                  "die stappen eindigen",
		"--ephemeral starts an in-memory server and --address names an existing one: give one of them":                          "--ephemeral start een server in het geheugen en --address noemt een bestaande: geef een van beide",
		"--detach needs a server that outlives this command: start `exitdrill server` on the state directory, or use --address": "--detach heeft een server nodig die langer leeft dan deze opdracht: start `exitdrill server` op de statusmap, of gebruik --address",
		"--time-scale 0: the time scale must be positive, for example 720 or 86400":                                             "--time-scale 0: de tijdschaal moet positief zijn, bijvoorbeeld 720 of 86400",
		"--fail-on judges one finished drill: name it, exitdrill status DRILL --fail-on ...":                                    "--fail-on beoordeelt één afgelopen oefening: noem haar, exitdrill status OEFENING --fail-on ...",
		"--format pdf writes a binary file: give -o FILE.pdf":                                                                   "--format pdf schrijft een binair bestand: geef -o BESTAND.pdf",
		"nobody to record as the actor: no --actor, $EXITDRILL_ACTOR, OS account name, $USER or $LOGNAME; pass --actor NAME":    "niemand om als uitvoerder vast te leggen: geen --actor, $EXITDRILL_ACTOR, accountnaam van het besturingssysteem, $USER of $LOGNAME; geef --actor NAAM",
		"no worker polls the task queue":                             "geen worker haalt werk op uit de taakwachtrij",
		"no running drill of that id (unknown, or already finished)": "geen lopende oefening met dat id (onbekend, of al afgelopen)",
		"the drill has ended: observations are added while it runs; record what you saw in the after-action review (exitdrill review)":                   "de oefening is afgelopen: waarnemingen worden toegevoegd terwijl ze loopt; leg wat u zag vast in de evaluatie achteraf (exitdrill review)",
		"this exitdrill binary does not hold the embedded Temporal server: run the command with exitdrill-engine, which does":                            "dit exitdrill-programma bevat de ingebouwde Temporal-server niet: voer de opdracht uit met exitdrill-engine, dat hem wel bevat",
		"nothing to record: give --went-well, --did-not-go-well, --lesson, --action, --done or --file":                                                   "niets vast te leggen: geef --went-well, --did-not-go-well, --lesson, --action, --done of --file",
		"an embedded server beyond loopback requires mutual TLS: a server certificate and key, the CA of the clients' certificates and the role of each": "een ingebouwde server buiten loopback vereist wederzijdse TLS: een servercertificaat en sleutel, de CA van de certificaten van de clients en de rol van elk",
	} {
		dutch[en] = nl
	}
	for en, nl := range map[string]string{
		// the engine
		"temporal server at {a} did not answer within {b}: {reason}":                                            "de Temporal-server op {a} antwoordde niet binnen {b}: {reason}",
		"namespace {a} at {b}: {reason}":                                                                        "namespace {a} op {b}: {reason}",
		"state directory {a} is in use by {b} at {c}: stop it or choose another --state-dir":                    "statusmap {a} is in gebruik door {b} op {c}: stop die of kies een andere --state-dir",
		"state directory {a} is still held by {b} after {c}: try again when it has ended":                       "statusmap {a} is na {c} nog in handen van {b}: probeer het opnieuw als die klaar is",
		"state directory {a} is locked by another process that does not say where its server listens (see {b})": "statusmap {a} is vergrendeld door een ander proces dat niet zegt waar zijn server luistert (zie {b})",
		"state directory {a} is in use by {b}, whose own embedded server holds it until that command ends: stop it (a drill it runs is kept and goes on under the server) or let it finish, then start the server; or choose another --state-dir": "statusmap {a} is in gebruik door {b}, waarvan de eigen ingebouwde server haar vasthoudt tot die opdracht klaar is: stop die (een oefening die ze uitvoert blijft bewaard en gaat verder onder de server) of laat haar afmaken en start dan de server; of kies een andere --state-dir",
		"state directory {a} is in use by {b}, whose embedded server stops when that command ends: to run both, start `exitdrill server --state-dir {c}` and then the commands, which use it; or let pid {d} finish":                              "statusmap {a} is in gebruik door {b}, waarvan de ingebouwde server stopt als die opdracht klaar is: om beide te draaien, start `exitdrill server --state-dir {c}` en daarna de opdrachten, die hem gebruiken; of laat pid {d} afmaken",
		"use the server of {a} holding {b}: {reason}": "de server gebruiken van {a}, dat {b} in handen heeft: {reason}",
		"start embedded temporal server: {reason}":    "ingebouwde Temporal-server starten: {reason}",
		"listening on {a}: {reason}":                  "luisteren op {a}: {reason}",
		"gRPC port {a} on {b} is not free: {reason}":  "gRPC-poort {a} op {b} is niet vrij: {reason}",
		"{a} needs the embedded Temporal server, which is in {b} beside this binary or on PATH (set {c} to name it; make build and make release build both): {reason}": "{a} heeft de ingebouwde Temporal-server nodig, die in {b} naast dit programma of op PATH staat (zet {c} om het te noemen; make build en make release bouwen beide): {reason}",

		// starting and finding a drill
		"start drill {a}: {reason}": "oefening {a} starten: {reason}",
		"drill {a} is too large to run as one drill: its input is {b} as Temporal stores it (plan, definitions and shipped files, compressed) and the summaries of its {c} processes need about {d} more ({e} bytes a process), {f} in all, over Temporal's payload limit of {g}; the server would end the drill when it writes its evidence. Drill fewer processes at once: lose fewer suppliers in one scenario, or split the catalog": "oefening {a} is te groot om als één oefening te draaien: haar invoer is {b} zoals Temporal die opslaat (plan, definities en meegestuurde bestanden, gecomprimeerd) en de samenvattingen van haar {c} processen vragen ongeveer {d} meer ({e} bytes per proces), samen {f}, boven de payloadgrens van Temporal van {g}; de server zou de oefening beëindigen als ze haar bewijs schrijft. Oefen minder processen tegelijk: laat in één scenario minder leveranciers uitvallen, of splits de catalogus",
		"evidence bundle {a} already exists: a bundle is never overwritten; give the drill another id (--id) or another -o/--output":                      "bewijsbundel {a} bestaat al: een bundel wordt nooit overschreven; geef de oefening een ander id (--id) of een andere -o/--output",
		"preflight of drill {a}: no worker of task queue {b} answered within {c} (is `exitdrill worker` or `exitdrill server` running, of this version?)": "voorcontrole van oefening {a}: geen worker van taakwachtrij {b} antwoordde binnen {c} (draait `exitdrill worker` of `exitdrill server`, van deze versie?)",
		"preflight of drill {a}: {reason}": "voorcontrole van oefening {a}: {reason}",
		"no worker polls the task queue {a}: is `exitdrill worker` or `exitdrill server` running, on this server and namespace?":                                                        "geen worker haalt werk op uit taakwachtrij {a}: draait `exitdrill worker` of `exitdrill server`, op deze server en namespace?",
		"preflight: {a} of {b} steps cannot be attempted on this worker: nothing was started (fix the worker, or start the drill anyway with --allow-inconclusive: {why} inconclusive)": "voorcontrole: {a} van {b} stappen kunnen op deze worker niet worden geprobeerd: er is niets gestart (herstel de worker, of start de oefening toch met --allow-inconclusive: {why} onbeslist)",
		"preflight: {a} of 1 step cannot be attempted on this worker: nothing was started (fix the worker, or start the drill anyway with --allow-inconclusive: {why} inconclusive)":    "voorcontrole: {a} van 1 stap kan op deze worker niet worden geprobeerd: er is niets gestart (herstel de worker, of start de oefening toch met --allow-inconclusive: {why} onbeslist)",
		"not enough space for the drill's evidence: {a} has {b} MB free, a drill needs at least {c} MB; free some space and start it again":                                             "niet genoeg ruimte voor het bewijs van de oefening: {a} heeft {b} MB vrij, een oefening heeft minstens {c} MB nodig; maak ruimte vrij en start haar opnieuw",
		"the state directory's disk is full: {a} has {b} MB free, the server needs {c} MB to record a drill; free some space and start it again":                                        "de schijf van de statusmap is vol: {a} heeft {b} MB vrij, de server heeft {c} MB nodig om een oefening vast te leggen; maak ruimte vrij en start haar opnieuw",
		"--latest: no drill on {a} yet":                                                           "--latest: nog geen oefening op {a}",
		"no drill {val} on {a}: no drill id is or starts with it (exitdrill list)":                "geen oefening {val} op {a}: geen id van een oefening is of begint met die tekst (exitdrill list)",
		"no drill {val} on {a}: {reason}":                                                         "geen oefening {val} op {a}: {reason}",
		"drill {val}: not a drill id; allowed: a drill id or its beginning (exitdrill list)":      "oefening {val}: geen id van een oefening; toegestaan: een id van een oefening of het begin ervan",
		"query drill {a}: {reason} (is a worker running? exitdrill worker)":                       "oefening {a} bevragen: {reason} (draait er een worker? exitdrill worker)",
		"drill {a} ended {b}: {reason}":                                                           "oefening {a} eindigde {b}: {reason}",
		"drill {a} is still running: its evidence is written when it ends (exitdrill status {b})": "oefening {a} loopt nog: haar bewijs wordt geschreven als ze eindigt (exitdrill status {b})",
		"drill {a} ran, but its evidence bundle was not written: {reason}":                        "oefening {a} is uitgevoerd, maar haar bewijsbundel is niet geschreven: {reason}",
		"abort {a}: {reason}":                               "afbreken van {a}: {reason}",
		"{a} has not finished within {b}: {reason}":         "{a} is niet binnen {b} afgelopen: {reason}",
		"no step {val} waits in drill {a} ({b})":            "geen stap {val} wacht in oefening {a} ({b})",
		"complete {a}: drill {b} runs no process {c} ({d})": "{a} afronden: oefening {b} voert geen proces {c} uit ({d})",
		"complete {a}: {reason}":                            "{a} afronden: {reason}",
		"observe drill {a}: {reason}":                       "waarneming bij oefening {a}: {reason}",
		"acknowledge inject {a} of drill {b}: {reason}":     "inject {a} van oefening {b} bevestigen: {reason}",
		"no such process in the drill":                      "geen zulk proces in de oefening",

		// judging a drill (--fail-on)
		"drill {a} was aborted before any process was judged":        "oefening {a} is afgebroken voordat een proces beoordeeld was",
		"drill {a} was aborted: objectives missed for {why}":         "oefening {a} is afgebroken: doelstellingen gemist voor {why}",
		"drill {a}: objectives missed for {why}":                     "oefening {a}: doelstellingen gemist voor {why}",
		"drill {a}: inconclusive for {why} (--fail-on inconclusive)": "oefening {a}: onbeslist voor {why} (--fail-on inconclusive)",
		"drill {a}: unproven for {why} (--fail-on unproven)":         "oefening {a}: niet aangetoond voor {why} (--fail-on unproven)",
		"drill {a}: inconclusive for {why}: steps could not be attempted on the worker, which says nothing about the supplier's loss; fix the worker and run the drill again":                   "oefening {a}: onbeslist voor {why}: stappen konden op de worker niet worden geprobeerd, wat niets zegt over het verlies van de leverancier; herstel de worker en voer de oefening opnieuw uit",
		"drill {a}: unproven for {why}: their runbooks leave a lost application uncovered, so nothing shows that it comes back; cover it (exitdrill impact lists them) and run the drill again": "oefening {a}: niet aangetoond voor {why}: hun draaiboeken laten een verloren applicatie ongedekt, dus niets laat zien dat ze terugkomt; dek haar (exitdrill impact noemt ze) en voer de oefening opnieuw uit",
		"{a} processes: {list}": "{a} processen: {list}",
		"1 process: {list}":     "1 proces: {list}",
		"{why} (not critical)":  "{why} (niet kritiek)",
		"--fail-on {val}: unknown; allowed: critical, missed, inconclusive, unproven": "--fail-on {val}: onbekend; toegestaan: critical, missed, inconclusive, unproven",
		"--fail-on is empty; allowed: critical, missed, inconclusive, unproven":       "--fail-on is leeg; toegestaan: critical, missed, inconclusive, unproven",

		// the output flags
		"--format {val}: allowed are text and json":                    "--format {val}: toegestaan zijn text en json",
		"--output {val}: allowed are text and json":                    "--output {val}: toegestaan zijn text en json",
		"--format {val} and --output {b} disagree: give --format only": "--format {val} en --output {b} spreken elkaar tegen: geef alleen --format",
		"{flag} {val}: allowed are {b}":                                "{flag} {val}: toegestaan zijn {b}",
		"bundle {a}: not a directory":                                  "bundel {a}: geen map",
		"bundle {a}: {reason}":                                         "bundel {a}: {reason}",
		"{a}: not a bundle directory":                                  "{a}: geen bundelmap",
		"no library scenario {val} (allowed: {b})":                     "geen scenario {val} in de bibliotheek (toegestaan: {b})",
	} {
		fillTemplates[en] = nl
	}
}
