package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// exited waits up to within for p to end and returns its exit code, or -1
// when it still runs.
func (p *process) exited(within time.Duration) int {
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(within):
		return -1
	}
}

// TestSecondRunOnACommandsServerFailsAtOnce: a second `run` on a state
// directory whose embedded server belongs to a first `run` would die when the
// first ends; it fails at once instead, naming the first and `exitdrill
// server`, and the first goes on.
func TestSecondRunOnACommandsServerFailsAtOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first := startExitdrill(t, "run", "--state-dir", dir, "--catalog", drillCatalog, "--scenario", scenarioFile("archive-live"), "--id", "first-run")
	first.waitOutput(t, "running restore")

	start := time.Now()
	second := startExitdrill(t, "run", "--state-dir", dir, "--catalog", drillCatalog, "--scenario", scenarioFile("archive-live"), "--id", "second-run")
	code := second.exited(15 * time.Second)
	took := time.Since(start)
	t.Logf("second run: exit %d after %v; stderr:\n%s", code, took.Round(time.Millisecond), second.err.String())
	if code == -1 {
		t.Fatalf("the second run still runs %v later, on the first run's server; stderr:\n%s", took.Round(time.Millisecond), second.err.String())
	}
	holder := fmt.Sprintf("exitdrill run (pid %d)", first.cmd.Process.Pid)
	stderr := second.err.String()
	if code != ExitError || !strings.Contains(stderr, holder) || !strings.Contains(stderr, "exitdrill server --state-dir "+dir) {
		t.Errorf("second run: exit %d, stderr %q; want 1, naming %s and suggesting exitdrill server --state-dir", code, stderr, holder)
	}
	select {
	case <-first.done:
		t.Fatalf("the first run ended when the second was refused; stderr:\n%s", first.err.String())
	default:
	}
	// Stopped as a person would; TestShutdownRun checks how it stops.
	if took, code := first.stop(t, syscall.SIGINT); code != ExitInterrupted {
		t.Errorf("first run: exit %d %v after SIGINT, want %d; stderr:\n%s", code, took, ExitInterrupted, first.err.String())
	}
}

// TestServerWaitsForListHoldingItsStateDir: `exitdrill server` started while
// `exitdrill list` runs its own embedded server on the state directory waits
// for the list to end, saying so once, and then serves there. The list is
// held still (SIGSTOP) until the server says it waits, so that it cannot end
// before the server looks, however slow the machine.
func TestServerWaitsForListHoldingItsStateDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	list := startExitdrill(t, "list", "--state-dir", dir)
	if !testkit.Poll(30*time.Second, func() bool {
		info, err := engine.Running(dir)
		return err == nil && info != nil && info.PID == list.cmd.Process.Pid
	}) {
		t.Fatalf("list never held %s; stderr:\n%s", dir, list.err.String())
	}
	if err := list.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	srv := startExitdrill(t, "server", "--state-dir", dir, "--no-ui")
	want := fmt.Sprintf("waiting for exitdrill list (pid %d)", list.cmd.Process.Pid)
	if !testkit.Poll(60*time.Second, func() bool {
		return strings.Contains(srv.err.String(), want) || srv.exited(0) != -1
	}) || srv.exited(0) != -1 {
		_ = list.cmd.Process.Signal(syscall.SIGCONT)
		t.Fatalf("the server did not wait for list; exit %d, stderr:\n%s", srv.exited(0), srv.err.String())
	}
	time.Sleep(time.Second) // it keeps waiting
	if code := srv.exited(0); code != -1 {
		t.Fatalf("the server ended while list held the directory: exit %d, stderr:\n%s", code, srv.err.String())
	}
	resumed := time.Now()
	if err := list.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	if !testkit.Poll(60*time.Second, func() bool {
		return strings.Contains(srv.out.String(), "Ctrl-C stops it") || srv.exited(0) != -1
	}) || srv.exited(0) != -1 {
		t.Fatalf("the server did not start after list; exit %d, stderr:\n%s", srv.exited(0), srv.err.String())
	}
	if code := list.exited(10 * time.Second); code != ExitOK {
		t.Errorf("list: exit %d; stderr:\n%s", code, list.err.String())
	}
	t.Logf("server ready %v after it started, %v after list went on; stderr:\n%s",
		time.Since(start).Round(time.Millisecond), time.Since(resumed).Round(time.Millisecond), srv.err.String())
	if n := strings.Count(srv.err.String(), want); n != 1 {
		t.Errorf("the server said %q %d times, want once; stderr:\n%s", want, n, srv.err.String())
	}
	info, err := engine.Running(dir)
	if err != nil || info == nil || info.PID != srv.cmd.Process.Pid {
		t.Errorf("Running = %+v, %v; want the server (pid %d)", info, err, srv.cmd.Process.Pid)
	}
	checkStopped(t, srv, syscall.SIGTERM, ExitOK, ExitInterrupted)
}

// TestCommandsFindAnEphemeralServer: commands with --state-dir D use the
// `exitdrill server --ephemeral --state-dir D` running there (a detached drill
// is started on it, listed by the next command and run by the server's
// worker) and D gets no database.
func TestCommandsFindAnEphemeralServer(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "state")
	srv := startExitdrill(t, "server", "--ephemeral", "--state-dir", dir, "--no-ui")
	srv.waitOutput(t, "Ctrl-C stops it")
	if code, out, errs := run(t, "run", "--detach", "--state-dir", dir, "--catalog", drillCatalog, "--scenario", scenarioFile("archive-live"), "--id", "on-ephemeral"); code != ExitOK {
		t.Fatalf("run --detach on the ephemeral server's state directory: exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
	code, out, errs := run(t, "list", "--state-dir", dir)
	if code != ExitOK || !strings.Contains(out, "on-ephemeral") {
		t.Errorf("list: exit %d, stdout %q, stderr %q; want the detached drill", code, out, errs)
	}
	testkit.WaitFor(t, "the drill runs restore on the server's worker", 30*time.Second, func() bool {
		code, out, _ := run(t, "status", "on-ephemeral", "--state-dir", dir)
		return code == ExitOK && strings.Contains(out, "running restore")
	})
	if _, err := os.Stat(filepath.Join(dir, engine.DatabaseFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("database in the state directory of an ephemeral server: %v, want none", err)
	}
	checkStopped(t, srv, syscall.SIGTERM, ExitOK, ExitInterrupted)
}
