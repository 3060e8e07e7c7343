package evidence

import (
	"crypto/ed25519"
	"os"
	"path/filepath"
	"testing"
)

// A bundle on disk whose manifest.json is a symbolic link — to the very same
// bytes, kept elsewhere — does not verify: a bundle holds only regular files.
func TestSymlinkedManifestFails(t *testing.T) {
	files := sealed(t, testKey(1))
	dir := t.TempDir()
	for _, p := range files.Paths() {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pub := testKey(1).Public().(ed25519.PublicKey)
	if _, err := Verify(os.DirFS(dir), pub); err != nil {
		t.Fatalf("the bundle as written: %v", err)
	}
	elsewhere := filepath.Join(t.TempDir(), "manifest.json")
	if err := os.Rename(filepath.Join(dir, ManifestFile), elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(dir, ManifestFile)); err != nil {
		t.Fatal(err)
	}
	_, err := Verify(os.DirFS(dir), pub)
	if !isProblem(err, ManifestFile, "not a regular file (a symbolic link): a bundle holds only regular files") {
		t.Errorf("symlinked manifest: %v", err)
	}
}
