package judge

import (
	"math"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// Score rules, documented in the README ("Readiness score"). A drill of a
// process scores its verdict, less penalties; readiness then discounts the
// score for age and for definitions changed since the drill.
const (
	// FreshFor is how long a drill counts in full.
	FreshFor = 90 * 24 * time.Hour
	// HalfLife is how fast the score decays after FreshFor: it halves for every
	// further HalfLife without a drill.
	HalfLife = 90 * 24 * time.Hour
	// RetestFactor multiplies the score of a drill whose process definition
	// (objectives, dependency paths, runbook steps) changed since.
	RetestFactor = 0.5
)

// ScoreFormula explains the readiness score, for the reports that show
// scores (the README has the same text). It describes the rules below and in
// NewReadiness: change them together.
//
// The score is monotonic in proof: each supplier's and process's score is a
// mean, with weights fixed by the catalog alone, of the points of each
// process x supplier x duration, and those points only fall when that
// evidence proves less (paper, failed, aborted or not recovered 0; plan or
// automated part only half; older; needs re-test). So the score never rises
// when proof falls, and adding a drill in which the process was not
// recovered never raises it (TestScoreMonotonic).
const ScoreFormula = "Score (0-100), monotonic in proof: it never rises when proof falls. " +
	"A drill scores a process by its verdict: recovered 100, late 70, tolerated or waited-out 50, " +
	"breached 20 if recovered eventually (else 0), aborted 0; minus 20 when data loss exceeds the RPO, 10 when no backup " +
	"was checked, 10 when a manual step was only simulated, 10 when a rollback step failed. In readiness, per process, " +
	"supplier and duration (1 day, 1 week, 1 month) the drill that counts is judged again for that duration: it scores " +
	"0 when it did not recover the process or the MTPD would be breached (failed), and 0 when no valid drill took the supplier down for " +
	"that long (paper); a compressed drill (automated only) or a tabletop drill (plan only) counts half; " +
	"the score counts in full for 90 days after the drill, then halves every further 90 days; it counts half when the " +
	"process's catalog entry or runbook changed since the drill (needs re-test). A process's score for a supplier is the " +
	"mean over the three durations; a process's score is the mean over the suppliers whose loss would hit it. A supplier's " +
	"score is the mean over the processes its loss would hit, critical ones counting double."

// verdictPoints are the base points of a verdict.
var verdictPoints = map[drill.Verdict]int{
	drill.Recovered: 100, // recovered within RTO
	drill.Late:      70,  // recovered after RTO, within MTPD
	drill.Tolerated: 50,  // not recovered in time, but the outage ended before the MTPD
	drill.WaitedOut: 50,  // not recovered when the outage ended, within the MTPD: like tolerated
	drill.Breached:  0,   // 20 when recovered eventually, after the MTPD
	drill.Aborted:   0,   // nothing proven
}

// Survives reports whether a verdict keeps the process within its MTPD:
// recovered, late, tolerated or waited-out (the outage ended within the MTPD).
func Survives(v drill.Verdict) bool {
	return v == drill.Recovered || v == drill.Late || v == drill.Tolerated || v == drill.WaitedOut
}

// DrillScore is what one drill proves about a process, 0-100: the verdict's
// points (recovered 100, late 70, tolerated or waited-out 50, breached 20 if recovered
// eventually and 0 if not, aborted 0), less 20 when data loss exceeds the RPO
// or no usable backup was found, 10 when no backup was checked at all, 10 when
// a step's time was simulated (a manual step nobody performed), and 10 when a
// rollback step failed.
func DrillScore(p *drill.ProcessResult) int {
	s := verdictPoints[p.Verdict]
	if p.Verdict == drill.Breached && p.Recovered {
		s = 20
	}
	if dl := p.DataLoss; dl != nil {
		switch {
		case !dl.Checked:
			s -= 10
		case !dl.Met:
			s -= 20
		}
	}
	simulated, rollbackFailed := false, false
	for _, st := range p.Steps {
		simulated = simulated || st.Measure == drill.Simulated
	}
	for _, st := range p.Rollback {
		simulated = simulated || st.Measure == drill.Simulated
		rollbackFailed = rollbackFailed || st.Status == drill.StepFailed
	}
	if simulated {
		s -= 10
	}
	if rollbackFailed {
		s -= 10
	}
	return max(0, min(100, s))
}

// Freshness is the factor by which a drill's score counts at now: 1 within
// FreshFor of the drill, then halving every HalfLife.
func Freshness(drilled, now time.Time) float64 {
	age := now.Sub(drilled)
	if age <= FreshFor {
		return 1
	}
	return math.Pow(0.5, float64(age-FreshFor)/float64(HalfLife))
}

// CurrentScore discounts a drill score for its age at now and, when the
// process's definition changed since the drill, by RetestFactor.
func CurrentScore(drillID int, drilled, now time.Time, retest bool) int {
	f := Freshness(drilled, now)
	if retest {
		f *= RetestFactor
	}
	return int(math.Round(float64(drillID) * f))
}
