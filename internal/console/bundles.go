package console

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"

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
	var out []bundleInfo
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		for _, f := range []string{evidence.ManifestFile, evidence.JournalFile} {
			if _, err := os.Stat(filepath.Join(p, f)); err == nil {
				out = append(out, loadBundle(root, p))
				return filepath.SkipDir
			}
		}
		return nil
	})
	if os.IsNotExist(err) {
		return nil, nil // no drill has written a bundle yet
	}
	slices.SortFunc(out, func(a, b bundleInfo) int { return cmpString(a.Name, b.Name) })
	return out, err
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
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
