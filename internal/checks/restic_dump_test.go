package checks

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// tarEntry is one entry of a tar stream made for a test.
type tarEntry struct {
	name, link string
	kind       byte
	mode       int64
	data       string
}

func tarStream(t *testing.T, entries ...tarEntry) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, e := range entries {
		hdr := &tar.Header{Name: e.name, Linkname: e.link, Typeflag: e.kind, Mode: e.mode,
			Size: int64(len(e.data)), ModTime: snapTime}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(tw, e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// unpackInto unpacks stream into a new directory under a temporary one (so
// that an escape would land beside it) and returns the directory.
func unpackInto(t *testing.T, stream []byte) (string, *dumpResult, error) {
	t.Helper()
	target := filepath.Join(t.TempDir(), "restore")
	if err := os.Mkdir(target, 0o700); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(target)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	res, err := unpackDump(context.Background(), bytes.NewReader(stream), root)
	return target, res, err
}

func TestUnpackDump(t *testing.T) {
	manifest := sha256hex([]byte("id\n1\n")) + "  data/permits.csv\n"
	stream := tarStream(t,
		tarEntry{name: "data/", kind: tar.TypeDir, mode: 0o750},
		tarEntry{name: "data/permits.csv", kind: tar.TypeReg, mode: 0o640, data: "id\n1\n"},
		tarEntry{name: "data/current", kind: tar.TypeSymlink, link: "permits.csv", mode: 0o777},
		tarEntry{name: "data/same.csv", kind: tar.TypeLink, link: "data/permits.csv", mode: 0o640},
		tarEntry{name: "fifo", kind: tar.TypeFifo, mode: 0o600},
		tarEntry{name: manifestName, kind: tar.TypeReg, mode: 0o400, data: manifest},
	)
	target, res, err := unpackInto(t, stream)
	if err != nil {
		t.Fatal(err)
	}
	j := &backupJob{details: map[string]string{}}
	if err := j.verifyDump(target, res); err != nil {
		t.Fatalf("verify: %v", err)
	}
	if want := int64(2*len("id\n1\n") + len(manifest)); res.scan.files != 3 || res.scan.bytes != want {
		t.Errorf("%d files, %d bytes; want 3 files, %d bytes", res.scan.files, res.scan.bytes, want)
	}
	if got, want := res.scan.sums["data/same.csv"], sha256hex([]byte("id\n1\n")); got != want {
		t.Errorf("the hard link has sha256 %s, want %s", got, want)
	}
	wantDetail(t, StepOutput{Details: j.details}, "manifest", "1 SHA256SUMS, 1 files match")
	for _, tc := range []struct {
		path string
		mode fs.FileMode
	}{
		{"data", fs.ModeDir | 0o750},
		{"data/permits.csv", 0o640},
		{"data/same.csv", 0o640},
		{"data/current", fs.ModeSymlink | 0o777},
		{manifestName, 0o400},
	} {
		fi, err := os.Lstat(filepath.Join(target, tc.path))
		if err != nil {
			t.Errorf("%s: %v", tc.path, err)
			continue
		}
		if fi.Mode() != tc.mode {
			t.Errorf("%s has mode %v, want %v", tc.path, fi.Mode(), tc.mode)
		}
		if tc.mode&fs.ModeSymlink == 0 && !fi.ModTime().Equal(snapTime) {
			t.Errorf("%s has time %v, want %v", tc.path, fi.ModTime(), snapTime)
		}
	}
	if _, err := os.Lstat(filepath.Join(target, "fifo")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a fifo was restored: %v", err)
	}
}

// TestUnpackDumpUnsafe: an entry that would land outside the sandbox fails
// the restore, and nothing is written outside it.
func TestUnpackDumpUnsafe(t *testing.T) {
	for _, tc := range []struct {
		name    string
		entries []tarEntry
		reason  string
	}{
		{"parent", []tarEntry{{name: "../evil", kind: tar.TypeReg, mode: 0o644, data: "x"}},
			`snapshot entry "../evil" points outside the snapshot: it is unsafe to restore`},
		{"absolute", []tarEntry{{name: "/evil", kind: tar.TypeReg, mode: 0o644, data: "x"}},
			`snapshot entry "/evil" points outside the snapshot: it is unsafe to restore`},
		{"through a symbolic link", []tarEntry{
			{name: "up", kind: tar.TypeSymlink, link: "..", mode: 0o777},
			{name: "up/evil", kind: tar.TypeReg, mode: 0o644, data: "x"}},
			"cannot restore up/evil into the sandbox: path escapes from parent"},
		{"hard link outside", []tarEntry{{name: "evil", kind: tar.TypeLink, link: "../x", mode: 0o644}},
			`snapshot entry "../x" points outside the snapshot: it is unsafe to restore`},
		{"through an absolute symbolic link", []tarEntry{
			{name: "tmp", kind: tar.TypeSymlink, link: os.TempDir(), mode: 0o777},
			{name: "tmp/evil", kind: tar.TypeReg, mode: 0o644, data: "x"}},
			"cannot restore tmp/evil into the sandbox: path escapes from parent"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target, _, err := unpackInto(t, tarStream(t, tc.entries...))
			var local *localError
			if !errors.As(err, &local) {
				t.Fatalf("got %v, want a refusal", err)
			}
			if local.Error() != tc.reason {
				t.Errorf("reason\n got: %s\nwant: %s", local.Error(), tc.reason)
			}
			for _, p := range []string{filepath.Join(filepath.Dir(target), "evil"), filepath.Join(os.TempDir(), "evil")} {
				if _, err := os.Lstat(p); err == nil {
					t.Errorf("%s was written outside the sandbox", p)
				}
			}
		})
	}
}

// TestUnpackDumpTruncated: a stream that ends inside a file is an error of
// the stream (restic's failure is the reason then), not of the sandbox.
func TestUnpackDumpTruncated(t *testing.T) {
	stream := tarStream(t, tarEntry{name: "big.bin", kind: tar.TypeReg, mode: 0o644, data: string(make([]byte, 100_000))})
	_, _, err := unpackInto(t, stream[:50_000])
	var local *localError
	if !errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &local) {
		t.Fatalf("got %v, want an unexpected end of the stream", err)
	}
}

// TestUnpackDumpIncomplete: an entry the tree does not hold as the stream
// described it fails the comparison.
func TestUnpackDumpIncomplete(t *testing.T) {
	target, res, err := unpackInto(t, tarStream(t,
		tarEntry{name: "a.txt", kind: tar.TypeReg, mode: 0o644, data: "abc"},
		tarEntry{name: "b.txt", kind: tar.TypeReg, mode: 0o644, data: "def"}))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(target, "a.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "b.txt"), []byte("de"), 0o644); err != nil {
		t.Fatal(err)
	}
	j := &backupJob{details: map[string]string{}}
	err = j.verifyDump(target, res)
	want := "the restore is incomplete: 2 of the snapshot's entries are missing or differ: a.txt is missing; b.txt has 2 bytes, the snapshot 3"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}
