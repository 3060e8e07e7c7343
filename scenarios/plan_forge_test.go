package scenarios_test

import (
	"testing"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// A forge.mirror step carries its forge block into the plan, and is marked
// unavailable when the scenario loses the forge's supplier: the check then
// fails without contacting GitHub.
func TestPlanForgeMirrorStep(t *testing.T) {
	c, err := catalog.Load(yamldoc.OSFS{}, "../runbooks/testdata/catalog.yaml", "../runbooks/testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c.Processes[0].Runbook = "every-kind"
	forgeBlock := c.Runbooks["every-kind"].Steps[6].Forge
	for _, tt := range []struct {
		supplier, want string
	}{
		{"microsoft", "held by lost supplier microsoft"},
		{"own", ""},
	} {
		forgeBlock.Supplier = tt.supplier
		sc := &scenarios.Scenario{ID: "s", Lose: scenarios.Lose{Suppliers: []string{"microsoft"}}, Duration: drill.Duration(24 * 3600e9)}
		p := scenarios.NewPlan("d", c, sc)
		var mirror *drill.StepPlan
		for _, pp := range p.Processes {
			for _, s := range pp.Steps {
				if s.Kind == drill.ForgeMirror {
					mirror = s
				}
			}
		}
		if mirror == nil || mirror.Forge == nil || mirror.Forge.Owner != "voorbeeldstad" {
			t.Fatalf("forge at %s: mirror step %+v, want its forge block", tt.supplier, mirror)
		}
		if mirror.Unavailable != tt.want {
			t.Errorf("forge at %s: Unavailable = %q, want %q", tt.supplier, mirror.Unavailable, tt.want)
		}
	}
}
