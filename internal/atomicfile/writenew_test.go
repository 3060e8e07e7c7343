package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteNew(t *testing.T) {
	for _, perm := range []fs.FileMode{0o600, 0o644} {
		dir := t.TempDir()
		path := filepath.Join(dir, "key")
		if err := WriteNew(path, []byte("new\n"), perm); err != nil {
			t.Fatalf("WriteNew: %v", err)
		}
		check(t, path, "new\n", perm)
		if diff := cmp.Diff([]string{"key"}, names(t, dir)); diff != "" {
			t.Errorf("directory (-want +got):\n%s", diff)
		}
	}
}

// TestWriteNewNeverOverwrites: an existing file, directory or dangling
// symbolic link at path stays as it was, the error wraps os.ErrExist and
// names path, and no temporary file stays.
func TestWriteNewNeverOverwrites(t *testing.T) {
	tests := []struct {
		name string
		make func(path string) error
	}{
		{"file", func(p string) error { return os.WriteFile(p, []byte("old\n"), 0o600) }},
		{"directory", func(p string) error { return os.Mkdir(p, 0o755) }},
		{"dangling symlink", func(p string) error { return os.Symlink(p+".missing", p) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "key")
			if err := tt.make(path); err != nil {
				t.Fatal(err)
			}
			before, err := os.Lstat(path)
			if err != nil {
				t.Fatal(err)
			}
			err = WriteNew(path, []byte("new\n"), 0o600)
			if !errors.Is(err, os.ErrExist) || !strings.Contains(err.Error(), path) {
				t.Errorf("error = %v, want one that wraps os.ErrExist and names %s", err, path)
			}
			after, err := os.Lstat(path)
			if err != nil || after.Mode() != before.Mode() || after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
				t.Errorf("%s changed: before %v, after %v (%v)", path, before, after, err)
			}
			if diff := cmp.Diff([]string{"key"}, names(t, dir)); diff != "" {
				t.Errorf("directory after a refused write (-want +got):\n%s", diff)
			}
		})
	}
	path := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_ = WriteNew(path, []byte("new\n"), 0o644)
	check(t, path, "old\n", 0o600)
}

// TestWriteNewRace: of several writers making the same file at once exactly
// one succeeds, and the file holds that writer's data, whole.
func TestWriteNewRace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "key")
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = WriteNew(path, []byte(strings.Repeat(string(rune('a'+i)), 4096)), 0o600) })
	}
	wg.Wait()
	won := -1
	for i, err := range errs {
		switch {
		case err == nil && won >= 0:
			t.Fatalf("writers %d and %d both made %s", won, i, path)
		case err == nil:
			won = i
		case !errors.Is(err, os.ErrExist):
			t.Errorf("writer %d: %v, want os.ErrExist", i, err)
		}
	}
	if won < 0 {
		t.Fatal("no writer made the file")
	}
	check(t, path, strings.Repeat(string(rune('a'+won)), 4096), 0o600)
	if diff := cmp.Diff([]string{"key"}, names(t, dir)); diff != "" {
		t.Errorf("directory after the race (-want +got):\n%s", diff)
	}
}

func TestWriteNewMissingDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "key")
	err := WriteNew(path, []byte("x"), 0o600)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("error = %v, want one that wraps fs.ErrNotExist and names %s", err, path)
	}
}
