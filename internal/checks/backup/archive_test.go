package backup

import (
	"archive/tar"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// makeArchive packs files with the tools an operator uses: tar, tar -z, zip.
func makeArchive(t testing.TB, format string, files []testFile, out string) string {
	t.Helper()
	src := t.TempDir()
	writeFiles(t, src, files)
	var cmd *exec.Cmd
	switch format {
	case "tar":
		cmd = exec.Command("tar", "-C", src, "-cf", out, ".")
	case "tar.gz":
		cmd = exec.Command("tar", "-C", src, "-czf", out, ".")
	case "zip":
		if _, err := exec.LookPath("zip"); err != nil {
			t.Fatal("zip is not installed: run scripts/setup")
		}
		cmd = exec.Command("zip", "-qr", out, ".")
		cmd.Dir = src
	}
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args, err, b)
	}
	setMtime(t, out, snapTime)
	return out
}

func archiveBackup(loc string) *drill.Backup {
	return &drill.Backup{ID: "website-content", Kind: drill.Archive, Location: loc, HeldBy: "own", Every: drill.Duration(drill.Day)}
}

func TestArchiveFormats(t *testing.T) {
	files := withManifest(sampleFiles(1 << 20))
	for _, format := range []string{"tar", "tar.gz", "zip"} {
		loc := makeArchive(t, format, files, filepath.Join(t.TempDir(), "site."+format))
		for _, restore := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s restore=%v", format, restore), func(t *testing.T) {
				out, err := runBackupStep(t, context.Background(), backupCase{b: archiveBackup(loc), restore: restore,
					t0: snapTime.Add(3 * time.Hour), rpo: drill.Day})
				wantPass(t, out, err)
				wantDetail(t, out, "format", format)
				wantDetail(t, out, "files", strconv.Itoa(len(files)))
				wantDetail(t, out, "manifest", fmt.Sprintf("1 SHA256SUMS, %d files match", len(files)-1))
				wantDetail(t, out, drill.DetailBackupAge, "3h0m0s")
				if restore && out.Details[drill.DetailBytesPerSecond] == "" {
					t.Errorf("no restore figures: %v", out.Details)
				}
			})
		}
	}
}

func TestArchiveBroken(t *testing.T) {
	dir := t.TempDir()
	orig := withManifest(sampleFiles(1 << 20))

	truncated := makeArchive(t, "tar.gz", orig, filepath.Join(dir, "truncated.tar.gz"))
	fi, _ := os.Stat(truncated)
	if err := os.Truncate(truncated, fi.Size()/2); err != nil {
		t.Fatal(err)
	}
	setMtime(t, truncated, snapTime)

	badZip := makeArchive(t, "zip", orig, filepath.Join(dir, "damaged.zip"))
	flipMiddle(t, badZip)

	tampered := makeArchive(t, "tar.gz", tamper(orig, "data/permits.csv"), filepath.Join(dir, "tampered.tar.gz"))
	var got, want string
	for i, f := range tamper(orig, "data/permits.csv") {
		if f.path == "data/permits.csv" {
			got, want = sha256hex(f.data), sha256hex(orig[i].data)
		}
	}
	var lost []testFile
	for _, f := range orig {
		if f.path != "README.txt" {
			lost = append(lost, f)
		}
	}
	incomplete := makeArchive(t, "zip", lost, filepath.Join(dir, "incomplete.zip"))

	besideDir := filepath.Join(dir, "beside")
	if err := os.Mkdir(besideDir, 0o755); err != nil {
		t.Fatal(err)
	}
	beside := makeArchive(t, "tar.gz", orig, filepath.Join(besideDir, "site.tar.gz"))
	sum := fileSHA(t, beside)
	wrong := sha256hex([]byte("another archive"))
	writeFiles(t, besideDir, []testFile{{manifestName, []byte(wrong + "  site.tar.gz\n" + sum + "  other.tar.gz\n")}})

	unsafe := filepath.Join(dir, "unsafe.tar")
	writeTar(t, unsafe, []tar.Header{{Name: "../evil.txt", Typeflag: tar.TypeReg, Mode: 0o644, Size: 4}})
	escape := filepath.Join(dir, "escape.tar")
	writeTar(t, escape, []tar.Header{
		{Name: "link", Typeflag: tar.TypeSymlink, Linkname: "/etc", Mode: 0o777},
		{Name: "link/evil.txt", Typeflag: tar.TypeReg, Mode: 0o644, Size: 4},
	})
	notArchive := filepath.Join(dir, "notes.txt")
	writeFiles(t, dir, []testFile{{"notes.txt", []byte("not an archive")}})

	stale := makeArchive(t, "tar.gz", orig, filepath.Join(dir, "stale.tar.gz"))

	for _, tc := range []struct {
		name    string
		loc     string
		restore []bool
		t0      time.Time
		reason  string
		outside string // a file the restore must not have written
	}{
		{"truncated tar.gz", truncated, []bool{false, true}, time.Time{},
			"the archive " + truncated + " cannot be read to the end: entry data/big.bin: unexpected EOF (the archive is damaged or truncated)", ""},
		{"damaged zip", badZip, []bool{false, true}, time.Time{},
			"the archive " + badZip + " cannot be read to the end: entry data/big.bin: zip: checksum error (the archive is damaged or truncated)", ""},
		{"manifest mismatch", tampered, []bool{false, true}, time.Time{},
			fmt.Sprintf("SHA256SUMS does not match the backup: data/permits.csv has sha256 %s, the manifest says %s", got[:12], want[:12]), ""},
		{"file missing", incomplete, []bool{false, true}, time.Time{},
			"SHA256SUMS does not match the backup: README.txt is missing", ""},
		{"manifest beside", beside, []bool{false, true}, time.Time{},
			fmt.Sprintf("SHA256SUMS beside the archive does not match the backup: site.tar.gz has sha256 %s, the manifest says %s", sum[:12], wrong[:12]), ""},
		{"entry outside", unsafe, []bool{false, true}, time.Time{},
			`archive entry "../evil.txt" points outside the archive: it is unsafe to restore`, ""},
		{"escape through a link", escape, []bool{true}, time.Time{},
			"cannot restore archive entry link/evil.txt: path escapes from parent", "/etc/evil.txt"},
		{"not an archive", notArchive, []bool{false, true}, time.Time{},
			notArchive + " is not a tar, tar.gz or zip archive", ""},
		{"stale", stale, []bool{false}, snapTime.Add(3*drill.Day + 5*time.Minute),
			"archive stale.tar.gz is 3d old at T0, older than the RPO 1d: a data-loss finding; it also missed its schedule (every 1d); the copy is usable, the steps after it still run", ""},
		{"missing", filepath.Join(dir, "gone.tar.gz"), []bool{false, true}, time.Time{},
			"no backup at " + filepath.Join(dir, "gone.tar.gz") + ": the archive does not exist", ""},
	} {
		for _, restore := range tc.restore {
			t.Run(fmt.Sprintf("%s restore=%v", tc.name, restore), func(t *testing.T) {
				t0 := tc.t0
				if t0.IsZero() {
					t0 = snapTime.Add(time.Hour)
				}
				out, err := runBackupStep(t, context.Background(), backupCase{b: archiveBackup(tc.loc), restore: restore, t0: t0, rpo: drill.Day})
				if strings.HasSuffix(tc.reason, "; the copy is usable, the steps after it still run") {
					wantFinding(t, out, err, tc.reason)
					return
				}
				wantFail(t, out, err, tc.reason)
				if tc.outside != "" {
					if _, err := os.Lstat(tc.outside); err == nil {
						t.Fatalf("the restore wrote %s, outside its sandbox", tc.outside)
					}
				}
			})
		}
	}
}

// flipMiddle overwrites bytes in the middle of a file.
func flipMiddle(t *testing.T, p string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) / 2; i < len(b)/2+8; i++ {
		b[i] ^= 0xff
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	setMtime(t, p, snapTime)
}

// writeTar writes a tar whose regular files hold "evil".
func writeTar(t *testing.T, p string, hdrs []tar.Header) {
	t.Helper()
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	tw := tar.NewWriter(f)
	for _, h := range hdrs {
		if err := tw.WriteHeader(&h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			if _, err := tw.Write([]byte("evil")); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	setMtime(t, p, snapTime)
}
