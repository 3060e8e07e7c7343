package reports

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/lang"
)

//go:embed assets/report.css
var reportCSS string

//go:embed assets/report.html.tmpl
var reportTmpl string

// funcs are the template helpers of every HTML renderer.
var funcs = template.FuncMap{
	"short":    short,
	"join":     strings.Join,
	"inc":      func(i int) int { return i + 1 },
	"f1":       func(f float64) string { return fmt.Sprintf("%.1f", f) },
	"pct":      func(f float64) template.CSS { return template.CSS(fmt.Sprintf("%.1f%%", f)) },
	"orID":     orID,
	"orDash":   orDash,
	"yesNo":    yesNo,
	"recovery": recoveryText,
	"people":   ForPeople,
	"dataLoss": DataLossText,
	"time":     timeText,
	"stepName": stepName,
	"keys":     sortedKeys,
	"human":    HumanBytes,
	"lower":    strings.ToLower,
	"add":      func(a, b float64) float64 { return a + b },
	"sub":      func(a, b float64) float64 { return a - b },
	"laneW":    func(t timeline) float64 { return t.AxisX1 - t.AxisX0 },
	"dataLossClass": func(dl *drill.DataLoss) string {
		if dl != nil && !dl.Met {
			return "reason"
		}
		return ""
	},
	"notVerified": notVerifiedBanner,
}

// reportTemplates are parsed on first use, one per language, not at
// start-up: most commands render no HTML report.
var reportTemplates = map[lang.Lang]func() *template.Template{}

func init() {
	for _, l := range lang.All {
		reportTemplates[l] = sync.OnceValue(func() *template.Template {
			return template.Must(template.New("report").Funcs(funcs).Funcs(langFuncs(l.Printer())).Parse(reportTmpl))
		})
	}
}

// htmlView is what the report template shows.
type htmlView struct {
	R          *Report
	CSS        template.CSS
	Status     string // ok, bad or abort: the banner's colour
	StatusText string
	Meaning    []string
	Top        []evidence.Finding
	Shares     []share
	Timeline   timeline
	Zoom       *timeline // the first part enlarged, when the steps are a sliver of the axis
	Rows       []procRow
	Coverage   []CoverageRow
	CoverNote  string
	Items      []evidenceItem
	Reqs       []requirement
	// Injects and Notices are the people section's rows; NoticeCounts sums
	// the notices up.
	Injects      []injectRow
	NoticeCounts string
}

type share struct {
	Verdict string
	N       int
	Pct     float64
}

type procRow struct {
	P     *Process
	Gauge objectiveBar
}

// htmlReport renders the report as one self-contained HTML file: no external
// assets, no script; a management summary on top, the timeline, recovery
// against objectives, findings, step detail with evidence hashes and the
// regulation appendix. It prints cleanly to PDF.
func htmlReport(r *Report, p *lang.Printer) ([]byte, error) {
	v := htmlView{R: r, CSS: template.CSS(reportCSS), Timeline: newTimeline(r), Items: evidenceItems(r), Reqs: requirements,
		Coverage: coverageRows(r), CoverNote: coverageNote}
	v.Zoom = newZoom(r)
	v.Status, v.StatusText = status(r, p)
	v.Meaning = meaning(r, p)
	v.Top = r.Findings[:min(5, len(r.Findings))]
	v.Injects, v.NoticeCounts = injectRows(r, p), noticeCounts(p, r.Notifications)
	counts := r.Summary.Verdicts
	for _, s := range []share{{"recovered", counts.Recovered, 0}, {"late", counts.Late, 0}, {"tolerated", counts.Tolerated, 0}, {"waited-out", counts.WaitedOut, 0},
		{"breached", counts.Breached, 0}, {"aborted", counts.Aborted, 0}, {"inconclusive", counts.Inconclusive, 0}, {"unproven", counts.Unproven, 0}} {
		if s.N > 0 {
			s.Pct = float64(s.N) * 100 / float64(r.Summary.Processes)
			v.Shares = append(v.Shares, s)
		}
	}
	for _, p := range r.Processes {
		v.Rows = append(v.Rows, procRow{P: p, Gauge: newObjectiveBar(p)})
	}
	var buf bytes.Buffer
	if err := reportTemplates[p.Lang()]().Execute(&buf, v); err != nil {
		return nil, fmt.Errorf("html report: %w", err)
	}
	return buf.Bytes(), nil
}

func status(r *Report, p *lang.Printer) (string, string) {
	switch {
	case r.Abort != nil:
		return "abort", p.F("Drill aborted by %s: %s. The processes it had not finished are not decided.", r.Abort.Who(), r.Abort.Reason)
	case r.ObjectivesMet && r.Summary.DataLossMissed == 0:
		return "ok", p.T("Every impacted process met its objectives in this drill.")
	case !anyMissed(r):
		v := r.Summary.Verdicts
		return "abort", p.F("Nothing was missed that the drill could show, but it says nothing about %s: inconclusive or unproven.",
			pluralIn(p, v.Inconclusive+v.Unproven, "process", "processes"))
	default:
		return "bad", p.T("Objectives were missed: see the findings below.")
	}
}

// anyMissed reports whether a process missed its objectives: a verdict that
// does not keep them and says something (late, breached, aborted), or data
// older than the RPO.
func anyMissed(r *Report) bool {
	for _, p := range r.Processes {
		if (!p.Survives && !p.Verdict.SaysNothing()) || p.DataLoss.Missed() {
			return true
		}
	}
	return false
}

// meaning says in plain words what the drill means for the organisation.
func meaning(r *Report, p *lang.Printer) []string {
	var out, breached, late []string
	for _, pr := range r.Processes {
		switch pr.Verdict {
		case drill.Breached:
			breached = append(breached, orID(pr.Name, pr.ID))
		case drill.Late:
			late = append(late, orID(pr.Name, pr.ID))
		}
	}
	loss := p.F("%s for %s", listOr(r.Scenario.Lost, p.T("the suppliers")), p.Duration(r.Scenario.Duration.Std(), r.Scenario.Duration.String()))
	if len(breached) > 0 {
		out = append(out, p.F("Without %s, %s would be down longer than the organisation can tolerate (MTPD): %s.",
			loss, pluralIn(p, len(breached), "process", "processes"), strings.Join(breached, "; ")))
	}
	if len(late) > 0 {
		out = append(out, p.F("%s recovered, but later than the recovery time objective (RTO): %s.",
			pluralIn(p, len(late), "process", "processes"), strings.Join(late, "; ")))
	}
	if n := r.Summary.DataLossMissed; n > 0 {
		out = append(out, p.F("For %s the newest usable backup is older than the agreed recovery point (RPO): data would be lost.", pluralIn(p, n, "process", "processes")))
	}
	if v := r.Summary.Verdicts; v.Tolerated > 0 {
		out = append(out, p.F("%s not recovered, but the outage ends before it hurts (within MTPD); a longer outage would.", pluralIn(p, v.Tolerated, "process is", "processes are")))
	}
	if v := r.Summary.Verdicts; v.WaitedOut > 0 {
		out = append(out, p.F("%s not recovered when the outage ended, but it ended within the MTPD: waited out, not recovered; a longer outage would hurt. Each says how long recovery would have taken.", pluralIn(p, v.WaitedOut, "process was", "processes were")))
	}
	if v := r.Summary.Verdicts; v.Unproven > 0 {
		out = append(out, p.F("For %s every step passed, but the runbook leaves a lost application uncovered: nothing shows that it comes back, so the drill cannot show the process recovered. See the coverage matrix.", pluralIn(p, v.Unproven, "process", "processes")))
	}
	if len(out) == 0 && r.Abort == nil {
		out = append(out, p.T("Every impacted process was recovered within its objectives."))
	}
	return out
}
