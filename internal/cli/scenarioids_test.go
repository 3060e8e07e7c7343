package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScenarioIDsOfTheCatalog resolves --scenario ids against the loaded
// catalog: SUPPLIER-1-day|1-week|1-month for a supplier the library does
// not know, a Scenario of the catalog's own files by id, and an unknown id
// that lists what is allowed.
func TestScenarioIDsOfTheCatalog(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/valid/catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"catalog.yaml":         string(data),
		"exitplans/p.md":       "# exit plan\n",
		"scenarios/power.yaml": "apiVersion: exitdrill/v1\nkind: Scenario\nid: power-cut\nlose: {suppliers: [own]}\nduration: 2d\nmode: tabletop\n",
	} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		scenario, wantDuration, wantMode string
		wantLost                         []string
	}{
		{"own-1-week", "7d", "compressed", []string{"own"}},
		{"salesforce-1-day", "1d", "compressed", []string{"salesforce"}},
		{"power-cut", "2d", "tabletop", []string{"own"}},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			code, out, errs := run(t, "impact", "--catalog", dir, "--scenario", tt.scenario, "--format", "json")
			if code != ExitOK {
				t.Fatalf("impact --scenario %s: exit %d, stderr %s", tt.scenario, code, errs)
			}
			var got struct {
				Scenario struct{ ID, Duration, Mode string }
				Lost     []string
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			if got.Scenario.ID != tt.scenario || got.Scenario.Duration != tt.wantDuration || got.Scenario.Mode != tt.wantMode || strings.Join(got.Lost, ",") != strings.Join(tt.wantLost, ",") {
				t.Errorf("scenario %+v, lost %v; want %s, %s, %s, %v", got.Scenario, got.Lost, tt.scenario, tt.wantDuration, tt.wantMode, tt.wantLost)
			}
		})
	}
	code, out, errs := run(t, "impact", "--catalog", dir, "--scenario", "own-1-year")
	want := `no scenario with this id and no such file (allowed: a scenario of the catalog: power-cut; SUPPLIER-1-day, SUPPLIER-1-week or SUPPLIER-1-month for a supplier of the catalog (aws, microsoft, own, salesforce) or of the library (`
	if code != ExitInvalid || out != "" || !strings.Contains(errs, want) {
		t.Errorf("impact --scenario own-1-year: exit %d, stdout %q, stderr %q; want 2 and %q", code, out, errs, want)
	}
}
