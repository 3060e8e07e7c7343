// Package importer turns the tables people already keep — a CMDB export, a
// spreadsheet described by a mapping file, the DORA register of information —
// into a catalog directory that exitdrill validate reads, and merges a later
// import of the same source into it without losing what people added by hand.
//
// An import runs in two steps. Reading (a preset or a mapping) makes a
// [Result]: records with the values the source gives, each naming the row it
// came from, and TODO placeholders for required keys the source has no value
// for. Every problem in the source is collected with its file!sheet!cell, and
// then nothing is written. [Prepare] then lays the result over the directory:
// it assigns ids, merges with the files an earlier import wrote (kept in
// .exitdrill-import.json) and says what changes; [Plan.Write] writes it.
package importer
