package backup

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// deadPID returns the pid of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// fakeSandbox makes a sandbox as a worker would have left it, owned by pid
// with the given start time, holding read-only restored content.
func fakeSandbox(t *testing.T, pid int, start string) string {
	t.Helper()
	dir, err := os.MkdirTemp(sandboxRoot(), fmt.Sprintf("%s%d-", sandboxPrefix, pid))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeTree(dir) })
	writeFiles(t, filepath.Join(dir, "restore"), []testFile{{"data/a.txt", []byte("a")}})
	if err := os.Chmod(filepath.Join(dir, "restore", "data"), 0o500); err != nil {
		t.Fatal(err)
	}
	marker := fmt.Sprintf("pid=%d\nstart=%s\n", pid, start)
	if err := os.WriteFile(filepath.Join(dir, sandboxMarker), []byte(marker), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

func TestStaleSandboxes(t *testing.T) {
	bin := requirePostgres(t)
	dead := deadPID(t)
	// A root of its own: a stale sandbox in the shared one would be swept by
	// any other test binary's restore running at the same time.
	root, err := os.MkdirTemp("", "exitdrill-stale-root-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(root, 0o755); err != nil { // the postgres user walks through it
		t.Fatal(err)
	}
	saved := sandboxRoot
	sandboxRoot = func() string { return root }
	t.Cleanup(func() { sandboxRoot = saved; removeTree(root) })

	// A worker crashed mid-restore: its sandbox holds a running PostgreSQL.
	crashed := fakeSandbox(t, dead, "12345")
	srv, err := startPostgres(context.Background(), bin, filepath.Join(crashed, "pg"))
	if err != nil {
		t.Fatal(err)
	}
	if procs := processesMentioning(crashed); len(procs) == 0 {
		t.Fatal("the stale sandbox's PostgreSQL is not running")
	}
	t.Cleanup(srv.stop) // should the removal fail
	// This process's pid, but another start time: the pid was recycled.
	recycled := fakeSandbox(t, os.Getpid(), "1")
	// In use by this process.
	live := fakeSandbox(t, os.Getpid(), procStart(os.Getpid()))
	// Without a marker: not ours, or still being created.
	foreign := filepath.Join(sandboxRoot(), fmt.Sprintf("%s%d-foreign", sandboxPrefix, dead))
	if err := os.Mkdir(foreign, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(foreign) })

	if n := removeStaleSandboxes(); n < 2 {
		t.Errorf("removed %d sandboxes, want at least 2", n)
	}
	for _, dir := range []string{crashed, recycled} {
		if exists(dir) {
			t.Errorf("stale sandbox %s was not removed", dir)
		}
	}
	// pg_ctl stop -w returns once the postmaster is gone; its children follow.
	deadline := time.Now().Add(10 * time.Second)
	for len(processesMentioning(crashed)) > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if procs := processesMentioning(crashed); len(procs) > 0 {
		t.Errorf("the stale sandbox's PostgreSQL still runs: %v", procs)
	}
	for _, dir := range []string{live, foreign} {
		if !exists(dir) {
			t.Errorf("sandbox %s was removed, but it is in use or not ours", dir)
		}
	}
	removeTree(live)
}

// A check removes stale sandboxes when it starts and says so.
func TestStaleSandboxRemovedAtStart(t *testing.T) {
	stale := fakeSandbox(t, deadPID(t), "")
	good := backupDir(t, withManifest(sampleFiles(1024)), snapTime)
	out, err := runBackupStep(t, context.Background(), backupCase{b: dirBackup(good), t0: snapTime.Add(time.Hour), rpo: drill.Day})
	wantPass(t, out, err)
	if exists(stale) {
		t.Fatal("the stale sandbox was not removed")
	}
	if out.Details["staleSandboxesRemoved"] == "" {
		t.Errorf("details do not report the removal: %v", out.Details)
	}
}
