package reports

import (
	"fmt"
	"strings"

	"github.com/exitdrill/exitdrill/internal/lang"
)

// The diff of two drills in the printer's language. A diff holds English
// text (Why, ToleranceText, the warnings) for its JSON; these helpers say
// it in Dutch, and in English return it as it is.

// diffWhyIn is what changed for a process: "verdict late → recovered",
// "score 90 → 80; recovery 1d4h2m → 1d6h within tolerance (±2h48m12s)".
func diffWhyIn(p *lang.Printer, why string) string {
	if !p.Dutch() {
		return why
	}
	parts := strings.Split(why, "; ")
	for i, part := range parts {
		parts[i] = diffPartIn(p, part)
	}
	return strings.Join(parts, "; ")
}

// ChangeIn is what changed for a process between two drills (a
// ProcessChange's Why) in the printer's language: as it is in English.
func ChangeIn(p *lang.Printer, why string) string { return diffWhyIn(p, why) }

// diffPartIn translates one figure's change, as compareProcess writes it.
func diffPartIn(p *lang.Printer, s string) string {
	figure, rest, ok := cutFigure(s)
	if !ok {
		return p.Filled(s)
	}
	before, after, _ := strings.Cut(rest, " → ")
	tail := ""
	if a, t, ok := strings.Cut(after, " within tolerance ("); ok {
		t = strings.TrimSuffix(t, ")")
		if d, ok := strings.CutPrefix(t, "±"); ok {
			t = "±" + p.Clock(d)
		}
		after, tail = a, p.F(" within tolerance (%s)", p.T(t))
	}
	switch figure {
	case "verdict":
		return p.F("verdict %s → %s", p.T(before), p.T(after)) + tail
	case "recovery":
		return p.F("recovery %s → %s", p.Clock(before), p.Clock(after)) + tail
	case "data loss":
		return p.F("data loss %s → %s", p.Filled(before), p.Filled(after)) + tail
	}
	return p.F("score %s → %s", before, after) + tail
}

// cutFigure splits "FIGURE OLD → NEW" into the figure and the rest.
func cutFigure(s string) (figure, rest string, ok bool) {
	if !strings.Contains(s, " → ") {
		return "", "", false
	}
	for _, f := range []string{"verdict", "recovery", "data loss", "score"} {
		if rest, ok := strings.CutPrefix(s, f+" "); ok {
			return f, rest, true
		}
	}
	return "", "", false
}

// sideTextIn is a process's outcome in one drill: "late, 3d1m, score 70";
// in Dutch "te laat, 3 dagen, score 70".
func sideTextIn(p *lang.Printer, s *ProcessSide) string {
	if !p.Dutch() || s == nil {
		return sideText(s)
	}
	return p.F("%s, %s, score %d", p.T(string(s.Verdict)), sideRecoveryIn(p, s), s.Score)
}

// sideRecoveryIn is a side's recovery time in the printer's language.
func sideRecoveryIn(p *lang.Printer, s *ProcessSide) string {
	if !p.Dutch() {
		return s.Recovery
	}
	if o := s.outcome; o.Recovered && !strings.HasPrefix(s.Recovery, "would have taken ") {
		return p.Duration(o.Recovery.Std(), s.Recovery)
	}
	return p.Filled(s.Recovery)
}

// toleranceLineIn says how far a recovery time may move and stay the same.
func (d *Diff) toleranceLineIn(p *lang.Printer) string {
	if !p.Dutch() {
		return d.toleranceLine()
	}
	return p.F("Tolerance: %s.", p.Filled(d.ToleranceText))
}

// warningsIn are the NOT VERIFIED banners of the drills whose bundles
// failed verification, in the printer's language.
func (d *Diff) warningsIn(p *lang.Printer) []string {
	if !p.Dutch() {
		return d.warnings()
	}
	var out []string
	if r := d.Old; r.NotVerified != "" {
		out = append(out, p.Filled(notVerifiedBanner(p.F("old drill %s: %s", r.Drill, r.NotVerified))))
	}
	if r := d.New; r.NotVerified != "" {
		out = append(out, p.Filled(notVerifiedBanner(p.F("new drill %s: %s", r.Drill, r.NotVerified))))
	}
	return out
}

// diffDate is a drill's finishing day: 2026-11-02, 2 november 2026.
func diffDate(p *lang.Printer, d DrillRef) string {
	if !p.Dutch() {
		return dateText(&d.Finished)
	}
	if d.Finished.IsZero() {
		return p.T("never")
	}
	return p.Date(d.Finished)
}

// findingLineIn is a new or resolved finding in the text diff.
func findingLineIn(p *lang.Printer, change string, sev any, title, owner string) string {
	if !p.Dutch() {
		return fmt.Sprintf("  %-9s %-8s %s (owner %s)\n", change, sev, title, owner)
	}
	return fmt.Sprintf("  %-9s %-8s %s (%s %s)\n", p.T(change), p.T(fmt.Sprint(sev)), p.Filled(title), p.T("owner"), owner)
}
