package stamp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/exitdrill/exitdrill/drill"
)

// dir stamps a directory by its manifest (see drill.FileStamp), never
// opening a file nor following a link below it.
func dir(ctx context.Context, s *drill.FileStamp, o Options) error {
	w := walker{ctx: ctx, root: s.Path, h: sha256.New(), opt: o}
	if err := w.walk(""); err != nil {
		return fmt.Errorf("stamp %s: %w", s.Path, err)
	}
	s.SHA256, s.Entries, s.Size = hex.EncodeToString(w.h.Sum(nil)), w.entries, w.bytes
	return nil
}

type walker struct {
	ctx     context.Context
	root    string
	h       hash.Hash
	opt     Options
	entries int
	bytes   int64
}

// walk adds the entries of the directory rel (slash-separated, "" for the
// root) to the manifest, depth first, each directory's in order of name.
func (w *walker) walk(rel string) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	des, err := os.ReadDir(filepath.Join(w.root, filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	for _, de := range des {
		if rel == "" && slices.Contains(w.opt.Skip, de.Name()) {
			continue
		}
		if w.entries++; w.entries > w.opt.MaxEntries {
			return fmt.Errorf("more than %d entries", w.opt.MaxEntries)
		}
		p := path.Join(rel, de.Name())
		fi, err := de.Info()
		if err != nil {
			return err
		}
		typ, size, mtime := entryType(fi.Mode()), int64(0), int64(0)
		if typ == 'f' || typ == 'l' {
			size, mtime = fi.Size(), fi.ModTime().UnixNano()
			w.bytes += size
		}
		fmt.Fprintf(w.h, "%s\x00%c\x00%d\x00%d\n", p, typ, size, mtime)
		if typ == 'd' {
			if err := w.walk(p); err != nil {
				return err
			}
		}
	}
	return nil
}

func entryType(m fs.FileMode) byte {
	switch {
	case m.IsRegular():
		return 'f'
	case m.IsDir():
		return 'd'
	case m&fs.ModeSymlink != 0:
		return 'l'
	}
	return 'o'
}
