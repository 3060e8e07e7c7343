package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// deprecatedLine is the line on stderr for an old flag that named the output.
func deprecatedLine(old, what string) string {
	return "exitdrill: --" + old + " is deprecated; use -o/--output " + what + "\n"
}

// TestKeygenOutput: keygen writes FILE and FILE.pub where -o/--output says;
// --out FILE still works for a release and says so; - and an existing file
// are refused with exit 2, leaving nothing behind.
func TestKeygenOutput(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "a.key")
	if code, out, errs := run(t, "keygen", "-o", key); code != ExitOK || errs != "" || !strings.Contains(out, "private key: "+key) {
		t.Fatalf("keygen -o FILE: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	for name, perm := range map[string]os.FileMode{key: 0o600, key + ".pub": 0o644} {
		if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != perm {
			t.Errorf("%s: %v, %v; want mode %v", name, fi, err, perm)
		}
	}
	old := filepath.Join(dir, "old.key")
	if code, _, errs := run(t, "keygen", "--out", old); code != ExitOK || errs != deprecatedLine("out", "FILE") {
		t.Errorf("keygen --out FILE: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(old + ".pub"); err != nil {
		t.Errorf("keygen --out FILE wrote no public key: %v", err)
	}

	before := string(mustRead(t, key))
	lonePub := filepath.Join(dir, "lone.key")
	if err := os.WriteFile(lonePub+".pub", []byte("someone's\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", key}, key + " exists: keygen never overwrites a key"},
		{[]string{"-o", lonePub}, lonePub + ".pub exists: keygen never overwrites a key"},
		{[]string{"-o", "-"}, "-o/--output -: keygen writes two files"},
		{[]string{"--out", old, "-o", key}, "--out and -o/--output name different files"},
	} {
		code, _, errs := run(t, append([]string{"keygen"}, c.args...)...)
		if code != ExitInvalid || !strings.Contains(errs, c.want) {
			t.Errorf("keygen %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}
	if got := string(mustRead(t, key)); got != before {
		t.Error("a refused keygen changed the existing key")
	}
	if _, err := os.Lstat(lonePub); !os.IsNotExist(err) {
		t.Errorf("keygen beside a lone FILE.pub made FILE: %v", err)
	}
}

// TestGenCatalogOutput: gen catalog writes into -o/--output DIR; --out DIR
// still works for a release and says so; a missing directory or - is exit 2.
func TestGenCatalogOutput(t *testing.T) {
	dir := t.TempDir()
	gen := func(more ...string) (int, string, string) {
		return run(t, append([]string{"gen", "catalog", "--apps", "20", "--seed", "3"}, more...)...)
	}
	newDir, oldDir := filepath.Join(dir, "new"), filepath.Join(dir, "old")
	if code, out, errs := gen("-o", newDir); code != ExitOK || errs != "" || !strings.Contains(out, "to "+newDir+":") {
		t.Fatalf("gen catalog -o DIR: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, errs := gen("--out", oldDir); code != ExitOK || errs != deprecatedLine("out", "DIR") {
		t.Errorf("gen catalog --out DIR: exit %d, stderr %q", code, errs)
	}
	for _, name := range []string{"suppliers.yaml", "processes-001.yaml"} {
		if a, b := mustRead(t, filepath.Join(newDir, name)), mustRead(t, filepath.Join(oldDir, name)); string(a) != string(b) {
			t.Errorf("%s differs between -o and --out", name)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "-o/--output: the directory to write the catalog into is required"},
		{[]string{"-o", "-"}, "-o/--output -: the catalog is a directory"},
		{[]string{"-o", newDir}, "-o/--output " + newDir + ": directory is not empty"},
		{[]string{"--out", oldDir, "-o", newDir}, "--out and -o/--output name different directories"},
	} {
		if code, _, errs := gen(c.args...); code != ExitInvalid || !strings.Contains(errs, c.want) {
			t.Errorf("gen catalog %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}
}

// TestSchemaOutput: schema KIND -o FILE writes what stdout shows (- is
// stdout); schema -o DIR writes every kind; --write DIR still works for a
// release and says so, and only without a kind.
func TestSchemaOutput(t *testing.T) {
	dir := t.TempDir()
	code, want, errs := run(t, "schema", "catalog")
	if code != ExitOK || !strings.HasPrefix(want, "{") || errs != "" {
		t.Fatalf("schema catalog: exit %d, stderr %q", code, errs)
	}
	if code, out, errs := run(t, "schema", "catalog", "-o", "-"); code != ExitOK || out != want || errs != "" {
		t.Errorf("schema catalog -o -: exit %d, stderr %q, same as stdout: %v", code, errs, out == want)
	}
	file := filepath.Join(dir, "catalog.json")
	if code, out, errs := run(t, "schema", "catalog", "-o", file); code != ExitOK || out != "" || errs != "wrote "+file+"\n" {
		t.Errorf("schema catalog -o FILE: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if got := string(mustRead(t, file)); got != want {
		t.Error("schema catalog -o FILE differs from stdout")
	}
	all, old := filepath.Join(dir, "all"), filepath.Join(dir, "old")
	if code, _, errs := run(t, "schema", "-o", all); code != ExitOK || errs != "" {
		t.Errorf("schema -o DIR: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := run(t, "schema", "--write", old); code != ExitOK || errs != deprecatedLine("write", "DIR") {
		t.Errorf("schema --write DIR: exit %d, stderr %q", code, errs)
	}
	for _, d := range []string{all, old} {
		if got := string(mustRead(t, filepath.Join(d, "catalog.json"))); got != want {
			t.Errorf("%s/catalog.json differs from schema catalog", d)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"schema", "catalog", "--write", old}, "--write DIR writes every kind"},
		{[]string{"schema", "-o", "-"}, "accepts 1 arg"},
		{[]string{"schema", "catalog", "runbook", "-o", all}, "accepts at most 1 arg"},
	} {
		if code, _, errs := run(t, c.args...); code != ExitInvalid || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}
}

// TestRunOutput: run puts the evidence bundle in -o/--output DIR (here one
// that exists, which Prepare refuses before anything starts, naming it);
// --out DIR and -o FORMAT still work for a release and say so.
// (TestDrillWritesVerifiableEvidence runs a drill with --output DIR,
// TestEvidenceNotWrittenExits5 one with --out DIR.)
func TestRunOutput(t *testing.T) {
	dir := t.TempDir()
	taken := filepath.Join(dir, "taken")
	if err := os.Mkdir(taken, 0o755); err != nil {
		t.Fatal(err)
	}
	drillRun := func(more ...string) (int, string, string) {
		return run(t, append([]string{"run", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-compressed"),
			"--id", "out-1", "--actor", "tester", "--state-dir", filepath.Join(dir, "state")}, more...)...)
	}
	exists := "evidence bundle " + taken + " already exists"
	for _, c := range []struct {
		args      []string
		wantFirst string // the first line of stderr, "" for none
		want      string
	}{
		{[]string{"-o", taken}, "", exists},
		{[]string{"--output", taken, "--format", "json"}, "", exists},
		{[]string{"--out", taken}, deprecatedLine("out", "DIR"), exists},
		{[]string{"-o", "json", "--out", taken}, "exitdrill: --output json is deprecated; use --format json (-o now names the output file)\n", exists},
		{[]string{"-o", "-"}, "", "-o/--output -: the evidence bundle is a directory"},
		{[]string{"--out", taken, "-o", filepath.Join(dir, "other")}, deprecatedLine("out", "DIR"), "--out and -o/--output name different directories"},
	} {
		code, _, errs := drillRun(c.args...)
		if code != ExitInvalid || !strings.Contains(errs, c.want) || !strings.HasPrefix(errs, c.wantFirst) ||
			c.wantFirst == "" && strings.Contains(errs, "deprecated") {
			t.Errorf("run %s: exit %d, stderr %q; want exit 2, %q first and %q", strings.Join(c.args, " "), code, errs, c.wantFirst, c.want)
		}
	}
}
