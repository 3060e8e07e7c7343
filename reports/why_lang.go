package reports

import (
	"regexp"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/lang"
)

// WhyIn is a verdict's reason in the printer's language, written from its
// code and values (drill.Explain), never from the English text: "hersteld in
// 1 dag 4 uur, binnen de RTO van 2 dagen". In English it is w.String().
func WhyIn(p *lang.Printer, w drill.Why) string {
	if !p.Dutch() {
		return w.String()
	}
	dur := func(d drill.Duration) string { return p.Duration(d.Std(), d.String()) }
	switch w.Code {
	case drill.WhyInRTO:
		return p.F("recovered in %s, within RTO %s", dur(w.Recovery), dur(w.RTO))
	case drill.WhyAfterRTO:
		return p.F("recovered in %s: %s after RTO %s, within MTPD %s", dur(w.Recovery), dur(w.Recovery-w.RTO), dur(w.RTO), dur(w.MTPD))
	case drill.WhyWaitedOutSlow:
		return p.F("waited out: the %s outage ended within MTPD %s before recovery finished; recovery would have taken %s", dur(w.Outage), dur(w.MTPD), dur(w.Recovery))
	case drill.WhyWaitedOutNever:
		return p.F("waited out: the %s outage ended within MTPD %s before the process was recovered; recovery never completed", dur(w.Outage), dur(w.MTPD))
	case drill.WhyBreachedLate:
		return p.F("MTPD breached on day %d: recovered only after %s, MTPD %s", w.Day, dur(w.Recovery), dur(w.MTPD))
	case drill.WhyBreachedNotFound:
		return p.F("MTPD breached on day %d: not recovered while the outage lasts %s > MTPD %s", w.Day, dur(w.Outage), dur(w.MTPD))
	}
	return w.String()
}

// whyIn is a report's process's why in the printer's language
// (ResultWhyIn).
func whyIn(p *lang.Printer, pr *Process, outage drill.Duration) string {
	return ResultWhyIn(p, &drill.ProcessResult{Verdict: pr.Verdict, Why: pr.Why, Recovered: pr.Recovered,
		Recovery: pr.Recovery, RTO: pr.RTO, MTPD: pr.MTPD}, outage)
}

// ResultWhyIn is a process result's why in the printer's language, for a
// drill whose outage lasted outage: pr.Why in English; in Dutch the
// verdict's sentence judged again from the result's recovery and
// objectives (drill.Explain) and written by WhyIn, and what the drill added
// after it in the same language. A why that is not Judge's (aborted,
// inconclusive, unproven, or a bundle from another version) is translated
// as a filled text, or stays as it is.
func ResultWhyIn(p *lang.Printer, pr *drill.ProcessResult, outage drill.Duration) string {
	if !p.Dutch() {
		return pr.Why
	}
	if v, w := drill.Explain(pr.Recovered, pr.Recovery, pr.RTO, pr.MTPD, outage); v == pr.Verdict {
		if en := w.String(); en != "" && strings.HasPrefix(pr.Why, en) {
			return WhyIn(p, w) + whyRestIn(p, strings.TrimPrefix(pr.Why, en))
		}
	}
	return p.Filled(pr.Why)
}

// failedStepWhy is what the drill adds to a why when a step failed
// (workflows/process.go): "; step restore (backup.restore) failed: …".
var failedStepWhy = regexp.MustCompile(`^; step (\S+) \(([^)]+)\) failed: (.*)$`)

// whyRestIn is what follows Judge's sentence in a why, in the printer's
// language.
func whyRestIn(p *lang.Printer, rest string) string {
	const notCovered, incomplete = "; also not covered: ", "; the process drill did not complete: "
	switch {
	case rest == "":
		return ""
	case strings.HasPrefix(rest, notCovered):
		return p.F("; also not covered: %s", strings.TrimPrefix(rest, notCovered))
	case strings.HasPrefix(rest, incomplete):
		return p.F("; the process drill did not complete: %s", p.Filled(strings.TrimPrefix(rest, incomplete)))
	}
	if m := failedStepWhy.FindStringSubmatch(rest); m != nil {
		return p.F("; step %s (%s) failed: %s", m[1], m[2], p.Filled(m[3]))
	}
	return "; " + p.Filled(strings.TrimPrefix(rest, "; "))
}

// findingDetailIn is a finding's detail in the printer's language: a
// verdict's why (the findings on objectives carry it) as whyIn writes it,
// any other detail as a filled text.
func findingDetailIn(p *lang.Printer, r *Report, detail, process string) string {
	if p.Dutch() {
		for _, pr := range r.Processes {
			if pr.ID == process && pr.Why == detail {
				return whyIn(p, pr, r.Scenario.Duration)
			}
		}
	}
	return p.Filled(detail)
}
