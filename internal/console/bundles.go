package console

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// bundleInfo is one evidence bundle under the reports directory.
type bundleInfo struct {
	Name   string // path relative to the reports directory
	Dir    string
	Bundle *evidence.Bundle // nil when it failed verification
	Signer string
	Reason string // why it does not verify or load
}

// bundles finds, verifies and loads every evidence bundle under root (a
// directory holding a manifest or a journal), sorted by path. A bundle is
// verified once: the cache keeps its result while none of its files changed
// (see fileState).
func (c *Console) bundles(root string) ([]bundleInfo, error) {
	if root == "" {
		return nil, nil
	}
	found, err := evidence.FindBundles(os.DirFS(root))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // no drill has written a bundle yet
	}
	if err != nil {
		return nil, err
	}
	out := make([]bundleInfo, len(found))
	for i, p := range found {
		out[i] = c.verified.load(root, filepath.Join(root, filepath.FromSlash(p)))
	}
	return out, nil // by path, as FindBundles sorts them
}

// bundleCache keeps each bundle's verification while its files are as they
// were: a page view re-reads only what changed.
type bundleCache struct {
	mu      sync.Mutex
	entries map[string]cachedBundle // by bundle directory
	misses  int                     // verifications done, for tests
}

type cachedBundle struct {
	state string // fileState when verified
	info  bundleInfo
}

func (bc *bundleCache) load(root, dir string) bundleInfo {
	state, err := fileState(dir)
	bc.mu.Lock()
	e, ok := bc.entries[dir]
	bc.mu.Unlock()
	if err == nil && ok && e.state == state {
		return e.info
	}
	info := loadBundle(root, dir)
	bc.mu.Lock()
	defer bc.mu.Unlock()
	bc.misses++
	if err == nil {
		if bc.entries == nil {
			bc.entries = map[string]cachedBundle{}
		}
		bc.entries[dir] = cachedBundle{state: state, info: info}
	}
	return info
}

// fileState is a digest of every entry under dir — path, type, size,
// modification and change time, inode — so that any change to a bundle, even one
// that keeps a file's size, makes it verified again. It reads no content.
func fileState(dir string) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		// The change time too: a file rewritten at the same size with its
		// modification time set back (touch -r) still gets a new ctime.
		var ino uint64
		var ctime int64
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			ino, ctime = st.Ino, st.Ctim.Nano()
		}
		fmt.Fprintf(h, "%s\x00%v\x00%d\x00%d\x00%d\x00%d\n", p, fi.Mode(), fi.Size(), fi.ModTime().UnixNano(), ctime, ino)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

func loadBundle(root, dir string) bundleInfo {
	name, _ := filepath.Rel(root, dir)
	bi := bundleInfo{Name: filepath.ToSlash(name), Dir: dir}
	fsys := os.DirFS(dir)
	v, err := evidence.Verify(fsys, nil)
	if err != nil {
		bi.Reason = "verification failed: " + err.Error()
		return bi
	}
	bi.Signer = v.Signer
	b, err := evidence.Load(fsys)
	if err != nil {
		bi.Reason = "unreadable: " + err.Error()
		return bi
	}
	if b.Result == nil || b.Plan == nil {
		bi.Reason = "no drill result in the bundle"
		return bi
	}
	bi.Bundle = b
	return bi
}

// loadCatalog loads and validates the console's catalog.
func (c *Console) loadCatalog() (*catalog.Catalog, error) {
	return catalog.Load(yamldoc.OSFS{}, c.o.Catalog...)
}
