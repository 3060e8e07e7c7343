//go:build !exitdrill_light

package engine

import (
	"os"
	"path/filepath"
	"testing"
)

// The state directory and its database are private to their owner, also when
// an earlier version (or a person) made them readable by others.
func TestStateIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		for name, want := range map[string]os.FileMode{dir: 0o700, databasePath(dir): 0o600} {
			fi, err := os.Stat(name)
			if err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			if got := fi.Mode().Perm(); got != want {
				t.Errorf("%s: %s has mode %04o, want %04o", when, name, got, want)
			}
		}
		for _, side := range []string{"-wal", "-shm"} {
			if fi, err := os.Stat(databasePath(dir) + side); err == nil && fi.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s: %s%s has mode %04o, readable by others", when, databasePath(dir), side, fi.Mode().Perm())
			}
		}
	}
	e := openTest(t, testOptions(dir))
	check("first start")
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(databasePath(dir), 0o644); err != nil {
		t.Fatal(err)
	}
	again := openTest(t, testOptions(dir))
	check("a start on a state directory open to others")
	_ = again
}
