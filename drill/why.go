package drill

import "fmt"

// WhyCode names the sentence Judge writes for a verdict. With the values of
// a [Why] a report writes that sentence in any language; the evidence keeps
// Judge's English text, which Why.String reproduces byte for byte.
type WhyCode string

// The sentences of Judge, one per branch.
const (
	WhyInRTO            WhyCode = "recovered-within-rto"
	WhyAfterRTO         WhyCode = "recovered-after-rto"
	WhyWaitedOutSlow    WhyCode = "waited-out-recovery-unfinished"
	WhyWaitedOutNever   WhyCode = "waited-out-never-recovered"
	WhyBreachedLate     WhyCode = "breached-recovered-after-mtpd"
	WhyBreachedNotFound WhyCode = "breached-not-recovered"
)

// Why is the reason for a verdict as a code and the values its sentence
// names: the recovery time, the objectives, the outage and the day on which
// the MTPD is exceeded. It is derived, never stored: Explain gives it from
// the same inputs as Judge.
type Why struct {
	Code     WhyCode
	Recovery Duration
	RTO      Duration
	MTPD     Duration
	Outage   Duration
	// Day is the day of the outage (from day 1) on which the MTPD is
	// exceeded; 0 unless the verdict is breached.
	Day int
}

// Explain decides a process's verdict as Judge does and returns its reason
// as a Why.
func Explain(recovered bool, recovery, rto, mtpd, outage Duration) (Verdict, Why) {
	w := Why{Recovery: recovery, RTO: rto, MTPD: mtpd, Outage: outage}
	inTime := recovered && recovery <= outage
	switch {
	case inTime && recovery <= rto:
		w.Code = WhyInRTO
		return Recovered, w
	case inTime && recovery <= mtpd:
		w.Code = WhyAfterRTO
		return Late, w
	case !inTime && outage <= mtpd && recovered:
		w.Code = WhyWaitedOutSlow
		return WaitedOut, w
	case !inTime && outage <= mtpd:
		w.Code = WhyWaitedOutNever
		return WaitedOut, w
	case recovered:
		w.Code, w.Day = WhyBreachedLate, breachDay(mtpd)
		return Breached, w
	default:
		w.Code, w.Day = WhyBreachedNotFound, breachDay(mtpd)
		return Breached, w
	}
}

// String is the reason in English, as Judge writes it into the result.
func (w Why) String() string {
	switch w.Code {
	case WhyInRTO:
		return fmt.Sprintf("recovered in %s, within RTO %s", w.Recovery, w.RTO)
	case WhyAfterRTO:
		return fmt.Sprintf("recovered in %s: %s after RTO %s, within MTPD %s", w.Recovery, w.Recovery-w.RTO, w.RTO, w.MTPD)
	case WhyWaitedOutSlow:
		return fmt.Sprintf("waited out: the %s outage ended within MTPD %s before recovery finished; recovery would have taken %s", w.Outage, w.MTPD, w.Recovery)
	case WhyWaitedOutNever:
		return fmt.Sprintf("waited out: the %s outage ended within MTPD %s before the process was recovered; recovery never completed", w.Outage, w.MTPD)
	case WhyBreachedLate:
		return fmt.Sprintf("MTPD breached on day %d: recovered only after %s, MTPD %s", w.Day, w.Recovery, w.MTPD)
	case WhyBreachedNotFound:
		return fmt.Sprintf("MTPD breached on day %d: not recovered while the outage lasts %s > MTPD %s", w.Day, w.Outage, w.MTPD)
	}
	return ""
}

// breachDay is the day of the outage (counting from day 1) on which the MTPD is
// exceeded.
func breachDay(mtpd Duration) int {
	return int(mtpd.Std()/Day) + 1
}
