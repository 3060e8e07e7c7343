// Package boundedio opens and reads files other people made without letting
// them block or exhaust a worker: only regular files, opened without
// blocking, read within limits and while a context lasts. Checks, stamps and
// the preflight all open files through it.
package boundedio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// An exit plan may be a symlink to /dev/zero (size 0 by stat, endless to
// read), an export a named pipe (opening it blocks until a writer comes) or
// hold a 3 GiB XML comment. Every reader opens through OpenRegular (or Open)
// and reads through a Bounded reader, so that no file can block a worker,
// exhaust its memory or outlive the step's timeout.

// ErrNotRegular is returned by OpenRegular for a file that is not a regular
// file (a device, named pipe or socket).
var ErrNotRegular = errors.New("not a regular file")

// Open opens a file for reading without blocking, whatever it is (a named
// pipe is opened, not waited on): for callers that look at what they opened
// before reading it.
func Open(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// OpenRegular opens a file for reading only if it is a regular file (after
// symbolic links), without ever blocking: a named pipe is opened
// non-blocking and refused, like a device or a socket. It also returns the
// file's size.
func OpenRegular(name string) (*os.File, int64, error) {
	f, err := Open(name)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("%s is %s, %w: only regular files are read", name, fileKind(fi.Mode()), ErrNotRegular)
	}
	return f, fi.Size(), nil
}

// fileKind names the type of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// TooLargeError says which limit a read exceeded, and how to raise it.
type TooLargeError struct {
	What    string // "the exit plan", "a record of the export"
	Limit   int64
	Setting string // where the limit is set, e.g. "exitPlan.limits.planBytes"
}

func (e *TooLargeError) Error() string {
	if e.Setting == "" { // a fixed limit
		return fmt.Sprintf("%s is larger than %s, the limit", e.What, Bytes(e.Limit))
	}
	return fmt.Sprintf("%s is larger than %s, the limit (%s)", e.What, Bytes(e.Limit), e.Setting)
}

// Bytes shows a byte count the way limits are documented: 4 MiB, 1 GiB.
func Bytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Bounded reads from R while the step's context lasts, failing with a
// *TooLargeError when more than Total bytes are read in all, or more than
// Window bytes since the last call to Progress (a record, token or line the
// parser completed: a parser holds at most about Window bytes of one token).
// Zero limits are no limit.
type Bounded struct {
	Ctx    context.Context
	R      io.Reader
	Total  *TooLargeError // What, Limit and Setting of the total
	Window *TooLargeError // of one record or token
	n      int64
	since  int64
}

// Read implements io.Reader.
func (b *Bounded) Read(p []byte) (int, error) {
	if err := b.Ctx.Err(); err != nil {
		return 0, err
	}
	n, err := b.R.Read(p)
	b.n += int64(n)
	b.since += int64(n)
	if b.Total != nil && b.Total.Limit > 0 && b.n > b.Total.Limit {
		return n, b.Total
	}
	if b.Window != nil && b.Window.Limit > 0 && b.since > b.Window.Limit {
		return n, b.Window
	}
	return n, err
}

// Progress says that the parser completed a record or token: the window
// starts again.
func (b *Bounded) Progress() { b.since = 0 }

// N is how many bytes were read.
func (b *Bounded) N() int64 { return b.n }

// ReadAllRegular reads a whole regular file of at most limit bytes (the
// error names it with what and setting), honouring ctx.
func ReadAllRegular(ctx context.Context, name string, limit int64, what, setting string) ([]byte, error) {
	f, size, err := OpenRegular(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tooLarge := &TooLargeError{What: what, Limit: limit, Setting: setting}
	if size > limit {
		return nil, tooLarge
	}
	return io.ReadAll(&Bounded{Ctx: ctx, R: f, Total: tooLarge})
}
