package drill

import (
	"slices"
	"testing"
)

func TestValidLabel(t *testing.T) {
	for label, want := range map[string]bool{
		"dc-west": true, "a": true, "zone2": true,
		"": false, "DC-West": false, "-west": false, "2dc": false, "dc west": false, "dc@west": false,
		"a234567890123456789012345678901234567890": true, "a2345678901234567890123456789012345678901": false,
	} {
		if got := ValidLabel(label); got != want {
			t.Errorf("ValidLabel(%q) = %v, want %v", label, got, want)
		}
	}
}

// TestByLabel: the plan split for the preflight keeps every step once, in
// its label's part, with its process (rollback steps as rollback), and puts
// the unlabelled part first.
func TestByLabel(t *testing.T) {
	step := func(id, label string) *StepPlan { return &StepPlan{ID: id, Kind: Command, RunsOn: label} }
	p := &Plan{DrillID: "d", Processes: []*ProcessPlan{
		{ID: "a", Steps: []*StepPlan{step("west-1", "dc-west"), step("local", "")}, Rollback: []*StepPlan{step("undo", "dc-west")}},
		{ID: "b", Steps: []*StepPlan{step("east", "dc-east")}},
		{ID: "c", Problem: "no runbook"},
	}}
	labels, parts := p.ByLabel()
	if want := []string{"", "dc-west", "dc-east"}; !slices.Equal(labels, want) {
		t.Fatalf("labels %q, want %q", labels, want)
	}
	got := map[string][]string{}
	for label, part := range parts {
		if part.DrillID != "d" {
			t.Errorf("part %q lost the plan's fields", label)
		}
		for _, pp := range part.Processes {
			for _, s := range pp.Steps {
				got[label] = append(got[label], pp.ID+"/"+s.ID)
			}
			for _, s := range pp.Rollback {
				got[label] = append(got[label], pp.ID+"/rollback/"+s.ID)
			}
		}
	}
	want := map[string][]string{"": {"a/local"}, "dc-west": {"a/west-1", "a/rollback/undo"}, "dc-east": {"b/east"}}
	for label, ids := range want {
		if !slices.Equal(got[label], ids) {
			t.Errorf("part %q: %q, want %q", label, got[label], ids)
		}
	}
	if len(p.Processes[0].Steps) != 2 {
		t.Errorf("ByLabel changed the plan")
	}
}

func TestStepQueue(t *testing.T) {
	if got := StepQueue("exitdrill", "dc-west"); got != "exitdrill@dc-west" {
		t.Errorf("StepQueue = %q", got)
	}
}
