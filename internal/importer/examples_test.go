package importer

import (
	"archive/zip"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

const examples = "../../examples/import"

// TestExamples imports each example of examples/import as the README does:
// the CMDB export and the BIA give catalogs that validate; the register one
// that names only what the register lacks.
func TestExamples(t *testing.T) {
	ctx := context.Background()
	glob := func(pattern string) []string {
		m, err := filepath.Glob(filepath.Join(examples, pattern))
		if err != nil || len(m) == 0 {
			t.Fatalf("no %s: %v", pattern, err)
		}
		return m
	}
	cmdb, err := CMDB(ctx, glob("servicenow/*.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	bia, err := FromMapping(ctx, filepath.Join(examples, "bia/mapping.yaml"), glob("bia/*.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, res := range map[string]*Result{"servicenow": cmdb, "bia": bia} {
		if _, _, err := importInto(t, res, filepath.Join(t.TempDir(), name)); err != nil {
			t.Errorf("%s: the catalog does not validate: %v", name, err)
		}
	}

	roi := filepath.Join(t.TempDir(), "roi.zip")
	zipDir(t, filepath.Join(examples, "roi"), roi)
	res, err := DORAROI(ctx, []string{roi}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = importInto(t, res, filepath.Join(t.TempDir(), "bank"))
	lines, _ := yamldoc.Lines(err)
	for _, l := range lines {
		if !strings.Contains(l, ".owner: required key has no value") && !strings.Contains(l, `.mtpd: value "TODO"`) {
			t.Errorf("roi: a problem other than a placeholder: %s", l)
		}
	}
	if len(lines) != 6 {
		t.Errorf("roi: %d problems, want 6 placeholders (owner and mtpd of three functions)", len(lines))
	}
}

// zipDir zips the files under dir, as `cd dir && zip -qr out .` does.
func zipDir(t *testing.T, dir, out string) {
	t.Helper()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
