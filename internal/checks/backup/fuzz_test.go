package backup

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// FuzzManifest parses any bytes as a SHA256SUMS manifest within a 64 KiB
// limit: no panic, and the peak RSS stays under 512 MB.
func FuzzManifest(f *testing.F) {
	f.Add([]byte("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty.txt\n"))
	f.Add([]byte("SHA256 (a b.txt) = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n# comment\n\n"))
	f.Add(bytes.Repeat([]byte("# padding\n"), 10_000))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = parseManifest(bytes.NewReader(data), "SHA256SUMS", 64<<10)
		testkit.CheckPeakRSS(t)
	})
}

// FuzzArchive reads any bytes as an archive backup (tar, tar.gz, zip), with
// a 64 KiB manifest limit: no panic, and the peak RSS stays under 512 MB.
func FuzzArchive(f *testing.F) {
	dir := f.TempDir()
	for _, format := range []string{"tar", "tar.gz", "zip"} {
		loc := makeArchive(f, format, withManifest(sampleFiles(4<<10)), filepath.Join(dir, "seed."+format))
		b, err := os.ReadFile(loc)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, data []byte) {
		loc := filepath.Join(t.TempDir(), "site.tar.gz")
		if err := os.WriteFile(loc, data, 0o644); err != nil {
			t.Fatal(err)
		}
		j := &backupJob{b: &drill.Backup{ID: "fuzz", Kind: drill.Archive, Location: loc, ManifestBytes: 64 << 10}, loc: loc, details: map[string]string{}}
		_, _ = j.readArchive(context.Background(), nil)
		testkit.CheckPeakRSS(t)
	})
}
