package scenarios_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// TestResolveForCatalog resolves ids against a catalog: its own scenarios
// (under scenarios/) first, then the library, then SUPPLIER-1-day|1-week|
// 1-month for any supplier of the catalog; an id found nowhere lists what
// is allowed.
func TestResolveForCatalog(t *testing.T) {
	c, err := catalog.Load(yamldoc.OSFS{}, "testdata/owncatalog")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ref, title, duration, mode string
		lose                       []string
		builtin                    bool
		file                       string
	}{
		{ref: "acme-1-day", title: "Acme Hosting unavailable for one day", duration: "1d", mode: "compressed", lose: []string{"acme"}, builtin: true},
		{ref: "acme-1-week", title: "Acme Hosting unavailable for one week", duration: "7d", mode: "compressed", lose: []string{"acme"}, builtin: true},
		{ref: "own-1-month", title: "own unavailable for one month", duration: "30d", mode: "compressed", lose: []string{"own"}, builtin: true},
		{ref: "microsoft-1-week", title: "Microsoft (Azure, Microsoft 365) unavailable for one week", duration: "7d", mode: "compressed", lose: []string{"microsoft"}, builtin: true},
		{ref: "flood", title: "The data centre floods", duration: "3d", mode: "tabletop", lose: []string{"acme", "own"}, file: "testdata/owncatalog/scenarios/flood.yaml"},
		// The catalog's own definition wins over the library's.
		{ref: "microsoft-1-month", title: "Microsoft gone for a month, as this catalog sees it", duration: "30d", mode: "live", lose: []string{"microsoft"}, file: "testdata/owncatalog/scenarios/flood.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			s, err := scenarios.Resolve(yamldoc.OSFS{}, tt.ref, c)
			if err != nil {
				t.Fatal(err)
			}
			if s.ID != tt.ref || s.Title != tt.title || s.Duration.String() != tt.duration || s.EffectiveMode() != tt.mode || !cmp.Equal(s.Lose.Suppliers, tt.lose) || s.Builtin != tt.builtin || s.Src.Pos.File != tt.file && !tt.builtin {
				t.Errorf("Resolve(%s) = id %s, title %q, duration %s, mode %s, lose %v, builtin %v, file %q; want %s, %q, %s, %s, %v, %v, %q",
					tt.ref, s.ID, s.Title, s.Duration, s.EffectiveMode(), s.Lose.Suppliers, s.Builtin, s.Src.Pos.File,
					tt.ref, tt.title, tt.duration, tt.mode, tt.lose, tt.builtin, tt.file)
			}
			var errs yamldoc.List
			scenarios.Check(s, c, &errs)
			if err := errs.Err(); err != nil {
				t.Errorf("Check(%s): %v", tt.ref, err)
			}
		})
	}
	for _, tt := range []struct{ ref, want string }{
		{"acme-1-year", `acme-1-year: scenario: value "acme-1-year": no scenario with this id and no such file (allowed: a scenario of the catalog: broken, flood, microsoft-1-month; ` +
			`SUPPLIER-1-day, SUPPLIER-1-week or SUPPLIER-1-month for a supplier of the catalog (acme, microsoft, own) or of the library (aws, centric, kpn, pinkroccade, proximus, salesforce, sap); ` +
			`us-jurisdiction-1-month; a scenario file (see exitdrill scenarios list))`},
		{"nobody-1-day", `nobody-1-day: scenario: value "nobody-1-day": no scenario with this id and no such file (allowed: a scenario of the catalog: broken, flood, microsoft-1-month; `},
		{"broken", `testdata/owncatalog/scenarios/broken.yaml:5:11: scenario[broken].duration: value "1 month": malformed duration: unknown or missing unit (allowed: ` + drill.DurationAllowed + `)`},
	} {
		t.Run(tt.ref, func(t *testing.T) {
			s, err := scenarios.Resolve(yamldoc.OSFS{}, tt.ref, c)
			lines := rendered(t, err)
			if s != nil || len(lines) != 1 || len(lines[0]) < len(tt.want) || lines[0][:len(tt.want)] != tt.want {
				t.Errorf("Resolve(%s) = %v, %q; want nil and a problem starting\n%s", tt.ref, s, lines, tt.want)
			}
		})
	}
}
