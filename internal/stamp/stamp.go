// Package stamp makes the drill.FileStamp of a file or directory a step reads:
// where a drill is prepared, to put in its plan, and on the worker, to check
// before the step that it sees the same thing.
package stamp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/exitdrill/exitdrill/internal/boundedio"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"syscall"

	"github.com/exitdrill/exitdrill/drill"
)

// Options are the rules of a stamp; the zero value uses the bounds of package
// drill.
type Options struct {
	// HashLimit is the largest file whose content is hashed (0:
	// drill.StampHashLimit).
	HashLimit int64
	// MaxEntries is the most entries a directory's manifest holds (0:
	// drill.StampMaxEntries).
	MaxEntries int
	// Skip are top-level entries of a directory left out of its manifest.
	Skip []string
}

// Of stamps what is at path (absolute) by the rules of drill.FileStamp. A path
// where nothing is is stamped missing; an error means it could not be stamped
// (unreadable, too many entries) or ctx ended.
func Of(ctx context.Context, path string, o Options) (drill.FileStamp, error) {
	if o.HashLimit <= 0 {
		o.HashLimit = drill.StampHashLimit
	}
	if o.MaxEntries <= 0 {
		o.MaxEntries = drill.StampMaxEntries
	}
	s := drill.FileStamp{Path: path}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		s.Kind = drill.FileMissing
		return s, nil
	case err != nil:
		return s, fmt.Errorf("stamp %s: %w", path, err)
	case fi.Mode().IsRegular():
		s.Kind = drill.FileRegular
		return s, file(ctx, &s, fi, o.HashLimit)
	case fi.IsDir():
		s.Kind, s.Skip = drill.FileDir, slices.Clone(o.Skip)
		return s, dir(ctx, &s, o)
	}
	s.Kind = drill.FileOther
	return s, nil
}

// Planned stamps path as Of does, for a drill's plan: a path that cannot be
// stamped there (permission denied, an I/O error, too many entries) is
// recorded as drill.FileUnreadable with the reason instead of failing, so
// that the drill reaches its preflight, which names the step and the file,
// and a drill started anyway records that step inconclusive. Its error is
// only ctx's.
func Planned(ctx context.Context, path string, o Options) (drill.FileStamp, error) {
	s, err := Of(ctx, path, o)
	if err == nil {
		return s, nil
	}
	if ctx.Err() != nil {
		return drill.FileStamp{}, ctx.Err()
	}
	return drill.FileStamp{Path: path, Kind: drill.FileUnreadable, Error: reason(path, err)}, nil
}

// reason is why path could not be stamped, without the path when the error
// is about path itself: "permission denied", "open DIR/sub: permission
// denied", "more than 200000 entries".
func reason(path string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if pe.Path == path {
			return pe.Err.Error()
		}
		return pe.Op + " " + pe.Path + ": " + pe.Err.Error()
	}
	return strings.TrimPrefix(err.Error(), "stamp "+path+": ")
}

// file stamps a regular file: its content's hash up to limit bytes, else
// its size and modification time. It is opened without blocking and checked
// to still be a regular file, so that a FIFO put in its place does not stop
// the stamp.
func file(ctx context.Context, s *drill.FileStamp, fi fs.FileInfo, limit int64) error {
	s.Size = fi.Size()
	if fi.Size() > limit {
		s.ModTime = fi.ModTime()
		return nil
	}
	f, err := boundedio.Open(s.Path)
	if err != nil {
		return fmt.Errorf("stamp %s: %w", s.Path, err)
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return fmt.Errorf("stamp %s: %w", s.Path, err)
	}
	if !fi.Mode().IsRegular() {
		s.Kind, s.Size = drill.FileOther, 0
		return nil
	}
	h := sha256.New()
	n, err := io.CopyBuffer(h, &boundedio.Bounded{Ctx: ctx, R: io.LimitReader(f, limit+1)}, make([]byte, 1<<20))
	if err != nil {
		return fmt.Errorf("stamp %s: %w", s.Path, err)
	}
	if n > limit { // it grew while being read
		s.Size, s.ModTime = n, fi.ModTime()
		return nil
	}
	s.Size, s.SHA256 = n, hex.EncodeToString(h.Sum(nil))
	return nil
}
