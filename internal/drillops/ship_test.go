package drillops

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/drill"
)

// shipped returns, by step id, the paths of the files the plan carries, and
// checks that every shipped stamp holds the bytes it stamped.
func shipped(t *testing.T, plan *drill.Plan) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	for _, pp := range plan.Processes {
		for _, s := range append(pp.Steps, pp.Rollback...) {
			for _, f := range s.Files {
				if !f.Shipped {
					if f.Content != nil {
						t.Errorf("step %s: %s carries content but is not shipped", s.ID, f.Path)
					}
					continue
				}
				if why := f.ShippedProblem(); why != "" {
					t.Errorf("step %s: %s", s.ID, why)
				}
				got[s.ID] = append(got[s.ID], f.Path)
			}
		}
	}
	return got
}

// TestPrepareShipsSmallFiles: the exit plan, the exports and the scripts
// of commands are carried in the plan with their content; backups never,
// not even a small dump file; a step whose files are not all shippable (one
// over drill.ShipFileLimit) ships none of them.
func TestPrepareShipsSmallFiles(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	stampCatalog(t, root)
	abs := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	// restore.sh grows to one byte over the limit: the interpret step
	// ships nothing; orders.json is exactly at the limit: shipped.
	if err := os.WriteFile(abs("catalog/scripts/restore.sh"), bytes.Repeat([]byte("#"), drill.ShipFileLimit+1), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(abs("shared/exports/orders.json"), bytes.Repeat([]byte(" "), drill.ShipFileLimit), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	p, err := Prepare(context.Background(), Request{Catalogs: []string{"catalog"}, Scenario: "scenario.yaml", At: at, StartedBy: "anna"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"current": {abs("catalog/exitplans/portal.md")},
		"export":  {abs("catalog/exports/users.csv"), abs("shared/exports/orders.json")},
		"switch":  {abs("catalog/scripts/activate.sh")},
		"back":    {abs("catalog/scripts/deactivate.sh")},
	}
	if d := cmp.Diff(want, shipped(t, p.Plan)); d != "" {
		t.Errorf("shipped files (-want +got):\n%s", d)
	}
	// The plan travels as JSON (the workflow's input): the content
	// survives the trip.
	data, err := json.Marshal(p.Input)
	if err != nil {
		t.Fatal(err)
	}
	var back drill.DrillInput
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, shipped(t, back.Plan)); d != "" {
		t.Errorf("shipped files after JSON (-want +got):\n%s", d)
	}
}

// TestShipBudget: steps ship in the plan's order while the budget lasts;
// a step that does not fit ships nothing, a later smaller one still does;
// a full budget keeps the workflow's input well under Temporal's 2 MB
// payload limit.
func TestShipBudget(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("x"), drill.ShipFileLimit) // 349,528 bytes as base64
	var steps []*drill.StepPlan
	for i, size := range []int{len(big), len(big), 200 << 10, len(big), 100} {
		p := filepath.Join(dir, string(rune('a'+i))+".md")
		if err := os.WriteFile(p, big[:size], 0o644); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, &drill.StepPlan{ID: string(rune('a' + i)), Kind: drill.ExitPlanCurrent, BaseDir: dir,
			ExitPlan: &drill.ExitPlan{Document: filepath.Base(p)}})
	}
	plan := &drill.Plan{DrillID: "d", Processes: []*drill.ProcessPlan{{ID: "p", Steps: steps}}}
	if err := stampFiles(context.Background(), plan); err != nil {
		t.Fatal(err)
	}
	used, err := shipFiles(context.Background(), plan)
	if err != nil {
		t.Fatal(err)
	}
	got := slices.Sorted(maps.Keys(shipped(t, plan)))
	want := []string{"a", "b", "c", "e"} // d would pass 1 MiB
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("shipped steps (-want +got):\n%s", d)
	}
	if wantUsed := 2*drill.ShippedSize(drill.ShipFileLimit) + drill.ShippedSize(200<<10) + drill.ShippedSize(100); used != wantUsed || used > drill.ShipBudget {
		t.Errorf("used %d bytes of the budget, want %d (at most %d)", used, wantUsed, drill.ShipBudget)
	}
	data, err := json.Marshal(drill.DrillInput{Plan: plan})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("workflow input with a full budget: %d bytes", len(data))
	if len(data) > 1<<20+64<<10 {
		t.Errorf("workflow input of %d bytes: want at most the budget and a little plan", len(data))
	}
}
