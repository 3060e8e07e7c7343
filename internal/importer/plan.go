package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
)

// Op is what an import does to a record.
type Op string

// The operations, as the dry run prints them.
const (
	Added     Op = "added"
	Changed   Op = "changed"
	Removed   Op = "removed"
	Unchanged Op = "unchanged"
)

// Change is what an import does to one record: Details say, per key, the
// value before and after, or which placeholder it wrote.
type Change struct {
	Kind    Kind     `json:"kind"`
	ID      string   `json:"id"`
	Op      Op       `json:"op"`
	Origin  string   `json:"origin"`
	Details []string `json:"details,omitempty"`
}

// Plan is an import laid over a directory: the changes, and the files that
// make them. Build it with [Prepare]; write it with [Plan.Write], or print
// Changes for a dry run.
type Plan struct {
	Dir     string
	Changes []Change
	// Todos name the placeholders this import writes, one line each.
	Todos []string

	files []*catFile
	dirty map[*catFile]bool
	state *state
}

// Counts counts the changes by operation.
func (p *Plan) Counts() map[Op]int {
	m := map[Op]int{}
	for _, c := range p.Changes {
		m[c.Op]++
	}
	return m
}

// merger holds what Prepare needs while it merges one result into dir.
type merger struct {
	res   *Result
	plan  *Plan
	prev  map[Kind]map[string]stateRecord
	ids   map[Kind]map[string]string // key -> id
	known map[Kind]map[string]bool   // ids that are the import's, before or now
}

// Prepare lays res over dir: it reads the catalog files and the state an
// earlier import wrote there, gives each record an id (the one it had, else
// the one it wants unless a record made by hand has it), and merges: keys the
// source gives are set, keys it gave before and no longer gives are removed,
// placeholders are written only where a key is missing, records the source
// no longer has are removed, and everything else is left as it was.
func Prepare(ctx context.Context, res *Result, dir string) (*Plan, error) {
	st, err := readState(ctx, dir)
	if err != nil {
		return nil, err
	}
	m := &merger{res: res, plan: &Plan{Dir: dir, dirty: map[*catFile]bool{}}, prev: st.byKey(),
		ids: map[Kind]map[string]string{}, known: map[Kind]map[string]bool{}}
	files := map[Kind]*catFile{}
	skip := map[string]bool{}
	for _, k := range Kinds {
		f, err := loadCatFile(ctx, filepath.Join(dir, k.file()))
		if err != nil {
			return nil, err
		}
		files[k] = f
		skip[filepath.Clean(f.path)] = true
		m.plan.files = append(m.plan.files, f)
	}
	others, err := scanDir(ctx, dir, skip)
	if err != nil {
		return nil, err
	}
	if err := m.assignIDs(st, files, others); err != nil {
		return nil, err
	}
	org := res.Organisation
	if org == "" {
		org = others.organisation
	}
	for _, k := range Kinds {
		m.mergeKind(k, files[k], org)
		if res.Organisation != "" && files[k].existed {
			before, _ := files[k].encode()
			files[k].setOrganisation(res.Organisation)
			if after, _ := files[k].encode(); string(before) != string(after) {
				m.plan.dirty[files[k]] = true
			}
		}
	}
	m.plan.state = m.newState()
	return m.plan, nil
}

// assignIDs gives every record its id. Ids in use by records made by hand —
// in other files, or in the import's files but not in the state — are never
// taken; a record the state knows keeps its id.
func (m *merger) assignIDs(st *state, files map[Kind]*catFile, others *dirIDs) error {
	current := map[Kind]map[string]bool{}
	for _, r := range m.res.Records {
		if current[r.Kind] == nil {
			current[r.Kind] = map[string]bool{}
		}
		current[r.Kind][r.Key] = true
	}
	for _, k := range Kinds {
		m.ids[k], m.known[k] = map[string]string{}, st.ids(k)
		taken := map[string]bool{}
		for key, p := range m.prev[k] {
			if current[k][key] && others.ids[k][p.ID] {
				return fmt.Errorf("%s %q, written by the last import, is now also defined outside %s: move it back, or delete one of the two", k, p.ID, files[k].path)
			}
		}
		for id := range others.ids[k] {
			taken[id] = true
		}
		if seq := files[k].list(k.list(), "", "", false); seq != nil {
			for _, it := range seq.Content {
				if id := text(valueOf(it, "id")); id != "" && !m.known[k][id] {
					taken[id] = true
				}
			}
		}
		for key, p := range m.prev[k] {
			if current[k][key] {
				taken[p.ID] = true // kept for its own record
			}
		}
		for _, r := range m.res.Of(k) {
			id, ok := m.prev[k][r.Key].ID, m.prev[k][r.Key].ID != ""
			if !ok {
				id = unique(r.Want, taken)
				taken[id] = true
			}
			m.ids[k][r.Key] = id
			m.known[k][id] = true
		}
	}
	return nil
}

// unique returns want, or want-2, want-3, ... when taken.
func unique(want string, taken map[string]bool) string {
	if !taken[want] {
		return want
	}
	for i := 2; ; i++ {
		if id := want + "-" + strconv.Itoa(i); !taken[id] {
			return id
		}
	}
}

// newState is the state the import leaves.
func (m *merger) newState() *state {
	st := &state{Version: stateVersion, Source: m.res.Source}
	for _, r := range m.res.Records {
		keys := make([]string, len(r.Fields))
		for i, f := range r.Fields {
			keys[i] = f.Key
		}
		st.Records = append(st.Records, stateRecord{Kind: r.Kind, Key: r.Key, ID: m.ids[r.Kind][r.Key], Origin: r.Origin.String(), Fields: keys, Attrs: r.Attrs})
	}
	return st
}
