package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSchemaWrite writes the schemas as files anyone may read (they are checked
// in), with no temporary file left beside them.
func TestSchemaWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "schema")
	if code, _, errs := run(t, "schema", "-o", dir); code != ExitOK {
		t.Fatalf("schema -o DIR: exit %d, stderr %q", code, errs)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", e.Name(), fi.Mode().Perm())
		}
	}
	if diff := cmp.Diff([]string{"catalog.json", "runbook.json", "scenario.json"}, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}
