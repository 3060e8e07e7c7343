package drill

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestJudgeCoverage(t *testing.T) {
	steps := []*StepResult{
		{Step: "restore", Status: StepPassed},
		{Step: "standby", Status: StepPassed},
		{Step: "switch", Status: StepFailed},
		{Step: "notify", Status: StepSkipped},
		{Step: "export", Status: StepInconclusive},
		{Step: "undo", Status: StepFailed, Rollback: true},
	}
	tests := []struct {
		name string
		cov  Coverage
		want CoverageResult
	}{
		{"no step covers it", Coverage{App: "idp"},
			CoverageResult{App: "idp", Result: CoverNone}},
		{"every covering step passed", Coverage{App: "zaak", Steps: []string{"restore", "standby"}},
			CoverageResult{App: "zaak", Steps: []string{"restore", "standby"}, Result: CoverProven}},
		{"a covering step failed", Coverage{App: "idp", Steps: []string{"standby", "switch"}},
			CoverageResult{App: "idp", Steps: []string{"standby", "switch"}, Result: string(StepFailed), Step: "switch"}},
		{"failed is worse than skipped and inconclusive", Coverage{App: "crm", Steps: []string{"notify", "export", "switch"}},
			CoverageResult{App: "crm", Steps: []string{"notify", "export", "switch"}, Result: string(StepFailed), Step: "switch"}},
		{"inconclusive is worse than skipped", Coverage{App: "crm", Steps: []string{"notify", "export"}},
			CoverageResult{App: "crm", Steps: []string{"notify", "export"}, Result: string(StepInconclusive), Step: "export"}},
		{"skipped", Coverage{App: "m365", Steps: []string{"restore", "notify"}},
			CoverageResult{App: "m365", Steps: []string{"restore", "notify"}, Result: string(StepSkipped), Step: "notify"}},
		{"a step without a result has not run", Coverage{App: "m365", Steps: []string{"restore", "later"}},
			CoverageResult{App: "m365", Steps: []string{"restore", "later"}, Result: CoverNotRun, Step: "later"}},
		{"a rollback step proves nothing", Coverage{App: "m365", Steps: []string{"undo"}},
			CoverageResult{App: "m365", Steps: []string{"undo"}, Result: CoverNotRun, Step: "undo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := JudgeCoverage([]Coverage{tt.cov}, steps)
			if diff := cmp.Diff([]CoverageResult{tt.want}, got); diff != "" {
				t.Errorf("JudgeCoverage (-want +got):\n%s", diff)
			}
			if got[0].Proven() != (tt.want.Result == CoverProven) {
				t.Errorf("Proven() = %v for %q", got[0].Proven(), got[0].Result)
			}
		})
	}
}

func TestUncoveredAndWhy(t *testing.T) {
	cov := []Coverage{{App: "idp"}, {App: "zaak", Steps: []string{"restore"}}, {App: "m365"}}
	if got, want := Uncovered(cov), []string{"idp", "m365"}; !cmp.Equal(got, want) {
		t.Errorf("Uncovered = %v, want %v", got, want)
	}
	want := "unproven: nothing in the runbook shows that idp, m365 come back (no step targets their backups, alternatives or exit plan, or names them in covers); the steps that ran passed in 2h"
	if got := UnprovenWhy([]string{"idp", "m365"}, Duration(2*time.Hour)); got != want {
		t.Errorf("UnprovenWhy = %q, want %q", got, want)
	}
	want = "nothing in the runbook shows that idp comes back (no step targets its backups, alternatives or exit plan, or names it in covers)"
	if got := NotShown([]string{"idp"}); got != want {
		t.Errorf("NotShown = %q, want %q", got, want)
	}
}
