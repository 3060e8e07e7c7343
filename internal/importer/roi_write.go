package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/exitdrill/exitdrill/internal/atomicfile"
)

// b0701Columns are the export's columns: the register's, by code and label
// [CISO §4.14], then exitdrill's own, which the register has no code for.
var b0701Columns = []struct{ code, label string }{
	{b0701Contract, "Contractual arrangement reference number"},
	{b0701Provider, "Identification code of the ICT third-party service provider"},
	{"c0030", "Type of code to identify the ICT third-party service provider"},
	{b0701Service, "Type of ICT services"},
	{b0701ExitPlan, "Existence of an exit plan"},
	{b0701Alternatives, "Are there alternative ICT third-party service providers identified?"},
	{b0701Alternative, "Identification of alternative ICT TPP"},
	{"exitdrill_application", "exitdrill: the catalog's application"},
	{"exitdrill_exit_plan_tested", "exitdrill: exit plan tested (exports read) on"},
	{"exitdrill_alternative_tested", "exitdrill: alternative tested (reached) on"},
	{"exitdrill_last_test", "exitdrill: date of the last test"},
	{"exitdrill_evidence", "exitdrill: verified drills (evidence bundles)"},
}

// cells are a row's values in column order. What no verified drill proved
// is left empty, so that the register keeps what it says.
func (r B0701Row) cells() []string {
	yes := func(b bool) string {
		if b {
			return roiYes
		}
		return ""
	}
	return []string{r.Contract, r.Provider, r.CodeType, r.Type, yes(r.ExitPlan), yes(len(r.Alternatives) > 0),
		strings.Join(r.Alternatives, "; "), r.Application, day(r.ExitPlanTested), day(r.AlternativeTested), day(r.LastTest),
		strings.Join(r.Evidence, "; ")}
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// B0701CSV is the rows as the register's CSV: a header of column codes.
func B0701CSV(rows []B0701Row) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	header := make([]string, len(b0701Columns))
	for i, c := range b0701Columns {
		header[i] = c.code
	}
	_ = w.Write(header)
	for _, r := range rows {
		_ = w.Write(r.cells())
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// B0701XLSX is the rows as a sheet B_07.01: a row of labels, a row of
// codes (as the Excel template has them), then the rows.
func B0701XLSX(rows []B0701Row) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "B_07.01"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	put := func(n int, cells []string) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = c
		}
		return f.SetSheetRow(sheet, fmt.Sprintf("A%d", n), &vals)
	}
	labels, codes := make([]string, len(b0701Columns)), make([]string, len(b0701Columns))
	for i, c := range b0701Columns {
		labels[i], codes[i] = c.label, c.code
	}
	if err := put(1, labels); err != nil {
		return nil, err
	}
	if err := put(2, codes); err != nil {
		return nil, err
	}
	for i, r := range rows {
		if err := put(3+i, r.cells()); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteB0701 writes the rows to path, as XLSX or CSV by its extension, whole
// or not at all.
func WriteB0701(path string, rows []B0701Row) error {
	var data []byte
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		data, err = B0701XLSX(rows)
	case ".csv":
		data, err = B0701CSV(rows)
	default:
		return fmt.Errorf("%s: write .xlsx or .csv", path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return atomicfile.WriteFile(path, data, 0o644)
}
