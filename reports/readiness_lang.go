package reports

import (
	"strings"

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
