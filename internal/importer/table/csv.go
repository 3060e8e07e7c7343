package table

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/exitdrill/exitdrill/internal/boundedio"
)

// ReadCSV reads CSV data as one grid named file (and sheet, for a zip
// member). The delimiter is the one of ',', ';' and tab that the first line
// uses most (a Dutch Excel saves with ';'); a UTF-8 byte order mark is
// dropped, and data that is not UTF-8 is read as Windows-1252, which older
// exports use. Quoted fields may span lines; rows may differ in length.
func ReadCSV(file, sheet string, data []byte, lim Limits) (*Grid, error) {
	lim = lim.withDefaults()
	g := &Grid{File: file, Sheet: sheet}
	if int64(len(data)) > lim.FileBytes {
		return nil, &Error{Loc: g.Where(), Problem: "file is larger than the limit of " + boundedio.Bytes(lim.FileBytes)}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return nil, &Error{Loc: g.Where(), Problem: "neither UTF-8 nor Windows-1252 text"}
		}
		data = dec
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = delimiter(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	for n := 1; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return g, nil
		}
		if err != nil {
			return nil, &Error{Loc: g.Where(), Problem: "not CSV: " + err.Error()}
		}
		// n counts records, not lines: a quoted field may span lines, and
		// a spreadsheet shows the record as one row.
		if err := addRow(g, n, rec, lim); err != nil {
			return nil, err
		}
	}
}

// addRow appends row number num, refusing what is over the limits.
func addRow(g *Grid, num int, cells []string, lim Limits) error {
	loc := Loc{File: g.File, Sheet: g.Sheet, Row: num, Col: -1}
	if num > lim.Rows {
		return &Error{Loc: loc, Problem: tooManyRows(lim)}
	}
	if len(cells) > lim.Columns {
		return &Error{Loc: loc, Problem: tooManyColumns(lim)}
	}
	row := Row{Num: num, Cells: make([]string, len(cells))}
	for i, c := range cells {
		if len(c) > lim.CellBytes {
			loc.Col = i
			return &Error{Loc: loc, Problem: cellTooLarge(lim)}
		}
		row.Cells[i] = strings.TrimSpace(c)
	}
	if !empty(row.Cells) {
		g.Rows = append(g.Rows, row)
	}
	return nil
}

// delimiter picks the separator the first line uses most.
func delimiter(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	best, n := ',', bytes.Count(first, []byte(","))
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(first, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}
