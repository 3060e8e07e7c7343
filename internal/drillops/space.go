package drillops

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// MinFreeBytes is the free space a drill needs where its evidence goes: the
// bundle, the reports and the restores' scratch room. A disk with less is
// refused before anything starts, with one message, rather than failing the
// drill's end (and a server that cannot write its history) half-way; once
// space is freed, drills start again.
const MinFreeBytes = 256 << 20

// checkSpace refuses a drill when the file system of dir (or of its nearest
// existing directory above it) has less than minFree bytes free for this user.
func checkSpace(dir string, minFree int64) error {
	p := dir
	for {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			break // a path that does not exist (yet) is judged by its nearest directory
		}
		parent := filepath.Dir(p)
		if parent == p {
			break
		}
		p = parent
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(p, &st); err != nil {
		return fmt.Errorf("free space where the evidence goes (%s): %w", p, err)
	}
	if free := int64(st.Bavail) * int64(st.Bsize); free < minFree {
		return fmt.Errorf("not enough space for the drill's evidence: %s has %d MB free, a drill needs at least %d MB; free some space and start it again",
			p, free>>20, minFree>>20)
	}
	return nil
}
