package logs

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// Rotating is a log file that never grows past a size: before a write would
// take it over MaxSize, the file becomes NAME.1 (NAME.1 becomes NAME.2, and so
// on), the oldest beyond Keep is removed, and a new NAME is started.
//
// Several processes may append to the same file (the server and the commands
// that use it): each write is one append, and a writer notices within a
// second that another one rotated the file, and reopens it. Rotating is safe
// for concurrent use; Close ends it.
type Rotating struct {
	path    string
	maxSize int64
	keep    int

	mu      sync.Mutex
	f       *os.File
	size    int64
	checked time.Time
}

// recheck is how often a writer looks whether another process rotated the file.
const recheck = time.Second

// OpenRotating opens (or creates, readable only by its owner) the file at
// path for appending, rotating at maxSize bytes and keeping keep old files.
func OpenRotating(path string, maxSize int64, keep int) (*Rotating, error) {
	if maxSize <= 0 || keep < 0 {
		return nil, fmt.Errorf("log file %s: size %d and keep %d: want a positive size and keep >= 0", path, maxSize, keep)
	}
	r := &Rotating{path: path, maxSize: maxSize, keep: keep}
	if err := r.open(); err != nil {
		return nil, err
	}
	return r, nil
}

// Path is the current log file's name.
func (r *Rotating) Path() string { return r.path }

func (r *Rotating) open() error {
	f, err := os.OpenFile(r.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("open log file: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("open log file: %w", err)
	}
	r.f, r.size, r.checked = f, fi.Size(), time.Now()
	return nil
}

// Write appends p, rotating first when p would take the file past MaxSize.
// A record larger than MaxSize gets a file of its own.
func (r *Rotating) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return 0, os.ErrClosed
	}
	if time.Since(r.checked) > recheck {
		if err := r.follow(); err != nil {
			return 0, err
		}
	}
	if r.size > 0 && r.size+int64(len(p)) > r.maxSize {
		if err := r.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := r.f.Write(p)
	r.size += int64(n)
	return n, err
}

// follow reopens the file when another process rotated it, and learns the
// size its writes added.
func (r *Rotating) follow() error {
	r.checked = time.Now()
	mine, err1 := r.f.Stat()
	named, err2 := os.Stat(r.path)
	if err1 == nil && err2 == nil && os.SameFile(mine, named) {
		r.size = mine.Size()
		return nil
	}
	r.f.Close()
	return r.open()
}

// rotate shifts NAME.i to NAME.i+1, drops the one beyond keep, moves the
// current file to NAME.1 and opens a new one.
func (r *Rotating) rotate() error {
	r.f.Close()
	r.f = nil
	if r.keep == 0 {
		if err := os.Remove(r.path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("rotate log file: %w", err)
		}
		return r.open()
	}
	_ = os.Remove(r.old(r.keep))
	for i := r.keep - 1; i >= 1; i-- {
		if err := os.Rename(r.old(i), r.old(i+1)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("rotate log file: %w", err)
		}
	}
	// Another process may have rotated it a moment ago: then there is nothing to move.
	if err := os.Rename(r.path, r.old(1)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("rotate log file: %w", err)
	}
	return r.open()
}

// old is the name of the i-th old file.
func (r *Rotating) old(i int) string { return fmt.Sprintf("%s.%d", r.path, i) }

// Close closes the file; later writes fail.
func (r *Rotating) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	return err
}
