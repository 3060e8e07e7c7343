package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/exitdrill/exitdrill/internal/atomicfile"
)

// Write writes the plan's files. Into a directory that does not exist yet,
// everything is written to a hidden temporary directory beside it that is
// then renamed: the directory appears whole or not at all. Into an existing
// directory, each file is replaced in one step (the catalog files first, the
// state last), so a reader never sees a half-written file.
func (p *Plan) Write() error {
	files, err := p.contents()
	if err != nil {
		return err
	}
	if _, err := os.Stat(p.Dir); errors.Is(err, fs.ErrNotExist) {
		return p.writeNew(files)
	}
	for _, f := range files {
		if err := atomicfile.WriteFile(filepath.Join(p.Dir, f.name), f.data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

type content struct {
	name string
	data []byte
}

// contents are the files to write, the state last.
func (p *Plan) contents() ([]content, error) {
	var out []content
	for _, f := range p.files {
		if !p.dirty[f] {
			continue
		}
		data, err := f.encode()
		if err != nil {
			return nil, err
		}
		out = append(out, content{filepath.Base(f.path), data})
	}
	st, err := json.MarshalIndent(p.state, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode the import state: %w", err)
	}
	return append(out, content{StateFile, append(st, '\n')}), nil
}

// writeNew makes the directory whole: a temporary directory beside it,
// renamed when every file is in it.
func (p *Plan) writeNew(files []content) (err error) {
	parent := filepath.Dir(filepath.Clean(p.Dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(p.Dir)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create a directory beside %s: %w", p.Dir, err)
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	for _, f := range files {
		if err := atomicfile.WriteFile(filepath.Join(tmp, f.name), f.data, 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", p.Dir, err)
	}
	if err := os.Rename(tmp, p.Dir); err != nil {
		return fmt.Errorf("write %s: %w", p.Dir, err)
	}
	return nil
}
