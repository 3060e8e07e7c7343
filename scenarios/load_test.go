package scenarios_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// rendered returns the problems of err one per string, or fails the test when
// err is not a *yamldoc.Invalid.
func rendered(t *testing.T, err error) []string {
	t.Helper()
	lines, ok := yamldoc.Lines(err)
	if !ok {
		t.Fatalf("error is %T, want *yamldoc.Invalid: %v", err, err)
	}
	return lines
}

// TestLibrary loads the embedded library; Library panics when it is invalid, so
// this test is what catches a broken library file before a user does.
func TestLibrary(t *testing.T) {
	lib := scenarios.Library()
	var ids []string
	for _, s := range lib {
		ids = append(ids, s.ID)
	}
	var want []string
	for _, sup := range []string{"aws", "centric", "kpn", "microsoft", "pinkroccade", "proximus", "salesforce", "sap"} {
		want = append(want, sup+"-1-day", sup+"-1-week", sup+"-1-month")
	}
	want = append(want, "us-jurisdiction-1-month")
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Fatalf("library ids, by supplier and then shortest first (-want +got):\n%s", diff)
	}
	durations := map[string]string{"-1-day": "1d", "-1-week": "7d", "-1-month": "30d"}
	for _, s := range lib {
		if s.Title == "" || s.Description == "" {
			t.Errorf("%s: title and description are for people and must be set", s.ID)
		}
		if s.EffectiveMode() != scenarios.Compressed {
			t.Errorf("%s: mode %q, want compressed", s.ID, s.EffectiveMode())
		}
		for suffix, d := range durations {
			if strings.HasSuffix(s.ID, suffix) && s.Duration.String() != d {
				t.Errorf("%s: duration %s, want %s", s.ID, s.Duration, d)
			}
		}
		if len(s.Lose.Suppliers) == 1 && !strings.HasPrefix(s.ID, s.Lose.Suppliers[0]+"-") {
			t.Errorf("%s loses %s, want the supplier its id names", s.ID, s.Lose.Suppliers[0])
		}
	}
	us := scenarios.Find("us-jurisdiction-1-month")
	if us == nil || len(us.Lose.Suppliers) != 0 || !cmp.Equal(us.Lose.Jurisdictions, []string{"US"}) {
		t.Errorf("Find(us-jurisdiction-1-month) = %+v, want a loss of jurisdiction US", us)
	}
	ms := scenarios.Find("microsoft-1-week")
	if ms == nil || !cmp.Equal(ms.Lose.Suppliers, []string{"microsoft"}) || ms.Loss().Duration.String() != "7d" {
		t.Errorf("Find(microsoft-1-week) = %+v, want microsoft lost for 7d", ms)
	}
	if s := scenarios.Find("microsoft-1-year"); s != nil {
		t.Errorf("Find(microsoft-1-year) = %+v, want nil", s)
	}
}

// TestLibraryAgainstExample checks every library scenario against the example
// organisation: each supplier the library loses exists there.
func TestLibraryAgainstExample(t *testing.T) {
	const dir = "../examples/voorbeeldstad"
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("load the example catalog: %v", err)
	}
	c, err := catalog.Load(yamldoc.OSFS{}, dir)
	if err != nil {
		t.Fatalf("example catalog: %v", err)
	}
	for _, s := range scenarios.Library() {
		var errs yamldoc.List
		scenarios.Check(s, c, &errs)
		if got := rendered(t, errs.Err()); len(got) > 0 {
			t.Errorf("Check(%s) against the example: %q", s.ID, got)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		ref  string
		id   string   // the scenario found, or
		want []string // the problems
	}{
		{ref: "microsoft-1-month", id: "microsoft-1-month"},
		{ref: "us-jurisdiction-1-month", id: "us-jurisdiction-1-month"},
		{ref: "testdata/valid.yaml", id: "microsoft-and-aws-2-days"},
		{ref: "microsoft-1-year", want: []string{
			`microsoft-1-year: scenario: value "microsoft-1-year": no scenario with this id and no such file (allowed: SUPPLIER-1-day, SUPPLIER-1-week or SUPPLIER-1-month for a supplier of the library (aws, centric, kpn, microsoft, pinkroccade, proximus, salesforce, sap); us-jurisdiction-1-month; a scenario file (see exitdrill scenarios list))`,
		}},
		{ref: "testdata/nope.yaml", want: []string{
			"testdata/nope.yaml: cannot read: no such file or directory (allowed: an existing file or directory)",
		}},
		{ref: "testdata/invalid/two-scenarios.yaml", want: []string{
			"testdata/invalid/two-scenarios.yaml: expected exactly one Scenario document, found 2 (allowed: one scenario per file given to --scenario)",
		}},
		{ref: "testdata/invalid/loses-nothing.yaml", want: []string{
			"testdata/invalid/loses-nothing.yaml:4:7: scenario[nothing].lose: the scenario loses nothing (allowed: lose.suppliers and/or lose.jurisdictions)",
		}},
		{ref: "testdata/invalid/null-lose.yaml", want: []string{
			"testdata/invalid/null-lose.yaml:4:6: scenario[null-lose].lose: required key has no value",
		}},
		{ref: "testdata/invalid/bad-jurisdiction.yaml", want: []string{
			`testdata/invalid/bad-jurisdiction.yaml:5:18: scenario[bad-jurisdiction].lose.jurisdictions: value "usa": not an ISO 3166-1 alpha-2 country code (allowed: two capital letters, for example US)`,
			`testdata/invalid/bad-jurisdiction.yaml:5:18: scenario[bad-jurisdiction].lose.jurisdictions: value "United States": not an ISO 3166-1 alpha-2 country code (allowed: two capital letters, for example US)`,
		}},
		{ref: "testdata/invalid/timescale-not-compressed.yaml", want: []string{
			"testdata/invalid/timescale-not-compressed.yaml:7:12: scenario[live-with-scale].timeScale: timeScale is not for live mode, where time is real (allowed: remove it, or set mode: compressed or tabletop)",
		}},
		{ref: "testdata/invalid/timescale-not-positive.yaml", want: []string{
			"testdata/invalid/timescale-not-positive.yaml:7:12: scenario[zero-scale].timeScale: timeScale must be positive (allowed: scenario seconds per wall-clock second, for example 720 or 86400)",
		}},
		{ref: "testdata/invalid/timescale-not-a-number.yaml", want: []string{
			`testdata/invalid/timescale-not-a-number.yaml:6:12: scenario[nan-scale].timeScale: value ".nan": expected a number (allowed: a number such as 720 or 0.5)`,
		}},
		{ref: "testdata/invalid/bad-mode.yaml", want: []string{
			`testdata/invalid/bad-mode.yaml:6:7: scenario[bad-mode].mode: value "fast": unknown mode (allowed: live, compressed, tabletop)`,
		}},
		{ref: "testdata/invalid/bad-duration.yaml", want: []string{
			`testdata/invalid/bad-duration.yaml:5:11: scenario[bad-duration].duration: value "1 month": malformed duration: unknown or missing unit (allowed: ` + drill.DurationAllowed + `)`,
		}},
		{ref: "testdata/invalid/missing-keys.yaml", want: []string{
			"testdata/invalid/missing-keys.yaml:1:1: scenario.duration: missing required key",
			"testdata/invalid/missing-keys.yaml:1:1: scenario.id: missing required key",
			"testdata/invalid/missing-keys.yaml:1:1: scenario.lose: missing required key",
		}},
		{ref: "testdata/invalid/duplicate-id.yaml", want: []string{
			`testdata/invalid/duplicate-id.yaml:9:5: scenario[twice].id: value "twice": duplicate scenario id, first defined at testdata/invalid/duplicate-id.yaml:3:5 (allowed: each scenario id once)`,
		}},
		{ref: "testdata/invalid/not-a-scenario.yaml", want: []string{
			`testdata/invalid/not-a-scenario.yaml:2:7: kind: value "Catalog": unknown document kind (allowed: Scenario)`,
		}},
		{ref: "testdata/invalid/unknown-key.yaml", want: []string{
			`testdata/invalid/unknown-key.yaml:4:32: scenario[unknown-key].lose.applications: value "applications": unknown key (allowed: keys: suppliers, jurisdictions)`,
		}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.ref] = true
		t.Run(tt.ref, func(t *testing.T) {
			s, err := scenarios.Resolve(yamldoc.OSFS{}, tt.ref, nil)
			if diff := cmp.Diff(tt.want, rendered(t, err)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			switch {
			case tt.id != "" && (s == nil || s.ID != tt.id):
				t.Errorf("Resolve(%s) = %+v, want scenario %s", tt.ref, s, tt.id)
			case tt.id == "" && s != nil:
				t.Errorf("Resolve(%s) = %+v with problems, want nil", tt.ref, s)
			}
		})
	}
	files, err := os.ReadDir("testdata/invalid")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !seen["testdata/invalid/"+f.Name()] {
			t.Errorf("testdata/invalid/%s has no case in TestResolve", f.Name())
		}
	}
}

// TestCheck checks scenarios that are valid on their own against a catalog.
func TestCheck(t *testing.T) {
	c, err := catalog.Load(yamldoc.OSFS{}, "testdata/catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ref  string
		want []string
	}{
		{ref: "testdata/valid.yaml"},
		{ref: "us-jurisdiction-1-month"},
		{ref: "testdata/unknown-supplier.yaml", want: []string{
			`testdata/unknown-supplier.yaml:5:19: scenario[typo].lose.suppliers: value "micrsoft": unknown supplier in catalog Gemeente Testdorp (allowed: a supplier id of the catalog: aws, microsoft, own, salesforce)`,
			`testdata/unknown-supplier.yaml:5:19: scenario[typo].lose.suppliers: value "google": unknown supplier in catalog Gemeente Testdorp (allowed: a supplier id of the catalog: aws, microsoft, own, salesforce)`,
		}},
		{ref: "testdata/no-supplier-in-jurisdiction.yaml", want: []string{
			`testdata/no-supplier-in-jurisdiction.yaml:5:23: scenario[cn-ru].lose.jurisdictions: value "CN, RU": no supplier of catalog Gemeente Testdorp is under these jurisdictions, the scenario loses nothing (allowed: a jurisdiction of the catalog: NL, US)`,
		}},
		{ref: "centric-1-day", want: []string{
			`library/centric.yaml:9:14: scenario[centric-1-day].lose.suppliers: value "centric": unknown supplier in catalog Gemeente Testdorp (allowed: a supplier id of the catalog: aws, microsoft, own, salesforce)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			s, err := scenarios.Resolve(yamldoc.OSFS{}, tt.ref, nil)
			if err != nil {
				t.Fatal(err)
			}
			var errs yamldoc.List
			scenarios.Check(s, c, &errs)
			if diff := cmp.Diff(tt.want, rendered(t, errs.Err())); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFromDocuments decodes scenarios parsed from memory, the way the fuzz test
// does, and checks the defaults of mode and time scale.
func TestFromDocuments(t *testing.T) {
	src := `apiVersion: exitdrill/v1
kind: Scenario
id: defaults
lose: {suppliers: [microsoft]}
duration: 1w
---
apiVersion: exitdrill/v1
kind: Scenario
id: tabletop
lose: {jurisdictions: [US]}
duration: 30d
mode: tabletop
timeScale: 720
---
apiVersion: exitdrill/v1
kind: Scenario
id: live
lose: {suppliers: [aws]}
duration: 1d
mode: live
`
	var errs yamldoc.List
	docs := yamldoc.Parse("mem.yaml", []byte(src), &errs)
	list := scenarios.FromDocuments(docs, &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	type summary struct {
		ID, Mode, Duration string
		Scale              float64
	}
	var got []summary
	for _, s := range list {
		got = append(got, summary{s.ID, s.EffectiveMode(), s.Duration.String(), s.EffectiveTimeScale()})
	}
	want := []summary{
		{"defaults", "compressed", "7d", scenarios.DefaultTimeScale},
		{"tabletop", "tabletop", "30d", 720},
		{"live", "live", "1d", 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scenarios (-want +got):\n%s", diff)
	}
}
