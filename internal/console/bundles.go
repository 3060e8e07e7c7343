package console

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

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
// directory holding a manifest or a journal), sorted by path.
func bundles(root string) ([]bundleInfo, error) {
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
		out[i] = loadBundle(root, filepath.Join(root, filepath.FromSlash(p)))
	}
	return out, nil // by path, as FindBundles sorts them
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
