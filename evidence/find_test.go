package evidence

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

func TestFindBundles(t *testing.T) {
	fsys := fstest.MapFS{
		"2026/q4/drill-b/" + ManifestFile:               {},
		"2026/q4/drill-b/reports/inner/" + ManifestFile: {}, // inside a bundle: not another one
		"2026/q3/drill-a/" + JournalFile:                {}, // a bundle not sealed yet
		"2026/q3/notes.txt":                             {},
		"empty":                                         {Mode: fs.ModeDir},
	}
	got, err := FindBundles(fsys)
	if want := []string{"2026/q3/drill-a", "2026/q4/drill-b"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("FindBundles = %q, %v; want %q", got, err, want)
	}
	if got, err := FindBundles(fstest.MapFS{ManifestFile: {}}); err != nil || !slices.Equal(got, []string{"."}) {
		t.Errorf("a bundle itself: %q, %v; want [.]", got, err)
	}
	if _, err := FindBundles(os.DirFS(filepath.Join(t.TempDir(), "no-such-dir"))); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing directory: %v; want fs.ErrNotExist", err)
	}
}
