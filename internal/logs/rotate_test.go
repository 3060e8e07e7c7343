package logs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRotatingKeepsSizeAndCount(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.log")
	r, err := OpenRotating(path, 100, 2)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("a", 39) + "\n" // 40 bytes: two fit, a third rotates
	for i := 0; i < 9; i++ {
		if _, err := r.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int64{path: 40, path + ".1": 80, path + ".2": 80} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(name), err)
			continue
		}
		if fi.Size() != want {
			t.Errorf("%s: %d bytes, want %d", filepath.Base(name), fi.Size(), want)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %04o, want 0600", filepath.Base(name), fi.Mode().Perm())
		}
	}
	if _, err := os.Stat(path + ".3"); !os.IsNotExist(err) {
		t.Errorf("%s.3 exists (%v): keep 2 keeps two old files", filepath.Base(path), err)
	}
	if _, err := r.Write([]byte("late\n")); err == nil {
		t.Error("a write after Close succeeded")
	}
}

// A writer follows the file when another process rotated it, rather than
// writing on into the old one.
func TestRotatingFollowsAnotherWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.log")
	a, err := OpenRotating(path, 1000, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := OpenRotating(path, 1000, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	a.Write([]byte("a1\n"))
	b.mu.Lock()
	if err := b.rotate(); err != nil { // b rotates under a
		t.Fatal(err)
	}
	b.mu.Unlock()
	a.mu.Lock()
	a.checked = a.checked.Add(-2 * recheck)
	a.mu.Unlock()
	a.Write([]byte("a2\n"))
	got, _ := os.ReadFile(path)
	if string(got) != "a2\n" {
		t.Errorf("current file holds %q, want a's write after the rotation", got)
	}
	if old, _ := os.ReadFile(path + ".1"); string(old) != "a1\n" {
		t.Errorf("old file holds %q, want a's write before the rotation", old)
	}
}
