// Package diskspace says how much room a file system has left, for the
// checks that refuse work rather than fail half-way on a full disk.
package diskspace

import (
	"os"
	"path/filepath"
)

// Free returns the bytes this user may still write on the file system of
// dir, or of its nearest existing directory above it (a directory that does
// not exist yet is judged where it will be made), and that directory.
func Free(dir string) (int64, string, error) {
	p := dir
	for {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			break
		}
		parent := filepath.Dir(p)
		if parent == p {
			break
		}
		p = parent
	}
	free, err := free(p)
	return free, p, err
}
