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
		"date":     dateText,
		"headline": func(s judge.SupplierReady) string { return SupplierHeadlineIn(p, s) },
		"outage":   OutageLabel,
		"age":      func(r *judge.Readiness, t *time.Time) string { return ageText(r.Now, t) },
		// the findings-and-actions section (followup_render.go)
		"overdue":      overdueCount,
		"firstActions": firstActions,
	}).Parse(readinessTmpl))
}

// readinessJSON renders the readiness view as one JSON document.
func readinessJSON(r *judge.Readiness) ([]byte, error) { return marshalJSON(r) }

// readinessText renders the readiness view as terminal tables.
func readinessText(r *judge.Readiness, style table.Style) []byte {
	var b bytes.Buffer
	w := &b
	fmt.Fprintf(w, "%s — exit readiness on %s: proven by drills vs only on paper\n\n", r.Organisation, dateText(&r.Now))
	t := newTextTable(w, style, "")
	hdr := table.Row{"Supplier", "Score"}
	for _, d := range r.Durations {
		hdr = append(hdr, d)
	}
	t.AppendHeader(hdr)
	for _, s := range r.Suppliers {
		row := table.Row{label(s.Supplier, s.Name), scoreText(s.Score)}
		for _, c := range s.Cells {
			row = append(row, cellText(c))
		}
		t.AppendRow(row)
	}
	t.SetColumnConfigs([]table.ColumnConfig{{Number: 2, Align: text.AlignRight}})
	t.Render()
	for _, s := range r.Suppliers {
		fmt.Fprintln(w, SupplierHeadline(s))
	}
	fmt.Fprintln(w, cellLegend)
	for _, rule := range r.Rules {
		fmt.Fprintln(w, "- "+rule)
	}
	writeCellWhy(w, r)
	fmt.Fprintln(w)
	t = newTextTable(w, style, "Processes")
	t.AppendHeader(table.Row{"Process", "Owner", "Critical", "Score", "Proof", "Last drilled", "Status", "Not proven for"})
	for _, p := range r.Processes {
		t.AppendRow(table.Row{p.Process, p.Owner, yesNo(p.Critical), p.Score, proofText(p.Proof), ageText(r.Now, p.LastDrilled), processStatus(p), strings.Join(paperSuppliers(p), ", ")})
	}
	t.SetColumnConfigs([]table.ColumnConfig{{Number: 4, Align: text.AlignRight}, {Number: 8, WidthMax: 50, WidthMaxEnforcer: text.WrapSoft}})
	t.Render()
	fmt.Fprintln(w)
	t = newTextTable(w, style, "Verdicts per process and supplier, and the drill behind each")
	t.AppendHeader(table.Row{"Process", "Supplier", "For", "State", "Verdict", "Drill (mode, scenario, date)", "Bundle"})
	for _, p := range r.Processes {
		for _, s := range p.Suppliers {
			for _, g := range s.Groups() {
				t.AppendRow(table.Row{p.Process, s.Supplier, g.For(), g.Label(), string(g.Verdict), g.Source(), g.Bundle})
			}
		}
	}
	t.Render()
	writeFollowUpText(w, r)
	writeDrillLists(w, r)
	fmt.Fprintln(w)
	fmt.Fprintln(w, judge.ScoreFormula)
	return b.Bytes()
}

// cellLegend says what a cell holds, for the text and Markdown matrices.
const cellLegend = "A cell: critical processes whose MTPD a loss of that length exceeds, split into proven by a valid drill (in full, automated only\n" +
	"or plan only), failed in a drill, needing a re-test (definition changed since the drill) and only on paper (no valid drill without\n" +
	"that supplier for that long); '-' means none at stake."

// writeCellWhy says, per cell with processes at stake, why each process is
// in it and which bundle decides it.
func writeCellWhy(w io.Writer, r *judge.Readiness) {
	fmt.Fprintln(w, "\nWhy each cell:")
	for _, s := range r.Suppliers {
		for _, c := range s.Cells {
			if len(c.AtStake) == 0 {
				continue
			}
			fmt.Fprintf(w, "  %s %s (%s):\n", s.Supplier, c.Duration, c.State())
			for _, e := range c.Evidence {
				fmt.Fprintf(w, "    %s: %s%s\n", e.Process, e.Why, bundleNote(e))
			}
		}
	}
}

func bundleNote(e judge.Evidence) string {
	if e.Bundle == "" {
		return ""
	}
	return " [bundle " + e.Bundle + "]"
}

func proofText(p judge.Proof) string {
	if p == "" {
		return "-"
	}
	return p.Words()
}

func writeDrillLists(w io.Writer, r *judge.Readiness) {
	fmt.Fprintf(w, "\nCounted: %s", plural(len(r.Drills), "drill", "drills"))
	if r.Superseded > 0 {
		fmt.Fprintf(w, " (%d superseded)", r.Superseded)
	}
	fmt.Fprintln(w)
	for _, d := range r.Drills {
		fmt.Fprintf(w, "  %s  %s  %s  %s  %s  (%s)\n", d.Drill, d.Mode, d.Scenario, dateText(&d.Finished), d.Bundle, plural(d.Processes, "process", "processes"))
	}
	if len(r.Void) > 0 {
		fmt.Fprintf(w, "Proving nothing: %s\n", plural(len(r.Void), "drill", "drills"))
		for _, v := range r.Void {
			fmt.Fprintf(w, "  %s  %s  %s  %s  %s: %s (%s)\n", v.Drill, v.Mode, v.Scenario, dateText(&v.Finished), v.Bundle, v.Reason, strings.Join(v.Processes, ", "))
		}
	}
	if len(r.NotCounted) > 0 {
		fmt.Fprintf(w, "Not counted: %s\n", plural(len(r.NotCounted), "bundle", "bundles"))
		for _, n := range r.NotCounted {
			fmt.Fprintf(w, "  %s: %s\n", n.Bundle, n.Reason)
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

// readinessMarkdown renders the readiness view for wikis.
func readinessMarkdown(r *judge.Readiness) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Exit readiness — %s (%s)\n\n", md(r.Organisation), dateText(&r.Now))
	mdTable(&b, append([]string{"Supplier", "Score"}, r.Durations...))
	for _, s := range r.Suppliers {
		cells := []string{label(s.Supplier, s.Name), scoreText(s.Score)}
		for _, c := range s.Cells {
			cells = append(cells, cellText(c))
		}
		mdRow(&b, cells...)
	}
	fmt.Fprintln(&b)
	for _, s := range r.Suppliers {
		fmt.Fprintf(&b, "- %s\n", md(SupplierHeadline(s)))
	}
	fmt.Fprintf(&b, "\n%s\n\n", md(strings.ReplaceAll(cellLegend, "\n", " ")))
	for _, rule := range r.Rules {
		fmt.Fprintf(&b, "- %s\n", md(rule))
	}
	fmt.Fprintln(&b, "\n## Why each cell")
	fmt.Fprintln(&b)
	mdTable(&b, []string{"Supplier", "Outage", "Process", "Why", "Bundle"})
	for _, s := range r.Suppliers {
		for _, c := range s.Cells {
			for _, e := range c.Evidence {
				mdRow(&b, s.Supplier, c.Duration, e.Process, e.Why, e.Bundle)
			}
		}
	}
	fmt.Fprintln(&b, "\n## Processes")
	fmt.Fprintln(&b)
	mdTable(&b, []string{"Process", "Owner", "Critical", "Score", "Proof", "Last drilled", "Status"})
	for _, p := range r.Processes {
		mdRow(&b, p.Process, p.Owner, yesNo(p.Critical), itoa(p.Score), proofText(p.Proof), ageText(r.Now, p.LastDrilled), processStatus(p))
	}
	fmt.Fprintln(&b)
	mdTable(&b, []string{"Process", "Supplier", "For", "State", "Verdict", "Drill (mode, scenario, date)", "Bundle"})
	for _, p := range r.Processes {
		for _, s := range p.Suppliers {
			for _, g := range s.Groups() {
				mdRow(&b, p.Process, s.Supplier, g.For(), g.Label(), string(g.Verdict), g.Source(), g.Bundle)
			}
		}
	}
	writeFollowUpMarkdown(&b, r)
	if len(r.Void) > 0 {
		fmt.Fprintln(&b, "\n## Drills that prove nothing")
		fmt.Fprintln(&b)
		mdTable(&b, []string{"Drill", "Mode", "Scenario", "Finished", "Bundle", "Why", "Processes"})
		for _, v := range r.Void {
			mdRow(&b, v.Drill, v.Mode, v.Scenario, dateText(&v.Finished), v.Bundle, v.Reason, strings.Join(v.Processes, ", "))
		}
	}
	fmt.Fprintf(&b, "\n%s\n", md(judge.ScoreFormula))
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
