package drill

import (
	"fmt"
)

// Verdict is the judgement of a process's drill on the scenario clock.
type Verdict string

// Verdicts (DESIGN.md section 3).
const (
	// Recovered: recovered within the RTO.
	Recovered Verdict = "recovered"
	// Late: recovered after the RTO, within the MTPD.
	Late Verdict = "late"
	// Breached: recovered after the MTPD, or not recovered while the outage lasts
	// longer than the MTPD.
	Breached Verdict = "breached"
	// Tolerated: not recovered in time, but the outage ends before the MTPD.
	Tolerated Verdict = "tolerated"
	// Aborted: the drill was stopped before the process's recovery was decided.
	Aborted Verdict = "aborted"
	// Inconclusive: a step could not be attempted because of the drill's own
	// environment and no step failed on its target: the drill says nothing
	// about this process, good or bad.
	Inconclusive Verdict = "inconclusive"
)

// Met reports whether the verdict keeps the process's objectives.
func (v Verdict) Met() bool { return v == Recovered || v == Tolerated }

// Judge decides a process's verdict. recovery is the scenario time at which all
// recovery steps had passed; recovered is false when a step failed. outage is the
// scenario's duration.
func Judge(recovered bool, recovery, rto, mtpd, outage Duration) (Verdict, string) {
	switch {
	case recovered && recovery <= rto:
		return Recovered, fmt.Sprintf("recovered in %s, within RTO %s", recovery, rto)
	case recovered && recovery <= mtpd:
		return Late, fmt.Sprintf("recovered in %s: %s after RTO %s, within MTPD %s", recovery, recovery-rto, rto, mtpd)
	case outage <= mtpd && recovered:
		return Tolerated, fmt.Sprintf("recovery takes %s, beyond MTPD %s, but the %s outage ends before the MTPD", recovery, mtpd, outage)
	case outage <= mtpd:
		return Tolerated, fmt.Sprintf("not recovered, but the %s outage ends within MTPD %s", outage, mtpd)
	case recovered:
		return Breached, fmt.Sprintf("MTPD breached on day %d: recovered only after %s, MTPD %s", breachDay(mtpd), recovery, mtpd)
	default:
		return Breached, fmt.Sprintf("MTPD breached on day %d: not recovered while the outage lasts %s > MTPD %s", breachDay(mtpd), outage, mtpd)
	}
}

// breachDay is the day of the outage (counting from day 1) on which the MTPD is
// exceeded.
func breachDay(mtpd Duration) int {
	return int(mtpd.Std()/Day) + 1
}
