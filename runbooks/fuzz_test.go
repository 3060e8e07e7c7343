package runbooks_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// FuzzRunbookLoad loads any input as a runbook file beside the catalog of
// testdata/catalog.yaml, which has a target of every type. No input may panic
// or hang, and problems must name their file.
func FuzzRunbookLoad(f *testing.F) {
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !yamldoc.IsYAML(p) || p == "testdata/catalog.yaml" {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil {
			f.Add(b)
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	cat, err := os.ReadFile("testdata/catalog.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"cat/catalog.yaml":          {Data: cat},
			"cat/exitplans/parkeren.md": {Data: []byte("# plan\n")},
			"cat/runbook.yaml":          {Data: data},
		}
		start := time.Now()
		c, err := catalog.Load(fsys, "cat")
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("Load took %v", d)
		}
		if err == nil {
			if c == nil {
				t.Fatal("Load = nil, nil")
			}
			for id, rb := range c.Runbooks {
				if id != rb.ID {
					t.Errorf("runbook %q filed under %q", rb.ID, id)
				}
				for _, s := range append(rb.Steps, rb.Rollback...) {
					if s == nil || s.Kind() == "" {
						t.Errorf("runbook %s: a valid runbook has a step without kind: %+v", id, s)
					}
				}
			}
			return
		}
		var inv *yamldoc.Invalid
		if !errors.As(err, &inv) || len(inv.Problems) == 0 {
			t.Fatalf("error %T %v, want *yamldoc.Invalid with problems", err, err)
		}
		if c != nil {
			t.Error("Load returned a catalog and an error")
		}
		for _, p := range inv.Problems {
			if p.Pos.File == "" || p.Problem == "" {
				t.Errorf("problem without file or text: %#v", p)
			}
		}
	})
}
