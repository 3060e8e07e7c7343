package checks

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

const (
	testResticPassword = "correct horse battery staple"
	testPasswordEnv    = "PARKEREN_RESTIC_PASSWORD"
)

var snapTime = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// newResticRepo makes a real restic repository holding one snapshot of files,
// dated at.
func newResticRepo(t *testing.T, files []testFile, at time.Time) string {
	t.Helper()
	requireRestic(t)
	src := t.TempDir()
	writeFiles(t, src, files)
	repo := filepath.Join(t.TempDir(), "repo")
	restic(t, "", repo, "init")
	restic(t, src, repo, "backup", "--time", at.In(time.Local).Format("2006-01-02 15:04:05"), ".")
	return repo
}

func restic(t *testing.T, dir, repo string, args ...string) {
	t.Helper()
	cmd := exec.Command("restic", append([]string{"--quiet", "--no-cache", "--repo", repo}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "RESTIC_PASSWORD="+testResticPassword)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("restic %v: %v\n%s", args, err, out)
	}
}

func resticBackup(repo string) *catalog.Backup {
	return &catalog.Backup{ID: "parkeren-restic", Kind: kindRestic, Location: repo, PasswordEnv: testPasswordEnv,
		HeldBy: "own", Every: yamldoc.Duration(yamldoc.Day)}
}

var goodEnv = map[string]string{testPasswordEnv: testResticPassword}

func TestResticFresh(t *testing.T) {
	files := withManifest(sampleFiles(1 << 20))
	repo := newResticRepo(t, files, snapTime)
	ctx := context.Background()
	day := yamldoc.Day

	t.Run("fresh", func(t *testing.T) {
		out, err := runBackupStep(t, ctx, backupCase{b: resticBackup(repo), env: goodEnv, t0: snapTime.Add(2 * time.Hour), rpo: day})
		wantPass(t, out, err)
		wantDetail(t, out, DetailBackupID, "parkeren-restic")
		wantDetail(t, out, DetailBackupTime, "2026-11-20T10:00:00Z")
		wantDetail(t, out, DetailBackupAge, "2h0m0s")
		wantDetail(t, out, "snapshots", "1")
		wantDetail(t, out, "entries", strconv.Itoa(len(files)+2)) // and the directories data, config
		var size int
		for _, f := range files {
			size += len(f.data)
		}
		wantDetail(t, out, DetailBytes, strconv.Itoa(size))
	})
	t.Run("relative to the catalog file", func(t *testing.T) {
		b := resticBackup("repo")
		out, err := runBackupStep(t, ctx, backupCase{b: b, env: goodEnv, t0: snapTime.Add(time.Hour), rpo: day, baseDir: filepath.Dir(repo)})
		wantPass(t, out, err)
		wantDetail(t, out, "location", repo)
	})

	for _, tc := range []struct {
		name   string
		c      backupCase
		reason string
	}{
		{"older than the RPO", backupCase{t0: snapTime.Add(3*day + 2*time.Hour + 30*time.Minute), rpo: day},
			"newest snapshot is 3d2h old at T0, older than the RPO 1d; it also missed its schedule (every 1d)"},
		{"missed its schedule", backupCase{t0: snapTime.Add(2 * day), rpo: 7 * day},
			"newest snapshot is 2d old at T0: it missed its schedule (every 1d, 6h grace)"},
		{"only snapshots after T0", backupCase{t0: snapTime.Add(-time.Hour), rpo: day},
			fmt.Sprintf("the repository at %s has no snapshot made before T0 (1 made later)", repo)},
		{"wrong password", backupCase{env: map[string]string{testPasswordEnv: "wrong"}},
			fmt.Sprintf("restic: wrong password or no key for the repository at %s", repo)},
		{"password not set", backupCase{env: map[string]string{}},
			"the repository password is not available: PARKEREN_RESTIC_PASSWORD is not set on the worker"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			c.b = resticBackup(repo)
			if c.env == nil {
				c.env = goodEnv
			}
			if c.t0.IsZero() {
				c.t0 = snapTime.Add(time.Hour)
			}
			out, err := runBackupStep(t, ctx, c)
			wantFail(t, out, err, tc.reason)
			// Too old is still readable: the copy bounds the data loss.
			wantUsable := c.t0.After(snapTime) && c.env[testPasswordEnv] == testResticPassword
			if got := out.Details[DetailBackupUsable] == "true"; got != wantUsable {
				t.Errorf("usable = %v, want %v", got, wantUsable)
			}
		})
	}

	t.Run("no repository", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "srv", "backups")
		out, err := runBackupStep(t, ctx, backupCase{b: resticBackup(missing), env: goodEnv, t0: snapTime})
		wantFail(t, out, err, "restic: no repository at "+missing)
	})
}

// truncatePack cuts the largest pack file of a repository in half and
// returns the message restic check gives for it.
func truncatePack(t *testing.T, repo string) string {
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
		t.Fatal("no pack files in the repository")
	}
	if err := os.Truncate(big, size/2); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("restic check found damage in the repository at %s: pack %s: unexpected file size: got %d, expected %d",
		repo, filepath.Base(big), size/2, size)
}

func TestResticDamaged(t *testing.T) {
	repo := newResticRepo(t, withManifest(sampleFiles(1<<20)), snapTime)
	reason := truncatePack(t, repo)
	for _, restore := range []bool{false, true} {
		t.Run(fmt.Sprintf("restore=%v", restore), func(t *testing.T) {
			out, err := runBackupStep(t, context.Background(), backupCase{b: resticBackup(repo), restore: restore, env: goodEnv,
				t0: snapTime.Add(time.Hour), rpo: yamldoc.Day})
			wantFail(t, out, err, reason)
		})
	}
}

func TestResticRestore(t *testing.T) {
	const size = 32 << 20
	files := withManifest(sampleFiles(size))
	repo := newResticRepo(t, files, snapTime)
	out, err := runBackupStep(t, context.Background(), backupCase{b: resticBackup(repo), restore: true, env: goodEnv,
		t0: snapTime.Add(30 * time.Hour), rpo: yamldoc.Day})
	// A restore proves the copy restores; its age is for the data-loss verdict.
	wantPass(t, out, err)
	wantDetail(t, out, DetailBackupAge, "30h0m0s")
	wantDetail(t, out, "files", strconv.Itoa(len(files)))
	wantDetail(t, out, "manifest", fmt.Sprintf("1 SHA256SUMS, %d files match", len(files)-1))
	secs, _ := strconv.ParseFloat(out.Details[DetailRestoreSeconds], 64)
	bps, _ := strconv.ParseFloat(out.Details[DetailBytesPerSecond], 64)
	if secs <= 0 || bps <= 0 {
		t.Fatalf("no restore figures: %v", out.Details)
	}
	t.Logf("restic restore of %s bytes: %.3f s, %.1f MB/s", out.Details[DetailBytes], secs, bps/1e6)
}

func TestResticRestoreManifestMismatch(t *testing.T) {
	orig := withManifest(sampleFiles(64 << 10))
	files := tamper(orig, "data/permits.csv")
	repo := newResticRepo(t, files, snapTime)
	var got, want string
	for i := range files {
		if files[i].path == "data/permits.csv" {
			got, want = sha256hex(files[i].data), sha256hex(orig[i].data)
		}
	}
	out, err := runBackupStep(t, context.Background(), backupCase{b: resticBackup(repo), restore: true, env: goodEnv,
		t0: snapTime.Add(time.Hour), rpo: yamldoc.Day})
	wantFail(t, out, err, fmt.Sprintf("SHA256SUMS does not match the backup: data/permits.csv has sha256 %s, the manifest says %s", got[:12], want[:12]))
}

func TestResticRestoreCancelled(t *testing.T) {
	repo := newResticRepo(t, withManifest(sampleFiles(32<<20)), snapTime)
	ctx := cancelWhen(t, func(sb string) bool {
		_, err := os.Stat(filepath.Join(sb, "restore"))
		return err == nil
	})
	_, err := runBackupStep(t, ctx, backupCase{b: resticBackup(repo), restore: true, env: goodEnv, t0: snapTime.Add(time.Hour)})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want the step cancelled", err)
	}
}

// cancelWhen returns a context cancelled as soon as one of this process's
// sandboxes satisfies cond.
func cancelWhen(t *testing.T, cond func(sandbox string) bool) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	pattern := filepath.Join(sandboxRoot(), fmt.Sprintf("%s%d-*", sandboxPrefix, os.Getpid()))
	go func() {
		defer cancel()
		for ctx.Err() == nil {
			dirs, _ := filepath.Glob(pattern)
			for _, d := range dirs {
				if cond(d) {
					return
				}
			}
			time.Sleep(time.Millisecond)
		}
	}()
	return ctx
}
