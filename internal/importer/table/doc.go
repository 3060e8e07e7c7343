// Package table reads the tables an import starts from — CSV files, the sheets
// of an XLSX workbook and the CSV members of a zip — within hard limits, and
// names every cell the way a spreadsheet user finds it: file!sheet!cell.
//
// Everything read here was made by someone else and may be hostile: a file is
// read only when it is a regular file no larger than [Limits.FileBytes]; a zip
// (an XLSX workbook is one) is refused before anything is decompressed when it
// has too many members or declares more bytes than the limits allow, and
// archive/zip refuses a member that inflates beyond what it declares; rows,
// columns and cells are counted as they are read.
package table
