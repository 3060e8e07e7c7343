package scenarios_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// TestPlanAfter: a step without after waits for the step before it, after
// names its prerequisites, and an explicitly empty after: [] has none (the
// step starts at T0).
func TestPlanAfter(t *testing.T) {
	c, err := catalog.Load(yamldoc.OSFS{}, "../runbooks/testdata/catalog.yaml", "testdata/after-empty.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c.Processes[0].Runbook = "after-empty"
	sc := &scenarios.Scenario{ID: "s", Lose: scenarios.Lose{Suppliers: []string{"microsoft"}}, Duration: drill.Duration(24 * 3600e9)}
	p := scenarios.NewPlan("d", c, sc)
	got := map[string][]string{}
	for _, s := range p.Processes[0].Steps {
		got[s.ID] = s.After
	}
	want := map[string][]string{"fresh": nil, "restore": {"fresh"}, "plan": nil, "healthy": {"plan"}, "tls": {"fresh"}}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b []string) bool { return len(a) == 0 && len(b) == 0 || cmp.Equal(a, b) })); diff != "" {
		t.Errorf("after per step (-want +got):\n%s", diff)
	}
}
