package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateNoDocuments refuses, with exit 2, a file without a document
// instead of calling it valid: empty, comments only, or a stream of empty
// documents, given alone or found in a catalog directory.
func TestValidateNoDocuments(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{"empty.yaml": "", "comments.yaml": "# todo\n", "stream.yaml": "---\n---\n"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errs := run(t, "validate", path)
		if want := "no documents in " + path; code != ExitInvalid || out != "" || !strings.Contains(errs, want) {
			t.Errorf("validate %s: exit %d, stdout %q, stderr %q; want 2 and %q", name, code, out, errs, want)
		}
	}
	code, _, errs := run(t, "impact", "--catalog", dir, "--scenario", "microsoft-1-day")
	if code != ExitInvalid || !strings.Contains(errs, "no documents in "+filepath.Join(dir, "comments.yaml")) {
		t.Errorf("impact --catalog %s: exit %d, stderr %q; want 2 and no documents", dir, code, errs)
	}
}
