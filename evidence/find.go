package evidence

import (
	"io/fs"
	"path"
	"slices"
)

// FindBundles finds the evidence bundles in fsys: every directory holding a
// manifest or a journal, as slash paths ("." when fsys is a bundle itself),
// sorted. It does not look inside a bundle for more.
func FindBundles(fsys fs.FS) ([]string, error) {
	var dirs []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		for _, f := range []string{ManifestFile, JournalFile} {
			if _, err := fs.Stat(fsys, path.Join(p, f)); err == nil {
				dirs = append(dirs, p)
				return fs.SkipDir
			}
		}
		return nil
	})
	slices.Sort(dirs)
	return dirs, err
}
