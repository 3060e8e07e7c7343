package lang

// More of the CLI's errors with --lang nl: the flags of export, import,
// publish, review, notify, steps and worker, and the ids, crons and time
// zones of run and schedule. What the user typed ({val}) and paths stay as
// they are.
func init() {
	for en, nl := range map[string]string{
		"-o/--output FILE is required: roi-b07.xlsx or roi-b07.csv":                                   "-o/--output BESTAND is verplicht: roi-b07.xlsx of roi-b07.csv",
		"-o/--output FILE is required: a workbook is not written to stdout":                           "-o/--output BESTAND is verplicht: een werkmap wordt niet naar stdout geschreven",
		"-o/--output DIR is required: the catalog directory to write or merge into":                   "-o/--output MAP is verplicht: de catalogusmap om in te schrijven of samen te voegen",
		"server runs the embedded server: --address is for the commands that use a server":            "server draait de ingebouwde server: --address is voor de opdrachten die een server gebruiken",
		"mTLS needs all four of --tls-server-cert, --tls-server-key, --tls-client-ca and --tls-roles": "mTLS heeft alle vier nodig: --tls-server-cert, --tls-server-key, --tls-client-ca en --tls-roles",
		"id is empty": "het id is leeg",
	} {
		dutch[en] = nl
	}
	for en, nl := range map[string]string{
		"--github {val}: want OWNER/REPO, for example voorbeeldstad/continuity":                                          "--github {val}: verwacht OWNER/REPO, bijvoorbeeld voorbeeldstad/continuity",
		"-o/--output {a}: allowed are a .xlsx or a .csv file, or - for CSV on stdout":                                    "-o/--output {a}: toegestaan zijn een .xlsx- of .csv-bestand, of - voor CSV op stdout",
		"-o/--output {a}: allowed is a .xlsx file":                                                                       "-o/--output {a}: toegestaan is een .xlsx-bestand",
		"--format {val}: allowed is xlsx (exitdrill readiness writes text, html, md and json)":                           "--format {val}: toegestaan is xlsx (exitdrill readiness schrijft text, html, md en json)",
		"give one of --preset PRESET ({a}) and --mapping MAP.yaml":                                                       "geef een van --preset PRESET ({a}) en --mapping MAP.yaml",
		"no notifications config: give --notify-config FILE or set {a}":                                                  "geen configuratie voor meldingen: geef --notify-config BESTAND of zet {a}",
		"--role {val}: the catalog has no contacts for it (roles with contacts: {b})":                                    "--role {val}: de catalogus heeft er geen contactpersonen voor (rollen met contactpersonen: {b})",
		"{a} of the test deliveries failed":                                                                              "{a} van de testbezorgingen mislukten",
		"--step {val}: want PROCESS/STEP or PROCESS":                                                                     "--step {val}: verwacht PROCES/STAP of PROCES",
		"no evidence bundle {a}: neither a directory nor a drill under --reports {b}":                                    "geen bewijsbundel {a}: geen map en geen oefening onder --reports {b}",
		"evidence bundle {a}: {reason}":                                                                                  "bewijsbundel {a}: {reason}",
		"drill {a} has no result to report: {reason}":                                                                    "oefening {a} heeft geen resultaat om te rapporteren: {reason}",
		"--done {a}: the review of drill {b} has no such action item ({c})":                                              "--done {a}: de evaluatie van oefening {b} heeft geen zulke actie ({c})",
		"review of drill {a}: {reason}":                                                                                  "evaluatie van oefening {a}: {reason}",
		"--took {val}: {reason} (allowed: {why})":                                                                        "--took {val}: {reason} (toegestaan: {why})",
		"step {a} waits in several processes; say which: {b}":                                                            "stap {a} wacht in meerdere processen; zeg welke: {b}",
		"--label {val}: a worker label is {b}":                                                                           "--label {val}: een label van een worker is {b}",
		"review file {a}: want one {b} document (apiVersion: exitdrill/v1, kind: {c})":                                   "evaluatiebestand {a}: verwacht één {b}-document (apiVersion: exitdrill/v1, kind: {c})",
		"review file {a}: {reason}":                                                                                      "evaluatiebestand {a}: {reason}",
		"--action {val}: want \"TITLE|OWNER|YYYY-MM-DD\" with an optional \"|PROCESS/STEP\" or \"|finding:FINGERPRINT\"": "--action {val}: verwacht \"TITEL|EIGENAAR|JJJJ-MM-DD\" met eventueel \"|PROCES/STAP\" of \"|finding:VINGERAFDRUK\"",
		"--action {val}: due date {b}: want YYYY-MM-DD, for example 2027-01-31":                                          "--action {val}: uiterste datum {b}: verwacht JJJJ-MM-DD, bijvoorbeeld 2027-01-31",
		"--tolerance {val}: {reason}; allowed are {b}":                                                                   "--tolerance {val}: {reason}; toegestaan zijn {b}",
		"cron {val}: {reason}":                                                                                           "cron {val}: {reason}",
		"time zone {val}: not an IANA time zone name, for example Europe/Amsterdam or UTC":                               "tijdzone {val}: geen naam van een IANA-tijdzone, bijvoorbeeld Europe/Amsterdam of UTC",
		"id {val}: only letters, digits, '.', '_' and '-' are allowed, starting with a letter or digit":                  "id {val}: alleen letters, cijfers, '.', '_' en '-' zijn toegestaan, te beginnen met een letter of cijfer",
		"id of {a} characters: at most {b} are allowed":                                                                  "id van {a} tekens: hoogstens {b} zijn toegestaan",
		"schedule {a}: {reason}":                                                                                         "planning {a}: {reason}",
		"trigger schedule {a}: {reason}":                                                                                 "planning {a} starten: {reason}",
		"scenario {a}: {reason}":                                                                                         "scenario {a}: {reason}",
	} {
		fillTemplates[en] = nl
	}
}
