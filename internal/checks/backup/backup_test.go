package backup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"go.temporal.io/sdk/temporal"
)

func TestMain(m *testing.M) {
	code := m.Run()
	stopSourcePG()
	os.Exit(code)
}

// backupCase is one backup step to run: the backup, the step kind and the
// objectives it is judged against.
type backupCase struct {
	b       *drill.Backup
	restore bool
	t0      time.Time
	rpo     time.Duration
	baseDir string
	env     map[string]string
}

// runBackupStep runs the step through RunStep, as the worker would, and
// checks that it left no sandbox and no process behind.
func runBackupStep(t *testing.T, ctx context.Context, c backupCase) (drill.StepOutput, error) {
	t.Helper()
	kind := drill.BackupFresh
	if c.restore {
		kind = drill.BackupRestore
	}
	a := newRunner(func(k string) (string, bool) {
		if v, ok := c.env[k]; ok {
			return v, true
		}
		if k == "PATH" {
			return os.LookupEnv(k)
		}
		return "", false
	})
	in := drill.StepInput{DrillID: "test", Process: "p", T0: c.t0, RPO: drill.Duration(c.rpo),
		Step: &drill.StepPlan{ID: "s", Kind: kind, Target: c.b.ID, Backup: c.b, BaseDir: c.baseDir}}
	out, err := a.RunStep(ctx, in)
	assertNoSandbox(t)
	return out, err
}

// wantPass fails the test unless the step passed.
func wantPass(t *testing.T, out drill.StepOutput, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("step failed: %v\ndetails: %v", err, out.Details)
	}
	if !out.Passed {
		t.Fatalf("step did not pass: %s", out.Reason)
	}
	if out.Details[drill.DetailBackupUsable] != "true" {
		t.Errorf("a passed backup step does not report its copy usable: %v", out.Details)
	}
}

// wantFinding fails the test unless the check passed on a usable copy with
// exactly the finding given (an age beyond the RPO, a missed schedule): such
// a copy does not stop the steps after it.
func wantFinding(t *testing.T, out drill.StepOutput, err error, reason string) {
	t.Helper()
	wantPass(t, out, err)
	if out.Reason != reason {
		t.Fatalf("wrong finding\n got: %s\nwant: %s", out.Reason, reason)
	}
}

// wantFail fails the test unless the check ran and failed with exactly the
// reason given, as the operator sees it.
func wantFail(t *testing.T, out drill.StepOutput, err error, reason string) {
	t.Helper()
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrCheckFailed {
		t.Fatalf("got error %v (passed %v), want a failed check: %s", err, out.Passed, reason)
	}
	if appErr.Message() != reason || out.Reason != reason {
		t.Fatalf("wrong reason\n got: %s\nwant: %s", appErr.Message(), reason)
	}
}

// wantInconclusive fails the test unless the step could not be attempted on
// this worker.
func wantInconclusive(t *testing.T, err error, msg string) {
	t.Helper()
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrInconclusive || !appErr.NonRetryable() {
		t.Fatalf("got %v, want a non-retryable %s error", err, drill.ErrInconclusive)
	}
	if appErr.Message() != msg {
		t.Fatalf("wrong message\n got: %s\nwant: %s", appErr.Message(), msg)
	}
}

// wantBadStep fails the test unless the step could not run as defined.
func wantBadStep(t *testing.T, err error, msg string) {
	t.Helper()
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrBadStep || !appErr.NonRetryable() {
		t.Fatalf("got %v, want a non-retryable %s error", err, drill.ErrBadStep)
	}
	if appErr.Message() != msg {
		t.Fatalf("wrong message\n got: %s\nwant: %s", appErr.Message(), msg)
	}
}

func wantDetail(t *testing.T, out drill.StepOutput, key, want string) {
	t.Helper()
	if got := out.Details[key]; got != want {
		t.Errorf("details[%s] = %q, want %q (all: %v)", key, got, want, out.Details)
	}
}

// assertNoSandbox fails when this process left a sandbox directory or a
// process (PostgreSQL, restic) working in one.
func assertNoSandbox(t *testing.T) {
	t.Helper()
	prefix := fmt.Sprintf("%s%d-", sandboxPrefix, os.Getpid())
	if left, _ := filepath.Glob(filepath.Join(sandboxRoot(), prefix+"*")); len(left) > 0 {
		t.Errorf("sandboxes left behind: %v", left)
	}
	if procs := processesMentioning(prefix); len(procs) > 0 {
		t.Errorf("processes left behind: %v", procs)
	}
}

// processesMentioning lists the processes whose command line contains s.
func processesMentioning(s string) []string {
	var found []string
	dirs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range dirs {
		b, err := os.ReadFile(p)
		if err != nil || len(b) == 0 {
			continue
		}
		cmd := strings.ReplaceAll(string(b), "\x00", " ")
		if strings.Contains(cmd, s) {
			found = append(found, filepath.Base(filepath.Dir(p))+": "+cmd)
		}
	}
	return found
}

// requireRestic fails (never skips) when restic is missing.
func requireRestic(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("restic"); err != nil {
		t.Fatal("restic is not installed: run scripts/setup")
	}
}

// requirePostgres fails (never skips) when PostgreSQL is missing.
func requirePostgres(t *testing.T) string {
	t.Helper()
	bin, err := findPostgres()
	if err != nil {
		t.Fatalf("PostgreSQL is not installed: run scripts/setup (%v)", err)
	}
	return bin
}

// testFile is a file of generated backup content.
type testFile struct {
	path string
	data []byte
}

// sampleFiles is generated content: a few small text files and one larger
// random file of size bytes.
func sampleFiles(size int) []testFile {
	r := rand.New(rand.NewPCG(1, 2))
	big := make([]byte, size)
	for i := range big {
		big[i] = byte(r.Uint32())
	}
	var csv strings.Builder
	csv.WriteString("id,plate,valid_until\n")
	for i := range 1500 {
		fmt.Fprintf(&csv, "%d,AB-%04d,2026-12-%02d\n", i+1, i, i%28+1)
	}
	return []testFile{
		{"data/permits.csv", []byte(csv.String())},
		{"data/big.bin", big},
		{"config/app.yaml", []byte("name: parkeren\nreplicas: 2\n")},
		{"README.txt", []byte("nightly export\n")},
	}
}

// withManifest adds a SHA256SUMS over the files.
func withManifest(files []testFile) []testFile {
	var b strings.Builder
	for _, f := range files {
		fmt.Fprintf(&b, "%s  %s\n", sha256hex(f.data), f.path)
	}
	return append(slices.Clone(files), testFile{manifestName, []byte(b.String())})
}

// tamper changes one file after its manifest was made.
func tamper(files []testFile, path string) []testFile {
	out := slices.Clone(files)
	for i, f := range out {
		if f.path == path {
			out[i].data = append(slices.Clone(f.data), []byte("tampered\n")...)
		}
	}
	return out
}

func writeFiles(t testing.TB, dir string, files []testFile) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func sha256hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func fileSHA(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sha256hex(b)
}

func setMtime(t testing.TB, p string, tm time.Time) {
	t.Helper()
	if err := os.Chtimes(p, tm, tm); err != nil {
		t.Fatal(err)
	}
}

func TestHumanAge(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{-time.Hour, "0s"},
		{42 * time.Second, "42s"},
		{12*time.Minute + 30*time.Second, "12m"},
		{5*time.Hour + 20*time.Minute + 5*time.Second, "5h20m"},
		{3*drill.Day + 2*time.Hour + 59*time.Minute, "3d2h"},
		{7 * drill.Day, "7d"},
	} {
		if got := humanAge(tc.d); got != tc.want {
			t.Errorf("humanAge(%s) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestBackupBadSteps(t *testing.T) {
	ctx := context.Background()
	_, err := runBackupStep(t, ctx, backupCase{b: &drill.Backup{ID: "x", Kind: "tape", Location: "/nowhere"}})
	wantBadStep(t, err, `backup x has kind "tape"; exitdrill checks restic, pgdump, archive and directory`)

	requireRestic(t)
	_, err = runBackupStep(t, ctx, backupCase{b: &drill.Backup{ID: "r", Kind: drill.Restic, Location: t.TempDir()}})
	wantBadStep(t, err, "backup r is a restic repository but names no passwordEnv")
}
