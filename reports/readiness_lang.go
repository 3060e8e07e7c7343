package reports

import (
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// The readiness view's sentences and cells in the printer's language; in
// English each is what its English function gives.

// SurvivalHeadlineIn is SurvivalHeadline in the printer's language: "Nee:
// voor 2 van 8 kritieke processen is niet aangetoond dat ze het verlies van
// Microsoft gedurende 1 maand overleven — …".
func SurvivalHeadlineIn(p *lang.Printer, lost string, outage drill.Duration, s judge.Survival) string {
	if !p.Dutch() {
		return SurvivalHeadline(lost, outage, s)
	}
	loss := p.F("losing %s", lost)
	if outage > 0 {
		loss = p.F("losing %s for %s", lost, outageIn(p, outage))
	}
	switch {
	case s.Critical == 0:
		return p.F("Nothing at stake: %s hits no critical process.", loss)
	case len(s.Missing) == 0 && s.Critical == 1:
		return p.F("Yes: the critical process survives %s.", loss)
	case len(s.Missing) == 0:
		return p.F("Yes: all %d critical processes survive %s.", s.Critical, loss)
	}
	var why []string
	for _, m := range s.Missing {
		why = append(why, m.Process+" ("+p.T(missingWords(m.State))+")")
	}
	return p.F("No: %d of %d critical processes are not shown to survive %s — %s.", len(s.Missing), s.Critical, loss, strings.Join(why, ", "))
}

// SupplierHeadlineIn is SupplierHeadline in the printer's language.
func SupplierHeadlineIn(p *lang.Printer, s judge.SupplierReady) string {
	if !p.Dutch() {
		return SupplierHeadline(s)
	}
	name := s.Name
	if name == "" {
		name = s.Supplier
	}
	if len(s.Cells) == 0 {
		return SurvivalHeadlineIn(p, name, 0, judge.Survival{})
	}
	for _, c := range s.Cells {
		if sv := c.Survival(); len(sv.Missing) > 0 {
			return SurvivalHeadlineIn(p, name, cellOutage(c), sv)
		}
	}
	last := s.Cells[len(s.Cells)-1]
	return SurvivalHeadlineIn(p, name, cellOutage(last), last.Survival())
}

// outageIn is OutageWords in the printer's language: "1 maand", "3 dagen".
func outageIn(p *lang.Printer, d drill.Duration) string {
	words := OutageWords(d)
	if !p.Dutch() {
		return words
	}
	switch d {
	case drill.Duration(drill.Day), drill.Duration(drill.Week), drill.Duration(30 * drill.Day):
		return p.T(words)
	}
	return p.Duration(d.Std(), words)
}

// cellTextIn is cellText in the printer's language: "2/3 aangetoond (1
// alleen de automatisering), 1 alleen op papier".
func cellTextIn(p *lang.Printer, c judge.Cell) string {
	if !p.Dutch() || len(c.AtStake) == 0 {
		return cellText(c)
	}
	head := p.F("%d/%d proven", len(c.Proven), len(c.AtStake))
	var of []string
	for _, x := range []struct {
		n    int
		what string
	}{{len(c.Stale), "stale"}, {len(c.AutomatedOnly), "automated only"}, {len(c.PlanOnly), "plan only"}} {
		if x.n > 0 {
			of = append(of, p.F("%d %s", x.n, p.T(x.what)))
		}
	}
	if len(of) > 0 {
		head += " (" + strings.Join(of, ", ") + ")"
	}
	parts := []string{head}
	for _, x := range []struct {
		n    int
		what string
	}{{len(c.Failed), "failed"}, {len(c.Retest), "re-test"}, {len(c.Paper), "paper"}} {
		if x.n > 0 {
			parts = append(parts, p.F("%d %s", x.n, p.T(x.what)))
		}
	}
	return strings.Join(parts, ", ")
}

// proofIn is a proof level in words in the printer's language.
func proofIn(p *lang.Printer, proof judge.Proof) string { return p.T(proofText(proof)) }

// dateIn is a day in the printer's language: dateText in English ("never"
// for none), 5 december 2026 in Dutch.
func dateIn(p *lang.Printer, t *time.Time) string {
	if !p.Dutch() {
		return dateText(t)
	}
	if t == nil || t.IsZero() {
		return p.T("never")
	}
	return p.Date(*t)
}

// ageIn is ageText in the printer's language: "5 december 2026 (3 dagen
// geleden)".
func ageIn(p *lang.Printer, now time.Time, t *time.Time) string {
	if !p.Dutch() {
		return ageText(now, t)
	}
	if t == nil {
		return p.T("never")
	}
	days := int(now.Sub(*t).Hours() / 24)
	if days == 1 {
		return p.F("%s (%d day ago)", p.Date(*t), days)
	}
	return p.F("%s (%d days ago)", p.Date(*t), days)
}

// durationLabelIn is a matrix duration as judge.Readiness writes it ("7d"):
// as it is in English, "1 week" in Dutch.
func durationLabelIn(p *lang.Printer, s string) string {
	if !p.Dutch() {
		return s
	}
	d, err := drill.ParseDuration(s)
	if err != nil {
		return s
	}
	return outageIn(p, d)
}

// groupForIn is EvidenceGroup.For in the printer's language.
func groupForIn(p *lang.Printer, g judge.EvidenceGroup) string {
	if !p.Dutch() {
		return g.For()
	}
	out := make([]string, len(g.Durations))
	for i, d := range g.Durations {
		out[i] = durationLabelIn(p, d)
	}
	return strings.Join(out, ", ")
}

// processStatusIn is processStatus in the printer's language.
func processStatusIn(p *lang.Printer, pr *judge.ProcessReady) string {
	if !p.Dutch() {
		return processStatus(pr)
	}
	if pr.LastDrilled == nil {
		return p.T("never drilled")
	}
	var s []string
	if pr.NeedsRetest {
		s = append(s, p.T("needs re-test"))
	}
	if pr.Stale {
		s = append(s, p.T("stale"))
	}
	if len(s) == 0 {
		return p.T("current")
	}
	return strings.Join(s, ", ")
}

// verdictWordIn is a verdict code as a word in the printer's language; ""
// stays "".
func verdictWordIn(p *lang.Printer, v drill.Verdict) string {
	if v == "" {
		return ""
	}
	return p.T(string(v))
}

// sourceIn is Evidence.Source in the printer's language: "ms-new (live,
// microsoft-1-week, 19 februari 2027)".
func sourceIn(p *lang.Printer, e judge.Evidence) string {
	if !p.Dutch() || e.Drill == "" {
		return e.Source()
	}
	date := ""
	if e.Finished != nil {
		date = ", " + p.Date(*e.Finished)
	}
	return e.Drill + " (" + modeIn(p, e.Mode) + ", " + e.Scenario + date + ")"
}
