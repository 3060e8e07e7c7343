// Package atomicfile replaces a file in one step, so that a reader (or a crash)
// sees the old content or the new, never a half-written file.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFile writes data to the file path atomically and gives it mode perm.
// See Write.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, writeData(data))
}

// Write replaces the file path with what write writes. write writes to a
// hidden temporary file in path's directory (".NAME.*.tmp", which loaders that
// skip hidden files ignore), created private and set to mode perm before write
// runs (the umask is not applied, so perm is exactly the final mode); the file
// is synced to disk and then renamed over path. On any error, including one
// returned by write, the temporary file is removed and path is left as it was.
func Write(path string, perm os.FileMode, write func(io.Writer) error) error {
	return place(path, perm, write, os.Rename)
}

// WriteNew makes the file path with data and mode perm, whole or not at all,
// and never over an existing file: it fails with an error that wraps
// os.ErrExist when path exists (of whatever type), and then leaves it as it
// was. data is written and synced to a temporary file as in Write, which is
// then hard-linked to path (link(2) refuses an existing name, atomically, so
// two processes making path at once end with one winner) and removed. Unlike
// opening path with O_EXCL, a crash or a failed write never leaves a
// half-written path behind. The directory's file system must support hard
// links.
func WriteNew(path string, data []byte, perm os.FileMode) error {
	return place(path, perm, writeData(data), func(tmp, path string) error {
		if err := os.Link(tmp, path); err != nil {
			return err
		}
		// path is whole now; a temporary name left behind is hidden and
		// does not make the write fail.
		_ = os.Remove(tmp)
		return nil
	})
}

func writeData(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// place writes a temporary file beside path (see Write) and gives it path's
// name with finish(tmp, path). On any error the temporary file is removed.
func place(path string, perm os.FileMode, write func(io.Writer) error, finish func(tmp, path string) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	closed := false
	defer func() {
		if err == nil {
			return
		}
		if !closed {
			_ = tmp.Close()
		}
		_ = os.Remove(tmp.Name())
		err = fmt.Errorf("write %s: %w", path, err)
	}()
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	closed = true
	if err := tmp.Close(); err != nil {
		return err
	}
	return finish(tmp.Name(), path)
}
