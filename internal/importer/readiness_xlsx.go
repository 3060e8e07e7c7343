package importer

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/exitdrill/exitdrill/internal/atomicfile"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// Sheets of the readiness workbook, in order, as named in English; in
// another language each is the printer's word for it.
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
// sheet has its header row frozen and a filter on it. Sheet names, headers,
// states, verdicts and the reasons in words are in p's language; ids,
// numbers and dates are the same in every language.
func ReadinessXLSX(r *judge.Readiness, p *lang.Printer) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &sheetWriter{f: f, p: p}
	if err := f.SetSheetName("Sheet1", p.T(SheetMatrix)); err != nil {
		return nil, err
	}
	for _, s := range []string{p.T(SheetProcesses), p.T(SheetEvidence), p.T(SheetNotCounted), p.T(SheetRules)} {
		if _, err := f.NewSheet(s); err != nil {
			return nil, err
		}
	}
	w.matrix(r)
	w.processes(r)
	w.evidence(r)
	w.table(p.T(SheetNotCounted), []string{p.T("Bundle"), p.T("Reason")}, len(r.NotCounted), func(i int) []any {
		return []any{r.NotCounted[i].Bundle, p.Filled(r.NotCounted[i].Reason)}
	})
	w.table(p.T(SheetRules), []string{p.T("Rule")}, len(r.Rules), func(i int) []any { return []any{p.T(r.Rules[i])} })
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
	p    *lang.Printer
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
	p := w.p
	header := []string{p.T("Supplier"), p.T("Name"), p.T("Processes hit"), p.T("Score")}
	for _, d := range r.Durations {
		header = append(header, p.F("%s: state", d), p.F("%s: at stake", d), p.F("%s: proven", d), p.F("%s: failed", d), p.F("%s: re-test", d), p.F("%s: paper", d))
	}
	w.table(p.T(SheetMatrix), header, len(r.Suppliers), func(i int) []any {
		s := r.Suppliers[i]
		row := []any{s.Supplier, s.Name, s.Processes, scoreCell(s.Score)}
		for _, c := range s.Cells {
			row = append(row, p.T(c.State()), len(c.AtStake), listOf(c.Proven), listOf(c.Failed), listOf(c.Retest), listOf(c.Paper))
		}
		return row
	})
}

func (w *sheetWriter) processes(r *judge.Readiness) {
	p := w.p
	header := []string{p.T("Process"), p.T("Name"), p.T("Owner"), p.T("Critical"), p.T("Score"), p.T("Last drilled"), p.T("Needs re-test"), p.T("Stale"), p.T("Proof")}
	w.table(p.T(SheetProcesses), header, len(r.Processes), func(i int) []any {
		pr := r.Processes[i]
		var last time.Time
		if pr.LastDrilled != nil {
			last = *pr.LastDrilled
		}
		return []any{pr.Process, pr.Name, pr.Owner, w.yesNo(pr.Critical), pr.Score, last, w.yesNo(pr.NeedsRetest), w.yesNo(pr.Stale), string(pr.Proof)}
	})
}

func (w *sheetWriter) evidence(r *judge.Readiness) {
	p := w.p
	var ev []judge.Evidence
	for _, pr := range r.Processes {
		for _, s := range pr.Suppliers {
			ev = append(ev, s.Durations...)
		}
	}
	header := []string{p.T("Process"), p.T("Supplier"), p.T("Duration"), p.T("State"), p.T("Proof"), p.T("Points"), p.T("Verdict"), p.T("Drill"), p.T("Scenario"), p.T("Mode"),
		p.T("Outage"), p.T("Finished"), p.T("Bundle"), p.T("Re-test because"), p.T("Why")}
	w.table(p.T(SheetEvidence), header, len(ev), func(i int) []any {
		e := ev[i]
		var fin time.Time
		if e.Finished != nil {
			fin = *e.Finished
		}
		verdict := ""
		if e.Verdict != "" {
			verdict = p.T(string(e.Verdict))
		}
		return []any{e.Process, e.Supplier, e.Duration, p.T(e.State), string(e.Proof), e.Points, verdict, e.Drill, e.Scenario, e.Mode,
			e.Outage, fin, e.Bundle, p.Filled(e.Retest), p.Filled(e.Why)}
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

func (w *sheetWriter) yesNo(b bool) string {
	if b {
		return w.p.T("yes")
	}
	return w.p.T("no")
}

// WriteReadinessXLSX writes the readiness workbook in p's language to path,
// whole or not at all.
func WriteReadinessXLSX(path string, r *judge.Readiness, p *lang.Printer) error {
	data, err := ReadinessXLSX(r, p)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return atomicfile.WriteFile(path, data, 0o644)
}
