package scenarios_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// FuzzScenarioLoad parses any input, decodes its scenarios and checks them
// against a small catalog. No input may panic or hang; a scenario that comes
// through without problems must be usable.
func FuzzScenarioLoad(f *testing.F) {
	for _, dir := range []string{"library", "testdata"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !yamldoc.IsYAML(p) {
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
	}
	c, err := catalog.Load(yamldoc.OSFS{}, "testdata/catalog.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		var errs yamldoc.List
		docs := yamldoc.Parse("fuzz.yaml", data, &errs)
		list := scenarios.FromDocuments(docs, &errs)
		for _, s := range list {
			scenarios.Check(s, c, &errs)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("took %v", d)
		}
		for _, p := range errs.Errors() {
			if p.Pos.File != "fuzz.yaml" || p.Problem == "" {
				t.Errorf("problem without file or text: %#v", p)
			}
		}
		if errs.Len() > 0 {
			if errs.Err() == nil {
				t.Fatal("problems recorded but Err() is nil")
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range list {
			if s.ID == "" || seen[s.ID] {
				t.Errorf("valid scenario with an empty or repeated id %q", s.ID)
			}
			seen[s.ID] = true
			if s.Duration <= 0 || s.EffectiveTimeScale() <= 0 {
				t.Errorf("valid scenario %s: duration %v, time scale %v", s.ID, s.Duration, s.EffectiveTimeScale())
			}
			if len(s.Lose.Suppliers)+len(s.Lose.Jurisdictions) == 0 {
				t.Errorf("valid scenario %s loses nothing", s.ID)
			}
			if im := c.Impact(s.Loss()); im == nil {
				t.Errorf("Impact(%s) = nil", s.ID)
			}
		}
	})
}
