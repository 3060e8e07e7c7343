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
		{"recovered to unproven is worse", rec(drill.Recovered, day, 100), rec(drill.Unproven, 0, 0), Worse, FigureVerdict},
		{"unproven to recovered is better", rec(drill.Unproven, 0, 0), rec(drill.Recovered, day, 100), Better, FigureVerdict},
		{"sooner", rec(drill.Recovered, 6*hour, 100), rec(drill.Recovered, 5*hour, 100), Better, FigureRecovery},
		{"later", rec(drill.Recovered, 5*hour, 100), rec(drill.Recovered, 6*hour, 100), Worse, FigureRecovery},
		{"under a second is the same", rec(drill.Recovered, 5*hour, 100), rec(drill.Recovered, 5*hour+900*time.Millisecond, 100), Same, FigureNone},
		{"jitter within the tolerance is the same", rec(drill.Recovered, 2*hour+5*time.Second, 100), rec(drill.Recovered, 2*hour+10*time.Second, 100), Same, FigureNone},
		{"within the tolerance the score decides", rec(drill.Recovered, 5*hour, 100), rec(drill.Recovered, 5*hour+10*time.Minute, 90), Worse, FigureScore},
		{"data loss beyond the RPO", rec(drill.Recovered, 5*hour, 100), lossy, Worse, FigureDataLoss},
		{"score alone", rec(drill.Breached, 0, 0), rec(drill.Breached, 4*day, 20), Better, FigureScore},
		{"the same", rec(drill.Late, 2*day, 70), rec(drill.Late, 2*day, 70), Same, FigureNone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, by := Compare(tc.before, tc.after, DefaultTolerance)
			if got != tc.want || by != tc.by {
				t.Errorf("Compare = %d by %d, want %d by %d", got, by, tc.want, tc.by)
			}
		})
	}
	// A figure is marked on its own: recovering at all beats not recovering,
	// even where the verdict decides the process's change.
	if got := RecoveryChange(rec(drill.Breached, 0, 0), rec(drill.Breached, 4*day, 20), DefaultTolerance); got != Better {
		t.Errorf("RecoveryChange(not recovered, recovered) = %d, want Better", got)
	}
}

// TestRecoveryTolerance holds recovery times to the tolerance: the larger of
// a share of the old time and a floor, by default 10 % and 5 minutes.
func TestRecoveryTolerance(t *testing.T) {
	at := func(d time.Duration) Outcome {
		return Outcome{Verdict: drill.Recovered, Recovered: true, Recovery: dur(d)}
	}
	pct := func(p float64) Tolerance { return Tolerance{Percent: p} }
	for _, tc := range []struct {
		name          string
		tol           Tolerance
		before, after time.Duration
		want          Direction
		within        time.Duration // the tolerance Within reports
	}{
		{"jitter 2h5s to 2h10s", DefaultTolerance, 2*hour + 5*time.Second, 2*hour + 10*time.Second, Same, 12 * time.Minute},
		{"10 % of a day", DefaultTolerance, day, day + 2*hour + 24*time.Minute, Same, 2*hour + 24*time.Minute},
		{"beyond 10 % of a day", DefaultTolerance, day, day + 2*hour + 24*time.Minute + time.Second, Worse, 2*hour + 24*time.Minute},
		{"sooner beyond 10 %", DefaultTolerance, 10 * hour, 8*hour + 59*time.Minute, Better, hour},
		{"the 5-minute floor for a short recovery", DefaultTolerance, 20 * time.Minute, 24 * time.Minute, Same, 5 * time.Minute},
		{"beyond the floor", DefaultTolerance, 20 * time.Minute, 25*time.Minute + time.Second, Worse, 5 * time.Minute},
		{"sooner beyond the floor", DefaultTolerance, 20 * time.Minute, 14 * time.Minute, Better, 5 * time.Minute},
		{"a custom duration", Tolerance{Min: dur(15 * time.Minute)}, 10 * hour, 10*hour + 15*time.Minute, Same, 15 * time.Minute},
		{"a custom duration, beyond", Tolerance{Min: dur(15 * time.Minute)}, 10 * hour, 10*hour + 16*time.Minute, Worse, 15 * time.Minute},
		{"a custom percentage", pct(25), 4 * hour, 5 * hour, Same, hour},
		{"a custom percentage has no floor", pct(25), 4 * time.Minute, 6 * time.Minute, Worse, time.Minute},
		{"both: the larger wins", Tolerance{Percent: 1, Min: dur(time.Hour)}, 10 * hour, 10*hour + 59*time.Minute, Same, hour},
		{"no tolerance still ignores under a second", pct(0), hour, hour + 900*time.Millisecond, Same, 0},
		{"no tolerance", pct(0), hour, hour + time.Second, Worse, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := RecoveryChange(at(tc.before), at(tc.after), tc.tol); got != tc.want {
				t.Errorf("RecoveryChange(%v, %v, %s) = %d, want %d", tc.before, tc.after, tc.tol, got, tc.want)
			}
			if _, tol := tc.tol.Within(dur(tc.before), dur(tc.after)); tol != dur(tc.within) {
				t.Errorf("tolerance around %v: %v, want %v", tc.before, tol, tc.within)
			}
		})
	}
}

func TestParseTolerance(t *testing.T) {
	const beyond = "a recovery time counts as better or worse only beyond "
	for _, tc := range []struct {
		in, want, text string
	}{
		{"10%", "10%", beyond + "10 % of the old time"},
		{"15m", "15m", beyond + "15m"},
		{"10%,15m", "10%,15m", beyond + "the larger of 10 % of the old time and 15m"},
		{" 15m , 12.5% ", "12.5%,15m", beyond + "the larger of 12.5 % of the old time and 15m"},
		{"0%", "0%", "none: a recovery time that moved by a second or more counts as better or worse"},
		{"1d12h", "1d12h", beyond + "1d12h"},
	} {
		got, err := ParseTolerance(tc.in)
		if err != nil || got.String() != tc.want || got.Text() != tc.text {
			t.Errorf("ParseTolerance(%q) = %s (%q), %v; want %s (%q)", tc.in, got, got.Text(), err, tc.want, tc.text)
		}
	}
	if got := DefaultTolerance.String(); got != "10%,5m" {
		t.Errorf("DefaultTolerance = %s, want 10%%,5m", got)
	}
	for _, tc := range []struct{ in, want string }{
		{"", "empty tolerance"},
		{"10%,", "empty tolerance"},
		{"ten%", `"ten%": a percentage is a number from 0 to 100`},
		{"-5%", `"-5%": a percentage is a number from 0 to 100`},
		{"150%", `"150%": a percentage is a number from 0 to 100`},
		{"NaN%", `"NaN%": a percentage is a number from 0 to 100`},
		{"10%,20%", `"20%": a second percentage`},
		{"5m,10m", `"10m": a second duration`},
		{"10m,10x", `"10x": malformed duration: unknown or missing unit`},
		{"10%,x%", `"x%": a percentage is a number from 0 to 100`},
		{"5", `"5": malformed duration: unknown or missing unit`},
		{"0", `"0": duration must be positive`},
		{"5min", `"5min": malformed duration: unknown or missing unit`},
	} {
		if _, err := ParseTolerance(tc.in); err == nil || err.Error() != tc.want {
			t.Errorf("ParseTolerance(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}
