package backup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/testkit"
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

func resticBackup(repo string) *drill.Backup {
	return &drill.Backup{ID: "parkeren-restic", Kind: drill.Restic, Location: repo, PasswordEnv: testPasswordEnv,
		HeldBy: "own", Every: drill.Duration(drill.Day)}
}

var goodEnv = map[string]string{testPasswordEnv: testResticPassword}

func TestResticFresh(t *testing.T) {
	files := withManifest(sampleFiles(1 << 20))
	repo := newResticRepo(t, files, snapTime)
	ctx := context.Background()
	day := drill.Day

	t.Run("fresh", func(t *testing.T) {
		out, err := runBackupStep(t, ctx, backupCase{b: resticBackup(repo), env: goodEnv, t0: snapTime.Add(2 * time.Hour), rpo: day})
		wantPass(t, out, err)
		wantDetail(t, out, drill.DetailBackupID, "parkeren-restic")
		wantDetail(t, out, drill.DetailBackupTime, "2026-11-20T10:00:00Z")
		wantDetail(t, out, drill.DetailBackupAge, "2h0m0s")
		wantDetail(t, out, "snapshots", "1")
		wantDetail(t, out, "entries", strconv.Itoa(len(files)+2)) // and the directories data, config
		var size int
		for _, f := range files {
			size += len(f.data)
		}
		wantDetail(t, out, drill.DetailBytes, strconv.Itoa(size))
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
			if got := out.Details[drill.DetailBackupUsable] == "true"; got != wantUsable {
				t.Errorf("usable = %v, want %v", got, wantUsable)
			}
		})
	}

	// An unset password variable is the worker's environment, not the
	// backup's fault: inconclusive.
	t.Run("password not set", func(t *testing.T) {
		_, err := runBackupStep(t, ctx, backupCase{b: resticBackup(repo), env: map[string]string{}, t0: snapTime.Add(time.Hour)})
		wantInconclusive(t, err, "the repository password is not available: PARKEREN_RESTIC_PASSWORD is not set on the worker")
	})

	t.Run("no repository", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "srv", "backups")
		out, err := runBackupStep(t, ctx, backupCase{b: resticBackup(missing), env: goodEnv, t0: snapTime})
		wantFail(t, out, err, "restic: no repository at "+missing)
	})
}

func TestResticDamaged(t *testing.T) {
	repo := newResticRepo(t, withManifest(sampleFiles(1<<20)), snapTime)
	reason := testkit.TruncateLargestPack(t, repo)
	for _, restore := range []bool{false, true} {
		t.Run(fmt.Sprintf("restore=%v", restore), func(t *testing.T) {
			out, err := runBackupStep(t, context.Background(), backupCase{b: resticBackup(repo), restore: restore, env: goodEnv,
				t0: snapTime.Add(time.Hour), rpo: drill.Day})
			wantFail(t, out, err, reason)
		})
	}
}

func TestResticRestore(t *testing.T) {
	const size = 32 << 20
	files := withManifest(sampleFiles(size))
	repo := newResticRepo(t, files, snapTime)
	out, err := runBackupStep(t, context.Background(), backupCase{b: resticBackup(repo), restore: true, env: goodEnv,
		t0: snapTime.Add(30 * time.Hour), rpo: drill.Day})
	// A restore proves the copy restores; its age is for the data-loss verdict.
	wantPass(t, out, err)
	wantDetail(t, out, drill.DetailBackupAge, "30h0m0s")
	wantDetail(t, out, "files", strconv.Itoa(len(files)))
	wantDetail(t, out, "manifest", fmt.Sprintf("1 SHA256SUMS, %d files match", len(files)-1))
	secs, _ := strconv.ParseFloat(out.Details[drill.DetailRestoreSeconds], 64)
	bps, _ := strconv.ParseFloat(out.Details[drill.DetailBytesPerSecond], 64)
	if secs <= 0 || bps <= 0 {
		t.Fatalf("no restore figures: %v", out.Details)
	}
	t.Logf("restic restore of %s bytes: %.3f s, %.1f MB/s", out.Details[drill.DetailBytes], secs, bps/1e6)
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
		t0: snapTime.Add(time.Hour), rpo: drill.Day})
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

// addSnapshot backs files up into repo as one more snapshot, dated at and
// tagged tag.
func addSnapshot(t *testing.T, repo string, files []testFile, at time.Time, tag string) {
	t.Helper()
	src := t.TempDir()
	writeFiles(t, src, files)
	restic(t, src, repo, "backup", "--tag", tag, "--time", at.In(time.Local).Format("2006-01-02 15:04:05"), ".")
}

// taggedSnapshot is a snapshot as `restic snapshots --json` lists it.
type taggedSnapshot struct {
	ID      string    `json:"id"`
	ShortID string    `json:"short_id"`
	Time    time.Time `json:"time"`
	Tags    []string  `json:"tags"`
}

// snapshotsByTag lists the snapshots of repo by their first tag ("" for none).
func snapshotsByTag(t *testing.T, repo string) map[string]taggedSnapshot {
	t.Helper()
	cmd := exec.Command("restic", "--quiet", "--no-cache", "--no-lock", "--repo", repo, "snapshots", "--json")
	cmd.Env = append(os.Environ(), "RESTIC_PASSWORD="+testResticPassword)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("restic snapshots: %v", err)
	}
	var snaps []taggedSnapshot
	if err := json.Unmarshal(out, &snaps); err != nil {
		t.Fatal(err)
	}
	byTag := map[string]taggedSnapshot{}
	for _, s := range snaps {
		byTag[strings.Join(s.Tags, ",")] = s
	}
	return byTag
}

// TestResticRestoreNewestByT0 restores the newest snapshot made by T0, which
// is not restic's latest when a later one exists, and says which one it
// restored.
func TestResticRestoreNewestByT0(t *testing.T) {
	older := withManifest(sampleFiles(64 << 10))
	newer := withManifest(append(sampleFiles(64<<10), testFile{"data/extra.csv", []byte("id\n1\n")}))
	repo := newResticRepo(t, older, snapTime)
	addSnapshot(t, repo, newer, snapTime.Add(2*time.Hour), "newer")
	snaps := snapshotsByTag(t, repo)
	for _, tc := range []struct {
		name  string
		t0    time.Time
		tag   string
		files int
	}{
		{"a later snapshot exists", snapTime.Add(time.Hour), "", len(older)},
		{"the latest", snapTime.Add(3 * time.Hour), "newer", len(newer)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runBackupStep(t, context.Background(), backupCase{b: resticBackup(repo), restore: true, env: goodEnv,
				t0: tc.t0, rpo: drill.Day})
			wantPass(t, out, err)
			wantDetail(t, out, "snapshot", snaps[tc.tag].ShortID)
			wantDetail(t, out, drill.DetailBackupTime, snaps[tc.tag].Time.UTC().Format(time.RFC3339))
			wantDetail(t, out, "files", strconv.Itoa(tc.files))
			wantDetail(t, out, "manifest", fmt.Sprintf("1 SHA256SUMS, %d files match", tc.files-1))
		})
	}
}

// TestResticRestoreTie restores the snapshot it names when two share the
// newest time, whichever restic would call the latest.
func TestResticRestoreTie(t *testing.T) {
	one := withManifest(sampleFiles(64 << 10))
	two := withManifest(append(sampleFiles(64<<10), testFile{"data/extra.csv", []byte("id\n1\n")}))
	repo := newResticRepo(t, one, snapTime)
	addSnapshot(t, repo, two, snapTime, "two")
	files := map[string]int{}
	for tag, s := range snapshotsByTag(t, repo) {
		files[s.ShortID] = map[string]int{"": len(one), "two": len(two)}[tag]
	}
	out, err := runBackupStep(t, context.Background(), backupCase{b: resticBackup(repo), restore: true, env: goodEnv,
		t0: snapTime.Add(time.Hour), rpo: drill.Day})
	wantPass(t, out, err)
	want, ok := files[out.Details["snapshot"]]
	if !ok {
		t.Fatalf("restored snapshot %q, not one of %v", out.Details["snapshot"], files)
	}
	wantDetail(t, out, "files", strconv.Itoa(want))
}

// TestResticRestoreCorruptPack: damage that `restic check` does not see (a
// flipped byte inside a pack) fails the restore, which reads every byte.
func TestResticRestoreCorruptPack(t *testing.T) {
	files := withManifest(sampleFiles(1 << 20))
	repo := newResticRepo(t, files, snapTime)
	big, _ := testkit.LargestPack(t, repo)
	b, err := os.ReadFile(big)
	if err != nil {
		t.Fatal(err)
	}
	b[100] ^= 0xff // inside the first blob: packs start with their blobs
	if err := os.WriteFile(big, b, 0o600); err != nil {
		t.Fatal(err)
	}
	c := backupCase{b: resticBackup(repo), env: goodEnv, t0: snapTime.Add(time.Hour), rpo: drill.Day}
	out, err := runBackupStep(t, context.Background(), c)
	wantPass(t, out, err) // restic check reads the structure, not the data
	c.restore = true
	out, err = runBackupStep(t, context.Background(), c)
	// Which file holds the damaged blob depends on how restic packed them.
	var names []string
	for _, f := range files {
		names = append(names, regexp.QuoteMeta(f.path))
	}
	want := regexp.MustCompile(`^restic restore failed: /(` + strings.Join(names, "|") + `): ciphertext verification failed$`)
	if !want.MatchString(out.Reason) {
		t.Fatalf("reason %q, want one matching %s", out.Reason, want)
	}
	if out.Details[drill.DetailBackupUsable] == "true" {
		t.Errorf("a corrupt snapshot is reported usable")
	}
}

func TestResticRestoreNoAccess(t *testing.T) {
	repo := newResticRepo(t, withManifest(sampleFiles(64<<10)), snapTime)
	for _, tc := range []struct {
		name   string
		env    map[string]string
		reason string
	}{
		{"wrong password", map[string]string{testPasswordEnv: "wrong"},
			fmt.Sprintf("restic: wrong password or no key for the repository at %s", repo)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runBackupStep(t, context.Background(), backupCase{b: resticBackup(repo), restore: true, env: tc.env,
				t0: snapTime.Add(time.Hour), rpo: drill.Day})
			wantFail(t, out, err, tc.reason)
		})
	}
	t.Run("password not set", func(t *testing.T) {
		_, err := runBackupStep(t, context.Background(), backupCase{b: resticBackup(repo), restore: true, env: map[string]string{},
			t0: snapTime.Add(time.Hour), rpo: drill.Day})
		wantInconclusive(t, err, "the repository password is not available: PARKEREN_RESTIC_PASSWORD is not set on the worker")
	})
}
