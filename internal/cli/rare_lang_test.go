package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/internal/lang"
)

// TestLessCommonLinesInDutch: what gen, keygen, schema and console adduser
// say is Dutch with --lang nl, and as before in English.
func TestLessCommonLinesInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	dir := t.TempDir()
	cases := []struct {
		name   string
		args   []string
		stdin  string
		nl, en string // a part of stdout or stderr
	}{
		{"gen", []string{"gen", "catalog", "-o", filepath.Join(dir, "gen"), "--apps", "20", "--seed", "7"}, "",
			"bestanden geschreven naar " + filepath.Join(dir, "gen") + ": 20 applicaties, ", "files to " + filepath.Join(dir, "gen") + ": 20 applications, "},
		{"keygen", []string{"keygen", "-o", filepath.Join(dir, "k")}, "",
			"privésleutel: " + filepath.Join(dir, "k") + " (houd haar geheim)\npublieke sleutel:", "private key: " + filepath.Join(dir, "k") + " (keep it secret)\npublic key:  "},
		{"schema", []string{"schema", "-o", filepath.Join(dir, "schemas")}, "",
			"catalog.json, scenario.json, runbook.json geschreven naar " + filepath.Join(dir, "schemas"), "wrote catalog.json, scenario.json, runbook.json to "},
		{"schema one", []string{"schema", "catalog", "-o", filepath.Join(dir, "c.json")}, "",
			"geschreven: " + filepath.Join(dir, "c.json"), "wrote " + filepath.Join(dir, "c.json")},
		{"adduser", []string{"console", "adduser", "--users", filepath.Join(dir, "users"), "--name", "olga", "--role", "operator"}, "s3cret-pass\n",
			"gebruiker olga (operator) geschreven naar " + filepath.Join(dir, "users"), "user olga (operator) written to " + filepath.Join(dir, "users")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for i, l := range []string{"nl", "en"} {
				for _, f := range []string{"gen", "k", "k.pub", "schemas", "c.json", "users"} {
					os.RemoveAll(filepath.Join(dir, f))
				}
				code, out, errs := runIn(t, tc.stdin, append(tc.args, "--lang", l)...)
				if code != ExitOK {
					t.Fatalf("--lang %s: exit %d: %s", l, code, errs)
				}
				want := []string{tc.nl, tc.en}[i]
				if !strings.Contains(out+errs, want) {
					t.Errorf("--lang %s: lacks %q:\n%s%s", l, want, out, errs)
				}
			}
		})
	}
}

// TestLessCommonTextsInDutch: the lines of commands that need a server or
// a provider (cluster init, console, publish, notify test, ack, observe,
// review, verify's review line) and their errors are Dutch with a Dutch
// printer, byte for byte as before in English.
func TestLessCommonTextsInDutch(t *testing.T) {
	nl, en := lang.Dutch.Printer(), lang.English.Printer()
	lines := []struct {
		format string
		args   []any
		nl     string
	}{
		{"namespace %s: %s, finished drills kept %s\n", []any{"exitdrill", nl.T("created"), "30d"}, "namespace exitdrill: aangemaakt, afgeronde oefeningen bewaard 30d\n"},
		{"search attributes: all %d present\n", []any{4}, "zoekattributen: alle 4 aanwezig\n"},
		{"search attributes: added %s", []any{"A, B"}, "zoekattributen: toegevoegd A, B"},
		{"; %d present", []any{2}, "; 2 aanwezig"},
		{"exitdrill console: %s (users from %s, Temporal %s)\n", []any{"http://x", "u", "t"}, "exitdrill console: http://x (gebruikers uit u, Temporal t)\n"},
		{"exitdrill console: stopping\n", nil, "exitdrill console: stopt\n"},
		{"Web console:  %s (users from %s)\n", []any{"http://x", "u"}, "Webconsole:   http://x (gebruikers uit u)\n"},
		{"warning: the console listens on %s without TLS: passwords and session cookies cross the network in clear text; give --cert and --key, or --secure behind a TLS proxy\n", []any{"0.0.0.0:8080"},
			"waarschuwing: de console luistert op 0.0.0.0:8080 zonder TLS: wachtwoorden en sessiecookies gaan onversleuteld over het netwerk; geef --cert en --key, of --secure achter een TLS-proxy\n"},
		{"FAIL  %s by %s: %v\n", []any{"olga", "email", "x"}, "MISLUKT  olga via email: x\n"},
		{"ok    %s by %s: %s\n", []any{"olga", "email", "x"}, "ok       olga via email: x\n"},
		{"inject %s (%s, to %s) acknowledged by %s\n", []any{"i1", "2h", "olga", "olga om 2026"}, "inject i1 (2h, aan olga) bevestigd door olga om 2026\n"},
		{"observation recorded in drill %s at %s (%s) by %s\n", []any{"d1", "t", "p/s", "olga"}, "waarneming vastgelegd in oefening d1 om t (p/s) door olga\n"},
		{"review of drill %s recorded: revision %d in %s (%s)\n", []any{"d1", 2, "dir", "x"}, "evaluatie van oefening d1 vastgelegd: revisie 2 in dir (x)\n"},
		{"verified: review of drill %s, %d revisions chained to this bundle, %s (%d open)\n", []any{"d1", 2, "3 acties", 1},
			"geverifieerd: evaluatie van oefening d1, 2 revisies geketend aan deze bundel, 3 acties (1 open)\n"},
		{"exitdrill worker: task queue %s, namespace %s, on %s; Ctrl-C stops it\n", []any{"exitdrill", "default", "localhost:7233"},
			"exitdrill worker: task queue exitdrill, namespace default, op localhost:7233; Ctrl-C stopt hem\n"},
		{"its own embedded server at %s", []any{"127.0.0.1:7233"}, "zijn eigen ingebouwde server op 127.0.0.1:7233"},
		{"the exitdrill server at %s", []any{"127.0.0.1:7233"}, "de exitdrill server op 127.0.0.1:7233"},
		{"exitdrill: review left out: %s\n", []any{"x"}, "exitdrill: evaluatie weggelaten: x\n"},
		{"exitdrill: %s: left out: %s\n", []any{"d1.review", "x"}, "exitdrill: d1.review: weggelaten: x\n"},
		{"exitdrill %s: metrics on http://%s/metrics\n", []any{"server", "127.0.0.1:9090"}, "exitdrill server: metrics op http://127.0.0.1:9090/metrics\n"},
		{"warning: --metrics-address %s is not a loopback address: anyone who reaches it reads the metrics (drills running, step kinds and outcomes, namespace and task queue), with no sign-in\n", []any{"0.0.0.0:9090"},
			"waarschuwing: --metrics-address 0.0.0.0:9090 is geen loopbackadres: iedereen die het bereikt leest de metrics (lopende oefeningen, soorten stappen en hun uitkomsten, namespace en task queue), zonder aan te melden\n"},
		{"%s: %d created, %d updated, %d reopened, %d unchanged, %d closed\n", []any{"3 bevindingen", 1, 0, 0, 2, 0},
			"3 bevindingen: 1 aangemaakt, 0 bijgewerkt, 0 heropend, 2 ongewijzigd, 0 gesloten\n"},
	}
	for _, tc := range lines {
		if got := nl.F(tc.format, tc.args...); got != tc.nl {
			t.Errorf("%q in Dutch:\ngot  %q\nwant %q", tc.format, got, tc.nl)
		}
		if got := en.F(tc.format, tc.args...); got != fmt.Sprintf(tc.format, tc.args...) {
			t.Errorf("%q in English changed: %q", tc.format, got)
		}
	}
	errs := []struct{ en, nl string }{
		{"cluster init prepares an existing cluster: give --address (or TEMPORAL_ADDRESS)", "cluster init bereidt een bestaand cluster voor: geef --address (of TEMPORAL_ADDRESS)"},
		{"--apps 0: must be positive", "--apps 0: moet positief zijn"},
		{"-o/--output: the directory to write the catalog into is required", "-o/--output: de map om de catalogus in te schrijven is verplicht"},
		{"-o/--output out: directory is not empty (3 entries); use --force to replace the generated files in it", "-o/--output out: de map is niet leeg (3 items); gebruik --force om de gegenereerde bestanden erin te vervangen"},
		{"k exists: keygen never overwrites a key; choose another -o/--output", "k bestaat al: keygen overschrijft nooit een sleutel; kies een andere -o/--output"},
		{"unknown schema \"x\" (allowed: catalog, runbook, scenario)", "onbekend schema \"x\" (toegestaan: catalog, runbook, scenario)"},
		{"--write DIR writes every kind: give no kind, or -o FILE for one", "--write MAP schrijft elke soort: geef geen soort, of -o BESTAND voor één"},
		{"acknowledge inject i1 of drill d1: no such inject", "inject i1 van oefening d1 bevestigen: no such inject"},
		{"publish d1 to a/b: 502 Bad Gateway", "d1 publiceren naar a/b: 502 Bad Gateway"},
		{"--owners o.yaml: not GitHub logins: a b", "--owners o.yaml: geen GitHub-logins: a b"},
		{"nothing to record: give --went-well, --did-not-go-well, --lesson, --action, --done or --file", "niets vast te leggen: geef --went-well, --did-not-go-well, --lesson, --action, --done of --file"},
		{"review.yaml: NOT VERIFIED: bad signature", "review.yaml: NIET GEVERIFIEERD: bad signature"},
		{"review.yaml revision 002: NOT TRUSTED: x", "review.yaml revisie 002: NIET VERTROUWD: x"},
		{"--apps 2: must be between 20 and 1000000", "--apps 2: moet tussen 20 en 1000000 liggen"},
		{"--suppliers 3: must be at least 5 (the named suppliers every catalog has)", "--suppliers 3: moet minstens 5 zijn (de benoemde leveranciers die elke catalogus heeft)"},
		{"--processes 30: must be at most the number of applications (20)", "--processes 30: mag hoogstens het aantal applicaties zijn (20)"},
		{"console: --actions-owners needs --actions-repo", "console: --actions-owners heeft --actions-repo nodig"},
		{"console: give both the certificate and the key, or neither", "console: geef zowel het certificaat als de sleutel, of geen van beide"},
		{"console: listen on :80: permission denied", "console: luisteren op :80: permission denied"},
		{"the passwords differ", "de wachtwoorden verschillen"},
		{"no password on stdin", "geen wachtwoord op stdin"},
		{"the password must have at least 8 characters", "het wachtwoord moet minstens 8 tekens hebben"},
		{"user olga: role \"boss\": allowed are operator, viewer", "gebruiker olga: rol \"boss\": toegestaan zijn operator, viewer"},
		{"users file: open u: permission denied", "gebruikersbestand: open u: permission denied"},
	}
	for _, tc := range errs {
		err := withCode(ExitInvalid, errors.New(tc.en))
		if got := errorText(nl, err); got != tc.nl {
			t.Errorf("%q in Dutch:\ngot  %q\nwant %q", tc.en, got, tc.nl)
		}
		if got := errorText(en, err); got != tc.en {
			t.Errorf("English %q, want %q", got, tc.en)
		}
	}
}
