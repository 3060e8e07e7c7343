package judge

import (
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

func TestCompare(t *testing.T) {
	rec := func(v drill.Verdict, recovery time.Duration, score int) Outcome {
		return Outcome{Verdict: v, Recovered: recovery > 0, Recovery: dur(recovery), DataLossMet: true, Score: score}
	}
	lossy := rec(drill.Recovered, 5*hour, 80)
	lossy.DataLossMet = false
	for _, tc := range []struct {
		name          string
		before, after Outcome
		want          Direction
		by            Figure
	}{
		{"late to recovered", rec(drill.Late, 3*day, 70), rec(drill.Recovered, day, 100), Better, FigureVerdict},
		{"recovered to breached", rec(drill.Recovered, day, 100), rec(drill.Breached, 0, 0), Worse, FigureVerdict},
		{"aborted ranks above breached", rec(drill.Breached, 0, 0), rec(drill.Aborted, 0, 0), Better, FigureVerdict},
		{"sooner", rec(drill.Recovered, 6*hour, 100), rec(drill.Recovered, 5*hour, 100), Better, FigureRecovery},
		{"later", rec(drill.Recovered, 5*hour, 100), rec(drill.Recovered, 6*hour, 100), Worse, FigureRecovery},
		{"under a second is the same", rec(drill.Recovered, 5*hour, 100), rec(drill.Recovered, 5*hour+900*time.Millisecond, 100), Same, FigureNone},
		{"data loss beyond the RPO", rec(drill.Recovered, 5*hour, 100), lossy, Worse, FigureDataLoss},
		{"score alone", rec(drill.Breached, 0, 0), rec(drill.Breached, 4*day, 20), Better, FigureScore},
		{"the same", rec(drill.Late, 2*day, 70), rec(drill.Late, 2*day, 70), Same, FigureNone},
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
	if got := RecoveryChange(rec(drill.Breached, 0, 0), rec(drill.Breached, 4*day, 20)); got != Better {
		t.Errorf("RecoveryChange(not recovered, recovered) = %d, want Better", got)
	}
}
