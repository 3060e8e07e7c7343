package importer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/internal/importer/table"
)

// names finds the records of one kind by what other rows call them: their id
// in the source or their name, compared as [table.Normalize] folds them.
type names struct {
	noun  string
	keys  map[string]string // folded id or name -> record key
	shown []string          // names and ids, for "did you mean"
}

func newNames(noun string) *names { return &names{noun: noun, keys: map[string]string{}} }

// add makes the record with key findable by each of the given texts.
func (n *names) add(key string, texts ...string) {
	for _, t := range texts {
		f := table.Normalize(t)
		if f == "" {
			continue
		}
		if _, dup := n.keys[f]; !dup {
			n.keys[f] = key
			n.shown = append(n.shown, t)
		}
	}
}

// find returns the key of the record text names.
func (n *names) find(text string) (string, bool) {
	k, ok := n.keys[table.Normalize(text)]
	return k, ok
}

// unknown says that text names no record, suggesting the nearest one.
func (n *names) unknown(text string) (problem, allowed string) {
	problem = fmt.Sprintf("%s %q is not the id or name of any %s", n.noun, text, n.noun)
	if near := nearest(text, n.shown); near != "" {
		problem += fmt.Sprintf(" (did you mean %q?)", near)
	}
	switch {
	case len(n.shown) == 0:
		allowed = "no " + n.noun + " was read"
	case len(n.shown) <= 12:
		s := slices.Clone(n.shown)
		slices.Sort(s)
		allowed = strings.Join(s, ", ")
	default:
		allowed = fmt.Sprintf("the id or name of one of the %d %ss read", len(n.shown), n.noun)
	}
	return problem, allowed
}

// nearest returns the candidate closest to s by edit distance, when it is
// close enough to be a typo; "" otherwise.
func nearest(s string, candidates []string) string {
	if len(candidates) > 5000 || len(s) > 200 {
		return ""
	}
	best, bestD := "", len(s)/3+1
	for _, c := range candidates {
		if len(c) > 200 {
			continue
		}
		if d := distance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance of two strings, by bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// splitList splits a cell that lists several names: on sep when given, else
// on newlines, ';', ',' and '|'.
func splitList(cell, sep string) []string {
	var parts []string
	if sep != "" {
		parts = strings.Split(cell, sep)
	} else {
		parts = strings.FieldsFunc(cell, func(r rune) bool { return r == '\n' || r == ';' || r == ',' || r == '|' })
	}
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
