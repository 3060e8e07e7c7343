package stamp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustStamp(t *testing.T, path string, o Options) drill.FileStamp {
	t.Helper()
	s, err := Of(context.Background(), path, o)
	if err != nil {
		t.Fatalf("Of(%s): %v", path, err)
	}
	return s
}

func TestFile(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "plan.md")
	write(t, f, "# Exit plan\n")
	sum := sha256.Sum256([]byte("# Exit plan\n"))
	got := mustStamp(t, f, Options{})
	if got.Kind != drill.FileRegular || got.SHA256 != hex.EncodeToString(sum[:]) || got.Size != 12 || !got.ModTime.IsZero() {
		t.Errorf("stamp %+v, want a file of 12 bytes with its content's hash", got)
	}
	write(t, f, "# Exit plan!\n")
	if d := got.Diff(mustStamp(t, f, Options{})); d != "size 12 → 13 bytes" {
		t.Errorf("grown file: diff %q", d)
	}
	write(t, f, "# Exit PLAN\n")
	if d := got.Diff(mustStamp(t, f, Options{})); !strings.HasPrefix(d, "planned sha256 "+got.SHA256[:8]+"…, worker sees ") {
		t.Errorf("changed file: diff %q", d)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(f, link); err != nil {
		t.Fatal(err)
	}
	if s := mustStamp(t, link, Options{}); s.Kind != drill.FileRegular || s.Size != 12 {
		t.Errorf("a link to a file: %+v, want the file's stamp", s)
	}
}

func TestLargeFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "dump.pgdump")
	write(t, f, strings.Repeat("x", 100))
	got := mustStamp(t, f, Options{HashLimit: 64})
	if got.Kind != drill.FileRegular || got.SHA256 != "" || got.Size != 100 || got.ModTime.IsZero() {
		t.Fatalf("stamp %+v, want size and modification time without a hash", got)
	}
	if d := got.Diff(mustStamp(t, f, Options{HashLimit: 64})); d != "" {
		t.Errorf("same file: diff %q", d)
	}
	later := got.ModTime.Add(time.Hour)
	if err := os.Chtimes(f, later, later); err != nil {
		t.Fatal(err)
	}
	if d := got.Diff(mustStamp(t, f, Options{HashLimit: 64})); !strings.HasPrefix(d, "size 100 bytes, modified ") {
		t.Errorf("touched file: diff %q", d)
	}
}

func TestDirManifest(t *testing.T) {
	repo := t.TempDir()
	write(t, filepath.Join(repo, "config"), "c")
	write(t, filepath.Join(repo, "data", "00", "0011"), "pack")
	write(t, filepath.Join(repo, "snapshots", "aa"), "snap")
	o := Options{Skip: []string{"locks"}}
	got := mustStamp(t, repo, o)
	if got.Kind != drill.FileDir || got.Entries != 6 || got.Size != 9 || len(got.SHA256) != 64 {
		t.Fatalf("stamp %+v, want a directory of 6 entries, 9 bytes", got)
	}
	// restic writes a lock even to read: not a change.
	write(t, filepath.Join(repo, "locks", "ffee"), "lock")
	if d := got.Diff(mustStamp(t, repo, o)); d != "" {
		t.Errorf("a lock file: diff %q", d)
	}
	if d := got.Diff(mustStamp(t, repo, Options{})); d == "" {
		t.Error("without skip, locks/ counts")
	}
	// a file of the same size rewritten later is a change
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(repo, "data", "00", "0011"), later, later); err != nil {
		t.Fatal(err)
	}
	if d := got.Diff(mustStamp(t, repo, o)); !strings.HasPrefix(d, "the directory's manifest differs: planned 6 entries, 9 bytes") {
		t.Errorf("touched pack: diff %q", d)
	}
	write(t, filepath.Join(repo, "snapshots", "bb"), "snap")
	if s := mustStamp(t, repo, o); s.Entries != 7 {
		t.Errorf("a new snapshot: %d entries, want 7", s.Entries)
	}
	if _, err := Of(context.Background(), repo, Options{Skip: []string{"locks"}, MaxEntries: 6}); err == nil || !strings.Contains(err.Error(), "more than 6 entries") {
		t.Errorf("over the entry bound: error %v, want more than 6 entries", err)
	}
}

func TestNotRead(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, zero} {
		done := make(chan drill.FileStamp)
		go func() { s, _ := Of(context.Background(), p, Options{}); done <- s }()
		select {
		case s := <-done:
			if s.Kind != drill.FileOther {
				t.Errorf("%s: kind %q, want other", p, s.Kind)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("stamping %s blocks", p)
		}
	}
	// A FIFO inside a directory is listed, never opened.
	s := mustStamp(t, dir, Options{})
	if s.Kind != drill.FileDir || s.Entries != 2 {
		t.Errorf("directory with a fifo: %+v", s)
	}
	missing := mustStamp(t, filepath.Join(dir, "gone", "x"), Options{})
	if missing.Kind != drill.FileMissing {
		t.Errorf("missing: %+v", missing)
	}
	write(t, filepath.Join(dir, "file"), "x")
	if s := mustStamp(t, filepath.Join(dir, "file", "x"), Options{}); s.Kind != drill.FileMissing {
		t.Errorf("below a file: %+v, want missing", s)
	}
	if d := (drill.FileStamp{Kind: drill.FileRegular, Size: 1}).Diff(missing); d != "missing on this worker" {
		t.Errorf("diff %q", d)
	}
}

func TestCancelled(t *testing.T) {
	f := filepath.Join(t.TempDir(), "big")
	write(t, f, strings.Repeat("x", 3<<20))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Of(ctx, f, Options{}); err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Errorf("cancelled: error %v", err)
	}
	if _, err := Of(ctx, filepath.Dir(f), Options{}); err == nil {
		t.Error("cancelled directory: no error")
	}
}

// TestPlannedUnreadable: what cannot be stamped where a drill is prepared is
// recorded unreadable with the reason, not an error; what can is stamped as
// Of stamps it; a cancelled context is the only error.
func TestPlannedUnreadable(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink("loop", loop); err != nil {
		t.Fatal(err)
	}
	got, err := Planned(context.Background(), loop, Options{})
	if err != nil || got.Kind != drill.FileUnreadable || got.Error != "too many levels of symbolic links" || got.Path != loop {
		t.Errorf("Planned(loop) = %+v, %v; want unreadable: too many levels of symbolic links", got, err)
	}
	if why := got.Unreadable(); why != loop+" could not be read where the drill was prepared (too many levels of symbolic links): the worker cannot show that it sees the catalog's file" {
		t.Errorf("Unreadable() = %q", why)
	}
	big := filepath.Join(dir, "big")
	for _, n := range []string{"a", "b", "c"} {
		write(t, filepath.Join(big, n), n)
	}
	if got, err := Planned(context.Background(), big, Options{MaxEntries: 2}); err != nil || got.Kind != drill.FileUnreadable || got.Error != "more than 2 entries" {
		t.Errorf("Planned(too many entries) = %+v, %v; want unreadable: more than 2 entries", got, err)
	}
	f := filepath.Join(dir, "plan.md")
	write(t, f, "# Exit plan\n")
	if got, err := Planned(context.Background(), f, Options{}); err != nil || got.Kind != drill.FileRegular || got.Diff(mustStamp(t, f, Options{})) != "" {
		t.Errorf("Planned(file) = %+v, %v; want Of's stamp", got, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Planned(ctx, big, Options{}); err == nil {
		t.Error("Planned with a cancelled context: no error")
	}
}
