package catalog_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
)

// coverageCatalog: process permits needs portal and, through it, idp, both
// run by microsoft. The runbook targets portal's backup; coverStep is added to
// its steps.
func coverageCatalog(t *testing.T, coverStep string) (*catalog.Catalog, error) {
	t.Helper()
	yaml := `apiVersion: exitdrill/v1
kind: Catalog
organisation: Waterschap Proef
suppliers:
  - {id: microsoft, jurisdiction: US}
  - {id: own, jurisdiction: NL}
applications:
  - id: portal
    supplier: microsoft
    dependsOn: [idp]
    backups: [{id: portal-db, kind: directory, location: data/portal, heldBy: own, every: 1d}]
  - {id: idp, supplier: microsoft}
  - {id: archive, supplier: own}
processes:
  - {id: permits, owner: A, mtpd: 7d, rto: 2d, rpo: 1d, applications: [portal, archive], runbook: rb}
---
apiVersion: exitdrill/v1
kind: Runbook
id: rb
steps:
  - {id: restore, check: backup.restore, target: portal-db}
` + coverStep
	return catalog.Load(fstest.MapFS{"c/catalog.yaml": {Data: []byte(yaml)}}, "c")
}

func TestCoverage(t *testing.T) {
	loss := catalog.Loss{Suppliers: []string{"microsoft"}, Duration: drill.Duration(30 * drill.Day)}
	for _, tt := range []struct {
		name      string
		step      string
		uncovered []string // in the microsoft loss
		gaps      []string // validate: every application the process needs, breadth first
	}{
		{"a runbook that restores one of two lost applications", "", []string{"idp"}, []string{"archive", "idp"}},
		{"covers on a manual step", "  - {id: sso, manual: {role: operator, instructions: Switch to the standby IdP}, expected: 1h, covers: [idp]}\n",
			nil, []string{"archive"}},
		{"a rollback step covers nothing", "rollback:\n  - {id: undo, action: command, command: [\"true\"], covers: [idp, archive]}\n",
			[]string{"idp"}, []string{"archive", "idp"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := coverageCatalog(t, tt.step)
			if err != nil {
				t.Fatal(err)
			}
			im := c.Impact(loss)
			if len(im.Processes) != 1 {
				t.Fatalf("%d processes impacted, want 1", len(im.Processes))
			}
			if got := im.Processes[0].Uncovered; !slices.Equal(got, tt.uncovered) {
				t.Errorf("uncovered %v, want %v", got, tt.uncovered)
			}
			var gaps []string
			for _, g := range c.CoverageGaps() {
				gaps = append(gaps, g.Application)
				if !strings.Contains(g.String(), "nothing in runbook rb shows that "+g.Application+" comes back") {
					t.Errorf("gap text %q", g)
				}
			}
			if !slices.Equal(gaps, tt.gaps) {
				t.Errorf("coverage gaps %v, want %v", gaps, tt.gaps)
			}
		})
	}
}

func TestCoversValidated(t *testing.T) {
	for _, tt := range []struct{ name, step, want string }{
		{"unknown application", "  - {id: sso, action: command, command: [\"true\"], covers: [ipd]}\n",
			`covers: value "ipd": unknown application (did you mean "idp"?)`},
		{"on a check", "  - {id: fresh, check: backup.fresh, target: portal-db, covers: [idp]}\n",
			"covers is only for command, container and manual steps"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := coverageCatalog(t, tt.step)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v, want an error with %q", err, tt.want)
			}
		})
	}
}
