package scenarios_test

import (
	"testing"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// An exitplan.current step carries the catalog's exitPlanSections into the
// plan, so the worker judges the document by the organisation's headings;
// other steps do not carry them.
func TestPlanCarriesExitPlanSections(t *testing.T) {
	c, err := catalog.Load(yamldoc.OSFS{}, "../runbooks/testdata/catalog.yaml", "../runbooks/testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c.ExitPlanSections = &drill.ExitPlanSections{Roles: []string{"Wie doet wat"}}
	c.Processes[0].Runbook = "every-kind"
	sc := &scenarios.Scenario{ID: "s", Lose: scenarios.Lose{Suppliers: []string{"microsoft"}}, Duration: drill.Duration(24 * 3600e9)}
	p := scenarios.NewPlan("d", c, sc)
	n := 0
	for _, pp := range p.Processes {
		for _, s := range pp.Steps {
			switch {
			case s.Kind == drill.ExitPlanCurrent:
				n++
				if s.ExitPlanSections == nil || s.ExitPlanSections.Roles[0] != "Wie doet wat" {
					t.Errorf("step %s: ExitPlanSections = %+v, want the catalog's", s.ID, s.ExitPlanSections)
				}
			case s.ExitPlanSections != nil:
				t.Errorf("step %s (%s) carries ExitPlanSections", s.ID, s.Kind)
			}
		}
	}
	if n == 0 {
		t.Fatal("the plan has no exitplan.current step")
	}
}
