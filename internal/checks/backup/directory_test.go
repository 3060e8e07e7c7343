package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// backupDir writes files into a new directory, every file dated an hour
// before at except data/permits.csv, dated at.
func backupDir(t *testing.T, files []testFile, at time.Time) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idp-config")
	writeFiles(t, dir, files)
	for _, f := range files {
		tm := at.Add(-time.Hour)
		if f.path == "data/permits.csv" {
			tm = at
		}
		setMtime(t, filepath.Join(dir, filepath.FromSlash(f.path)), tm)
	}
	return dir
}

func dirBackup(loc string) *drill.Backup {
	return &drill.Backup{ID: "idp-config", Kind: drill.Directory, Location: loc, HeldBy: "own", Every: drill.Duration(drill.Day)}
}

func TestDirectory(t *testing.T) {
	ctx := context.Background()
	orig := withManifest(sampleFiles(256 << 10))
	good := backupDir(t, orig, snapTime)
	for _, restore := range []bool{false, true} {
		t.Run(fmt.Sprintf("good restore=%v", restore), func(t *testing.T) {
			out, err := runBackupStep(t, ctx, backupCase{b: dirBackup(good), restore: restore, t0: snapTime.Add(90 * time.Minute), rpo: drill.Day})
			wantPass(t, out, err)
			wantDetail(t, out, drill.DetailBackupTime, "2026-11-20T10:00:00Z")
			wantDetail(t, out, drill.DetailBackupAge, "1h30m0s")
			wantDetail(t, out, "files", strconv.Itoa(len(orig)))
			wantDetail(t, out, "manifest", fmt.Sprintf("1 SHA256SUMS, %d files match", len(orig)-1))
			if restore && out.Details[drill.DetailRestoreSeconds] == "" {
				t.Errorf("no restore figures: %v", out.Details)
			}
		})
	}

	tampered := backupDir(t, tamper(orig, "config/app.yaml"), snapTime)
	var got, want string
	for i, f := range tamper(orig, "config/app.yaml") {
		if f.path == "config/app.yaml" {
			got, want = sha256hex(f.data), sha256hex(orig[i].data)
		}
	}
	empty := t.TempDir()
	missing := filepath.Join(t.TempDir(), "gone")
	for _, tc := range []struct {
		name    string
		loc     string
		t0      time.Time
		restore []bool
		reason  string
	}{
		{"manifest mismatch", tampered, snapTime.Add(time.Hour), []bool{false, true},
			fmt.Sprintf("SHA256SUMS does not match the backup: config/app.yaml has sha256 %s, the manifest says %s", got[:12], want[:12])},
		{"stale", good, snapTime.Add(2*drill.Day + 10*time.Minute), []bool{false},
			"newest file in the directory is 2d old at T0, older than the RPO 1d: a data-loss finding; it also missed its schedule (every 1d); the copy is usable, the steps after it still run"},
		{"empty", empty, snapTime, []bool{false, true}, "the backup directory " + empty + " is empty"},
		{"missing", missing, snapTime, []bool{false, true}, "no backup at " + missing + ": the directory does not exist"},
	} {
		for _, restore := range tc.restore {
			t.Run(fmt.Sprintf("%s restore=%v", tc.name, restore), func(t *testing.T) {
				out, err := runBackupStep(t, ctx, backupCase{b: dirBackup(tc.loc), restore: restore, t0: tc.t0, rpo: drill.Day})
				if strings.HasSuffix(tc.reason, "; the copy is usable, the steps after it still run") {
					wantFinding(t, out, err, tc.reason)
					return
				}
				wantFail(t, out, err, tc.reason)
			})
		}
	}
	if _, err := os.Stat(good); err != nil {
		t.Fatalf("a check changed the backup: %v", err)
	}
}
