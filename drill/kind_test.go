package drill

import (
	"slices"
	"strings"
	"testing"
)

// TestKindTableComplete: every kind declares what the rest of exitdrill
// reads from the table (how a runbook names it, who runs it, what it proves,
// its summary and remedy), so that a new kind cannot silently drop out of a
// report's evidence or get another kind's words in a finding.
func TestKindTableComplete(t *testing.T) {
	if len(Kinds()) != len(kindTable) {
		t.Fatalf("Kinds() has %d kinds, the table %d", len(Kinds()), len(kindTable))
	}
	for _, k := range Kinds() {
		s, ok := k.Spec()
		switch {
		case !ok:
			t.Errorf("%s: no declaration", k)
		case !slices.Contains([]string{KeyCheck, KeyAction, KeyManual}, s.Key):
			t.Errorf("%s: key %q, want check, action or manual", k, s.Key)
		case !slices.Contains([]Runner{Worker, Timer, Person}, s.Runner):
			t.Errorf("%s: runner %d is none of Worker, Timer, Person", k, s.Runner)
		case !slices.Contains(Proofs(), s.Proves):
			t.Errorf("%s: proves %d, want one of Proofs()", k, s.Proves)
		case s.Summary == "" || s.Remedy == "":
			t.Errorf("%s: summary %q, remedy %q; want both", k, s.Summary, s.Remedy)
		case s.Remarks != (Remarks{}) && (s.Remarks.Category == "" || s.Remarks.Title == "" || s.Remarks.Hint == ""):
			t.Errorf("%s: remarks %+v: give category, title and hint, or none", k, s.Remarks)
		}
		for _, text := range []string{s.Remedy, s.Remarks.Title, s.Remarks.Hint} {
			if rest := strings.NewReplacer("{target}", "", "{step}", "").Replace(text); strings.ContainsAny(rest, "{}%") {
				t.Errorf("%s: %q holds a placeholder other than {target} and {step}", k, text)
			}
		}
	}
}

func TestFill(t *testing.T) {
	tests := []struct {
		name string
		s    StepResult
		want string
	}{
		{"target", StepResult{Step: "restore", Target: "pg"}, "step restore, target pg"},
		{"no target: the step", StepResult{Step: "switch"}, "step switch, target switch"},
		{"a checked URL follows the target", StepResult{Step: "alt-up", Target: "alt", Details: map[string]string{"url": "https://alt.example"}},
			"step alt-up, target alt (https://alt.example)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fill("step {step}, target {target}", &tt.s); got != tt.want {
				t.Errorf("Fill = %q, want %q", got, tt.want)
			}
		})
	}
}
