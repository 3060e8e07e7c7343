package cli

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
)

// TestDrillWritesVerifiableEvidence runs a drill with a signing key, an actor
// and a note on the embedded engine, checks the bundle it wrote, rebuilds the
// bundle from the server's history and tampers with it.
func TestDrillWritesVerifiableEvidence(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "signing.key")
	if code, out, errs := run(t, "keygen", "-o", key); code != ExitOK || !strings.Contains(out, "ed25519:") {
		t.Fatalf("keygen: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := run(t, "keygen", "-o", key); code != ExitInvalid || !strings.Contains(errs, "never overwrites") {
		t.Errorf("keygen over an existing key: exit %d, %s", code, errs)
	}
	state, bundle, rebuilt := filepath.Join(dir, "state"), filepath.Join(dir, "bundle"), filepath.Join(dir, "rebuilt")
	const actor, note = "carla (continuity office)", "quarterly test\nasked in audit finding F-12"
	code, _, errs := run(t, "run", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-compressed"), "--id", "ev-1",
		"--state-dir", state, "--output", bundle, "--signing-key", key, "--actor", actor, "--note", note)
	if code != ExitOK && code != ExitMissed {
		t.Fatalf("run: exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "evidence bundle (signed): "+bundle) {
		t.Errorf("run does not say where the signed bundle went:\n%s", errs)
	}
	code, out, errs := run(t, "verify", bundle, "--pub", key+".pub")
	if code != ExitOK || !strings.Contains(out, "verified: drill ev-1,") || !strings.Contains(out, "signed by ed25519:") {
		t.Fatalf("verify: exit %d\n%s%s", code, out, errs)
	}
	b, err := evidence.Load(os.DirFS(bundle))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, e := range b.Events {
		if e.Type == evidence.EventStep {
			seen[e.Process+"/"+e.Step]++
		}
	}
	steps := 0
	for _, p := range b.Result.Processes {
		for _, s := range append(p.Steps, p.Rollback...) {
			steps++
			if seen[p.Process+"/"+s.Step] != 1 {
				t.Errorf("step %s/%s appears %d times in the journal, want once", p.Process, s.Step, seen[p.Process+"/"+s.Step])
			}
		}
	}
	if steps == 0 {
		t.Fatal("the drill ran no steps")
	}
	if page := html.UnescapeString(string(mustRead(t, filepath.Join(bundle, "reports/report.html")))); !strings.Contains(page, "is signed (ed25519) after this report is written, with key <span class=\"hash\">"+b.Signer+"</span>") || b.Signer == "" {
		t.Error("the HTML report of a signed bundle does not name the signing key")
	}
	if len(b.Sources) != 2 || b.Sources[0] != (drill.Source{Role: "catalog", Spec: drillCatalog}) || b.Sources[1] != (drill.Source{Role: "scenario", Spec: scenarioFile("portal-compressed")}) {
		t.Errorf("sources %+v", b.Sources)
	}
	var defs []string
	for _, d := range b.Definitions {
		defs = append(defs, d.Path)
	}
	if want := "definitions/catalog/catalog.yaml definitions/catalog/runbooks.yaml definitions/scenario/portal-compressed.yaml"; strings.Join(defs, " ") != want {
		t.Errorf("definitions %v, want %s", defs, want)
	}
	if got, _ := os.ReadFile(filepath.Join(bundle, "definitions/catalog/catalog.yaml")); !bytes.Equal(got, mustRead(t, drillCatalog+"/catalog.yaml")) {
		t.Error("the bundle's catalog.yaml is not the catalog the drill ran on")
	}

	// Rebuilt from the history with the same key: the same bytes.
	// Who started the drill and why: in drill.started and in the reports.
	var started struct {
		StartedBy string `json:"startedBy"`
		Note      string `json:"note"`
		Account   string `json:"account"`
	}
	// The name given with --actor stands beside the OS account that gave it.
	account := osAccount()
	if b.Events[0].Type != evidence.EventDrillStarted || json.Unmarshal(b.Events[0].Data, &started) != nil ||
		started.StartedBy != actor || started.Note != note || started.Account != account || b.StartedBy != actor || b.Note != note || b.Account != account {
		t.Errorf("drill.started %s; bundle StartedBy %q, Note %q, Account %q; want %q, %q, %q", b.Events[0].Data, b.StartedBy, b.Note, b.Account, actor, note, account)
	}
	by := "carla (continuity office) (OS account " + account + ")"
	for file, want := range map[string]string{
		"report.txt":  "\nStarted by " + by + "\nNote: quarterly test\n      asked in audit finding F-12\n",
		"report.md":   "\n- Started by " + by + "\n- Note: quarterly test\\\n  asked in audit finding F-12\n",
		"report.html": "\n<p class=\"started-by\">Started by " + by + "</p>\n<p class=\"drill-note\" style=\"white-space: pre-line\">Note: quarterly test\nasked in audit finding F-12</p>\n",
		"junit.xml":   `<property name="startedBy" value="` + by + `"></property>`,
		"report.json": `"startedBy": "carla (continuity office)",` + "\n  \"startedByAccount\": \"" + account + `",`,
	} {
		if got := string(mustRead(t, filepath.Join(bundle, "reports", file))); !strings.Contains(got, want) {
			t.Errorf("reports/%s lacks %q:\n%s", file, want, got)
		}
	}

	if code, _, errs := run(t, "report", "ev-1", "-o", rebuilt, "--state-dir", state, "--signing-key", key); code != ExitOK {
		t.Fatalf("report: exit %d\n%s", code, errs)
	}
	compareTrees(t, bundle, rebuilt)

	// One byte changed in the journal: verify fails and names the event.
	journal := filepath.Join(rebuilt, evidence.JournalFile)
	data := mustRead(t, journal)
	i := bytes.Index(data, []byte(`"type":"step"`))
	data[i+len(`"type":"st`)] = 'o'
	if err := os.WriteFile(journal, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = run(t, "verify", rebuilt, "--pub", key+".pub")
	if code != ExitError || !strings.Contains(errs, "NOT VERIFIED: journal.jsonl line ") {
		t.Errorf("verify of a changed journal: exit %d\n%s", code, errs)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// compareTrees fails unless both directories hold the same files, byte for byte.
func compareTrees(t *testing.T, a, b string) {
	t.Helper()
	files := func(root string) map[string][]byte {
		m := map[string][]byte{}
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				m[rel] = mustRead(t, p)
			}
			return nil
		})
		return m
	}
	fa, fb := files(a), files(b)
	if len(fa) != len(fb) {
		t.Errorf("%d files in %s, %d in %s", len(fa), a, len(fb), b)
	}
	for p, data := range fa {
		if !bytes.Equal(data, fb[p]) {
			t.Errorf("%s differs between the bundle the drill wrote and the one rebuilt", p)
		}
	}
}
