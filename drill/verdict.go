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
	// WaitedOut: not recovered when the outage ended, and the outage ended
	// within the MTPD: the process survived by waiting, not by recovering. Why
	// says how long recovery would have taken, or that it never completed.
	WaitedOut Verdict = "waited-out"
	// Tolerated: not recovered in time, but the outage ends before the MTPD.
	// Judge no longer gives it (such a process is WaitedOut); it stays for
	// bundles written before.
	Tolerated Verdict = "tolerated"
	// Aborted: the drill was stopped before the process's recovery was decided.
	Aborted Verdict = "aborted"
	// Inconclusive: a step could not be attempted because of the drill's own
	// environment and no step failed on its target: the drill says nothing
	// about this process, good or bad.
	Inconclusive Verdict = "inconclusive"
	// Unproven: every step passed, but the runbook does not cover every lost
	// application the process needs (no step targets its backups,
	// alternatives or exit plan, or names it in covers): nothing in the
	// runbook shows that it comes back, so the drill cannot show the process
	// recovered. Like Inconclusive it says nothing, good or bad: it keeps no
	// objectives and misses none.
	Unproven Verdict = "unproven"
)

// Met reports whether the verdict keeps the process's objectives.
func (v Verdict) Met() bool { return v == Recovered || v == Tolerated || v == WaitedOut }

// SaysNothing reports whether the verdict says nothing about the process,
// good or bad: inconclusive (a step could not be attempted on the worker) or
// unproven (the runbook leaves a lost application uncovered). Such a verdict
// neither keeps nor misses the objectives.
func (v Verdict) SaysNothing() bool { return v == Inconclusive || v == Unproven }

// InconclusiveWhy is why a process is inconclusive: its step (of kind) could
// not be attempted on the worker, for reason: "inconclusive: step restore
// (backup.restore) could not be attempted on the worker: restic is not
// installed on this worker: …; this says nothing about the loss of the
// supplier".
func InconclusiveWhy(step string, kind StepKind, reason string) string {
	return fmt.Sprintf("inconclusive: step %s (%s) could not be attempted on the worker: %s; this says nothing about the loss of the supplier", step, kind, reason)
}

// Judge decides a process's verdict. recovery is the scenario time at which all
// recovery steps had passed; recovered is false when a step failed. outage is the
// scenario's duration: a recovery that ends after it did not happen while the
// supplier was lost (the scenario clock runs on past the outage end), so the
// process is WaitedOut when the outage ended within the MTPD, and Breached when
// it did not. The reason is English text; Explain gives it as a code and values.
func Judge(recovered bool, recovery, rto, mtpd, outage Duration) (Verdict, string) {
	v, w := Explain(recovered, recovery, rto, mtpd, outage)
	return v, w.String()
}
