package yamldoc

import "github.com/exitdrill/exitdrill/internal/yamldoc/defs"

// The vocabulary of definitions lives in package defs, which does no I/O, so
// that the leaf model package drill can use it without reaching this reader.
// These are the same types under the names the readers of definitions use.
type (
	// Pos is a position in a source file (defs.Pos).
	Pos = defs.Pos
	// Source records where a decoded object was written (defs.Source).
	Source = defs.Source
	// Error is one problem in a definition file (defs.Error).
	Error = defs.Error
	// List collects problems across files (defs.List).
	List = defs.List
	// Invalid is the error of definitions that are not valid (defs.Invalid).
	Invalid = defs.Invalid
	// Scalar is implemented by types written as one YAML scalar (defs.Scalar).
	Scalar = defs.Scalar
	// Schemer is implemented by scalar types that describe themselves in
	// JSON Schema (defs.Schemer).
	Schemer = defs.Schemer
)

// NewSource returns a Source for objects built in code (see defs.NewSource).
func NewSource(pos Pos, path string) Source { return defs.NewSource(pos, path) }

// Lines returns the problems of a definitions error one per string (see
// defs.Lines).
func Lines(err error) (lines []string, ok bool) { return defs.Lines(err) }
