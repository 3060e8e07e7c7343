package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/exitdrill/exitdrill/internal/boundedio"
)

// StateFile is the file, beside the catalog files, in which an import
// records which records and keys it wrote: the next import updates those and
// leaves everything else to the people who wrote it.
const StateFile = ".exitdrill-import.json"

// state is the content of StateFile.
type state struct {
	Version int           `json:"version"`
	Source  string        `json:"source"`
	Records []stateRecord `json:"records"`
}

// stateRecord is one record an import wrote.
type stateRecord struct {
	Kind   Kind     `json:"kind"`
	Key    string   `json:"key"`
	ID     string   `json:"id"`
	Origin string   `json:"origin"`
	Fields []string `json:"fields"`
	// Attrs are facts of the source the catalog has no key for (see
	// Record.Attrs).
	Attrs map[string]string `json:"attrs,omitempty"`
}

const stateVersion = 1

// maxStateBytes bounds the state file: a record is about 200 bytes.
const maxStateBytes = 64 << 20

// readState reads dir's state file; a directory without one has an empty state.
func readState(ctx context.Context, dir string) (*state, error) {
	path := filepath.Join(dir, StateFile)
	data, err := boundedio.ReadAllRegular(ctx, path, maxStateBytes, "the import state", "")
	if errors.Is(err, fs.ErrNotExist) {
		return &state{Version: stateVersion}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var st state
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("%s is not the state an import writes (%v): delete it to treat every record in %s as written by hand", path, err, dir)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("%s has version %d; this exitdrill reads version %d", path, st.Version, stateVersion)
	}
	return &st, nil
}

// byKey indexes the state's records by kind and key.
func (st *state) byKey() map[Kind]map[string]stateRecord {
	m := map[Kind]map[string]stateRecord{}
	for _, k := range Kinds {
		m[k] = map[string]stateRecord{}
	}
	for _, r := range st.Records {
		if m[r.Kind] != nil {
			m[r.Kind][r.Key] = r
		}
	}
	return m
}

// ids returns the ids of the state's records of kind.
func (st *state) ids(kind Kind) map[string]bool {
	m := map[string]bool{}
	for _, r := range st.Records {
		if r.Kind == kind {
			m[r.ID] = true
		}
	}
	return m
}
