package recorder

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/exitdrill/exitdrill/evidence"
)

// syncWriters is how many files of a bundle writeAll writes and syncs at
// once. Each file is still synced before the bundle takes its place; syncs
// issued together share the file system's journal commits, where one after
// the other each waits for its own (a bundle of 16 files: about 130 ms one
// by one on the benchmark machine's ext4, 35-55 ms together).
const syncWriters = 8

// writeAll writes every file of files under dir, each synced to disk, at
// most syncWriters at a time, then syncs dir itself so that its entries
// survive a crash too. It returns the errors of all the files that failed.
func writeAll(dir string, files evidence.Files) error {
	paths := files.Paths()
	for _, p := range paths {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, filepath.FromSlash(p))), 0o755); err != nil {
			return err
		}
	}
	work := make(chan string)
	errs := make([]error, len(paths))
	index := make(map[string]int, len(paths))
	for i, p := range paths {
		index[p] = i
	}
	var wg sync.WaitGroup
	for range min(syncWriters, len(paths)) {
		wg.Go(func() {
			for p := range work {
				errs[index[p]] = writeSynced(filepath.Join(dir, filepath.FromSlash(p)), files[p])
			}
		})
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return syncDirs(dir, paths)
}

// syncDirs syncs dir and every directory under it that holds one of paths.
func syncDirs(dir string, paths []string) error {
	dirs := []string{dir}
	seen := map[string]bool{dir: true}
	for _, p := range paths {
		if d := filepath.Dir(filepath.Join(dir, filepath.FromSlash(p))); !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	for _, d := range dirs {
		f, err := os.Open(d)
		if err != nil {
			return err
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("sync %s: %w", d, err)
		}
	}
	return nil
}
