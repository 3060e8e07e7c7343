package table

import (
	"fmt"
	"strconv"
	"strings"
)

// Loc is where a value was read: a file, the sheet or zip member in it ("" for
// a plain CSV file), a row (1-based, as a spreadsheet numbers it) and a column
// (0-based; -1 for the whole row).
type Loc struct {
	File  string
	Sheet string
	Row   int
	Col   int
}

// String names the place as a spreadsheet user finds it: roi.xlsx!B_06.01!F12,
// apps.csv!C7, or roi.xlsx!B_06.01 row 12 for a whole row.
func (l Loc) String() string {
	var b strings.Builder
	b.WriteString(l.File)
	if l.Sheet != "" {
		b.WriteString("!")
		b.WriteString(l.Sheet)
	}
	switch {
	case l.Row <= 0:
	case l.Col < 0:
		b.WriteString(" row ")
		b.WriteString(strconv.Itoa(l.Row))
	default:
		b.WriteString("!")
		b.WriteString(ColumnName(l.Col))
		b.WriteString(strconv.Itoa(l.Row))
	}
	return b.String()
}

// RowLoc is the location of the whole row.
func (l Loc) RowLoc() Loc { l.Col = -1; return l }

// ColumnName is the spreadsheet name of the 0-based column i: A, B, ..., Z, AA.
func ColumnName(i int) string {
	if i < 0 {
		return "?"
	}
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// ColumnIndex is the 0-based index of the column named by letters (A, b, AA);
// ok is false when name is not one to three letters.
func ColumnIndex(name string) (int, bool) {
	if name == "" || len(name) > 3 {
		return 0, false
	}
	n := 0
	for _, r := range strings.ToUpper(name) {
		if r < 'A' || r > 'Z' {
			return 0, false
		}
		n = n*26 + int(r-'A'+1)
	}
	return n - 1, true
}

// Error is one problem with an input value: where, what is wrong, and what
// would be allowed instead.
type Error struct {
	Loc     Loc
	Problem string
	Allowed string
}

func (e *Error) Error() string {
	s := e.Loc.String() + ": " + e.Problem
	if e.Allowed != "" {
		s += " (allowed: " + e.Allowed + ")"
	}
	return s
}

// Errorf makes an *Error at loc.
func Errorf(loc Loc, allowed, format string, args ...any) *Error {
	return &Error{Loc: loc, Problem: fmt.Sprintf(format, args...), Allowed: allowed}
}
