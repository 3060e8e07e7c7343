package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// textReport renders the terminal report: the verdict table, the supplier
// summary and the findings, with the table style given (table.StyleLight on a
// terminal, table.StyleDefault for files and pipes).
func textReport(r *Report, style table.Style) []byte {
	var buf bytes.Buffer
	writeText(&buf, r, style)
	return buf.Bytes()
}

func writeText(w io.Writer, r *Report, style table.Style) {
	if r.NotVerified != "" {
		fmt.Fprintf(w, "%s\n\n", notVerifiedBanner(r.NotVerified))
	}
	writeHeader(w, r)
	fmt.Fprintln(w)
	writeVerdicts(w, r, style)
	if rows := coverageRows(r); len(rows) > 0 {
		fmt.Fprintln(w)
		writeCoverage(w, rows, style)
	}
	if len(r.Suppliers) > 0 {
		fmt.Fprintln(w)
		writeSuppliers(w, r, style)
	}
	fmt.Fprintln(w)
	writeFindings(w, r, style)
	writePeopleText(w, r)
	fmt.Fprintf(w, "\nEvidence: journal of %d events, head %s; %s.\n", r.Evidence.JournalEvents, r.Evidence.JournalHead, signedBy(r.Evidence.Signer))
	fmt.Fprintln(w, legend)
}

func writeHeader(w io.Writer, r *Report) {
	sc := r.Scenario
	fmt.Fprintf(w, "%s — drill %s\n", r.Organisation, r.DrillID)
	fmt.Fprintf(w, "Scenario: %s — lost %s for %s, %s mode\n", orID(sc.Title, sc.ID), listOr(sc.Lost, "nothing"), sc.Duration, sc.Mode)
	fmt.Fprintf(w, "Started %s, wall time %s\n", timeText(r.Started), orDash(r.WallTime))
	if r.StartedBy != "" {
		fmt.Fprintf(w, "Started by %s\n", r.Starter())
	}
	if r.Note != "" {
		// Lines after the first line up under it.
		fmt.Fprintf(w, "Note: %s\n", strings.ReplaceAll(r.Note, "\n", "\n      "))
	}
	writeExerciseText(w, r)
	if r.Abort != nil {
		fmt.Fprintf(w, "ABORTED by %s: %s\n", r.Abort.Who(), r.Abort.Reason)
	}
	fmt.Fprintf(w, "\n%s\n", r.Summary.Headline)
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
func writeVerdicts(w io.Writer, r *Report, style table.Style) {
	t := newTextTable(w, style, "")
	t.AppendHeader(table.Row{"Process", "Owner", "Critical", "Verdict", "Recovery", "RTO", "MTPD", "Data loss", "Score", "Why"})
	for _, p := range r.Processes {
		t.AppendRow(table.Row{p.ID, p.Owner, yesNo(p.Critical), p.Verdict, recoveryText(p), p.RTO, p.MTPD, DataLossText(p.DataLoss), p.Score, p.Why})
	}
	t.SetColumnConfigs([]table.ColumnConfig{
		{Number: 8, WidthMax: 30, WidthMaxEnforcer: text.WrapSoft},
		{Number: 9, Align: text.AlignRight},
		{Number: 10, WidthMax: 60, WidthMaxEnforcer: text.WrapSoft},
	})
	t.Render()
	v := r.Summary.Verdicts
	fmt.Fprintf(w, "%s: %s.\n", plural(r.Summary.Processes, "process", "processes"), v.Words())
}

// writeCoverage writes the coverage matrix: process × lost application ×
// covering steps × result.
func writeCoverage(w io.Writer, rows []CoverageRow, style table.Style) {
	t := newTextTable(w, style, "Coverage: does a step show that each lost application comes back?")
	t.AppendHeader(table.Row{"Process", "Lost application", "Covering steps", "Result"})
	for _, c := range rows {
		t.AppendRow(table.Row{c.Process, c.App, c.StepsText(), c.ResultText()})
	}
	t.SetColumnConfigs([]table.ColumnConfig{{Number: 4, WidthMax: 60, WidthMaxEnforcer: text.WrapSoft}})
	t.Render()
	fmt.Fprintln(w, coverageNote)
}

func writeSuppliers(w io.Writer, r *Report, style table.Style) {
	t := newTextTable(w, style, "Unavailable suppliers")
	waited := anyWaitedOut(r)
	head := table.Row{"Supplier", "How", "Processes", "Recovered", "Late", "Breached", "Tolerated", "Aborted"}
	if waited {
		head = append(head, "Waited out")
	}
	t.AppendHeader(head)
	for _, s := range r.Suppliers {
		how := "down: depends on a lost supplier"
		if s.Lost {
			how = "lost"
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

func writeFindings(w io.Writer, r *Report, style table.Style) {
	if len(r.Findings) == 0 {
		fmt.Fprintln(w, "No findings.")
		return
	}
	t := newTextTable(w, style, "Findings")
	t.AppendHeader(table.Row{"#", "Severity", "Finding", "Owner", "What to do"})
	for i, f := range r.Findings {
		t.AppendRow(table.Row{i + 1, f.Severity, f.Title + ": " + f.Detail, f.Owner, f.Hint})
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
