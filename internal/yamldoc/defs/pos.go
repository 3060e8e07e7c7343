package defs

import "fmt"

// Pos is a position in a source file. Line and Col are 1-based; a zero Line means
// the position is the file as a whole.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col, the form editors jump to, or
// file:line when the column is not known (YAML syntax errors).
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Source records where a decoded object was written: the position of the mapping,
// its key path (for example "applications[parkeren].backups[parkeren-db]") and the
// position of each key's value. Model structs embed it under the name Src with the
// tag `yaml:"-"`; the decoder (yamldoc.Decode) fills it in.
type Source struct {
	Pos  Pos
	Path string
	keys []keyPos // a handful per object: a slice is smaller than a map
}

// keyPos is where the value of one key was written.
type keyPos struct {
	key string
	pos Pos
}

// At returns the position of the value of key, or the object's own position when
// the key was not written.
func (s Source) At(key string) Pos {
	for i := range s.keys {
		if s.keys[i].key == key {
			return s.keys[i].pos
		}
	}
	return s.Pos
}

// Has reports whether key was written in the source, even with an empty value.
func (s Source) Has(key string) bool {
	for i := range s.keys {
		if s.keys[i].key == key {
			return true
		}
	}
	return false
}

// Key returns the full key path of key inside this object.
func (s Source) Key(key string) string {
	if s.Path == "" {
		return key
	}
	if key == "" {
		return s.Path
	}
	return s.Path + "." + key
}

// Item returns the key path of the i-th element (or the element with the given id)
// of the list under key, the form used in error messages.
func (s Source) Item(key, id string, i int) string {
	if id != "" {
		return fmt.Sprintf("%s[%s]", s.Key(key), id)
	}
	return fmt.Sprintf("%s[%d]", s.Key(key), i)
}

// NewSource returns a Source for objects built in code (tests, generators) at pos
// with the given key path.
func NewSource(pos Pos, path string) Source {
	return Source{Pos: pos, Path: path}
}

// Grow makes room for n keys, for a decoder that knows how many a mapping
// has.
func (s *Source) Grow(n int) {
	if n > cap(s.keys)-len(s.keys) {
		s.keys = append(make([]keyPos, 0, len(s.keys)+n), s.keys...)
	}
}

// SetKey records that key's value was written at pos.
func (s *Source) SetKey(key string, pos Pos) {
	for i := range s.keys {
		if s.keys[i].key == key {
			s.keys[i].pos = pos
			return
		}
	}
	s.keys = append(s.keys, keyPos{key, pos})
}
