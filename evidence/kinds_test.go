package evidence

import (
	"slices"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
)

// categories are the finding categories a finding may have.
var categories = []string{CatObjective, CatDataLoss, CatStep, CatEnvironment, CatExitPlan, CatBackup, CatRollback, CatNoRunbook, CatCoverage}

// stepFindings are the findings of a process with the one step s.
func stepFindings(s *drill.StepResult) []Finding {
	s.Step = "s1"
	p := &drill.ProcessResult{Process: "p", Owner: "o", Verdict: drill.Recovered, Recovered: true, Steps: []*drill.StepResult{s}}
	return Findings(&drill.DrillResult{Processes: []*drill.ProcessResult{p}})
}

// TestEveryKindHasItsFindings: for every step kind drill declares, a failed
// step's finding gives the kind's own remedy, and a passed step's remarks
// make a finding of the kind's own category, one that findings know: a new
// kind gets its words from its declaration, never another kind's.
func TestEveryKindHasItsFindings(t *testing.T) {
	for _, k := range drill.Kinds() {
		spec, _ := k.Spec()
		t.Run(string(k), func(t *testing.T) {
			failed := &drill.StepResult{Kind: k, Target: "t1", Status: drill.StepFailed, Reason: "it failed"}
			f := stepFindings(failed)
			if want := drill.Fill(spec.Remedy, failed); len(f) != 1 || f[0].Category != CatStep || f[0].Hint != want {
				t.Errorf("failed step: findings %+v, want one step finding hinting %q", f, want)
			}
			passed := &drill.StepResult{Kind: k, Target: "t1", Status: drill.StepPassed,
				Details: map[string]string{drill.DetailFindings: "a remark"}}
			f = stepFindings(passed)
			want := spec.Remarks
			if want.Category == "" {
				want = drill.Remarks{Category: CatStep, Title: "step {step} passed with remarks", Hint: "act on the remarks of step {step}"}
			}
			if len(f) != 1 || f[0].Category != want.Category || f[0].Title != "p: "+drill.Fill(want.Title, passed) ||
				f[0].Hint != drill.Fill(want.Hint, passed) || f[0].Detail != "a remark" || f[0].Severity != Low {
				t.Errorf("remarks on a passed step: findings %+v, want one low %s finding", f, want.Category)
			}
			if !slices.Contains(categories, want.Category) {
				t.Errorf("remarks category %q is not a finding category (%v)", want.Category, categories)
			}
		})
	}
}

// TestKindWords: the words of a few kinds, as the reports have shown them.
func TestKindWords(t *testing.T) {
	tests := []struct {
		name string
		s    drill.StepResult
		want Finding // Category, Title, Hint
	}{
		{"hosting names the URL it checked", drill.StepResult{Kind: drill.HostingHealthy, Target: "alt", Status: drill.StepFailed,
			Details: map[string]string{"url": "https://alt.example/health"}},
			Finding{Category: CatStep, Title: "p: step s1 failed", Hint: "make alternative alt (https://alt.example/health) ready and keep it monitored"}},
		{"manual names the step", drill.StepResult{Kind: drill.ManualStep, Status: drill.StepFailed},
			Finding{Category: CatStep, Title: "p: step s1 failed", Hint: "train the people who do step s1 and give them its instructions in advance"}},
		{"an exit plan's remarks", drill.StepResult{Kind: drill.ExitPlanExport, Target: "crm", Status: drill.StepPassed,
			Details: map[string]string{drill.DetailFindings: "migration takes longer than the notice period"}},
			Finding{Category: CatExitPlan, Title: "p: exit plan crm has remarks", Hint: "bring the exit plan's migration time in line with the contract and the MTPD"}},
		{"an unknown kind", drill.StepResult{Kind: "future.kind", Target: "x", Status: drill.StepFailed},
			Finding{Category: CatStep, Title: "p: step s1 failed", Hint: "fix step s1 or what it acts on, then run the drill again"}},
		{"held by a lost supplier", drill.StepResult{Kind: drill.BackupFresh, Target: "pg", Status: drill.StepFailed, Reason: "held by lost supplier aws"},
			Finding{Category: CatStep, Title: "p: step s1 failed", Hint: "keep a copy or an alternative of pg's data at a supplier that does not depend on the lost one, and add a step that checks it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := stepFindings(&tt.s)
			if len(f) != 1 || f[0].Category != tt.want.Category || f[0].Title != tt.want.Title || f[0].Hint != tt.want.Hint {
				t.Errorf("findings %+v\nwant one with category %q, title %q, hint %q", f, tt.want.Category, tt.want.Title, tt.want.Hint)
			}
		})
	}
}
