package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// names lists the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// check asserts that path holds data with mode perm.
func check(t *testing.T, path, data string, perm fs.FileMode) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != data {
		t.Errorf("%s holds %q, want %q", path, got, data)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != perm {
		t.Errorf("%s has mode %v, want %v", path, fi.Mode().Perm(), perm)
	}
}

func TestWriteFile(t *testing.T) {
	tests := []struct {
		name string
		old  string // "" when there is no file yet
		mode fs.FileMode
		perm fs.FileMode
	}{
		{"new public", "", 0, 0o644},
		{"new private", "", 0, 0o600},
		{"replace, mode changes to perm", "old content\n", 0o600, 0o644},
		{"replace, private stays private", "old content\n", 0o644, 0o600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "f.yaml")
			if tt.old != "" {
				if err := os.WriteFile(path, []byte(tt.old), tt.mode); err != nil {
					t.Fatal(err)
				}
			}
			if err := WriteFile(path, []byte("new\n"), tt.perm); err != nil {
				t.Fatalf("WriteFile: %v", err)
			}
			check(t, path, "new\n", tt.perm)
			if diff := cmp.Diff([]string{"f.yaml"}, names(t, dir)); diff != "" {
				t.Errorf("directory (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWriteFailureKeepsOld fails at each stage after the temporary file exists:
// the old file must keep its content and mode, and no temporary file may stay.
func TestWriteFailureKeepsOld(t *testing.T) {
	boom := errors.New("boom")
	dir := t.TempDir()
	path := filepath.Join(dir, "f.yaml")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := Write(path, 0o644, func(w io.Writer) error {
		if _, err := io.WriteString(w, "half of the new"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), path) {
		t.Errorf("error = %v, want it to wrap boom and name %s", err, path)
	}
	check(t, path, "old\n", 0o600)
	if diff := cmp.Diff([]string{"f.yaml"}, names(t, dir)); diff != "" {
		t.Errorf("directory after a failed write (-want +got):\n%s", diff)
	}
}

// TestRenameFailureRemovesTemp makes the last step fail: path is a directory,
// which a file cannot replace.
func TestRenameFailureRemovesTemp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "taken")
	if err := os.MkdirAll(filepath.Join(path, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new\n"), 0o644); err == nil {
		t.Fatal("WriteFile over a directory succeeded, want an error")
	}
	if diff := cmp.Diff([]string{"taken"}, names(t, dir)); diff != "" {
		t.Errorf("directory after a failed rename (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"inside"}, names(t, path)); diff != "" {
		t.Errorf("the directory in the way changed (-want +got):\n%s", diff)
	}
}

func TestWriteFileMissingDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "f.yaml")
	err := WriteFile(path, []byte("x"), 0o644)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("error = %v, want one that wraps fs.ErrNotExist and names %s", err, path)
	}
}
