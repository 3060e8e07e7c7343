package lang

// The long help texts (cobra Long) of exitdrill's commands with --lang nl,
// by the command's path under exitdrill, each with the SHA-256 (its first
// 16 hex digits) of the English text it translates: a command whose English
// text changed shows its short text and where to read the English one
// (internal/cli helpIn) until its Dutch is brought up to date.
func init() {
	// exitdrill run
	longHelp["run"] = longText{en: "cc916ed760cca0dd", nl: `Run valideert de catalogus en het scenario (en start niets als die ongeldig zijn),
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
draaien: zie exitdrill status, exitdrill abort.`}
	// exitdrill status
	longHelp["status"] = longText{en: "25ba1f41240c53af", nl: `Status toont de voortgang van een lopende oefening, of het oordeel per proces van
een afgeronde oefening, en eindigt zoals exitdrill run: 3 als een kritiek proces
zijn doelstellingen miste of de oefening is afgebroken (--fail-on missed: elk
proces), anders 0. DRILL is het id van een oefening of een uniek begin ervan;
--latest is de laatst gestarte oefening. Zonder een van beide toont ze de lijst
van oefeningen.`}
	// exitdrill impact
	longHelp["impact"] = longText{en: "6629595a72d77e0b", nl: `Impact toont alleen de processen die het verlies van leveranciers in het scenario
raakt, elk met het afhankelijkheidspad dat het raakt (proces -> applicatie ->
leverancier -> subverwerker), zijn doelstellingen, wat de duur van de uitval
daartegenover betekent, en welke van zijn back-ups en alternatieven zelf bij een
verloren leverancier liggen en dus niets waard zijn.
Er wordt niets benaderd: dit is een analyse van alleen de catalogus.`}
	// exitdrill validate
	longHelp["validate"] = longText{en: "c5499f66ad8aa3b2", nl: `Validate leest elk *.yaml- en *.yml-bestand onder de gegeven bestanden en mappen,
voegt de Catalog-documenten samen, verzamelt de Runbook- en Scenario-documenten
(draaiboeken en scenario's) en controleert ze samen: formaten, verwijzingen,
cycli, doelstellingen en de bestanden waarnaar wordt verwezen. Elk probleem wordt
in één keer gemeld met bestand:regel:kolom. Exitcode 0 als alles geldig is, 2 als
niet. Een pad mag github:OWNER/REPO/PATH@REF zijn: de map met PATH wordt gelezen
uit de repository op die branch, tag of commit.`}
	// exitdrill import
	longHelp["import"] = longText{en: "55159cb20eb538d6", nl: `Import leest de bestanden die mensen al bijhouden en schrijft een catalogusmap
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
eigen records — blijft behouden. --dry-run toont wat er zou veranderen.`}
	// exitdrill export roi
	longHelp["export roi"] = longText{en: "2c562de9c0aa5178", nl: `Export roi schrijft een rij van B_07.01 (beoordeling van de ICT-diensten) voor
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
bewijzen niets.`}
	// exitdrill export readiness
	longHelp["export readiness"] = longText{en: "9472b918ba72e78a", nl: `Export readiness schrijft wat exitdrill readiness toont als Excel-werkmap,
beoordeeld volgens dezelfde regels uit dezelfde geverifieerde bundels: een werkblad
Matrix (een rij per leverancier: de score en, per uitval van 1 dag, 1 week en
1 maand, de toestand van de cel en de kritieke processen bewezen, gefaald, opnieuw
te testen en alleen op papier), Processes (score, laatst geoefend, opnieuw te
testen, bewijs), Evidence (per proces, leverancier en duur de oefening die het
beslist en waarom), Not counted (bundels die niet meetellen, met de reden) en
Rules. Scores zijn getallen en datums zijn datums; elk werkblad heeft een filter
op de kopregel.`}
	// exitdrill readiness
	longHelp["readiness"] = longText{en: "54a06a9388d54153", nl: `Readiness toont de exitgereedheidsmatrix (leveranciers x 1 dag / 1 week / 1 maand)
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
plaats van naar stdout.`}
	// exitdrill verify
	longHelp["verify"] = longText{en: "9ae72e4bf3ad02fe", nl: `Verify controleert de map van een bewijsbundel: elk bestand staat in het manifest
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
hoort. Een gewijzigde evaluatie of een gebroken schakel geeft exit 1.`}
	// exitdrill report
	longHelp["report"] = longText{en: "d6b978a575100619", nl: `Report bouwt de bewijsbundel van een afgeronde oefening opnieuw op uit haar
workflowgeschiedenis op de server: hetzelfde journaal, dezelfde definities,
artefacten en rapporten die de oefening aan haar eind schreef, ondertekend met
--signing-key. Gebruik het als de worker die de oefening draaide op een andere
machine staat, of als de bundel verloren is gegaan. Met dezelfde sleutel is de
herbouwde bundel byte voor byte die welke de oefening schreef. DRILL is het id
van een oefening of een uniek begin ervan; --latest is de laatst gestarte oefening.`}
	// exitdrill diff
	longHelp["diff"] = longText{en: "092e9fcde4bc0bd5", nl: `Diff vergelijkt twee mappen van bewijsbundels: per proces het oordeel, de
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
en html beginnen ermee; json heeft "notVerified" op old of new).`}
	// exitdrill schedule
	longHelp["schedule"] = longText{en: "8f021355724c6d2d", nl: `Planningen starten oefeningen volgens een cron-kalender, bijvoorbeeld elk kwartaal:

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
--note van de planning vast.`}
	// exitdrill worker
	longHelp["worker"] = longText{en: "2df654e3093ff026", nl: `Worker draait de workflows en stapcontroles van exitdrill op task queue "exitdrill"
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
hij niet met dezelfde bytes kan krijgen maakt de stap onbeslist.`}
	// exitdrill server
	longHelp["server"] = longText{en: "ecc06200844f21ad", nl: `Server draait de ingebouwde Temporal-server van exitdrill, bewaard in een
SQLite-bestand in de statusmap, met een worker (en met --ui de Temporal Web UI, op
loopback), tot hij wordt onderbroken (Ctrl-C).
Hij toont zijn eindpunten. Andere exitdrill-opdrachten op dezelfde statusmap
gebruiken deze server in plaats van een eigen te starten, zodat oefeningen gestart
met --detach blijven lopen, en meer workers kunnen aansluiten met ` + "`" + `exitdrill worker --address ADDR` + "`" + `.
Een server die wordt gestart terwijl een korte opdracht (list, status) haar eigen
ingebouwde server op de statusmap draait, wacht tot die klaar is. Met --ephemeral
en --state-dir bewaart de server niets dan zijn slot in die map, waar de andere
opdrachten hem vinden.
Maar één server tegelijk kan een statusmap houden.`}
	// exitdrill console
	longHelp["console"] = longText{en: "9ce4323322262627", nl: `Console biedt de webconsole aan op loopback (--listen om dat te wijzigen):
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
loopback houdt ze zonder Secure, omdat browsers daar Secure-cookies laten vallen.`}
	// exitdrill abort
	longHelp["abort"] = longText{en: "3fca99fb2d0661c3", nl: `Abort stopt DRILL (het id van een oefening of een uniek begin ervan) of, met
--latest, de laatst gestarte oefening: lopende stappen worden geannuleerd,
terugdraaistappen lopen.`}
	// exitdrill ack
	longHelp["ack"] = longText{en: "ec77930e02c80556", nl: `Ack legt vast dat je INJECT hebt ontvangen, een bericht dat het scenario van de
oefening op zijn scenariotijd aan jouw rol stuurde, in DRILL (een id of een uniek
begin ervan) of, met --latest, in de laatst gestarte oefening. Het bewijs legt
vast wie elke inject bevestigde en wanneer, en welke injects niemand bevestigde.`}
	// exitdrill actions list
	longHelp["actions list"] = longText{en: "d8a3af33fea90af3", nl: `List toont de acties uit de evaluaties na afloop (exitdrill review) van de
oefeningen onder --reports: oefening, id, titel, eigenaar, uiterste datum, de stap
of bevinding waar de actie uit volgt, het proces en de leveranciers die de oefening
liet uitvallen, en of ze open is, te laat (open na haar uiterste datum) of gedaan.
Een evaluatie die niet verifieert, of die ondertekend is met een sleutel die niet
wordt vertrouwd, wordt weggelaten en op stderr genoemd.`}
	// exitdrill cluster init
	longHelp["cluster init"] = longText{en: "c8e1f51192c94b9d", nl: `Init bereidt het cluster op --address voor op exitdrill: het registreert de
namespace (--namespace) als die ontbreekt, met afgeronde oefeningen 90 dagen
bewaard, en elk Exitdrill*-zoekattribuut dat de namespace mist. Draai het één
keer tegen je eigen cluster of Temporal Cloud (met --tls-cert/--tls-key/--tls-ca
of --api-key); opnieuw draaien verandert niets en zegt dat. Het faalt als het ze
niet mag registreren, waar de andere opdrachten alleen waarschuwen.`}
	// exitdrill gen catalog
	longHelp["gen catalog"] = longText{en: "3b1be75c0c9deb1f", nl: `Catalog schrijft een deterministische, geldige catalogus voor schaaltests: ongeveer
de helft van de applicaties SaaS (bij leveranciers die op hyperscalers draaien),
elk een tiende bij een hostingleverancier en op een cloudplatform, de rest
werkplekapplicaties; back-ups bij verschillende leveranciers, alternatieven,
afhankelijkheden van een identiteitsprovider en gedeelde platforms, processen met
doelstellingen, en een draaiboek per proces. De bestanden (suppliers.yaml,
applications-NNN.yaml, processes-NNN.yaml, runbooks-NNN.yaml) worden elk onder een
tijdelijke naam geschreven en dan hernoemd, zodat geen bestand ooit half
geschreven is.`}
	// exitdrill keygen
	longHelp["keygen"] = longText{en: "710492faddfe6f39", nl: `Keygen schrijft een nieuwe ed25519-privésleutel naar FILE (modus 0600, PEM;
standaard exitdrill-signing.key) en de publieke sleutel ervan naar FILE.pub. Geef
de privésleutel aan wie oefeningen draait (--signing-key FILE, of
EXITDRILL_SIGNING_KEY_FILE voor workers) en de publieke sleutel aan wie het bewijs
controleert (exitdrill verify BUNDLE --pub FILE.pub). Een bestaand bestand wordt
nooit overschreven, en elk bestand wordt helemaal geschreven of helemaal niet.`}
	// exitdrill matrix
	longHelp["matrix"] = longText{en: "7f5f37d614250c63", nl: `Matrix toont per leverancier en voor een verlies van 1 dag, 1 week en 1 maand het
aantal kritieke processen waarvan dat verlies de maximale tolereerbare uitvaltijd
zou overschrijden als er niets werd hersteld: wat de organisatie niet zomaar kan
uitzitten, en dus elders moet kunnen herstellen. Dit staat op papier; oefeningen
bewijzen het.`}
	// exitdrill notify test
	longHelp["notify test"] = longText{en: "adc12f966efea583", nl: `notify test stuurt één testbericht naar elke persoon die de catalogus onder
contacts voor ROLE noemt, per e-mail en per webhook zoals de gegevens van die
persoon zeggen, via de servers en webhooks van de configuratie voor meldingen. Elke
bezorging wordt op een eigen regel gemeld; de exitcode is 1 als er een mislukte.`}
	// exitdrill observe
	longHelp["observe"] = longText{en: "e9149224924d0d1b", nl: `Observe legt vast wat iemand zag tijdens een lopende oefening: bij een stap (--step
PROCESS/STEP), een proces (--step PROCESS) of de oefening als geheel. De workflow
van de oefening geeft de waarneming haar eigen tijd en bewaart haar; het journaal
van de bewijsbundel heeft voor elke waarneming een gebeurtenis, en de rapporten
noemen ze.

De tekst mag hoogstens 2000 tekens hebben. Een proces of stap die de oefening niet
heeft, en een oefening die is geëindigd, worden geweigerd met exit 2 (leg wat je na
de oefening zag vast in de evaluatie na afloop: exitdrill review).`}
	// exitdrill publish
	longHelp["publish"] = longText{en: "975dbabf0c865175", nl: `Publish maakt de bevindingen van een oefening (de map van een bewijsbundel, of het
id van een oefening onder --reports) tot issues van een GitHub-repository: één
issue per bevinding, met de labels exitdrill, severity:… en process:…, teruggevonden
aan een verborgen vingerafdruk in de tekst. Een latere oefening werkt het issue bij,
heropent het als de bevinding terug is, en sluit issues waarvan de bevinding weg is
met een opmerking die de oefening noemt. Opnieuw publiceren na een fout halverwege
opent geen dubbele.

Het token wordt gelezen uit $GITHUB_TOKEN (of --token-env NAME) en nooit getoond.
De API is $GITHUB_API_URL of --github-api-url (GitHub Enterprise Server:
https://HOST/api/v3).`}
	// exitdrill render
	longHelp["render"] = longText{en: "31fa2027a8900549", nl: `Render leest de map van een bewijsbundel en maakt het rapport alleen uit de bundel:
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
dan 0.`}
	// exitdrill review
	longHelp["review"] = longText{en: "43c8bf98f503dc36", nl: `Review legt na een oefening vast wat goed ging, wat niet, de geleerde lessen en de
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
worden geschreven.`}
	// exitdrill scenarios
	longHelp["scenarios"] = longText{en: "ff616da19ade3110", nl: `De scenariobibliotheek bevat het verlies van elke belangrijke leverancier van de
voorbeeldorganisatie voor 1 dag, 1 week en 1 maand, en het verlies van elke
leverancier onder Amerikaanse jurisdictie voor een maand. --scenario accepteert
meer: SUPPLIER-1-day, SUPPLIER-1-week en SUPPLIER-1-month voor elke leverancier
van de catalogus, het id van een Scenario-document tussen de bestanden van de
catalogus (bijvoorbeeld CATALOG/scenarios/*.yaml; het wint van een scenario uit
de bibliotheek met hetzelfde id), of een scenariobestand.`}
	// exitdrill schedule trigger
	longHelp["schedule trigger"] = longText{en: "75d067268e4622d9", nl: `Trigger start nu de oefening die planning ID zou starten: hetzelfde plan, met de
naam ID-TIJDSTEMPEL, vastgelegd als gestart door de planning, ook terwijl een
eerdere oefening ervan loopt. Ze toont het id van de oefening zodra de server haar
heeft gestart.

Een gepauzeerde planning start niets: hervat haar met
exitdrill schedule pause ID --resume, of geef --even-paused om één oefening te
draaien terwijl ze gepauzeerd blijft.`}
	// exitdrill schema
	longHelp["schema"] = longText{en: "63caf5378f17cf4a", nl: `Schema toont het JSON Schema van catalogus-, scenario- of draaiboekdocumenten
(-o FILE schrijft het naar een bestand), of schrijft, zonder soort, alle drie in
de map -o DIR. Wijs yaml-language-server erop (bijvoorbeeld in VS Code met de
YAML-extensie) door een bestand te beginnen met

  # yaml-language-server: $schema=./schema/catalog.json

en de editor vult sleutels aan en wijst fouten aan terwijl je typt. De schema's
worden gemaakt uit dezelfde definities die de validator afdwingt.`}
	// exitdrill step complete
	longHelp["step complete"] = longText{en: "d4d0fe5b4cc0e928", nl: `Complete legt de uitkomst vast van een handmatige stap die op jou wacht in DRILL
(een id of een uniek begin ervan) of, met --latest, in de laatst gestarte
oefening.`}
	// exitdrill steps
	longHelp["steps"] = longText{en: "361a193770c03cbe", nl: `Steps toont de handmatige stappen die op een persoon wachten: in elke lopende
oefening, of in één: DRILL (een id of een uniek begin ervan) of --latest (de
laatst gestarte oefening).`}
	// exitdrill suppliers
	longHelp["suppliers"] = longText{en: "f14dd99b42c2b9f2", nl: `Suppliers toont per leverancier de applicaties die ze draait, de applicaties die
via subverwerkers en afhankelijkheden met haar uitvallen, en de processen die alleen
haar verlies al zou raken. De leveranciers waarvan het meest afhangt komen eerst.`}
	// exitdrill version
	longHelp["version"] = longText{en: "c493d6c1c7747d6c", nl: `Version toont de versie en de broncommit van exitdrill (gezet door make release;
"dev" en de commit van de checkout, of "unknown", bij een gewone go build), de
Go-toolchain en het platform waarvoor ze is gebouwd, en de versies van de
Temporal-server en -SDK die erin zijn gelinkt. exitdrill --version toont hetzelfde.`}
}
