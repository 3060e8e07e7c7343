package importer

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"

	"gopkg.in/yaml.v3"
)

// mergeKind merges the records of kind into their file.
func (m *merger) mergeKind(k Kind, f *catFile, org string) {
	recs := m.res.Of(k)
	header := "# Written by exitdrill import from " + m.res.Source + ".\n" +
		"# The next import updates the records and keys it wrote (marked import:);\n" +
		"# the keys and records you add are kept. Check with: exitdrill validate " + filepath.Base(m.plan.Dir)
	seq := f.list(k.list(), header, org, len(recs) > 0)
	if seq == nil {
		return
	}
	byID := map[string]*yaml.Node{}
	for _, it := range seq.Content {
		byID[text(valueOf(it, "id"))] = it
	}
	for _, r := range recs {
		id := m.ids[k][r.Key]
		c := Change{Kind: k, ID: id, Origin: r.Origin.String()}
		if it := byID[id]; it != nil {
			c.Details = m.update(it, r)
			c.Op = Unchanged
			if len(c.Details) > 0 {
				c.Op = Changed
				m.plan.dirty[f] = true
			}
			if head := withComments(it.HeadComment, importLine, m.comments(r)); head != it.HeadComment {
				it.HeadComment = head
				m.plan.dirty[f] = true
			}
		} else {
			seq.Content = append(seq.Content, m.build(id, r))
			c.Op = Added
			m.plan.dirty[f] = true
		}
		m.plan.Changes = append(m.plan.Changes, c)
	}
	m.removeGone(k, f, seq)
}

// removeGone removes the records an earlier import wrote whose source rows
// are gone.
func (m *merger) removeGone(k Kind, f *catFile, seq *yaml.Node) {
	keys := slices.Sorted(maps.Keys(m.prev[k]))
	for _, key := range keys {
		p := m.prev[k][key]
		if _, still := m.ids[k][key]; still {
			continue
		}
		for i, it := range seq.Content {
			if text(valueOf(it, "id")) == p.ID {
				seq.Content = append(seq.Content[:i], seq.Content[i+1:]...)
				m.plan.Changes = append(m.plan.Changes, Change{Kind: k, ID: p.ID, Op: Removed, Origin: p.Origin,
					Details: []string{"no longer in the source"}})
				m.plan.dirty[f] = true
				break
			}
		}
	}
}

// comments are the import's comment lines above a record.
func (m *merger) comments(r *Record) []string {
	return append([]string{"from " + r.Origin.String()}, r.Notes...)
}

// build makes a new record's node.
func (m *merger) build(id string, r *Record) *yaml.Node {
	it := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", HeadComment: withComments("", importLine, m.comments(r))}
	it.Content = append(it.Content, scalar("id"), scalar(id))
	for _, f := range r.Fields {
		it.Content = append(it.Content, scalar(f.Key), m.value(f, nil))
	}
	for _, t := range r.Todos {
		if _, has := r.Get(t.Key); !has {
			m.addTodo(it, id, r, t)
		}
	}
	sortKeys(it)
	return it
}

// keyOrder is the order of a record's keys in the catalog's own files.
var keyOrder = []string{"id", "name", "owner", "critical", "jurisdiction", "model", "supplier", "mtpd", "rto", "rpo", "mbco",
	"subprocessors", "dependsOn", "applications", "runbook"}

// sortKeys puts a new record's keys in keyOrder, others last.
func sortKeys(it *yaml.Node) {
	type pair struct{ k, v *yaml.Node }
	pairs := make([]pair, 0, len(it.Content)/2)
	for i := 0; i+1 < len(it.Content); i += 2 {
		pairs = append(pairs, pair{it.Content[i], it.Content[i+1]})
	}
	rank := func(p pair) int {
		if i := slices.Index(keyOrder, p.k.Value); i >= 0 {
			return i
		}
		return len(keyOrder)
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return rank(a) - rank(b) })
	it.Content = it.Content[:0]
	for _, p := range pairs {
		it.Content = append(it.Content, p.k, p.v)
	}
}

// update sets the record's keys in an existing node and says what changed.
func (m *merger) update(it *yaml.Node, r *Record) []string {
	var details []string
	id := m.ids[r.Kind][r.Key]
	for _, f := range r.Fields {
		old, i := mapping(it, f.Key)
		v := m.value(f, old)
		if same(old, v) {
			continue
		}
		details = append(details, fmt.Sprintf("%s: %s -> %s", f.Key, show(old), show(v)))
		setKey(it, f.Key, v)
		if i >= 0 {
			it.Content[i].HeadComment = withComments(it.Content[i].HeadComment, todoLine, nil)
		}
	}
	for _, key := range m.prev[r.Kind][r.Key].Fields {
		if _, still := r.Get(key); still {
			continue
		}
		old, _ := mapping(it, key)
		if kind, isList := refLists[key]; isList && old != nil {
			// Keep what people added to the list by hand.
			if kept := m.value(Field{Key: key, Ref: kind, List: true}, old); len(kept.Content) > 0 {
				if !same(old, kept) {
					details = append(details, fmt.Sprintf("%s: %s -> %s", key, show(old), show(kept)))
					setKey(it, key, kept)
				}
				continue
			}
		}
		if deleteKey(it, key) {
			details = append(details, key+": removed (the source no longer gives it)")
		}
	}
	for _, t := range r.Todos {
		if _, has := r.Get(t.Key); has {
			continue
		}
		if v, _ := mapping(it, t.Key); v == nil {
			m.addTodo(it, id, r, t)
			details = append(details, t.Key+": a placeholder to fill in")
		}
	}
	return details
}

// refLists are the keys that list references, with the kind they name.
var refLists = map[string]Kind{"subprocessors": Supplier, "dependsOn": Application, "applications": Application}

// addTodo writes a placeholder with the comment that says why.
func (m *merger) addTodo(it *yaml.Node, id string, r *Record, t Todo) {
	k := scalar(t.Key)
	k.HeadComment = todoLine + t.Why
	v := scalar(t.Placeholder)
	if t.List {
		v = flowList(nil)
	}
	it.Content = append(it.Content, k, v)
	m.plan.Todos = append(m.plan.Todos, fmt.Sprintf("%s %s: %s: %s", r.Kind, id, t.Key, t.Why))
}

// value makes the node of a field. A list of references keeps the items of
// the old list that name records made by hand.
func (m *merger) value(f Field, old *yaml.Node) *yaml.Node {
	switch {
	case f.Ref != "" && f.List:
		ids := make([]string, 0, len(f.Refs))
		seen := map[string]bool{}
		for _, key := range f.Refs {
			id := m.ids[f.Ref][key]
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		for _, id := range items(old) {
			if !m.known[f.Ref][id] && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		return flowList(ids)
	case f.Ref != "":
		return scalar(m.ids[f.Ref][f.Refs[0]])
	case f.Bool:
		return boolNode(f.Text)
	}
	return scalar(f.Text)
}

// same reports whether two values are equal for the catalog: the same text,
// or the same duration written differently (240m and 4h).
func same(old, v *yaml.Node) bool {
	if old == nil {
		return false
	}
	if old.Kind != v.Kind {
		return false
	}
	if old.Kind == yaml.SequenceNode {
		return show(old) == show(v)
	}
	if old.Value == v.Value {
		return true
	}
	return sameDuration(old.Value, v.Value)
}
