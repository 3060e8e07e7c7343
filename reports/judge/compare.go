package judge

import (
	"github.com/exitdrill/exitdrill/drill"
)

// Direction is how a process, or one of its figures, changed from one drill
// to the next.
type Direction int

// Directions of a change.
const (
	Worse  Direction = -1
	Same   Direction = 0
	Better Direction = 1
)

// Figure is what two drills of a process are compared by. The figures decide
// a process's change in the order of their values.
type Figure int

// Figures, in the order in which they decide.
const (
	FigureNone Figure = iota // every figure is the same
	FigureVerdict
	FigureRecovery
	FigureDataLoss
	FigureScore
)

// Outcome is what one drill showed for a process: the figures two drills are
// compared by.
type Outcome struct {
	Verdict   drill.Verdict
	Recovered bool
	// Recovery is the scenario time to recover; it counts only when Recovered.
	Recovery drill.Duration
	// DataLossMet is false when the newest usable backup was older than the
	// RPO at T0, or there was none.
	DataLossMet bool
	Score       int
}

// verdictRank orders verdicts from worst to best. Unproven, like aborted,
// proves nothing: above a breach, below anything that kept the process.
var verdictRank = map[drill.Verdict]int{drill.Breached: 0, drill.Aborted: 1, drill.Unproven: 1, drill.Tolerated: 2, drill.WaitedOut: 2, drill.Late: 3, drill.Recovered: 4}

// Compare decides how a process changed from drill before to drill after: by
// the first figure that differs, in the order verdict, recovery time (when
// both drills recovered it, and only beyond tol), data loss against the RPO,
// score. It returns the direction and the figure that decided, or Same and
// FigureNone.
func Compare(before, after Outcome, tol Tolerance) (Direction, Figure) {
	if d := VerdictChange(before.Verdict, after.Verdict); d != Same {
		return d, FigureVerdict
	}
	if before.Recovered && after.Recovered {
		if d := RecoveryChange(before, after, tol); d != Same {
			return d, FigureRecovery
		}
	}
	if d := DataLossChange(before, after); d != Same {
		return d, FigureDataLoss
	}
	if d := ScoreChange(before, after); d != Same {
		return d, FigureScore
	}
	return Same, FigureNone
}

// VerdictChange ranks verdicts from worst to best: breached, aborted or
// unproven, tolerated or waited-out, late, recovered.
func VerdictChange(before, after drill.Verdict) Direction {
	return sign(verdictRank[after] - verdictRank[before])
}

// RecoveryChange: recovering beats not recovering, and recovering sooner
// beats recovering later when the times differ by more than tol (see
// Tolerance.Within); within it they are the same.
func RecoveryChange(before, after Outcome, tol Tolerance) Direction {
	switch {
	case before.Recovered && after.Recovered:
		if ok, _ := tol.Within(before.Recovery, after.Recovery); ok {
			return Same
		}
		if after.Recovery < before.Recovery {
			return Better
		}
		return Worse
	case before.Recovered != after.Recovered:
		return boolChange(before.Recovered, after.Recovered)
	}
	return Same
}

// DataLossChange: data loss within the RPO beats data loss beyond it.
func DataLossChange(before, after Outcome) Direction {
	return boolChange(before.DataLossMet, after.DataLossMet)
}

// ScoreChange: a higher score is better.
func ScoreChange(before, after Outcome) Direction {
	return sign(after.Score - before.Score)
}

// boolChange is Better when a good thing became true, Worse when it became
// false.
func boolChange(before, after bool) Direction {
	switch {
	case before == after:
		return Same
	case after:
		return Better
	}
	return Worse
}

func sign(n int) Direction {
	switch {
	case n > 0:
		return Better
	case n < 0:
		return Worse
	}
	return Same
}
