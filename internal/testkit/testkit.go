// Package testkit holds the helpers several packages' tests share: waiting for
// a condition, damaging a restic repository on purpose, and reading HTML
// pages. Only tests import it.
package testkit

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Poll reports whether cond holds within the given time, checking every 100 ms.
func Poll(within time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(100 * time.Millisecond)
	}
	return true
}

// WaitFor polls cond until it holds, failing the test after within.
func WaitFor(t testing.TB, what string, within time.Duration, cond func() bool) {
	t.Helper()
	if !Poll(within, cond) {
		t.Fatalf("%s: not within %s", what, within)
	}
}

// LargestPack is the largest pack file of a restic repository, and its size.
func LargestPack(t testing.TB, repo string) (string, int64) {
	t.Helper()
	packs, _ := filepath.Glob(filepath.Join(repo, "data", "*", "*"))
	var big string
	var size int64
	for _, p := range packs {
		if fi, err := os.Stat(p); err == nil && fi.Size() > size {
			big, size = p, fi.Size()
		}
	}
	if big == "" {
		t.Fatalf("no pack files in %s", repo)
	}
	return big, size
}

// TruncateLargestPack cuts the largest pack file of a restic repository in
// half and returns the reason the backup checks give for it.
func TruncateLargestPack(t testing.TB, repo string) string {
	t.Helper()
	big, size := LargestPack(t, repo)
	if err := os.Truncate(big, size/2); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("restic check found damage in the repository at %s: pack %s: unexpected file size: got %d, expected %d",
		repo, filepath.Base(big), size/2, size)
}
