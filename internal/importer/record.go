package importer

import (
	"fmt"
	"strings"

	"github.com/exitdrill/exitdrill/internal/importer/table"
)

// Kind is the kind of a catalog record.
type Kind string

// The record kinds, in the order the files are written and records listed.
const (
	Supplier    Kind = "supplier"
	Application Kind = "application"
	Process     Kind = "process"
)

// Kinds lists the record kinds in catalog order.
var Kinds = []Kind{Supplier, Application, Process}

// file is the catalog file an import writes a kind's records into.
func (k Kind) file() string { return k.list() + ".yaml" }

// list is the catalog key that lists a kind's records.
func (k Kind) list() string {
	if k == Process {
		return "processes"
	}
	return string(k) + "s"
}

// Record is one supplier, application or process an import makes. Records
// refer to each other by Key, not by id: ids are given when the result is
// laid over a directory (see [Prepare]).
type Record struct {
	Kind Kind
	// Key identifies the record in its source, for example the register's
	// provider code; the same key maps to the same id on every import.
	Key string
	// Want is the id the record asks for; Prepare takes another when a
	// record made by hand already has it.
	Want string
	// Origin is the row the record came from.
	Origin table.Loc
	// Fields are the keys the source gives a value for, in output order.
	Fields []Field
	// Todos are required keys the source has no value for.
	Todos []Todo
	// Notes are facts from the source the catalog has no key for, written
	// as comments above the record.
	Notes []string
	// Attrs are facts of the source kept in the import's state, not in the
	// catalog: the register's arrangement, type of service and provider
	// code, which exitdrill export roi writes back.
	Attrs map[string]string
}

// Field is one key of a record and the value the source gives it.
type Field struct {
	Key string
	// Text is a scalar as written in YAML: a string, a duration, a bool.
	Text string
	// Bool marks Text as a YAML bool rather than a string.
	Bool bool
	// Refs are the keys of the records a reference names (Ref set).
	Refs []string
	// Ref is the kind Refs name; "" for a scalar.
	Ref Kind
	// List marks Refs as a list of references rather than one.
	List bool
}

// Todo is a required key the source has no value for: the placeholder is
// written with a comment that says why, so that validate names the key.
type Todo struct {
	Key         string
	Placeholder string
	// List makes the placeholder an empty list.
	List bool
	Why  string
}

// Set sets key to the scalar text, replacing a value set before.
func (r *Record) Set(key, text string) {
	r.put(Field{Key: key, Text: text})
}

// SetBool sets key to a YAML bool.
func (r *Record) SetBool(key string, v bool) {
	r.put(Field{Key: key, Text: fmt.Sprint(v), Bool: true})
}

// SetRef sets key to a reference to the record of kind with the given key.
func (r *Record) SetRef(key string, kind Kind, ref string) {
	r.put(Field{Key: key, Ref: kind, Refs: []string{ref}})
}

// AddRef adds a reference to the list key, once.
func (r *Record) AddRef(key string, kind Kind, ref string) {
	for i := range r.Fields {
		if f := &r.Fields[i]; f.Key == key {
			for _, have := range f.Refs {
				if have == ref {
					return
				}
			}
			f.Refs = append(f.Refs, ref)
			return
		}
	}
	r.Fields = append(r.Fields, Field{Key: key, Ref: kind, Refs: []string{ref}, List: true})
}

// Get returns the field key, and whether it is set.
func (r *Record) Get(key string) (Field, bool) {
	for _, f := range r.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// Todo records that the required key has no value in the source.
func (r *Record) Todo(key, why string) {
	r.Todos = append(r.Todos, Todo{Key: key, Placeholder: placeholder(key), Why: why})
}

// Attr keeps a fact of the source in the import's state.
func (r *Record) Attr(key, value string) {
	if r.Attrs == nil {
		r.Attrs = map[string]string{}
	}
	r.Attrs[key] = value
}

// Note adds a comment line above the record.
func (r *Record) Note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

func (r *Record) put(f Field) {
	for i := range r.Fields {
		if r.Fields[i].Key == f.Key {
			r.Fields[i] = f
			return
		}
	}
	r.Fields = append(r.Fields, f)
}

// placeholder is what a missing required key is written as: a duration
// validate refuses by name, an empty string it says has no value.
func placeholder(key string) string {
	switch key {
	case "mtpd", "rto", "rpo":
		return "TODO"
	}
	return ""
}

// Result is what reading a source makes: the records and what to tell the
// user about them.
type Result struct {
	// Organisation is the organisation the source names, "" when none.
	Organisation string
	// Source says what was read, for the file header: "roi.zip (preset dora-roi)".
	Source string
	// Records are the records, suppliers first, each kind in source order.
	Records []*Record
	// Notes are things the user should know about the import as a whole.
	Notes []string
}

// Add appends a record.
func (res *Result) Add(r *Record) *Record {
	res.Records = append(res.Records, r)
	return r
}

// Find returns the record of kind with key, nil when there is none.
func (res *Result) Find(kind Kind, key string) *Record {
	for _, r := range res.Records {
		if r.Kind == kind && r.Key == key {
			return r
		}
	}
	return nil
}

// Of returns the records of kind, in order.
func (res *Result) Of(kind Kind) []*Record {
	var out []*Record
	for _, r := range res.Records {
		if r.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}

// Problems collects the problems found in a source; reading goes on after
// one so that all are reported together.
type Problems struct {
	list []*table.Error
}

// Add records a problem at loc.
func (p *Problems) Add(loc table.Loc, allowed, format string, args ...any) {
	p.list = append(p.list, table.Errorf(loc, allowed, format, args...))
}

// AddErr records an error; a *table.Error keeps its location.
func (p *Problems) AddErr(where table.Loc, err error) {
	if te, ok := err.(*table.Error); ok {
		p.list = append(p.list, te)
		return
	}
	p.list = append(p.list, &table.Error{Loc: where, Problem: err.Error()})
}

// Len is the number of problems.
func (p *Problems) Len() int { return len(p.list) }

// Err returns nil without problems, else an *Invalid listing them.
func (p *Problems) Err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &Invalid{Problems: p.list}
}

// Invalid is the error of a source with problems: nothing was written.
type Invalid struct {
	Problems []*table.Error
}

// MaxShown bounds the problems an *Invalid lists; the rest are counted.
const MaxShown = 50

func (e *Invalid) Error() string {
	var b strings.Builder
	noun := "problems"
	if len(e.Problems) == 1 {
		noun = "problem"
	}
	fmt.Fprintf(&b, "the source has %d %s; nothing was written:", len(e.Problems), noun)
	for i, p := range e.Problems {
		if i == MaxShown {
			fmt.Fprintf(&b, "\n... and %d more", len(e.Problems)-MaxShown)
			break
		}
		b.WriteString("\n")
		b.WriteString(p.Error())
	}
	return b.String()
}
