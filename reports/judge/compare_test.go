package judge

import (
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/workflows"
)

func TestCompare(t *testing.T) {
	rec := func(v workflows.Verdict, recovery time.Duration, score int) Outcome {
		return Outcome{Verdict: v, Recovered: recovery > 0, Recovery: dur(recovery), DataLossMet: true, Score: score}
	}
	lossy := rec(workflows.Recovered, 5*hour, 80)
	lossy.DataLossMet = false
	for _, tc := range []struct {
		name          string
		before, after Outcome
		want          Direction
		by            Figure
	}{
		{"late to recovered", rec(workflows.Late, 3*day, 70), rec(workflows.Recovered, day, 100), Better, FigureVerdict},
		{"recovered to breached", rec(workflows.Recovered, day, 100), rec(workflows.Breached, 0, 0), Worse, FigureVerdict},
		{"aborted ranks above breached", rec(workflows.Breached, 0, 0), rec(workflows.Aborted, 0, 0), Better, FigureVerdict},
		{"sooner", rec(workflows.Recovered, 6*hour, 100), rec(workflows.Recovered, 5*hour, 100), Better, FigureRecovery},
		{"later", rec(workflows.Recovered, 5*hour, 100), rec(workflows.Recovered, 6*hour, 100), Worse, FigureRecovery},
		{"under a second is the same", rec(workflows.Recovered, 5*hour, 100), rec(workflows.Recovered, 5*hour+900*time.Millisecond, 100), Same, FigureNone},
		{"data loss beyond the RPO", rec(workflows.Recovered, 5*hour, 100), lossy, Worse, FigureDataLoss},
		{"score alone", rec(workflows.Breached, 0, 0), rec(workflows.Breached, 4*day, 20), Better, FigureScore},
		{"the same", rec(workflows.Late, 2*day, 70), rec(workflows.Late, 2*day, 70), Same, FigureNone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, by := Compare(tc.before, tc.after)
			if got != tc.want || by != tc.by {
				t.Errorf("Compare = %d by %d, want %d by %d", got, by, tc.want, tc.by)
			}
		})
	}
	// A figure is marked on its own: recovering at all beats not recovering,
	// even where the verdict decides the process's change.
	if got := RecoveryChange(rec(workflows.Breached, 0, 0), rec(workflows.Breached, 4*day, 20)); got != Better {
		t.Errorf("RecoveryChange(not recovered, recovered) = %d, want Better", got)
	}
}
