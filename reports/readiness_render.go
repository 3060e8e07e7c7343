package reports

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/exitdrill/exitdrill/reports/judge"
)

//go:embed assets/readiness.html.tmpl
var readinessTmpl string

var readinessTemplate = template.Must(template.New("readiness").Funcs(funcs).Funcs(template.FuncMap{
	"cellText": cellText,
	"score":    scoreText,
	"date":     dateText,
	"age":      func(r *judge.Readiness, t *time.Time) string { return ageText(r.Now, t) },
}).Parse(readinessTmpl))

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
	fmt.Fprintln(w, "A cell: critical processes whose MTPD a loss of that length exceeds, split into proven by a verified drill, failed in a drill,")
	fmt.Fprintln(w, "needing a re-test (definition changed since the drill) and only on paper (never drilled without that supplier); '-' means none at stake.")
	fmt.Fprintln(w)
	t = newTextTable(w, style, "Processes")
	t.AppendHeader(table.Row{"Process", "Owner", "Critical", "Score", "Last drilled", "Status", "Not proven for"})
	for _, p := range r.Processes {
		t.AppendRow(table.Row{p.Process, p.Owner, yesNo(p.Critical), p.Score, ageText(r.Now, p.LastDrilled), processStatus(p), strings.Join(paperSuppliers(p), ", ")})
	}
	t.SetColumnConfigs([]table.ColumnConfig{{Number: 4, Align: text.AlignRight}, {Number: 7, WidthMax: 50, WidthMaxEnforcer: text.WrapSoft}})
	t.Render()
	writeDrillLists(w, r)
	fmt.Fprintln(w)
	fmt.Fprintln(w, judge.ScoreFormula)
	return b.Bytes()
}

func writeDrillLists(w io.Writer, r *judge.Readiness) {
	fmt.Fprintf(w, "\nCounted: %s", plural(len(r.Drills), "drill", "drills"))
	if r.Superseded > 0 {
		fmt.Fprintf(w, " (%d older superseded)", r.Superseded)
	}
	fmt.Fprintln(w)
	for _, d := range r.Drills {
		fmt.Fprintf(w, "  %s  %s  %s  (%s)\n", d.Drill, d.Scenario, dateText(&d.Finished), plural(d.Processes, "process", "processes"))
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
func readinessHTML(r *judge.Readiness) ([]byte, error) {
	var buf bytes.Buffer
	err := readinessTemplate.Execute(&buf, struct {
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
	mdTable(&b, []string{"Process", "Owner", "Critical", "Score", "Last drilled", "Status"})
	for _, p := range r.Processes {
		mdRow(&b, p.Process, p.Owner, yesNo(p.Critical), itoa(p.Score), ageText(r.Now, p.LastDrilled), processStatus(p))
	}
	fmt.Fprintf(&b, "\n%s\n", md(judge.ScoreFormula))
	return b.Bytes(), nil
}

// cellText is a matrix cell in words: "2/3 proven, 1 paper".
func cellText(c judge.Cell) string {
	if len(c.AtStake) == 0 {
		return "-"
	}
	parts := []string{fmt.Sprintf("%d/%d proven", len(c.Proven), len(c.AtStake))}
	if n := len(c.Stale); n > 0 {
		parts[0] += fmt.Sprintf(" (%d stale)", n)
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

// paperSuppliers are the suppliers whose loss no drill of p has covered.
func paperSuppliers(p *judge.ProcessReady) []string {
	var out []string
	for _, s := range p.Suppliers {
		if s.Drill == "" {
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
