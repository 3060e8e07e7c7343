package table

import (
	"fmt"

	"github.com/exitdrill/exitdrill/internal/boundedio"
)

// Limits bound what one import reads. The zero value of a field takes its
// default (see [DefaultLimits]); tests lower them to exercise the refusals.
type Limits struct {
	FileBytes  int64 // largest input file, as stored
	EntryBytes int64 // largest zip member, decompressed
	TotalBytes int64 // all members of one zip, decompressed
	Entries    int   // members of one zip
	Rows       int   // rows of one sheet or CSV file, the header included
	Columns    int   // columns of one row
	CellBytes  int   // bytes of one cell or CSV field
}

// DefaultLimits are far above a real register or CMDB export (a register of a
// large group is a few MiB; an XLSX workbook has a few dozen members) and far
// below what would exhaust a laptop.
var DefaultLimits = Limits{
	FileBytes:  64 << 20,
	EntryBytes: 64 << 20,
	TotalBytes: 256 << 20,
	Entries:    2000,
	Rows:       200_000,
	Columns:    512,
	CellBytes:  64 << 10,
}

// withDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.FileBytes > 0 {
		d.FileBytes = l.FileBytes
	}
	if l.EntryBytes > 0 {
		d.EntryBytes = l.EntryBytes
	}
	if l.TotalBytes > 0 {
		d.TotalBytes = l.TotalBytes
	}
	if l.Entries > 0 {
		d.Entries = l.Entries
	}
	if l.Rows > 0 {
		d.Rows = l.Rows
	}
	if l.Columns > 0 {
		d.Columns = l.Columns
	}
	if l.CellBytes > 0 {
		d.CellBytes = l.CellBytes
	}
	return d
}

// tooManyRows is the problem of a sheet with more rows than the limit.
func tooManyRows(l Limits) string {
	return fmt.Sprintf("more than %d rows, the limit of one sheet or CSV file", l.Rows)
}

// tooManyColumns is the problem of a row with more columns than the limit.
func tooManyColumns(l Limits) string {
	return fmt.Sprintf("more than %d columns, the limit of one row", l.Columns)
}

// cellTooLarge is the problem of a cell larger than the limit.
func cellTooLarge(l Limits) string {
	return fmt.Sprintf("cell is larger than %s, the limit of one cell", boundedio.Bytes(int64(l.CellBytes)))
}
