package importer

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/exitdrill/exitdrill/internal/atomicfile"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// Sheets of the readiness workbook, in order.
const (
	SheetMatrix     = "Matrix"
	SheetProcesses  = "Processes"
	SheetEvidence   = "Evidence"
	SheetNotCounted = "Not counted"
	SheetRules      = "Rules"
)

// ReadinessXLSX is the exit-readiness view as a workbook for the people who
// keep their registers in spreadsheets: the matrix (a row per supplier, per
// outage duration its state and the processes in each state), the processes
// with their scores, every piece of evidence that decides a cell, the
// bundles not counted and the rules the view was judged by. Scores and
// points are numbers and dates are dates, so that they sort and filter; every
// sheet has its header row frozen and a filter on it.
func ReadinessXLSX(r *judge.Readiness) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &sheetWriter{f: f}
	if err := f.SetSheetName("Sheet1", SheetMatrix); err != nil {
		return nil, err
	}
	for _, s := range []string{SheetProcesses, SheetEvidence, SheetNotCounted, SheetRules} {
		if _, err := f.NewSheet(s); err != nil {
			return nil, err
		}
	}
	w.matrix(r)
	w.processes(r)
	w.evidence(r)
	w.table(SheetNotCounted, []string{"Bundle", "Reason"}, len(r.NotCounted), func(i int) []any {
		return []any{r.NotCounted[i].Bundle, r.NotCounted[i].Reason}
	})
	w.table(SheetRules, []string{"Rule"}, len(r.Rules), func(i int) []any { return []any{r.Rules[i]} })
	if w.err != nil {
		return nil, w.err
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// sheetWriter writes tables into a workbook, keeping the first error.
type sheetWriter struct {
	f    *excelize.File
	date int // the style of date cells
	err  error
}

// table writes a header and n rows to sheet, freezes the header and puts a
// filter on it.
func (w *sheetWriter) table(sheet string, header []string, n int, row func(int) []any) {
	if w.err != nil {
		return
	}
	if w.date == 0 {
		w.date, w.err = w.f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	}
	bold, err := w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	w.keep(err)
	hdr := make([]any, len(header))
	for i, h := range header {
		hdr[i] = h
	}
	w.keep(w.f.SetSheetRow(sheet, "A1", &hdr))
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	w.keep(w.f.SetCellStyle(sheet, "A1", last, bold))
	for i := range n {
		vals := row(i)
		for j, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if t, ok := v.(time.Time); ok {
				if t.IsZero() {
					continue
				}
				w.keep(w.f.SetCellValue(sheet, cell, t.UTC()))
				w.keep(w.f.SetCellStyle(sheet, cell, cell, w.date))
				continue
			}
			w.keep(w.f.SetCellValue(sheet, cell, v))
		}
	}
	end, _ := excelize.CoordinatesToCellName(len(header), max(n, 1)+1)
	w.keep(w.f.AutoFilter(sheet, "A1:"+end, nil))
	w.keep(w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	w.keep(w.f.SetColWidth(sheet, "A", columnName(len(header)), 18))
}

func (w *sheetWriter) keep(err error) {
	if w.err == nil && err != nil {
		w.err = err
	}
}

func ptr[T any](v T) *T { return &v }

func columnName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// matrix writes a row per supplier: its score, then per duration the cell's
// state and the processes proven, failed, to re-test and on paper.
func (w *sheetWriter) matrix(r *judge.Readiness) {
	header := []string{"Supplier", "Name", "Processes hit", "Score"}
	for _, d := range r.Durations {
		header = append(header, d+": state", d+": at stake", d+": proven", d+": failed", d+": re-test", d+": paper")
	}
	w.table(SheetMatrix, header, len(r.Suppliers), func(i int) []any {
		s := r.Suppliers[i]
		row := []any{s.Supplier, s.Name, s.Processes, scoreCell(s.Score)}
		for _, c := range s.Cells {
			row = append(row, c.State(), len(c.AtStake), listOf(c.Proven), listOf(c.Failed), listOf(c.Retest), listOf(c.Paper))
		}
		return row
	})
}

func (w *sheetWriter) processes(r *judge.Readiness) {
	header := []string{"Process", "Name", "Owner", "Critical", "Score", "Last drilled", "Needs re-test", "Stale", "Proof"}
	w.table(SheetProcesses, header, len(r.Processes), func(i int) []any {
		p := r.Processes[i]
		var last time.Time
		if p.LastDrilled != nil {
			last = *p.LastDrilled
		}
		return []any{p.Process, p.Name, p.Owner, yesNo(p.Critical), p.Score, last, yesNo(p.NeedsRetest), yesNo(p.Stale), string(p.Proof)}
	})
}

func (w *sheetWriter) evidence(r *judge.Readiness) {
	var ev []judge.Evidence
	for _, p := range r.Processes {
		for _, s := range p.Suppliers {
			ev = append(ev, s.Durations...)
		}
	}
	header := []string{"Process", "Supplier", "Duration", "State", "Proof", "Points", "Verdict", "Drill", "Scenario", "Mode",
		"Outage", "Finished", "Bundle", "Re-test because", "Why"}
	w.table(SheetEvidence, header, len(ev), func(i int) []any {
		e := ev[i]
		var fin time.Time
		if e.Finished != nil {
			fin = *e.Finished
		}
		return []any{e.Process, e.Supplier, e.Duration, e.State, string(e.Proof), e.Points, string(e.Verdict), e.Drill, e.Scenario, e.Mode,
			e.Outage, fin, e.Bundle, e.Retest, e.Why}
	})
}

// scoreCell is a score as a number, or empty when there is none.
func scoreCell(s *int) any {
	if s == nil {
		return ""
	}
	return *s
}

func listOf(ss []string) string { return strings.Join(ss, ", ") }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// WriteReadinessXLSX writes the readiness workbook to path, whole or not at all.
func WriteReadinessXLSX(path string, r *judge.Readiness) error {
	data, err := ReadinessXLSX(r)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return atomicfile.WriteFile(path, data, 0o644)
}
