package catalog_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// addSeeds adds every YAML file under dir to the fuzz corpus, and all of them
// joined as one multi-document file.
func addSeeds(f *testing.F, dir string) {
	var all []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !yamldoc.IsYAML(p) {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f.Add(b)
		all = append(all, string(b))
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(strings.Join(all, "\n---\n")))
}

// checkInvalid asserts the contract of a loader's error: nil, or a
// *yamldoc.Invalid with at least one problem, each naming its file.
func checkInvalid(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var inv *yamldoc.Invalid
	if !errors.As(err, &inv) {
		t.Fatalf("error is %T, want *yamldoc.Invalid: %v", err, err)
	}
	if len(inv.Problems) == 0 {
		t.Fatalf("*yamldoc.Invalid without problems")
	}
	for _, p := range inv.Problems {
		if p.Pos.File == "" || p.Problem == "" || p.Pos.Line < 0 || p.Pos.Col < 0 {
			t.Errorf("problem without file, text or sane position: %#v", p)
		}
	}
}

// FuzzCatalogLoad loads any input as the one YAML file of a catalog directory.
// No input may panic or hang; a valid catalog must also survive impact analysis.
func FuzzCatalogLoad(f *testing.F) {
	addSeeds(f, "testdata")
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"cat/catalog.yaml":                 {Data: data},
			"cat/exitplans/parkeren.md":        {Data: []byte("# plan\n")},
			"cat/exports/parkeren-permits.csv": {Data: []byte("permit\n1\n")},
			"cat/exports/permits.csv":          {Data: []byte("permit\n1\n")},
		}
		start := time.Now()
		c, err := catalog.Load(fsys, "cat")
		checkInvalid(t, err)
		if (c == nil) == (err == nil) {
			t.Fatalf("Load = %v, %v: want a catalog or an error", c, err)
		}
		if c != nil {
			for _, s := range c.Suppliers {
				im := c.Impact(catalog.Loss{Suppliers: []string{s.ID}, Jurisdictions: []string{s.Jurisdiction}, Duration: drill.Duration(30 * drill.Day)})
				for _, p := range im.Processes {
					if len(p.Paths) == 0 {
						t.Errorf("process %s impacted without a path", p.Process.ID)
					}
				}
			}
			c.Concentration()
			c.Matrix([]drill.Duration{drill.Duration(drill.Day), drill.Duration(30 * drill.Day)})
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("Load and impact analysis took %v", d)
		}
	})
}
