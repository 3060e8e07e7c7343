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
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write replaces the file path with what write writes. write writes to a
// hidden temporary file in path's directory (".NAME.*.tmp", which loaders that
// skip hidden files ignore), created private and set to mode perm before write
// runs (the umask is not applied, so perm is exactly the final mode); the file
// is synced to disk and then renamed over path. On any error, including one
// returned by write, the temporary file is removed and path is left as it was.
func Write(path string, perm os.FileMode, write func(io.Writer) error) (err error) {
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
	return os.Rename(tmp.Name(), path)
}
