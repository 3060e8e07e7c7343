package backup

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Sandboxes are throwaway directories a backup check restores into, under
// sandboxRoot, named exitdrill-sandbox-<pid>-<random>. A marker file holds the
// owner's pid and start time, so that a later check can tell the sandbox of a
// worker that crashed from one in use and remove it, PostgreSQL included.
const (
	sandboxPrefix = "exitdrill-sandbox-"
	sandboxMarker = ".exitdrill-owner"
)

// sandboxRoot is where sandboxes are made; tests may point it elsewhere.
var sandboxRoot = os.TempDir

// sandbox is one throwaway directory. Create it with newSandbox; close stops
// any PostgreSQL started in it and removes everything, on every path out of a
// check (failure and cancellation too).
type sandbox struct {
	dir string
	pg  *pgServer
}

func newSandbox() (*sandbox, error) {
	dir, err := os.MkdirTemp(sandboxRoot(), fmt.Sprintf("%s%d-", sandboxPrefix, os.Getpid()))
	if err != nil {
		return nil, fmt.Errorf("create restore sandbox: %w", err)
	}
	marker := fmt.Sprintf("pid=%d\nstart=%s\n", os.Getpid(), procStart(os.Getpid()))
	if err := os.WriteFile(filepath.Join(dir, sandboxMarker), []byte(marker), 0o600); err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("create restore sandbox: %w", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "tmp"), 0o700); err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("create restore sandbox: %w", err)
	}
	return &sandbox{dir: dir}, nil
}

// path returns a path inside the sandbox.
func (s *sandbox) path(elem ...string) string {
	return filepath.Join(append([]string{s.dir}, elem...)...)
}

// tmp is the TMPDIR of the tools a check runs, so their leftovers go too.
func (s *sandbox) tmp() string { return s.path("tmp") }

// close stops the sandbox's PostgreSQL and removes the directory.
func (s *sandbox) close() {
	if s.pg != nil {
		s.pg.stop()
		s.pg = nil
	}
	removeTree(s.dir)
}

// removeTree removes dir even when restored content made parts of it
// read-only (restic restores directory modes).
func removeTree(dir string) {
	if os.RemoveAll(dir) == nil {
		return
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = os.Chmod(p, 0o700)
		}
		return nil
	})
	_ = os.RemoveAll(dir)
}

// removeStaleSandboxes removes the sandboxes whose owner is no longer running
// (a worker that crashed or was killed mid-restore), stopping their PostgreSQL
// first. It returns how many it removed.
func removeStaleSandboxes() int {
	dirs, _ := filepath.Glob(filepath.Join(sandboxRoot(), sandboxPrefix+"*"))
	n := 0
	for _, dir := range dirs {
		marker, err := os.ReadFile(filepath.Join(dir, sandboxMarker))
		if err != nil {
			continue // not ours, or still being created
		}
		pid, start := parseMarker(marker)
		if pid <= 0 || ownerAlive(pid, start) {
			continue
		}
		stopStalePostgres(filepath.Join(dir, "pg", "data"))
		removeTree(dir)
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			n++
		}
	}
	return n
}

func parseMarker(b []byte) (pid int, start string) {
	for _, line := range strings.Split(string(b), "\n") {
		k, v, _ := strings.Cut(line, "=")
		switch k {
		case "pid":
			pid, _ = strconv.Atoi(v)
		case "start":
			start = v
		}
	}
	return pid, start
}

// ownerAlive reports whether pid runs and is the process that made the
// sandbox (a recycled pid has another start time).
func ownerAlive(pid int, start string) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return false
	}
	if start == "" {
		return true
	}
	now := procStart(pid)
	return now == "" || now == start
}

// procStart is the start time of a process in clock ticks since boot (field 22
// of /proc/PID/stat), or "" where /proc is not available.
func procStart(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	// The command name (field 2) may hold spaces and parentheses; fields
	// after the last ')' are plain.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return ""
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 20 {
		return ""
	}
	return f[19] // field 22 overall: after ')' come fields 3..
}

// stopStalePostgres stops a server left running in a stale sandbox: pg_ctl
// stop -m immediate as the data directory's owner, and a kill when that fails.
func stopStalePostgres(data string) {
	pidFile := filepath.Join(data, "postmaster.pid")
	b, err := os.ReadFile(pidFile)
	if err != nil {
		return
	}
	if bin, err := findPostgres(); err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		srv := &pgServer{bin: bin, data: data, cred: ownerCredential(data)}
		if srv.pgctl(ctx, "stop", "-m", "immediate", "-w", "-t", "20") == nil {
			return
		}
	}
	first, _, _ := strings.Cut(string(b), "\n")
	if pid, err := strconv.Atoi(strings.TrimSpace(first)); err == nil && pid > 0 {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

// ownerCredential is the credential to act as the owner of path, or nil when
// that is the current user.
func ownerCredential(path string) *syscall.Credential {
	fi, err := os.Stat(path)
	if err != nil {
		return nil
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || int(st.Uid) == os.Getuid() {
		return nil
	}
	return &syscall.Credential{Uid: st.Uid, Gid: st.Gid}
}
