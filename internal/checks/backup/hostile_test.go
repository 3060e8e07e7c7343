package backup

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// writeTarGz writes a tar.gz by hand: entries with content, hard links, and
// a SHA256SUMS entry of pad bytes of comment lines.
func writeTarGz(t *testing.T, p string, entries []tar.Header, content map[string]string) {
	t.Helper()
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	for _, h := range entries {
		body := content[h.Name]
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(body))
		}
		if err := tw.WriteHeader(&h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			if _, err := tw.Write([]byte(body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range []interface{ Close() error }{tw, zw, f} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	setMtime(t, p, snapTime)
}

// TestArchiveHardLinksVerified: a hard link in a tar is verified like the
// file it links to — its SHA256SUMS line must match that content — and
// restored as a link, not skipped.
func TestArchiveHardLinksVerified(t *testing.T) {
	dir := t.TempDir()
	data := "permit;2026\n"
	good := sha256hex([]byte(data))
	bad := sha256hex([]byte("other"))
	for _, tt := range []struct {
		name, sums, want string
	}{
		{"link matches", good + "  data/a.csv\n" + good + "  data/b.csv\n", ""},
		{"link's line differs", good + "  data/a.csv\n" + bad + "  data/b.csv\n", "data/b.csv"},
	} {
		loc := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".tar.gz")
		writeTarGz(t, loc, []tar.Header{
			{Name: "data/a.csv", Typeflag: tar.TypeReg, Mode: 0o644},
			{Name: "data/b.csv", Typeflag: tar.TypeLink, Linkname: "data/a.csv"},
			{Name: "SHA256SUMS", Typeflag: tar.TypeReg, Mode: 0o644},
		}, map[string]string{"data/a.csv": data, "SHA256SUMS": tt.sums})
		for _, restore := range []bool{false, true} {
			out, err := runBackupStep(t, context.Background(), backupCase{b: archiveBackup(loc), restore: restore, t0: snapTime.Add(time.Hour), rpo: drill.Day})
			if tt.want == "" {
				wantPass(t, out, err)
				wantDetail(t, out, "manifest", "1 SHA256SUMS, 2 files match")
				continue
			}
			if err == nil || !strings.Contains(out.Reason, tt.want) {
				t.Errorf("%s (restore %v): reason %q, want a mismatch naming %s", tt.name, restore, out.Reason, tt.want)
			}
		}
	}
	dangling := filepath.Join(dir, "dangling.tar.gz")
	writeTarGz(t, dangling, []tar.Header{{Name: "b.csv", Typeflag: tar.TypeLink, Linkname: "a.csv"}}, nil)
	out, err := runBackupStep(t, context.Background(), backupCase{b: archiveBackup(dangling), t0: snapTime.Add(time.Hour), rpo: drill.Day})
	wantFail(t, out, err, `archive entry "b.csv" is a hard link to "a.csv", which the archive does not hold before it: the archive is damaged`)
}

// TestHostileBackups: a SHA256SUMS too large to hold, an archive that is a
// named pipe: each fails its step with a reason, at once.
func TestHostileBackups(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big-manifest.tar.gz")
	pad := strings.Repeat("# padding line of a hostile manifest\n", 2<<20/37+1) // 2 MiB of comments
	writeTarGz(t, big, []tar.Header{{Name: "SHA256SUMS", Typeflag: tar.TypeReg, Mode: 0o644}}, map[string]string{"SHA256SUMS": pad})
	b := archiveBackup(big)
	b.ManifestBytes = 1 << 20
	out, err := runBackupStep(t, context.Background(), backupCase{b: b, t0: snapTime.Add(time.Hour), rpo: drill.Day})
	wantFail(t, out, err, "archive entry SHA256SUMS is larger than 1 MiB, the limit (backup.manifestBytes): a manifest that large is not read")

	// The default limit, on a directory backup's SHA256SUMS.
	tree := filepath.Join(dir, "tree")
	writeFiles(t, tree, []testFile{{manifestName, []byte(strings.Repeat(pad, 33))}}) // 66 MiB
	setMtime(t, tree, snapTime)
	out, err = runBackupStep(t, context.Background(), backupCase{b: &drill.Backup{ID: "tree", Kind: drill.Directory, Location: tree, HeldBy: "own", Every: drill.Duration(drill.Day)},
		t0: snapTime.Add(time.Hour), rpo: drill.Day})
	wantFail(t, out, err, "SHA256SUMS is larger than 64 MiB, the limit (backup.manifestBytes): a manifest that large is not read")

	fifo := filepath.Join(dir, "site.tar.gz")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	setMtime(t, fifo, snapTime)
	done := make(chan struct{})
	go func() {
		defer close(done)
		out, err = runBackupStep(t, context.Background(), backupCase{b: archiveBackup(fifo), t0: snapTime.Add(time.Hour), rpo: drill.Day})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("an archive that is a named pipe blocked the step")
	}
	if err == nil || !strings.Contains(out.Reason, "is not an archive file") {
		t.Errorf("named pipe: error %v, reason %q", err, out.Reason)
	}
}
