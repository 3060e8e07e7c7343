package recorder

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/evidence"
)

// writeAll writes many files in several directories at once; each ends
// with its own bytes, whatever writer took it.
func TestWriteAllWritesEveryFile(t *testing.T) {
	files := evidence.Files{}
	for i := range 3 * syncWriters {
		files[fmt.Sprintf("d%d/f%02d.txt", i%3, i)] = bytes.Repeat([]byte{byte('a' + i%26)}, 1000+i)
	}
	files["journal.jsonl"] = []byte("{}\n")
	dir := t.TempDir()
	if err := writeAll(dir, files); err != nil {
		t.Fatal(err)
	}
	for p, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, want %d bytes of %q", p, len(got), len(want), want[:1])
		}
	}
}

// A file that cannot be written fails the whole write, naming the file,
// and WriteDir leaves no bundle behind.
func TestWriteAllReportsEveryFailure(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "taken.txt"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	files := evidence.Files{"taken.txt": []byte("x"), "ok.txt": []byte("y")}
	err := writeAll(dir, files)
	if err == nil || !strings.Contains(err.Error(), "taken.txt") {
		t.Fatalf("writeAll over an existing file: %v; want an error naming taken.txt", err)
	}

	// A path that names a file as a directory cannot be written: no bundle.
	bundle := filepath.Join(t.TempDir(), "b")
	bad := evidence.Files{"a": []byte("file"), "a/b": []byte("under a file")}
	if err := WriteDir(bundle, bad); err == nil {
		t.Fatal("WriteDir with a file under a file: no error")
	}
	if _, err := os.Stat(bundle); !os.IsNotExist(err) {
		t.Errorf("WriteDir failed, but %s exists (%v)", bundle, err)
	}
}
