package table

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Workbook is an XLSX workbook opened within the limits.
type Workbook struct {
	File string
	f    *excelize.File
	lim  Limits
}

// OpenXLSX checks the workbook's zip against the limits (see [OpenZip]) and
// opens it. Close it when done.
func OpenXLSX(file string, data []byte, lim Limits) (*Workbook, error) {
	lim = lim.withDefaults()
	if _, err := OpenZip(file, data, lim); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    lim.TotalBytes,
		UnzipXMLSizeLimit: lim.EntryBytes,
	})
	if err != nil {
		return nil, &Error{Loc: Loc{File: file}, Problem: "not an XLSX workbook: " + err.Error()}
	}
	return &Workbook{File: file, f: f, lim: lim}, nil
}

// Close releases the workbook.
func (w *Workbook) Close() error { return w.f.Close() }

// Sheets lists the sheet names in workbook order.
func (w *Workbook) Sheets() []string { return w.f.GetSheetList() }

// Grid reads the sheet's rows as they are shown (numbers and dates in the
// cell's format), within the limits.
func (w *Workbook) Grid(sheet string) (*Grid, error) {
	g := &Grid{File: w.File, Sheet: sheet}
	rows, err := w.f.Rows(sheet)
	if err != nil {
		return nil, &Error{Loc: g.Where(), Problem: "cannot read the sheet: " + err.Error()}
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		if n > w.lim.Rows {
			return nil, &Error{Loc: Loc{File: w.File, Sheet: sheet, Row: n, Col: -1}, Problem: tooManyRows(w.lim)}
		}
		cells, err := rows.Columns()
		if err != nil {
			return nil, &Error{Loc: Loc{File: w.File, Sheet: sheet, Row: n, Col: -1}, Problem: "cannot read the row: " + err.Error()}
		}
		if err := addRow(g, n, cells, w.lim); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, &Error{Loc: g.Where(), Problem: "cannot read the sheet: " + err.Error()}
	}
	return g, nil
}

// FindSheet returns the sheet whose name, folded by [Normalize], equals one of
// names; ok is false when none does.
func (w *Workbook) FindSheet(names ...string) (string, bool) {
	for _, want := range names {
		for _, s := range w.Sheets() {
			if Normalize(s) == Normalize(want) {
				return s, true
			}
		}
	}
	return "", false
}

// String names the workbook and its sheets, for messages.
func (w *Workbook) String() string {
	return fmt.Sprintf("%s (sheets: %s)", w.File, strings.Join(w.Sheets(), ", "))
}
