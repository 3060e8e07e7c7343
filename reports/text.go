package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/exitdrill/exitdrill/internal/lang"
)

// textReport renders the terminal report: the verdict table, the supplier
// summary and the findings, with the table style given (table.StyleLight on a
// terminal, table.StyleDefault for files and pipes), in the printer's
// language (English is what the evidence bundle carries).
func textReport(r *Report, style table.Style, p *lang.Printer) []byte {
	var buf bytes.Buffer
	writeText(&buf, r, style, p)
	return buf.Bytes()
}

func writeText(w io.Writer, r *Report, style table.Style, p *lang.Printer) {
	if r.NotVerified != "" {
		fmt.Fprintf(w, "%s\n\n", p.Filled(notVerifiedBanner(r.NotVerified)))
	}
	writeHeader(w, r, p)
	fmt.Fprintln(w)
	writeVerdicts(w, r, style, p)
	if rows := coverageRows(r); len(rows) > 0 {
		fmt.Fprintln(w)
		writeCoverage(w, rows, style, p)
	}
	if len(r.Suppliers) > 0 {
		fmt.Fprintln(w)
		writeSuppliers(w, r, style, p)
	}
	fmt.Fprintln(w)
	writeFindings(w, r, style, p)
	writePeopleText(w, r, p)
	fmt.Fprint(w, p.F("\nEvidence: journal of %d events, head %s; %s.\n", r.Evidence.JournalEvents, r.Evidence.JournalHead, p.Filled(signedBy(r.Evidence.Signer))))
	fmt.Fprintln(w, p.T(legend))
}

func writeHeader(w io.Writer, r *Report, p *lang.Printer) {
	sc := r.Scenario
	fmt.Fprint(w, p.F("%s — drill %s\n", r.Organisation, r.DrillID))
	fmt.Fprint(w, p.F("Scenario: %s — lost %s for %s, %s mode\n", orID(p.Filled(sc.Title), sc.ID), listOr(sc.Lost, p.T("nothing")),
		p.Duration(sc.Duration.Std(), sc.Duration.String()), modeIn(p, sc.Mode)))
	fmt.Fprint(w, p.F("Started %s, wall time %s\n", mdTime(p, r.Started), wallIn(p, r.WallTime)))
	if r.StartedBy != "" {
		fmt.Fprint(w, p.F("Started by %s\n", r.Starter()))
	}
	if r.Note != "" {
		// Lines after the first line up under it.
		label := p.T("Note:")
		fmt.Fprintf(w, "%s %s\n", label, strings.ReplaceAll(r.Note, "\n", "\n"+strings.Repeat(" ", utf8.RuneCountInString(label)+1)))
	}
	writeExerciseText(w, r, p)
	if r.Abort != nil {
		fmt.Fprint(w, p.F("ABORTED by %s: %s\n", r.Abort.Who(), r.Abort.Reason))
	}
	headline := r.Summary.Headline
	if p.Dutch() {
		headline = headlineIn(p, r)
	}
	fmt.Fprintf(w, "\n%s\n", headline)
}

func newTextTable(w io.Writer, style table.Style, title string) table.Writer {
	t := table.NewWriter()
	t.SetOutputMirror(w)
	t.SetStyle(style)
	t.Style().Title.Format = text.FormatDefault
	if title != "" {
		t.SetTitle(title)
	}
	return t
}

// writeVerdicts writes the per-process verdict table and the count line.
func writeVerdicts(w io.Writer, r *Report, style table.Style, p *lang.Printer) {
	t := newTextTable(w, style, "")
	t.AppendHeader(table.Row{p.T("Process"), p.T("Owner"), p.T("Critical"), p.T("Verdict"), p.T("Recovery"), "RTO", "MTPD", p.T("Data loss"), p.T("Score"), p.T("Why")})
	for _, pr := range r.Processes {
		t.AppendRow(table.Row{pr.ID, pr.Owner, p.T(yesNo(pr.Critical)), p.T(string(pr.Verdict)), recoveryIn(p, pr),
			p.Duration(pr.RTO.Std(), pr.RTO.String()), p.Duration(pr.MTPD.Std(), pr.MTPD.String()), DataLossIn(p, pr.DataLoss), pr.Score, whyIn(p, pr, r.Scenario.Duration)})
	}
	t.SetColumnConfigs([]table.ColumnConfig{
		{Number: 6, Align: text.AlignRight},
		{Number: 7, Align: text.AlignRight},
		{Number: 8, WidthMax: 30, WidthMaxEnforcer: text.WrapSoft},
		{Number: 9, Align: text.AlignRight},
		{Number: 10, WidthMax: 60, WidthMaxEnforcer: text.WrapSoft},
	})
	t.Render()
	fmt.Fprintf(w, "%s: %s.\n", pluralIn(p, r.Summary.Processes, "process", "processes"), verdictWordsIn(p, r.Summary.Verdicts))
}

// writeCoverage writes the coverage matrix: process × lost application ×
// covering steps × result.
func writeCoverage(w io.Writer, rows []CoverageRow, style table.Style, p *lang.Printer) {
	t := newTextTable(w, style, p.T("Coverage: does a step show that each lost application comes back?"))
	t.AppendHeader(table.Row{p.T("Process"), p.T("Lost application"), p.T("Covering steps"), p.T("Result")})
	for _, c := range rows {
		t.AppendRow(table.Row{c.Process, c.App, c.StepsText(), p.Filled(c.ResultText())})
	}
	t.SetColumnConfigs([]table.ColumnConfig{{Number: 4, WidthMax: 60, WidthMaxEnforcer: text.WrapSoft}})
	t.Render()
	fmt.Fprintln(w, p.T(coverageNote))
}

func writeSuppliers(w io.Writer, r *Report, style table.Style, p *lang.Printer) {
	t := newTextTable(w, style, p.T("Unavailable suppliers"))
	waited := anyWaitedOut(r)
	head := table.Row{p.T("Supplier"), p.T("How"), p.T("Processes"), p.T("Recovered"), p.T("Late"), p.T("Breached"), p.T("Tolerated"), p.T("Aborted")}
	if waited {
		head = append(head, p.T("Waited out"))
	}
	t.AppendHeader(head)
	for _, s := range r.Suppliers {
		how := p.T("down: depends on a lost supplier")
		if s.Lost {
			how = p.T("lost")
		}
		v := s.Verdicts
		row := table.Row{s.Supplier, how, s.Processes, v.Recovered, v.Late, v.Breached, v.Tolerated, v.Aborted}
		if waited {
			row = append(row, v.WaitedOut)
		}
		t.AppendRow(row)
	}
	t.Render()
}

func writeFindings(w io.Writer, r *Report, style table.Style, p *lang.Printer) {
	if len(r.Findings) == 0 {
		fmt.Fprintln(w, p.T("No findings."))
		return
	}
	t := newTextTable(w, style, p.T("Findings"))
	t.AppendHeader(table.Row{"#", p.T("Severity"), p.T("Finding"), p.T("Owner"), p.T("What to do")})
	for i, f := range r.Findings {
		t.AppendRow(table.Row{i + 1, p.T(string(f.Severity)), p.Filled(f.Title) + ": " + findingDetailIn(p, r, f.Detail, f.Process), f.Owner, p.Filled(f.Hint)})
	}
	t.SetColumnConfigs([]table.ColumnConfig{
		{Number: 3, WidthMax: 60, WidthMaxEnforcer: text.WrapSoft},
		{Number: 5, WidthMax: 50, WidthMaxEnforcer: text.WrapSoft},
	})
	t.Render()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func listOr(items []string, none string) string {
	if len(items) == 0 {
		return none
	}
	return strings.Join(items, ", ")
}
