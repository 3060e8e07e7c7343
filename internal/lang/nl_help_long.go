package lang

// The long help texts (cobra Long) of exitdrill's commands with --lang nl,
// keyed by the English text as the command defines it. A command not here
// shows its short text and where to read the English one (internal/cli helpIn).
func init() {
	// exitdrill run
	dutch[`Run validates the catalog and scenario (and starts nothing when they are invalid),
plans the drill, has a worker examine every automated step without performing
it (the preflight: tools installed, executables found, declared variables set,
files readable; refused with exit 2 when a step cannot be attempted there,
unless --allow-inconclusive), and starts the drill as a Temporal workflow: on the exitdrill server
running on the state directory, on an existing cluster (--address), or on an
embedded server started for this command. Progress is streamed; the command ends
with the verdict per impacted process. The evidence records who started the
drill (--actor, default $EXITDRILL_ACTOR, else the OS account: its name, then
$USER, then $LOGNAME; refused with exit 2 when none is known) and why (--note).

Exit codes:
  0  the drill ran and no critical process missed its objectives (a
     non-critical process that missed them is reported on stderr)
  1  error (the server or the worker failed)
  2  usage error or invalid input, or the preflight found steps the worker
     cannot attempt: nothing was started
  3  the drill ran and a critical process missed its objectives (late,
     breached, aborted, or data older than its RPO), or the drill was aborted;
     --fail-on missed: any process that missed them
  4  the drill ran and missed nothing it could show, but some processes are
     inconclusive (steps the worker could not attempt)
  130 interrupted
A process is critical unless the catalog says critical: false.

Interrupting the command does not stop the drill on a server that keeps
running: see exitdrill status, exitdrill abort.`] = `Run valideert de catalogus en het scenario (en start niets als die ongeldig zijn),
plant de oefening, laat een worker elke geautomatiseerde stap onderzoeken zonder
die uit te voeren (de voorcontrole: programma's geïnstalleerd, uitvoerbare bestanden
gevonden, gedeclareerde variabelen gezet, bestanden leesbaar; geweigerd met exit 2
als een stap daar niet kan worden geprobeerd, tenzij --allow-inconclusive), en start
de oefening als Temporal-workflow: op de exitdrill server die op de statusmap draait,
op een bestaand cluster (--address), of op een ingebouwde server die voor deze
opdracht wordt gestart. De voortgang wordt getoond; de opdracht eindigt met het
oordeel per getroffen proces. Het bewijs legt vast wie de oefening startte (--actor,
standaard $EXITDRILL_ACTOR, anders het OS-account: de naam ervan, dan $USER, dan
$LOGNAME; geweigerd met exit 2 als er geen bekend is) en waarom (--note).

Exitcodes:
  0  de oefening is gedraaid en geen kritiek proces miste zijn doelstellingen (een
     niet-kritiek proces dat ze miste wordt op stderr gemeld)
  1  fout (de server of de worker faalde)
  2  gebruiksfout of ongeldige invoer, of de voorcontrole vond stappen die de
     worker niet kan proberen: er is niets gestart
  3  de oefening is gedraaid en een kritiek proces miste zijn doelstellingen (te
     laat, doorbroken, afgebroken, of gegevens ouder dan zijn RPO), of de oefening
     is afgebroken; --fail-on missed: elk proces dat ze miste
  4  de oefening is gedraaid en miste niets wat ze kon tonen, maar sommige
     processen zijn onbeslist (stappen die de worker niet kon proberen)
  130 onderbroken
Een proces is kritiek tenzij de catalogus critical: false zegt.

Het onderbreken van de opdracht stopt de oefening niet op een server die blijft
draaien: zie exitdrill status, exitdrill abort.`
	// exitdrill status
	dutch[`Status shows a running drill's progress, or a finished drill's verdict per
process and exits as exitdrill run did: 3 when a critical process missed its
objectives or the drill was aborted (--fail-on missed: any process), else 0.
DRILL is a drill id or a unique prefix of one; --latest is the drill started
last. Without either it lists drills.`] = `Status toont de voortgang van een lopende oefening, of het oordeel per proces van
een afgeronde oefening, en eindigt zoals exitdrill run: 3 als een kritiek proces
zijn doelstellingen miste of de oefening is afgebroken (--fail-on missed: elk
proces), anders 0. DRILL is het id van een oefening of een uniek begin ervan;
--latest is de laatst gestarte oefening. Zonder een van beide toont ze de lijst
van oefeningen.`
	// exitdrill impact
	dutch[`Impact lists only the processes the scenario's supplier loss hits, each with the
dependency path that hits it (process -> application -> supplier -> subprocessor),
its objectives, what the outage duration means against them, and which of its
backups and alternatives are themselves held by a lost supplier and so useless.
Nothing is contacted: this is analysis of the catalog alone.`] = `Impact toont alleen de processen die het verlies van leveranciers in het scenario
raakt, elk met het afhankelijkheidspad dat het raakt (proces -> applicatie ->
leverancier -> subverwerker), zijn doelstellingen, wat de duur van de uitval
daartegenover betekent, en welke van zijn back-ups en alternatieven zelf bij een
verloren leverancier liggen en dus niets waard zijn.
Er wordt niets benaderd: dit is een analyse van alleen de catalogus.`
	// exitdrill validate
	dutch[`Validate reads every *.yaml and *.yml file under the given files and directories,
merges the Catalog documents, collects Runbook and Scenario documents, and checks
them together: formats, references, cycles, objectives and referenced files.
Every problem is reported at once with file:line:column. Exit code 0 when valid,
2 when not. A path may be github:OWNER/REPO/PATH@REF: the directory holding PATH
is read from the repository at that branch, tag or commit.`] = `Validate leest elk *.yaml- en *.yml-bestand onder de gegeven bestanden en mappen,
voegt de Catalog-documenten samen, verzamelt de Runbook- en Scenario-documenten
(draaiboeken en scenario's) en controleert ze samen: formaten, verwijzingen,
cycli, doelstellingen en de bestanden waarnaar wordt verwezen. Elk probleem wordt
in één keer gemeld met bestand:regel:kolom. Exitcode 0 als alles geldig is, 2 als
niet. Een pad mag github:OWNER/REPO/PATH@REF zijn: de map met PATH wordt gelezen
uit de repository op die branch, tag of commit.`
	// exitdrill import
	dutch[`Import reads the files people already keep and writes a catalog directory
(suppliers.yaml, applications.yaml, processes.yaml), each record with a comment
naming the file, sheet and row it came from. Presets read a CMDB export
(cmdb-csv) or the DORA register of information (dora-roi); a mapping file
says which sheet and column of any CSV or XLSX file is which key.

A problem in the files is reported with its file!sheet!cell, and then nothing
is written (exit 2). What the source lacks — an MTPD or an owner in the
register — is written as a placeholder that validate names.

Importing again into the same directory merges: the records and keys the
last import wrote are updated (recorded in DIR/.exitdrill-import.json), and
everything people added by hand — backups, runbooks, exit plans, records of
their own — is kept. --dry-run prints what would change.`] = `Import leest de bestanden die mensen al bijhouden en schrijft een catalogusmap
(suppliers.yaml, applications.yaml, processes.yaml), elk record met een
opmerking die het bestand, het werkblad en de rij noemt waar het vandaan komt.
Presets lezen een CMDB-export (cmdb-csv) of het DORA-informatieregister
(dora-roi); een mappingbestand zegt welk werkblad en welke kolom van een CSV- of
XLSX-bestand welke sleutel is.

Een probleem in de bestanden wordt gemeld met zijn bestand!werkblad!cel, en dan
wordt er niets geschreven (exit 2). Wat de bron mist — een maximale tolereerbare
uitvaltijd of een eigenaar in het register — wordt geschreven als een
plaatshouder die validate noemt.

Opnieuw importeren in dezelfde map voegt samen: de records en sleutels die de
vorige import schreef worden bijgewerkt (vastgelegd in DIR/.exitdrill-import.json),
en alles wat mensen met de hand toevoegden — back-ups, draaiboeken, exitplannen,
eigen records — blijft behouden. --dry-run toont wat er zou veranderen.`
	// exitdrill export roi
	dutch[`Export roi writes a row of B_07.01 (assessment of the ICT services) for every
arrangement and type of ICT service that exitdrill import --preset dora-roi
made an application of, with the columns a drill can answer:

  c0080  existence of an exit plan: yes (eba_BT:x28) when an exitplan.current
         check of the application passed
  c0110  alternative providers identified: yes when a hosting check of one of
         its alternatives passed; c0120 names their suppliers

and, beyond the register's columns, when the exit plan was tested (an
exitplan.export check passed: its data came out and was read), when an
alternative was tested, the date of the last test, and the drills that
proved it. A column no drill proved is left empty: the register keeps what it
says. Only bundles that verify (hash chain, manifest, signature) and are
signed by a trusted key count, as for readiness; aborted drills and drills of
another organisation prove nothing.`] = `Export roi schrijft een rij van B_07.01 (beoordeling van de ICT-diensten) voor
elke overeenkomst en elk type ICT-dienst waarvan exitdrill import --preset dora-roi
een applicatie maakte, met de kolommen die een oefening kan beantwoorden:

  c0080  bestaan van een exitplan: ja (eba_BT:x28) als een exitplan.current-
         controle van de applicatie slaagde
  c0110  alternatieve aanbieders geïdentificeerd: ja als een hosting-controle van
         een van haar alternatieven slaagde; c0120 noemt hun leveranciers

en, naast de kolommen van het register, wanneer het exitplan is getest (een
exitplan.export-controle slaagde: de gegevens kwamen eruit en zijn gelezen),
wanneer een alternatief is getest, de datum van de laatste test, en de oefeningen
die het bewezen. Een kolom die geen oefening bewees blijft leeg: het register
houdt wat het zegt. Alleen bundels die verifiëren (hashketen, manifest,
handtekening) en ondertekend zijn met een vertrouwde sleutel tellen, zoals bij
readiness; afgebroken oefeningen en oefeningen van een andere organisatie
bewijzen niets.`
	// exitdrill export readiness
	dutch[`Export readiness writes what exitdrill readiness shows as an Excel workbook,
judged by the same rules from the same verified bundles: a sheet Matrix (a
row per supplier: its score and, per outage of 1 day, 1 week and 1 month, the
cell's state and the critical processes proven, failed, to re-test and only on
paper), Processes (score, last drilled, needs re-test, proof), Evidence (per
process, supplier and duration the drill that decides it and why), Not
counted (bundles that do not count, with the reason) and Rules. Scores are
numbers and dates are dates; each sheet has a filter on its header row.`] = `Export readiness schrijft wat exitdrill readiness toont als Excel-werkmap,
beoordeeld volgens dezelfde regels uit dezelfde geverifieerde bundels: een werkblad
Matrix (een rij per leverancier: de score en, per uitval van 1 dag, 1 week en
1 maand, de toestand van de cel en de kritieke processen bewezen, gefaald, opnieuw
te testen en alleen op papier), Processes (score, laatst geoefend, opnieuw te
testen, bewijs), Evidence (per proces, leverancier en duur de oefening die het
beslist en waarom), Not counted (bundels die niet meetellen, met de reden) en
Rules. Scores zijn getallen en datums zijn datums; elk werkblad heeft een filter
op de kopregel.`
	// exitdrill readiness
	dutch[`Readiness prints the exit-readiness matrix (suppliers x 1 day / 1 week / 1 month)
with each cell split into the critical processes a verified drill proved
recovered within their MTPD, those a drill showed failing, those needing a
re-test because their catalog entry or runbook changed since, and those only on
paper; and a readiness score (0-100) per supplier and process, which decays
when a process has not been drilled for 90 days (formula in the README).

A drill proves a cell only for outages up to its own duration; live drills
prove in full, compressed drills the automated part only, tabletop drills the
plan only; aborted drills prove nothing and erase nothing. Per process,
supplier and duration the latest valid drill that took that supplier down for
at least that long counts, a compressed drill never overriding a live or
tabletop one. Every cell says why it is what it is and which bundle decides it.

Every bundle under --reports is verified (hash chain, manifest, signature) and
counts only when signed by a trusted key: the one given with --pub, else those
of --trusted-keys, else the state directory's own signing key. A bundle that
fails, is unsigned or is signed by another key is listed as not counted, with
the reason: a forged bundle cannot raise readiness.

--format html is a self-contained page with the cells in colour, for
management; -o FILE writes to a file (whole or not at all) instead of stdout.`] = `Readiness toont de exitgereedheidsmatrix (leveranciers x 1 dag / 1 week / 1 maand)
met elke cel verdeeld in de kritieke processen waarvan een geverifieerde oefening
bewees dat ze binnen hun maximale tolereerbare uitvaltijd hersteld waren, die
waarvan een oefening liet zien dat ze falen, die die opnieuw getest moeten worden
omdat hun catalogusgegevens of draaiboek sindsdien veranderden, en die die alleen
op papier staan; en een gereedheidsscore (0-100) per leverancier en proces, die
afneemt als een proces 90 dagen niet is geoefend (de formule staat in de README).

Een oefening bewijst een cel alleen voor uitval tot haar eigen duur; live
oefeningen bewijzen volledig, versnelde oefeningen alleen het geautomatiseerde
deel, tabletop-oefeningen alleen het plan; afgebroken oefeningen bewijzen niets
en wissen niets uit. Per proces, leverancier en duur telt de laatste geldige
oefening die die leverancier minstens zo lang liet uitvallen, waarbij een
versnelde oefening nooit een live of tabletop-oefening opzij zet. Elke cel zegt
waarom ze is wat ze is en welke bundel dat beslist.

Elke bundel onder --reports wordt geverifieerd (hashketen, manifest, handtekening)
en telt alleen als ze ondertekend is met een vertrouwde sleutel: die gegeven met
--pub, anders die van --trusted-keys, anders de eigen ondertekeningssleutel van de
statusmap. Een bundel die faalt, niet ondertekend is of met een andere sleutel is
ondertekend wordt getoond als niet meegeteld, met de reden: een vervalste bundel
kan de gereedheid niet verhogen.

--format html is een op zichzelf staande pagina met de cellen in kleur, voor het
management; -o FILE schrijft naar een bestand (helemaal of helemaal niet) in
plaats van naar stdout.`
	// exitdrill verify
	dutch[`Verify checks an evidence bundle directory: every file is listed in the manifest
with its SHA-256, nothing was added or removed, the journal's hash chain is whole
(no event changed, removed, reordered or added), and the signature matches the
manifest. It always prints the signer and its fingerprint. The signer must be
trusted: the key given with --pub, else one of --trusted-keys, else the state
directory's own signing key (the key drills on this machine sign with).

Exit codes: 0 sound and signed by a trusted key; 1 the bundle was changed (the
first bad event or file is named), is unsigned (unless --allow-unsigned) or is
signed by a key that is not trusted (unless --any-key); 2 usage error.

A bundle with an after-action review (BUNDLE.review, see exitdrill review) has
the review verified too, revision by revision: each is whole and signed, names
this bundle's manifest and signature, and the revision before. Giving the
review directory verifies it and the bundle it belongs to. A changed review or
a broken link exits 1.`] = `Verify controleert de map van een bewijsbundel: elk bestand staat in het manifest
met zijn SHA-256, er is niets toegevoegd of verwijderd, de hashketen van het
journaal is heel (geen gebeurtenis gewijzigd, verwijderd, van volgorde veranderd of
toegevoegd), en de handtekening past bij het manifest. Ze toont altijd de
ondertekenaar en diens vingerafdruk. De ondertekenaar moet vertrouwd zijn: de
sleutel gegeven met --pub, anders een van --trusted-keys, anders de eigen
ondertekeningssleutel van de statusmap (de sleutel waarmee oefeningen op deze
machine ondertekenen).

Exitcodes: 0 in orde en ondertekend met een vertrouwde sleutel; 1 de bundel is
gewijzigd (de eerste foute gebeurtenis of het eerste foute bestand wordt genoemd),
is niet ondertekend (tenzij --allow-unsigned) of is ondertekend met een sleutel die
niet wordt vertrouwd (tenzij --any-key); 2 gebruiksfout.

Van een bundel met een evaluatie na afloop (BUNDLE.review, zie exitdrill review)
wordt ook de evaluatie geverifieerd, revisie voor revisie: elke revisie is heel en
ondertekend, en noemt het manifest en de handtekening van deze bundel en de revisie
ervoor. Het geven van de evaluatiemap verifieert die en de bundel waar ze bij
hoort. Een gewijzigde evaluatie of een gebroken schakel geeft exit 1.`
	// exitdrill report
	dutch[`Report rebuilds the evidence bundle of a finished drill from its workflow history
on the server: the same journal, definitions, artifacts and reports the drill
wrote at its end, signed with --signing-key. Use it when the worker that ran the
drill is on another machine, or when the bundle was lost. With the same key the
rebuilt bundle is byte for byte the one the drill wrote. DRILL is a drill id
or a unique prefix of one; --latest is the drill started last.`] = `Report bouwt de bewijsbundel van een afgeronde oefening opnieuw op uit haar
workflowgeschiedenis op de server: hetzelfde journaal, dezelfde definities,
artefacten en rapporten die de oefening aan haar eind schreef, ondertekend met
--signing-key. Gebruik het als de worker die de oefening draaide op een andere
machine staat, of als de bundel verloren is gegaan. Met dezelfde sleutel is de
herbouwde bundel byte voor byte die welke de oefening schreef. DRILL is het id
van een oefening of een uniek begin ervan; --latest is de laatst gestarte oefening.`
	// exitdrill diff
	dutch[`Diff compares two evidence bundle directories: per process the verdict, the
recovery time, data loss and score (better, worse, the same, added, removed),
and the findings that are new, resolved or still open (matched by their
fingerprint). A recovery time counts as better or worse only when it moved
by more than the tolerance: by default the larger of 10 % of the old time and
5 minutes, so that timing jitter is no change; --tolerance 10%, 15m or both
(10%,15m: the larger wins) sets it, and a process whose recovery moved within
it says "within tolerance (±X)".

Every format opens with what makes the drills not comparable like for like
(JSON: "warnings", a list of {kind, text, old, new, items}): different
scenarios, outage lengths or modes; catalog, scenario or runbook definitions
that differ (by the hashes the bundles record); definitions from another
commit; one bundle unsigned, or the two signed by different keys.

--format html is one self-contained page (no external
resources, no script) in the style of the HTML report; -o FILE writes it to a
file (whole or not at all) instead of stdout. It exits 0 whatever changed.

It verifies both bundles first, as exitdrill verify does (hash chain,
manifest, signature; with --pub, signed by that key, and an unsigned bundle
refused). A bundle that fails is refused: exit 1, with
"BUNDLE: NOT VERIFIED: WHERE: WHAT". With --unverified the drills are
compared anyway and every format says which bundle is NOT VERIFIED (text,
Markdown and html open with it; json has "notVerified" on old or new).`] = `Diff vergelijkt twee mappen van bewijsbundels: per proces het oordeel, de
herstelduur, het gegevensverlies en de score (beter, slechter, gelijk, toegevoegd,
verwijderd), en de bevindingen die nieuw, opgelost of nog open zijn (gekoppeld op
hun vingerafdruk). Een herstelduur telt alleen als beter of slechter als ze meer
verschoof dan de tolerantie: standaard de grootste van 10 % van de oude duur en
5 minuten, zodat schommelingen in de tijd geen verandering zijn; --tolerance 10%,
15m of beide (10%,15m: de grootste wint) stelt die in, en een proces waarvan de
herstelduur daarbinnen verschoof zegt "binnen de tolerantie (±X)".

Elk formaat begint met wat de oefeningen niet een-op-een vergelijkbaar maakt
(JSON: "warnings", een lijst van {kind, text, old, new, items}): andere
scenario's, uitvalduren of modi; definities van catalogus, scenario of draaiboek
die verschillen (volgens de hashes die de bundels vastleggen); definities uit een
andere commit; één bundel niet ondertekend, of de twee ondertekend met
verschillende sleutels.

--format html is één op zichzelf staande pagina (geen externe bronnen, geen
script) in de stijl van het HTML-rapport; -o FILE schrijft haar naar een bestand
(helemaal of helemaal niet) in plaats van naar stdout. Diff eindigt met 0, wat er
ook veranderde.

Eerst verifieert diff beide bundels, zoals exitdrill verify doet (hashketen,
manifest, handtekening; met --pub ondertekend met die sleutel, en een niet
ondertekende bundel geweigerd). Een bundel die faalt wordt geweigerd: exit 1, met
"BUNDLE: NOT VERIFIED: WHERE: WHAT". Met --unverified worden de oefeningen toch
vergeleken en zegt elk formaat welke bundel NIET GEVERIFIEERD is (tekst, Markdown
en html beginnen ermee; json heeft "notVerified" op old of new).`
	// exitdrill schedule
	dutch[`Schedules start drills on a cron calendar, for example every quarter:

  exitdrill schedule create --catalog examples/voorbeeldstad --scenario microsoft-1-month --cron "0 9 1 */3 *" --tz Europe/Amsterdam
  exitdrill schedule create --catalog examples/voorbeeldstad --scenario microsoft-1-week --preset "first Monday of the quarter at 09:00"

The cron is read in --tz, an IANA time zone name (default: the local zone);
schedule list shows each schedule's zone and next run in it, and the result
of the drill it started last. schedule trigger ID starts its drill now.

A scheduled drill is the same Drill workflow as one started by hand. The plan
(catalog, scenario, runbooks) is resolved when the schedule is created: after
changing the definitions, delete and create the schedule again. The evidence
of a scheduled drill says it was started by "schedule ID (created by NAME)",
NAME being --actor, and records the schedule's --note.`] = `Planningen starten oefeningen volgens een cron-kalender, bijvoorbeeld elk kwartaal:

  exitdrill schedule create --catalog examples/voorbeeldstad --scenario microsoft-1-month --cron "0 9 1 */3 *" --tz Europe/Amsterdam
  exitdrill schedule create --catalog examples/voorbeeldstad --scenario microsoft-1-week --preset "first Monday of the quarter at 09:00"

De cron wordt gelezen in --tz, de naam van een IANA-tijdzone (standaard: de lokale
zone); schedule list toont van elke planning de zone en de volgende keer daarin,
en het resultaat van de oefening die ze het laatst startte. schedule trigger ID
start haar oefening nu.

Een geplande oefening is dezelfde Drill-workflow als een die met de hand is
gestart. Het plan (catalogus, scenario, draaiboeken) wordt vastgesteld als de
planning wordt aangemaakt: verwijder de planning na het wijzigen van de definities
en maak haar opnieuw aan. Het bewijs van een geplande oefening zegt dat ze is
gestart door "schedule ID (created by NAME)", waarbij NAME --actor is, en legt de
--note van de planning vast.`
	// exitdrill worker
	dutch[`Worker runs exitdrill's workflows and step checks on task queue "exitdrill" until
interrupted (Ctrl-C). It connects like every command: --address for an existing
cluster, else the `+"`"+`exitdrill server`+"`"+` on the state directory, else an embedded
server of its own. Run as many as the drills need. A worker started with
--label dc-west also takes the steps pinned to that label (runsOn: dc-west in
a runbook), which only such workers take: restores that must happen in the
alternative data centre. A worker that does not see a step's files (another
machine) runs it on the copy the drill's plan carries, or, for a catalog read
from github:OWNER/REPO/PATH@REF, on the files it fetches from GitHub at the
commit the drill was prepared on (--github-api-url, --token-env); a file it
cannot get with the same bytes makes the step inconclusive.`] = `Worker draait de workflows en stapcontroles van exitdrill op task queue "exitdrill"
tot hij wordt onderbroken (Ctrl-C). Hij verbindt zoals elke opdracht: --address
voor een bestaand cluster, anders de ` + "`" + `exitdrill server` + "`" + ` op de statusmap,
anders een eigen ingebouwde server. Draai er zoveel als de oefeningen nodig hebben.
Een worker gestart met --label dc-west neemt ook de stappen die aan dat label zijn
vastgezet (runsOn: dc-west in een draaiboek), die alleen zulke workers nemen:
herstelacties die in het alternatieve datacenter moeten gebeuren. Een worker die de
bestanden van een stap niet ziet (een andere machine) voert haar uit op de kopie die
het plan van de oefening meedraagt, of, voor een catalogus gelezen uit
github:OWNER/REPO/PATH@REF, op de bestanden die hij van GitHub haalt op de commit
waarop de oefening is voorbereid (--github-api-url, --token-env); een bestand dat
hij niet met dezelfde bytes kan krijgen maakt de stap onbeslist.`
	// exitdrill server
	dutch[`Server runs exitdrill's embedded Temporal server, persisted to a SQLite file in the
state directory, with a worker (and with --ui the Temporal Web UI, on loopback),
until interrupted (Ctrl-C).
It prints its endpoints. Other exitdrill commands on the same state directory use
this server instead of starting their own, so drills started with --detach keep
running, and more workers can join with `+"`"+`exitdrill worker --address ADDR`+"`"+`.
A server started while a short command (list, status) runs its own embedded
server on the state directory waits for it to end. With --ephemeral and
--state-dir the server keeps nothing but its lock in that directory, where the
other commands find it.
Only one server can hold a state directory.`] = `Server draait de ingebouwde Temporal-server van exitdrill, bewaard in een
SQLite-bestand in de statusmap, met een worker (en met --ui de Temporal Web UI, op
loopback), tot hij wordt onderbroken (Ctrl-C).
Hij toont zijn eindpunten. Andere exitdrill-opdrachten op dezelfde statusmap
gebruiken deze server in plaats van een eigen te starten, zodat oefeningen gestart
met --detach blijven lopen, en meer workers kunnen aansluiten met ` + "`" + `exitdrill worker --address ADDR` + "`" + `.
Een server die wordt gestart terwijl een korte opdracht (list, status) haar eigen
ingebouwde server op de statusmap draait, wacht tot die klaar is. Met --ephemeral
en --state-dir bewaart de server niets dan zijn slot in die map, waar de andere
opdrachten hem vinden.
Maar één server tegelijk kan een statusmap houden.`
	// exitdrill console
	dutch[`Console serves the web console on loopback (--listen to change it): readiness,
drills and their live view (continuity managers also start one), the inbox of manual steps, schedules, reports and
the catalog. It talks to the Temporal server as the other commands do (the
exitdrill server on the state directory, --address, or an embedded one). The
console also runs inside exitdrill server, unless --no-console.

The forms that start and schedule drills read the catalog and the scenario as
exitdrill run does, github:OWNER/REPO/PATH@REF included (--github-api-url,
--token-env).

Users sign in from a users file (default STATE-DIR/console-users) holding bcrypt
hashes; add them with exitdrill console adduser. Roles: continuity-manager
(start drills, schedule, abort, emergency stop, and all an operator can), operator (complete
manual steps in the runbook roles given with --step-role), viewer (read).

Cookies are HttpOnly and SameSite=Strict; they are marked Secure when the
console serves HTTPS (--cert/--key) or with --secure behind a TLS proxy. Plain
HTTP on loopback keeps them without Secure, since browsers drop Secure cookies
there.`] = `Console biedt de webconsole aan op loopback (--listen om dat te wijzigen):
gereedheid, oefeningen en hun live weergave (continuïteitsmanagers starten er ook
een), de inbox van handmatige stappen, planningen, rapporten en de catalogus. Ze
praat met de Temporal-server zoals de andere opdrachten (de exitdrill server op de
statusmap, --address, of een ingebouwde). De console draait ook binnen exitdrill
server, tenzij --no-console.

De formulieren die oefeningen starten en plannen lezen de catalogus en het scenario
zoals exitdrill run dat doet, github:OWNER/REPO/PATH@REF inbegrepen
(--github-api-url, --token-env).

Gebruikers melden zich aan uit een gebruikersbestand (standaard
STATE-DIR/console-users) met bcrypt-hashes; voeg ze toe met exitdrill console
adduser. Rollen: continuity-manager (oefeningen starten, plannen, afbreken,
noodstop, en alles wat een operator kan), operator (handmatige stappen afronden in
de rollen van het draaiboek gegeven met --step-role), viewer (lezen).

Cookies zijn HttpOnly en SameSite=Strict; ze krijgen Secure als de console HTTPS
serveert (--cert/--key) of met --secure achter een TLS-proxy. Gewoon HTTP op
loopback houdt ze zonder Secure, omdat browsers daar Secure-cookies laten vallen.`
	// exitdrill abort
	dutch[`Abort stops DRILL (a drill id or a unique prefix of one) or, with --latest, the
drill started last: running steps are cancelled, rollback steps run.`] = `Abort stopt DRILL (het id van een oefening of een uniek begin ervan) of, met
--latest, de laatst gestarte oefening: lopende stappen worden geannuleerd,
terugdraaistappen lopen.`
	// exitdrill ack
	dutch[`Ack records that you received INJECT, a message the drill's scenario sent to
your role at its scenario time, in DRILL (an id or a unique prefix of one)
or, with --latest, in the drill started last. The evidence records who
acknowledged each inject and when, and the injects nobody acknowledged.`] = `Ack legt vast dat je INJECT hebt ontvangen, een bericht dat het scenario van de
oefening op zijn scenariotijd aan jouw rol stuurde, in DRILL (een id of een uniek
begin ervan) of, met --latest, in de laatst gestarte oefening. Het bewijs legt
vast wie elke inject bevestigde en wanneer, en welke injects niemand bevestigde.`
	// exitdrill actions list
	dutch[`List shows the action items of the after-action reviews (exitdrill review) of
the drills under --reports: drill, id, title, owner, due date, the step or finding
it follows from, the process and the suppliers the drill took down, and whether it
is open, overdue (open after its due day) or done. A review that does not verify,
or is signed by a key that is not trusted, is left out and named on stderr.`] = `List toont de acties uit de evaluaties na afloop (exitdrill review) van de
oefeningen onder --reports: oefening, id, titel, eigenaar, uiterste datum, de stap
of bevinding waar de actie uit volgt, het proces en de leveranciers die de oefening
liet uitvallen, en of ze open is, te laat (open na haar uiterste datum) of gedaan.
Een evaluatie die niet verifieert, of die ondertekend is met een sleutel die niet
wordt vertrouwd, wordt weggelaten en op stderr genoemd.`
	// exitdrill cluster init
	dutch[`Init prepares the cluster at --address for exitdrill: it registers the namespace
(--namespace) when it is missing, keeping finished drills for 90 days, and every
Exitdrill* search attribute the namespace lacks. Run it once against your own
cluster or Temporal Cloud (with --tls-cert/--tls-key/--tls-ca or --api-key);
running it again changes nothing and says so. It fails when it may not register
them, where the other commands only warn.`] = `Init bereidt het cluster op --address voor op exitdrill: het registreert de
namespace (--namespace) als die ontbreekt, met afgeronde oefeningen 90 dagen
bewaard, en elk Exitdrill*-zoekattribuut dat de namespace mist. Draai het één
keer tegen je eigen cluster of Temporal Cloud (met --tls-cert/--tls-key/--tls-ca
of --api-key); opnieuw draaien verandert niets en zegt dat. Het faalt als het ze
niet mag registreren, waar de andere opdrachten alleen waarschuwen.`
	// exitdrill gen catalog
	dutch[`Catalog writes a deterministic, valid catalog for scale tests: about half the
applications SaaS (at vendors running on hyperscalers), a tenth each at a hosting
provider and on a cloud platform, the rest workplace applications; backups held
by various suppliers, alternatives, dependencies on an identity provider and
shared platforms, processes with objectives, and a runbook per process. The
files (suppliers.yaml, applications-NNN.yaml, processes-NNN.yaml,
runbooks-NNN.yaml) are each written to a temporary name and then renamed, so
no file is ever half-written.`] = `Catalog schrijft een deterministische, geldige catalogus voor schaaltests: ongeveer
de helft van de applicaties SaaS (bij leveranciers die op hyperscalers draaien),
elk een tiende bij een hostingleverancier en op een cloudplatform, de rest
werkplekapplicaties; back-ups bij verschillende leveranciers, alternatieven,
afhankelijkheden van een identiteitsprovider en gedeelde platforms, processen met
doelstellingen, en een draaiboek per proces. De bestanden (suppliers.yaml,
applications-NNN.yaml, processes-NNN.yaml, runbooks-NNN.yaml) worden elk onder een
tijdelijke naam geschreven en dan hernoemd, zodat geen bestand ooit half
geschreven is.`
	// exitdrill keygen
	dutch[`Keygen writes a new ed25519 private key to FILE (mode 0600, PEM; default
exitdrill-signing.key) and its public key to FILE.pub. Give the private key to
whoever runs drills (--signing-key FILE, or EXITDRILL_SIGNING_KEY_FILE for
workers) and the public key to whoever checks the evidence (exitdrill verify
BUNDLE --pub FILE.pub). An existing file is never overwritten, and each file is
written whole or not at all.`] = `Keygen schrijft een nieuwe ed25519-privésleutel naar FILE (modus 0600, PEM;
standaard exitdrill-signing.key) en de publieke sleutel ervan naar FILE.pub. Geef
de privésleutel aan wie oefeningen draait (--signing-key FILE, of
EXITDRILL_SIGNING_KEY_FILE voor workers) en de publieke sleutel aan wie het bewijs
controleert (exitdrill verify BUNDLE --pub FILE.pub). Een bestaand bestand wordt
nooit overschreven, en elk bestand wordt helemaal geschreven of helemaal niet.`
	// exitdrill matrix
	dutch[`Matrix prints, for every supplier and for a loss of 1 day, 1 week and 1 month,
the number of critical processes whose MTPD that loss would exceed if nothing
were recovered: what the organisation cannot simply wait out, and so must be
able to recover elsewhere. This is on paper; drills prove it.`] = `Matrix toont per leverancier en voor een verlies van 1 dag, 1 week en 1 maand het
aantal kritieke processen waarvan dat verlies de maximale tolereerbare uitvaltijd
zou overschrijden als er niets werd hersteld: wat de organisatie niet zomaar kan
uitzitten, en dus elders moet kunnen herstellen. Dit staat op papier; oefeningen
bewijzen het.`
	// exitdrill notify test
	dutch[`notify test sends one test message to each person the catalog lists under
contacts for ROLE, by email and by webhook as the person's entry says, through the
servers and webhooks of the notifications config. Each delivery is reported on its
own line; the exit code is 1 when any failed.`] = `notify test stuurt één testbericht naar elke persoon die de catalogus onder
contacts voor ROLE noemt, per e-mail en per webhook zoals de gegevens van die
persoon zeggen, via de servers en webhooks van de configuratie voor meldingen. Elke
bezorging wordt op een eigen regel gemeld; de exitcode is 1 als er een mislukte.`
	// exitdrill observe
	dutch[`Observe records what someone saw during a running drill: at a step (--step
PROCESS/STEP), a process (--step PROCESS) or the drill as a whole. The drill's
workflow stamps it with its own time and keeps it; the evidence bundle's journal
has one observation event for each, and the reports list them.

The text may have at most 2000 characters. A process or step the drill does not
have, and a drill that has ended, are refused with exit 2 (record what you saw
after the drill in the after-action review: exitdrill review).`] = `Observe legt vast wat iemand zag tijdens een lopende oefening: bij een stap (--step
PROCESS/STEP), een proces (--step PROCESS) of de oefening als geheel. De workflow
van de oefening geeft de waarneming haar eigen tijd en bewaart haar; het journaal
van de bewijsbundel heeft voor elke waarneming een gebeurtenis, en de rapporten
noemen ze.

De tekst mag hoogstens 2000 tekens hebben. Een proces of stap die de oefening niet
heeft, en een oefening die is geëindigd, worden geweigerd met exit 2 (leg wat je na
de oefening zag vast in de evaluatie na afloop: exitdrill review).`
	// exitdrill publish
	dutch[`Publish makes the findings of a drill (an evidence bundle directory, or a drill id
under --reports) the issues of a GitHub repository: one issue per finding, labelled
exitdrill, severity:… and process:…, found again by a hidden fingerprint in its body.
A later drill updates the issue, reopens it when the finding is back, and closes
issues whose finding is gone with a comment naming the drill. Publishing again
after a failure half-way opens no duplicates.

The token is read from $GITHUB_TOKEN (or --token-env NAME) and never printed. The
API is $GITHUB_API_URL or --github-api-url (GitHub Enterprise Server:
https://HOST/api/v3).`] = `Publish maakt de bevindingen van een oefening (de map van een bewijsbundel, of het
id van een oefening onder --reports) tot issues van een GitHub-repository: één
issue per bevinding, met de labels exitdrill, severity:… en process:…, teruggevonden
aan een verborgen vingerafdruk in de tekst. Een latere oefening werkt het issue bij,
heropent het als de bevinding terug is, en sluit issues waarvan de bevinding weg is
met een opmerking die de oefening noemt. Opnieuw publiceren na een fout halverwege
opent geen dubbele.

Het token wordt gelezen uit $GITHUB_TOKEN (of --token-env NAME) en nooit getoond.
De API is $GITHUB_API_URL of --github-api-url (GitHub Enterprise Server:
https://HOST/api/v3).`
	// exitdrill render
	dutch[`Render reads an evidence bundle directory and renders its report from the bundle
alone: text (tables), html (one self-contained file: summary, timeline,
objectives, findings, step detail with evidence hashes, regulation appendix),
md (Markdown), json (computed results), junit (JUnit XML, a testcase per step)
csv (verdicts) or pdf (the html printed by headless Chromium, for the board
pack; needs Chromium), to stdout or, with -o FILE, to a file (written whole
or not at all).

It verifies the bundle first, as exitdrill verify does (hash chain, manifest,
signature; with --pub, signed by that key, and an unsigned bundle refused). A
bundle that fails is refused: exit 1, with "BUNDLE: NOT VERIFIED: WHERE: WHAT".
With --unverified it is rendered anyway and says so: text and Markdown open
with a NOT VERIFIED line, html with a red banner (and in its title), json has
"notVerified", junit opens with a testsuite "evidence" whose testcase
"verification" is an error, and csv gets a last column not_verified in every
row. stderr says so too; the exit code is then 0.`] = `Render leest de map van een bewijsbundel en maakt het rapport alleen uit de bundel:
text (tabellen), html (één op zichzelf staand bestand: samenvatting, tijdlijn,
doelstellingen, bevindingen, details per stap met de hashes van het bewijs,
bijlage over regelgeving), md (Markdown), json (berekende resultaten), junit
(JUnit XML, een testcase per stap), csv (oordelen) of pdf (de html afgedrukt door
headless Chromium, voor het bestuursdossier; vraagt Chromium), naar stdout of, met
-o FILE, naar een bestand (helemaal geschreven of helemaal niet).

Eerst verifieert render de bundel, zoals exitdrill verify doet (hashketen,
manifest, handtekening; met --pub ondertekend met die sleutel, en een niet
ondertekende bundel geweigerd). Een bundel die faalt wordt geweigerd: exit 1, met
"BUNDLE: NOT VERIFIED: WHERE: WHAT". Met --unverified wordt ze toch weergegeven en
zegt ze dat: text en Markdown beginnen met een regel NIET GEVERIFIEERD, html met
een rode balk (en in de titel), json heeft "notVerified", junit begint met een
testsuite "evidence" waarvan de testcase "verification" een fout is, en csv krijgt
in elke rij een laatste kolom not_verified. Ook stderr zegt het; de exitcode is
dan 0.`
	// exitdrill review
	dutch[`Review records, after a drill, what went well, what did not, the lessons learned
and the action items that follow (title, owner, due date, and the step or
finding they follow from). DRILL is an evidence bundle directory, or a drill
id under --reports.

Each time it is run it adds to the review and writes the whole review as a new
revision, BUNDLE.review/NNN: review.json with addendum.json, its manifest, signed
like the drill's bundle (--signing-key, else the state directory's own key).
The manifest names the SHA-256 of the drill bundle's manifest and its
signature, and the revision before: exitdrill verify BUNDLE checks the chain.
Action items get ids A1, A2, …; --done ID marks one done.

With --github OWNER/REPO the open action items become issues (one per item,
labelled action-item, found again by a hidden key: running again opens no
duplicates) and done ones are closed; exitdrill actions list shows them all.

Exit codes: 0 recorded; 2 invalid input (nothing written: an unknown step or
finding, an action without owner or due date, a drill bundle or earlier
review that does not verify); 5 the addendum could not be written.`] = `Review legt na een oefening vast wat goed ging, wat niet, de geleerde lessen en de
acties die volgen (titel, eigenaar, uiterste datum, en de stap of bevinding waar
ze uit volgen). DRILL is de map van een bewijsbundel, of het id van een oefening
onder --reports.

Elke keer dat ze wordt gedraaid vult ze de evaluatie aan en schrijft ze de hele
evaluatie als een nieuwe revisie, BUNDLE.review/NNN: review.json met addendum.json
en het manifest ervan, ondertekend zoals de bundel van de oefening (--signing-key,
anders de eigen sleutel van de statusmap). Het manifest noemt de SHA-256 van het
manifest van de bundel van de oefening en van haar handtekening, en de revisie
ervoor: exitdrill verify BUNDLE controleert de keten. Acties krijgen de ids A1,
A2, …; --done ID markeert er een als gedaan.

Met --github OWNER/REPO worden de open acties issues (één per actie, met het label
action-item, teruggevonden aan een verborgen sleutel: opnieuw draaien opent geen
dubbele) en worden de gedane gesloten; exitdrill actions list toont ze allemaal.

Exitcodes: 0 vastgelegd; 2 ongeldige invoer (niets geschreven: een onbekende stap
of bevinding, een actie zonder eigenaar of uiterste datum, een bundel van een
oefening of een eerdere evaluatie die niet verifieert); 5 het addendum kon niet
worden geschreven.`
	// exitdrill scenarios
	dutch[`The scenario library holds the loss of each main supplier of the example
organisation for 1 day, 1 week and 1 month, and the loss of every US-jurisdiction
supplier for a month. --scenario accepts more: SUPPLIER-1-day, SUPPLIER-1-week
and SUPPLIER-1-month for any supplier of the catalog, the id of a Scenario
document among the catalog's files (for example CATALOG/scenarios/*.yaml; it
wins over a library scenario of the same id), or a scenario file.`] = `De scenariobibliotheek bevat het verlies van elke belangrijke leverancier van de
voorbeeldorganisatie voor 1 dag, 1 week en 1 maand, en het verlies van elke
leverancier onder Amerikaanse jurisdictie voor een maand. --scenario accepteert
meer: SUPPLIER-1-day, SUPPLIER-1-week en SUPPLIER-1-month voor elke leverancier
van de catalogus, het id van een Scenario-document tussen de bestanden van de
catalogus (bijvoorbeeld CATALOG/scenarios/*.yaml; het wint van een scenario uit
de bibliotheek met hetzelfde id), of een scenariobestand.`
	// exitdrill schedule trigger
	dutch[`Trigger starts the drill that schedule ID would start, now: the same plan,
named ID-TIMESTAMP, recorded as started by the schedule, even while an earlier
drill of it runs. It prints the drill's id once the server has started it.

A paused schedule (for example after stop-all) starts nothing: resume it with
exitdrill schedule pause ID --resume, or give --even-paused to run one drill
while it stays paused.`] = `Trigger start nu de oefening die planning ID zou starten: hetzelfde plan, met de
naam ID-TIJDSTEMPEL, vastgelegd als gestart door de planning, ook terwijl een
eerdere oefening ervan loopt. Ze toont het id van de oefening zodra de server haar
heeft gestart.

Een gepauzeerde planning start niets: hervat haar met
exitdrill schedule pause ID --resume, of geef --even-paused om één oefening te
draaien terwijl ze gepauzeerd blijft.`
	// exitdrill schema
	dutch[`Schema prints the JSON Schema of catalog, scenario or runbook documents (-o FILE
writes it to a file), or, given no kind, writes all three into the directory
-o DIR. Point yaml-language-server at them (for example in VS Code with the YAML
extension) by starting a file with

  # yaml-language-server: $schema=./schema/catalog.json

and the editor completes keys and flags mistakes as you type. The schemas are
generated from the same definitions the validator enforces.`] = `Schema toont het JSON Schema van catalogus-, scenario- of draaiboekdocumenten
(-o FILE schrijft het naar een bestand), of schrijft, zonder soort, alle drie in
de map -o DIR. Wijs yaml-language-server erop (bijvoorbeeld in VS Code met de
YAML-extensie) door een bestand te beginnen met

  # yaml-language-server: $schema=./schema/catalog.json

en de editor vult sleutels aan en wijst fouten aan terwijl je typt. De schema's
worden gemaakt uit dezelfde definities die de validator afdwingt.`
	// exitdrill step complete
	dutch[`Complete records the outcome of a manual step that waits for you in DRILL (an
id or a unique prefix of one) or, with --latest, in the drill started last.`] = `Complete legt de uitkomst vast van een handmatige stap die op jou wacht in DRILL
(een id of een uniek begin ervan) of, met --latest, in de laatst gestarte
oefening.`
	// exitdrill steps
	dutch[`Steps lists the manual steps waiting for a person: in every running drill, or
in one: DRILL (an id or a unique prefix of one) or --latest (the drill
started last).`] = `Steps toont de handmatige stappen die op een persoon wachten: in elke lopende
oefening, of in één: DRILL (een id of een uniek begin ervan) of --latest (de
laatst gestarte oefening).`
	// exitdrill suppliers
	dutch[`Suppliers prints, per supplier, the applications it runs, the applications that
go down with it through subprocessors and dependencies, and the processes its
loss alone would impact. The most depended-on suppliers come first.`] = `Suppliers toont per leverancier de applicaties die ze draait, de applicaties die
via subverwerkers en afhankelijkheden met haar uitvallen, en de processen die alleen
haar verlies al zou raken. De leveranciers waarvan het meest afhangt komen eerst.`
	// exitdrill version
	dutch[`Version prints exitdrill's version and source commit (set by make release;
"dev" and the checkout's commit, or "unknown", in a plain go build), the Go
toolchain and platform it was built for, and the versions of the Temporal
server and SDK linked into it. exitdrill --version prints the same.`] = `Version toont de versie en de broncommit van exitdrill (gezet door make release;
"dev" en de commit van de checkout, of "unknown", bij een gewone go build), de
Go-toolchain en het platform waarvoor ze is gebouwd, en de versies van de
Temporal-server en -SDK die erin zijn gelinkt. exitdrill --version toont hetzelfde.`
}
