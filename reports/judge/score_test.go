package judge

import (
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/workflows"
)

func TestFreshness(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		days int
		want int
	}{{0, 80}, {90, 80}, {180, 40}, {270, 20}} {
		if got := CurrentScore(80, at, at.Add(time.Duration(tc.days)*day), false); got != tc.want {
			t.Errorf("80 points after %d days: got %d, want %d", tc.days, got, tc.want)
		}
	}
	if got := CurrentScore(80, at, at, true); got != 40 {
		t.Errorf("needs re-test: got %d, want 40", got)
	}
}

func TestDrillScore(t *testing.T) {
	met := &workflows.DataLoss{Checked: true, Met: true}
	step := func(measure, status string) *workflows.StepResult {
		return &workflows.StepResult{Measure: measure, Status: status}
	}
	for _, tc := range []struct {
		name string
		p    workflows.ProcessResult
		want int
	}{
		{"recovered", workflows.ProcessResult{Verdict: workflows.Recovered, Recovered: true, DataLoss: met}, 100},
		{"late", workflows.ProcessResult{Verdict: workflows.Late, Recovered: true, DataLoss: met}, 70},
		{"tolerated", workflows.ProcessResult{Verdict: workflows.Tolerated, DataLoss: met}, 50},
		{"breached, recovered after the MTPD", workflows.ProcessResult{Verdict: workflows.Breached, Recovered: true, DataLoss: met}, 20},
		{"breached, not recovered", workflows.ProcessResult{Verdict: workflows.Breached, DataLoss: met}, 0},
		{"aborted", workflows.ProcessResult{Verdict: workflows.Aborted}, 0},
		{"data loss beyond the RPO", workflows.ProcessResult{Verdict: workflows.Recovered, Recovered: true, DataLoss: &workflows.DataLoss{Checked: true}}, 80},
		{"no backup checked", workflows.ProcessResult{Verdict: workflows.Recovered, Recovered: true, DataLoss: &workflows.DataLoss{Met: true}}, 90},
		{"a simulated step", workflows.ProcessResult{Verdict: workflows.Recovered, Recovered: true, DataLoss: met,
			Steps: []*workflows.StepResult{step(workflows.Measured, workflows.StepPassed), step(workflows.Simulated, workflows.StepPassed)}}, 90},
		{"a failed rollback step", workflows.ProcessResult{Verdict: workflows.Late, Recovered: true, DataLoss: met,
			Rollback: []*workflows.StepResult{step(workflows.Measured, workflows.StepFailed)}}, 60},
		{"never below 0", workflows.ProcessResult{Verdict: workflows.Breached, DataLoss: &workflows.DataLoss{Checked: true},
			Rollback: []*workflows.StepResult{step(workflows.Simulated, workflows.StepFailed)}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DrillScore(&tc.p); got != tc.want {
				t.Errorf("DrillScore = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestSurvives(t *testing.T) {
	want := map[workflows.Verdict]bool{workflows.Recovered: true, workflows.Late: true, workflows.Tolerated: true,
		workflows.Breached: false, workflows.Aborted: false}
	for v, w := range want {
		if got := Survives(v); got != w {
			t.Errorf("Survives(%s) = %v, want %v", v, got, w)
		}
	}
}
