package reports

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/reports/judge"
)

//go:embed assets/readiness.html.tmpl
var readinessTmpl string

// readinessTemplates are parsed on first use, one per language, not at
// start-up: most commands render no readiness page.
var readinessTemplates = map[lang.Lang]func() *template.Template{}

func init() {
	for _, l := range lang.All {
		readinessTemplates[l] = sync.OnceValue(func() *template.Template { return parseReadiness(l.Printer()) })
	}
}

func parseReadiness(p *lang.Printer) *template.Template {
	return template.Must(template.New("readiness").Funcs(funcs).Funcs(langFuncs(p)).Funcs(template.FuncMap{
		"cellText": func(c judge.Cell) string { return cellTextIn(p, c) },
		"proof":    func(pr judge.Proof) string { return proofIn(p, pr) },
		"score":    scoreText,
		"date":     func(t *time.Time) string { return dateIn(p, t) },
		"headline": func(s judge.SupplierReady) string { return SupplierHeadlineIn(p, s) },
		"outage":   OutageLabel,
		"durl":     func(s string) string { return durationLabelIn(p, s) },
		"groupFor": func(g judge.EvidenceGroup) string { return groupForIn(p, g) },
		"source":   func(g judge.EvidenceGroup) string { return sourceIn(p, g.Evidence) },
		"age":      func(r *judge.Readiness, t *time.Time) string { return ageIn(p, r.Now, t) },
		// the findings-and-actions section (followup_render.go)
		"overdue":      overdueCount,
		"firstActions": firstActions,
	}).Parse(readinessTmpl))
}

// readinessJSON renders the readiness view as one JSON document.
func readinessJSON(r *judge.Readiness) ([]byte, error) { return marshalJSON(r) }

// readinessText renders the readiness view as terminal tables, in the
// printer's language.
func readinessText(r *judge.Readiness, style table.Style, p *lang.Printer) []byte {
	var b bytes.Buffer
	w := &b
	fmt.Fprint(w, p.F("%s — exit readiness on %s: proven by drills vs only on paper\n\n", r.Organisation, dateIn(p, &r.Now)))
	t := newTextTable(w, style, "")
	hdr := table.Row{p.T("Supplier"), p.T("Score")}
	for _, d := range r.Durations {
		hdr = append(hdr, durationLabelIn(p, d))
	}
	t.AppendHeader(hdr)
	for _, s := range r.Suppliers {
		row := table.Row{label(s.Supplier, s.Name), scoreText(s.Score)}
		for _, c := range s.Cells {
			row = append(row, cellTextIn(p, c))
		}
		t.AppendRow(row)
	}
	t.SetColumnConfigs([]table.ColumnConfig{{Number: 2, Align: text.AlignRight}})
	t.Render()
	for _, s := range r.Suppliers {
		fmt.Fprintln(w, SupplierHeadlineIn(p, s))
	}
	fmt.Fprintln(w, p.T(cellLegend))
	for _, rule := range r.Rules {
		fmt.Fprintln(w, "- "+p.T(rule))
	}
	writeCellWhy(w, r, p)
	fmt.Fprintln(w)
	t = newTextTable(w, style, p.T("Processes"))
	t.AppendHeader(table.Row{p.T("Process"), p.T("Owner"), p.T("Critical"), p.T("Score"), p.T("Proof"), p.T("Last drilled"), p.T("Status"), p.T("Not proven for")})
	for _, pr := range r.Processes {
		t.AppendRow(table.Row{pr.Process, pr.Owner, p.T(yesNo(pr.Critical)), pr.Score, proofIn(p, pr.Proof), ageIn(p, r.Now, pr.LastDrilled), processStatusIn(p, pr), strings.Join(paperSuppliers(pr), ", ")})
	}
	t.SetColumnConfigs([]table.ColumnConfig{{Number: 4, Align: text.AlignRight}, {Number: 8, WidthMax: 50, WidthMaxEnforcer: text.WrapSoft}})
	t.Render()
	fmt.Fprintln(w)
	t = newTextTable(w, style, p.T("Verdicts per process and supplier, and the drill behind each"))
	t.AppendHeader(table.Row{p.T("Process"), p.T("Supplier"), p.T("For"), p.T("State"), p.T("Verdict"), p.T("Drill (mode, scenario, date)"), p.T("Bundle")})
	for _, pr := range r.Processes {
		for _, s := range pr.Suppliers {
			for _, g := range s.Groups() {
				t.AppendRow(table.Row{pr.Process, s.Supplier, groupForIn(p, g), p.T(g.Label()), verdictWordIn(p, g.Verdict), sourceIn(p, g.Evidence), g.Bundle})
			}
		}
	}
	t.Render()
	writeFollowUpText(w, r, p)
	writeDrillLists(w, r, p)
	fmt.Fprintln(w)
	fmt.Fprintln(w, p.T(judge.ScoreFormula))
	return b.Bytes()
}

// cellLegend says what a cell holds, for the text and Markdown matrices.
const cellLegend = "A cell: critical processes whose MTPD a loss of that length exceeds, split into proven by a valid drill (in full, automated only\n" +
	"or plan only), failed in a drill, needing a re-test (definition changed since the drill) and only on paper (no valid drill without\n" +
	"that supplier for that long); '-' means none at stake."

// writeCellWhy says, per cell with processes at stake, why each process is
// in it and which bundle decides it.
func writeCellWhy(w io.Writer, r *judge.Readiness, p *lang.Printer) {
	fmt.Fprintln(w, "\n"+p.T("Why each cell:"))
	for _, s := range r.Suppliers {
		for _, c := range s.Cells {
			if len(c.AtStake) == 0 {
				continue
			}
			fmt.Fprintf(w, "  %s %s (%s):\n", s.Supplier, durationLabelIn(p, c.Duration), p.T(c.State()))
			for _, e := range c.Evidence {
				fmt.Fprintf(w, "    %s: %s%s\n", e.Process, p.Filled(e.Why), bundleNote(p, e))
			}
		}
	}
}

func bundleNote(p *lang.Printer, e judge.Evidence) string {
	if e.Bundle == "" {
		return ""
	}
	return p.F(" [bundle %s]", e.Bundle)
}

func proofText(p judge.Proof) string {
	if p == "" {
		return "-"
	}
	return p.Words()
}

func writeDrillLists(w io.Writer, r *judge.Readiness, p *lang.Printer) {
	fmt.Fprint(w, p.F("\nCounted: %s", pluralIn(p, len(r.Drills), "drill", "drills")))
	if r.Superseded > 0 {
		fmt.Fprint(w, p.F(" (%d superseded)", r.Superseded))
	}
	fmt.Fprintln(w)
	for _, d := range r.Drills {
		fmt.Fprintf(w, "  %s  %s  %s  %s  %s  (%s)\n", d.Drill, modeIn(p, d.Mode), d.Scenario, dateIn(p, &d.Finished), d.Bundle, pluralIn(p, d.Processes, "process", "processes"))
	}
	if len(r.Void) > 0 {
		fmt.Fprint(w, p.F("Proving nothing: %s\n", pluralIn(p, len(r.Void), "drill", "drills")))
		for _, v := range r.Void {
			fmt.Fprintf(w, "  %s  %s  %s  %s  %s: %s (%s)\n", v.Drill, modeIn(p, v.Mode), v.Scenario, dateIn(p, &v.Finished), v.Bundle, p.Filled(v.Reason), strings.Join(v.Processes, ", "))
		}
	}
	if len(r.NotCounted) > 0 {
		fmt.Fprint(w, p.F("Not counted: %s\n", pluralIn(p, len(r.NotCounted), "bundle", "bundles")))
		for _, n := range r.NotCounted {
			fmt.Fprintf(w, "  %s: %s\n", n.Bundle, p.Filled(n.Reason))
		}
	}
}

// readinessHTML renders the readiness view as a self-contained HTML page for
// management: the colour-coded matrix, the processes and the counted drills.
func readinessHTML(r *judge.Readiness, p *lang.Printer) ([]byte, error) {
	var buf bytes.Buffer
	err := readinessTemplates[p.Lang()]().Execute(&buf, struct {
		R       *judge.Readiness
		CSS     template.CSS
		Formula string
	}{r, template.CSS(reportCSS), judge.ScoreFormula})
	if err != nil {
		return nil, fmt.Errorf("readiness html: %w", err)
	}
	return buf.Bytes(), nil
}

// readinessMarkdown renders the readiness view for wikis, in the printer's
// language.
func readinessMarkdown(r *judge.Readiness, p *lang.Printer) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprint(&b, p.F("# Exit readiness — %s (%s)\n\n", md(r.Organisation), dateIn(p, &r.Now)))
	hdr := []string{p.T("Supplier"), p.T("Score")}
	for _, d := range r.Durations {
		hdr = append(hdr, durationLabelIn(p, d))
	}
	mdTable(&b, hdr)
	for _, s := range r.Suppliers {
		cells := []string{label(s.Supplier, s.Name), scoreText(s.Score)}
		for _, c := range s.Cells {
			cells = append(cells, cellTextIn(p, c))
		}
		mdRow(&b, cells...)
	}
	fmt.Fprintln(&b)
	for _, s := range r.Suppliers {
		fmt.Fprintf(&b, "- %s\n", md(SupplierHeadlineIn(p, s)))
	}
	fmt.Fprintf(&b, "\n%s\n\n", md(strings.ReplaceAll(p.T(cellLegend), "\n", " ")))
	for _, rule := range r.Rules {
		fmt.Fprintf(&b, "- %s\n", md(p.T(rule)))
	}
	fmt.Fprintln(&b, "\n## "+p.T("Why each cell"))
	fmt.Fprintln(&b)
	mdTable(&b, []string{p.T("Supplier"), p.T("Outage"), p.T("Process"), p.T("Why"), p.T("Bundle")})
	for _, s := range r.Suppliers {
		for _, c := range s.Cells {
			for _, e := range c.Evidence {
				mdRow(&b, s.Supplier, durationLabelIn(p, c.Duration), e.Process, p.Filled(e.Why), e.Bundle)
			}
		}
	}
	fmt.Fprintln(&b, "\n## "+p.T("Processes"))
	fmt.Fprintln(&b)
	mdTable(&b, []string{p.T("Process"), p.T("Owner"), p.T("Critical"), p.T("Score"), p.T("Proof"), p.T("Last drilled"), p.T("Status")})
	for _, pr := range r.Processes {
		mdRow(&b, pr.Process, pr.Owner, p.T(yesNo(pr.Critical)), itoa(pr.Score), proofIn(p, pr.Proof), ageIn(p, r.Now, pr.LastDrilled), processStatusIn(p, pr))
	}
	fmt.Fprintln(&b)
	mdTable(&b, []string{p.T("Process"), p.T("Supplier"), p.T("For"), p.T("State"), p.T("Verdict"), p.T("Drill (mode, scenario, date)"), p.T("Bundle")})
	for _, pr := range r.Processes {
		for _, s := range pr.Suppliers {
			for _, g := range s.Groups() {
				mdRow(&b, pr.Process, s.Supplier, groupForIn(p, g), p.T(g.Label()), verdictWordIn(p, g.Verdict), sourceIn(p, g.Evidence), g.Bundle)
			}
		}
	}
	writeFollowUpMarkdown(&b, r, p)
	if len(r.Void) > 0 {
		fmt.Fprintln(&b, "\n## "+p.T("Drills that prove nothing"))
		fmt.Fprintln(&b)
		mdTable(&b, []string{p.T("Drill"), p.T("Mode"), "Scenario", p.T("Finished"), p.T("Bundle"), p.T("Why"), p.T("Processes")})
		for _, v := range r.Void {
			mdRow(&b, v.Drill, modeIn(p, v.Mode), v.Scenario, dateIn(p, &v.Finished), v.Bundle, p.Filled(v.Reason), strings.Join(v.Processes, ", "))
		}
	}
	fmt.Fprintf(&b, "\n%s\n", md(p.T(judge.ScoreFormula)))
	return b.Bytes(), nil
}

// cellText is a matrix cell in words: "2/3 proven (1 automated only), 1 paper".
func cellText(c judge.Cell) string {
	if len(c.AtStake) == 0 {
		return "-"
	}
	parts := []string{fmt.Sprintf("%d/%d proven", len(c.Proven), len(c.AtStake))}
	var of []string
	for _, p := range []struct {
		n    int
		what string
	}{{len(c.Stale), "stale"}, {len(c.AutomatedOnly), "automated only"}, {len(c.PlanOnly), "plan only"}} {
		if p.n > 0 {
			of = append(of, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(of) > 0 {
		parts[0] += " (" + strings.Join(of, ", ") + ")"
	}
	for _, p := range []struct {
		n    int
		what string
	}{{len(c.Failed), "failed"}, {len(c.Retest), "re-test"}, {len(c.Paper), "paper"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	return strings.Join(parts, ", ")
}

func scoreText(s *int) string {
	if s == nil {
		return "-"
	}
	return itoa(*s)
}

func dateText(t *time.Time) string {
	if t == nil || t.IsZero() {
		return "never"
	}
	return t.UTC().Format("2006-01-02")
}

// ageText is a date with its age in days at now.
func ageText(now time.Time, t *time.Time) string {
	if t == nil {
		return "never"
	}
	days := int(now.Sub(*t).Hours() / 24)
	return fmt.Sprintf("%s (%dd ago)", dateText(t), days)
}

func processStatus(p *judge.ProcessReady) string {
	var s []string
	if p.LastDrilled == nil {
		return "never drilled"
	}
	if p.NeedsRetest {
		s = append(s, "needs re-test")
	}
	if p.Stale {
		s = append(s, "stale")
	}
	if len(s) == 0 {
		return "current"
	}
	return strings.Join(s, ", ")
}

// paperSuppliers are the suppliers whose loss no valid drill of p has
// covered.
func paperSuppliers(p *judge.ProcessReady) []string {
	var out []string
	for _, s := range p.Suppliers {
		if !s.Drilled() {
			out = append(out, s.Supplier)
		}
	}
	return out
}

func label(id, name string) string {
	if name == "" || name == id {
		return id
	}
	return id + " (" + name + ")"
}
