package judge

import (
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
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
	met := &drill.DataLoss{Checked: true, Met: true}
	step := func(measure string, status drill.StepStatus) *drill.StepResult {
		return &drill.StepResult{Measure: measure, Status: status}
	}
	for _, tc := range []struct {
		name string
		p    drill.ProcessResult
		want int
	}{
		{"recovered", drill.ProcessResult{Verdict: drill.Recovered, Recovered: true, DataLoss: met}, 100},
		{"late", drill.ProcessResult{Verdict: drill.Late, Recovered: true, DataLoss: met}, 70},
		{"tolerated", drill.ProcessResult{Verdict: drill.Tolerated, DataLoss: met}, 50},
		{"breached, recovered after the MTPD", drill.ProcessResult{Verdict: drill.Breached, Recovered: true, DataLoss: met}, 20},
		{"breached, not recovered", drill.ProcessResult{Verdict: drill.Breached, DataLoss: met}, 0},
		{"aborted", drill.ProcessResult{Verdict: drill.Aborted}, 0},
		{"data loss beyond the RPO", drill.ProcessResult{Verdict: drill.Recovered, Recovered: true, DataLoss: &drill.DataLoss{Checked: true}}, 80},
		{"no backup checked", drill.ProcessResult{Verdict: drill.Recovered, Recovered: true, DataLoss: &drill.DataLoss{Met: true}}, 90},
		{"a simulated step", drill.ProcessResult{Verdict: drill.Recovered, Recovered: true, DataLoss: met,
			Steps: []*drill.StepResult{step(drill.Measured, drill.StepPassed), step(drill.Simulated, drill.StepPassed)}}, 90},
		{"a failed rollback step", drill.ProcessResult{Verdict: drill.Late, Recovered: true, DataLoss: met,
			Rollback: []*drill.StepResult{step(drill.Measured, drill.StepFailed)}}, 60},
		{"never below 0", drill.ProcessResult{Verdict: drill.Breached, DataLoss: &drill.DataLoss{Checked: true},
			Rollback: []*drill.StepResult{step(drill.Simulated, drill.StepFailed)}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DrillScore(&tc.p); got != tc.want {
				t.Errorf("DrillScore = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestSurvives(t *testing.T) {
	want := map[drill.Verdict]bool{drill.Recovered: true, drill.Late: true, drill.Tolerated: true, drill.WaitedOut: true,
		drill.Breached: false, drill.Aborted: false}
	for v, w := range want {
		if got := Survives(v); got != w {
			t.Errorf("Survives(%s) = %v, want %v", v, got, w)
		}
	}
}
