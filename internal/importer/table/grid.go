package table

import (
	"strings"
	"unicode"
)

// Grid is one table as read: the rows of a CSV file or of a sheet, empty rows
// left out, each with its spreadsheet row number.
type Grid struct {
	File  string // the file's base name, as locations show it
	Sheet string // the sheet, or the zip member; "" for a plain CSV file
	Rows  []Row
}

// Row is one row of a grid: its 1-based number and its cells, trimmed of
// surrounding white space.
type Row struct {
	Num   int
	Cells []string
}

// Cell returns the cell in 0-based column i, "" when the row is shorter.
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

// Loc is the location of column col of row r in the grid.
func (g *Grid) Loc(r Row, col int) Loc {
	return Loc{File: g.File, Sheet: g.Sheet, Row: r.Num, Col: col}
}

// Where is the location of the grid itself, without a row.
func (g *Grid) Where() Loc { return Loc{File: g.File, Sheet: g.Sheet} }

// Sheet is a grid with a header row: the rows after it are the records.
type Sheet struct {
	*Grid
	Header    []string
	HeaderRow int
	Records   []Row
}

// WithHeader makes the grid's row number n the header (0: the first row).
// ok is false when the grid has no such row.
func (g *Grid) WithHeader(n int) (*Sheet, bool) {
	for i, r := range g.Rows {
		if n == 0 || r.Num == n {
			return &Sheet{Grid: g, Header: r.Cells, HeaderRow: r.Num, Records: g.Rows[i+1:]}, true
		}
	}
	return nil, false
}

// FindHeader makes the first row, of the first maxRows, for which isHeader
// holds the header. ok is false when none does.
func (g *Grid) FindHeader(maxRows int, isHeader func(Row) bool) (*Sheet, bool) {
	for i, r := range g.Rows {
		if i >= maxRows {
			break
		}
		if isHeader(r) {
			return &Sheet{Grid: g, Header: r.Cells, HeaderRow: r.Num, Records: g.Rows[i+1:]}, true
		}
	}
	return nil, false
}

// Column finds a column by its header, compared without case and with runs of
// white space, underscores and dashes as one space; ok is false when no
// header matches.
func (s *Sheet) Column(names ...string) (int, bool) {
	for _, name := range names {
		want := Normalize(name)
		for i, h := range s.Header {
			if Normalize(h) == want {
				return i, true
			}
		}
	}
	return 0, false
}

// HeaderLoc is the location of column col in the header row.
func (s *Sheet) HeaderLoc(col int) Loc {
	return Loc{File: s.File, Sheet: s.Sheet, Row: s.HeaderRow, Col: col}
}

// Headers lists the non-empty headers, for a message that says what there is.
func (s *Sheet) Headers() string {
	var hs []string
	for _, h := range s.Header {
		if h != "" {
			hs = append(hs, h)
		}
	}
	out := strings.Join(hs, ", ")
	if len(out) > 300 {
		out = out[:300] + "..."
	}
	return out
}

// Normalize folds a header or a value for comparison: lower case, the byte
// order mark dropped, and runs of white space, '_' and '-' made one space.
func Normalize(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsSpace(r) || r == '_' || r == '-' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// empty reports whether every cell of a row is empty.
func empty(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}
