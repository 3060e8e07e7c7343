// Package defs is the pure vocabulary of exitdrill's definition documents:
// where a value was written (Pos, Source), what is wrong with it (Error, and
// the List and Invalid that collect problems), and the interfaces a model's
// scalar types implement for the decoder and the JSON Schema (Scalar,
// Schemer). It does no I/O and imports no YAML library, so that the leaf
// model package drill can name these without reaching the reader (package
// yamldoc, which opens files and parses YAML).
package defs
