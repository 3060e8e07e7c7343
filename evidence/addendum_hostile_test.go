package evidence

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeTree writes the review tree of reviewTree to a real directory.
func writeTree(t *testing.T, n int) (review, drillDir string) {
	t.Helper()
	root := t.TempDir()
	for p, f := range reviewTree(t, n) {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(root, "review"), filepath.Join(root, "d")
}

// TestReviewReaderIsBounded: a named pipe in place of a revision's files is
// refused at once, never opened (it would block), and a huge review file is
// refused by its size, not read.
func TestReviewReaderIsBounded(t *testing.T) {
	for _, tt := range []struct {
		name, file string
		make       func(path string) error
		want       string
	}{
		{"fifo manifest", "001/addendum.json", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "named pipe"},
		{"fifo review", "001/review.json", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "001/review.json"},
		{"huge review", "001/review.json", func(p string) error { return os.Truncate(p, MaxAddendumFile+1) }, "not a regular file of at most"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			review, d := writeTree(t, 1)
			path := filepath.Join(review, filepath.FromSlash(tt.file))
			if !strings.Contains(tt.name, "huge") {
				if err := os.Remove(path); err != nil {
					t.Fatal(err)
				}
			}
			if err := tt.make(path); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { _, err := VerifyReview(os.DirFS(review), os.DirFS(d)); done <- err }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("VerifyReview = %v, want an error with %q", err, tt.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("VerifyReview blocked")
			}
		})
	}
}
