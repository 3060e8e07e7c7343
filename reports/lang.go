package reports

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/lang"
)

// Language renders the formats written for people — HTML (and so the PDF
// printed from it) — in language l. JSON, JUnit, CSV and the reports an
// evidence bundle holds stay in English, with stable codes.
func Language(l lang.Lang) Option {
	return func(s *settings) { s.lang = l }
}

// langFuncs are the template helpers that depend on the language: T
// translates a text, word a code shown as a word (a verdict, a status, a
// severity), fill a text made from a template (a finding's what to do, a
// verdict's why), and dates, durations and the recovery in the language's
// style. In English each gives what the template gave before.
func langFuncs(p *lang.Printer) template.FuncMap {
	return template.FuncMap{
		"T":    func(en string) template.HTML { return ourText(p.T(en)) },
		"tr":   p.T,
		"word": func(v any) string { return p.T(fmt.Sprint(v)) },
		"fill": p.Filled,
		"wall": func(s string) string { return wallDecimalIn(p, s) },
		"laneTitle": func(l tlLane) string {
			if !p.Dutch() || l.proc == nil {
				return l.Title
			}
			return orID(l.proc.Name, l.proc.ID) + ": " + p.T(string(l.proc.Verdict)) + " — " + whyIn(p, l.proc, l.outage)
		},
		"barTitle": func(b tlBar) string {
			if !p.Dutch() || b.step == nil {
				return b.Title
			}
			s := b.step
			return p.F("%s (%s) %s: %s → %s, %s %s", stepName(s), s.Kind, p.T(string(s.Status)), p.Clock(s.Start.String()), p.Clock(s.End.String()),
				p.Clock(s.Duration.String()), p.T(s.Measure))
		},
		"why": func(r *Report, pr *Process) string { return whyIn(p, pr, r.Scenario.Duration) },
		"detail": func(r *Report, f evidence.Finding) string {
			return findingDetailIn(p, r, f.Detail, f.Process)
		},
		"lang": func() string { return string(p.Lang()) },
		"dur":  func(d drill.Duration) string { return p.Duration(d.Std(), d.String()) },
		// clock is a scenario-clock time to the second (lang.Printer.Clock).
		"clock": func(d drill.Duration) string { return p.Clock(d.String()) },
		"time": func(t time.Time) string {
			if !p.Dutch() {
				return timeText(t)
			}
			return p.DateTime(t)
		},
		"people":      func(d drill.Duration) string { return p.Duration(d.Std(), ForPeople(d)) },
		"recovery":    func(pr *Process) string { return recoveryIn(p, pr) },
		"headline":    func(r *Report) string { return headlineIn(p, r) },
		"notVerified": func(problem string) string { return p.Filled(notVerifiedBanner(problem)) },
	}
}

// pluralIn is plural in the printer's language: "3 processes", "3 processen".
func pluralIn(p *lang.Printer, n int, one, many string) string {
	if n == 1 {
		return p.F("%d", n) + " " + p.T(one)
	}
	return p.F("%d", n) + " " + p.T(many)
}

func recoveryIn(p *lang.Printer, pr *Process) string {
	if !p.Dutch() {
		return recoveryText(pr)
	}
	if !pr.Recovered {
		return "-"
	}
	d := p.Duration(pr.Recovery.Std(), "")
	if pr.Verdict == drill.WaitedOut {
		return p.F("would have taken %s", d)
	}
	return d
}

// headlineIn is the one sentence a manager reads first, in the printer's
// language (the English one is the report's Summary.Headline).
func headlineIn(p *lang.Printer, r *Report) string {
	if !p.Dutch() {
		return r.Summary.Headline
	}
	s := r.Summary
	loss := p.F("losing %s for %s", lostPhrase(r.Scenario), p.Duration(r.Scenario.Duration.Std(), ""))
	var missed []string
	for _, pr := range r.Processes {
		var why []string
		if !pr.Verdict.Met() && !pr.Verdict.SaysNothing() {
			why = append(why, p.T(string(pr.Verdict)))
		}
		if pr.DataLoss.Missed() {
			why = append(why, p.T("data older than its RPO"))
		}
		if len(why) > 0 {
			missed = append(missed, pr.ID+" ("+strings.Join(why, ", ")+")")
		}
	}
	switch {
	case len(missed) > 0:
		return p.F("No: %d of %d impacted processes miss their objectives after %s: %s.", len(missed), s.Processes, loss, strings.Join(missed, ", "))
	case r.Abort != nil || s.Verdicts.Inconclusive > 0 || s.Verdicts.Unproven > 0:
		return p.F("Not shown: the drill did not prove that the %d impacted processes keep their objectives after %s.", s.Processes, loss)
	}
	return p.F("Yes: all %d impacted processes keep their objectives (RTO, MTPD, RPO) after %s.", s.Processes, loss)
}

// ourText is one of exitdrill's own texts (a template's words or their
// translation, never input) as HTML: escaped, but with its apostrophes as
// they are, as template text writes them.
func ourText(s string) template.HTML {
	return template.HTML(strings.ReplaceAll(template.HTMLEscapeString(s), "&#39;", "'"))
}

// wallDecimalIn is a step's wall time as measured ("41.3s") with the
// language's decimal mark: "41,3s" in Dutch.
func wallDecimalIn(p *lang.Printer, wall string) string {
	if !p.Dutch() {
		return wall
	}
	return strings.Replace(wall, ".", ",", 1)
}

// modeIn is a drill's mode as a word in the printer's language: live,
// gecomprimeerd, tabletop; the code itself in English.
func modeIn(p *lang.Printer, mode string) string { return p.T(mode) }

// wallIn is a report's wall time ("2m27s") in the printer's language: as it
// is in English, "2 min" in Dutch; "-" when there is none.
func wallIn(p *lang.Printer, wall string) string {
	if wall == "" {
		return "-"
	}
	d, err := time.ParseDuration(wall)
	if err != nil {
		return wall
	}
	return p.Duration(d, wall)
}

// DataLossIn is the data-loss cell in the printer's language: DataLossText
// in English; in Dutch with Dutch durations ("20 uur <= RPO 1 dag").
func DataLossIn(p *lang.Printer, dl *drill.DataLoss) string {
	if !p.Dutch() || dl == nil {
		return DataLossText(dl)
	}
	dur := func(d drill.Duration) string { return p.Duration(d.Std(), d.String()) }
	switch {
	case !dl.Checked:
		return p.T("not checked")
	case dl.Backup == "":
		return p.F("no usable backup (RPO %s)", dur(dl.RPO))
	case dl.Met:
		return dur(dl.Age) + " <= RPO " + dur(dl.RPO)
	}
	return dur(dl.Age) + " > RPO " + dur(dl.RPO)
}

// verdictWordsIn counts the verdicts in words in the printer's language:
// VerdictCounts.Words in English.
func verdictWordsIn(p *lang.Printer, c VerdictCounts) string {
	if !p.Dutch() {
		return c.Words()
	}
	s := p.F("%d recovered, %d late, %d breached, %d tolerated, %d aborted", c.Recovered, c.Late, c.Breached, c.Tolerated, c.Aborted)
	if c.WaitedOut > 0 {
		s += p.F(", %d waited out", c.WaitedOut)
	}
	if c.Unproven > 0 {
		s += p.F(", %d %s", c.Unproven, p.T("unproven"))
	}
	return s
}
