package reports

import (
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// OutageWords is an outage length as people say it: the matrix's "1 day",
// "1 week" and "1 month", otherwise "3 days", "12 hours".
func OutageWords(d drill.Duration) string {
	switch d {
	case drill.Duration(drill.Day):
		return "1 day"
	case drill.Duration(drill.Week):
		return "1 week"
	case drill.Duration(30 * drill.Day):
		return "1 month"
	}
	return spanForPeople(d)
}

// OutageLabel is OutageWords of a duration as judge.Readiness writes it
// ("30d"); a duration that does not parse is returned as it is.
func OutageLabel(s string) string {
	d, err := drill.ParseDuration(s)
	if err != nil {
		return s
	}
	return OutageWords(d)
}

// SurvivalHeadline answers, in one sentence, whether the critical processes
// survive losing lost (the supplier's name) for outage, from s
// (judge.Survival, as the drill's report counts it): "No: 2 of 8 critical
// processes are not shown to survive losing Microsoft for 1 month —
// klantcontact (failed in a drill), betalingen (only on paper)."
func SurvivalHeadline(lost string, outage drill.Duration, s judge.Survival) string {
	loss := "losing " + lost
	if outage > 0 {
		loss += " for " + OutageWords(outage)
	}
	switch {
	case s.Critical == 0:
		return "Nothing at stake: " + loss + " hits no critical process."
	case len(s.Missing) == 0 && s.Critical == 1:
		return "Yes: the critical process survives " + loss + "."
	case len(s.Missing) == 0:
		return "Yes: all " + itoa(s.Critical) + " critical processes survive " + loss + "."
	}
	var why []string
	for _, m := range s.Missing {
		why = append(why, m.Process+" ("+missingWords(m.State)+")")
	}
	return "No: " + plural(len(s.Missing), "of "+itoa(s.Critical)+" critical processes is not shown to survive",
		"of "+itoa(s.Critical)+" critical processes are not shown to survive") + " " + loss + " — " + strings.Join(why, ", ") + "."
}

// missingWords says why a critical process is not shown to survive.
func missingWords(state string) string {
	switch state {
	case judge.StateFailed:
		return "failed in a drill"
	case judge.StateRetest:
		return "needs a re-test"
	case judge.StatePaper:
		return "only on paper"
	}
	return state
}

// SupplierHeadline is the headline of a supplier's readiness row: for the
// shortest matrix outage at which a critical process is not shown to
// survive, the No; otherwise the Yes for the longest.
func SupplierHeadline(s judge.SupplierReady) string {
	name := s.Name
	if name == "" {
		name = s.Supplier
	}
	if len(s.Cells) == 0 {
		return SurvivalHeadline(name, 0, judge.Survival{})
	}
	for _, c := range s.Cells {
		if sv := c.Survival(); len(sv.Missing) > 0 {
			return SurvivalHeadline(name, cellOutage(c), sv)
		}
	}
	last := s.Cells[len(s.Cells)-1]
	return SurvivalHeadline(name, cellOutage(last), last.Survival())
}

func cellOutage(c judge.Cell) drill.Duration {
	d, _ := drill.ParseDuration(c.Duration)
	return d
}
