package defs

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem in a definition file: where it is, which key, the bad value,
// what is wrong and what would be allowed instead.
type Error struct {
	Pos     Pos
	Key     string // key path, for example "processes[vergunningen].rto"
	Value   string // the offending value as written, empty when missing
	Problem string // what is wrong, lowercase
	Allowed string // what is allowed instead, empty when obvious
}

// Error formats the problem on one line:
//
//	file:line:col: key: value "x": problem (allowed: ...)
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	if e.Value != "" {
		fmt.Fprintf(&b, "value %q: ", truncate(e.Value, 80))
	}
	b.WriteString(e.Problem)
	if e.Allowed != "" {
		fmt.Fprintf(&b, " (allowed: %s)", e.Allowed)
	}
	return b.String()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// List collects problems across files. The zero value is ready to use.
type List struct {
	errs []*Error
}

// Add records a problem.
func (l *List) Add(pos Pos, key, value, problem, allowed string) {
	l.errs = append(l.errs, &Error{Pos: pos, Key: key, Value: value, Problem: problem, Allowed: allowed})
}

// AddAt records a problem with the value of key in the object src.
func (l *List) AddAt(src Source, key, value, problem, allowed string) {
	l.Add(src.At(key), src.Key(key), value, problem, allowed)
}

// Append adds the problems of another list.
func (l *List) Append(o *List) {
	if o != nil {
		l.errs = append(l.errs, o.errs...)
	}
}

// HasKey reports whether a problem was recorded for the key path, so that a
// later check does not report a second problem for a value already refused.
func (l *List) HasKey(key string) bool {
	for _, e := range l.errs {
		if e.Key == key {
			return true
		}
	}
	return false
}

// Len is the number of problems collected.
func (l *List) Len() int { return len(l.errs) }

// Errors returns the problems sorted by file, line and column, without duplicates.
func (l *List) Errors() []*Error {
	out := slices.Clone(l.errs)
	slices.SortStableFunc(out, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Key, b.Key),
			cmp.Compare(a.Problem, b.Problem),
		)
	})
	return slices.CompactFunc(out, func(a, b *Error) bool { return *a == *b })
}

// Err returns nil when no problem was collected, and an *Invalid otherwise.
func (l *List) Err() error {
	if len(l.errs) == 0 {
		return nil
	}
	return &Invalid{Problems: l.Errors()}
}

// Invalid is the error returned when definitions are not valid. It carries every
// problem found, sorted by position.
type Invalid struct {
	Problems []*Error
}

// Error lists every problem, one per line.
func (e *Invalid) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	noun := "problems"
	if len(lines) == 1 {
		noun = "problem"
	}
	return fmt.Sprintf("invalid definitions, %d %s:\n%s", len(lines), noun, strings.Join(lines, "\n"))
}

// Lines returns the problems of a definitions error one per string, as the CLI
// prints them: nil for a nil error. ok is false when err is another kind of
// error.
func Lines(err error) (lines []string, ok bool) {
	if err == nil {
		return nil, true
	}
	var inv *Invalid
	if !errors.As(err, &inv) {
		return nil, false
	}
	lines = make([]string, len(inv.Problems))
	for i, p := range inv.Problems {
		lines[i] = p.Error()
	}
	return lines, true
}
