package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/logs"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// shutdownLimit is how long server, run and console may take to stop after
// SIGINT or SIGTERM.
const shutdownLimit = 3 * time.Second

// process is this test binary run as exitdrill (see TestMain) in a child
// process, so that it receives real signals and writes to a real stderr.
type process struct {
	cmd      *exec.Cmd
	out, err syncBuffer
	done     chan struct{}
}

func startExitdrill(t *testing.T, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(os.Args[0], args...), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), envBeExitdrill+"=1")
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.err
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// waitOutput waits until stdout or stderr holds want.
func (p *process) waitOutput(t *testing.T, want string) {
	t.Helper()
	if !testkit.Poll(60*time.Second, func() bool {
		return strings.Contains(p.out.String(), want) || strings.Contains(p.err.String(), want)
	}) {
		t.Fatalf("exitdrill %s never said %q; stdout:\n%s\nstderr:\n%s", strings.Join(p.cmd.Args[1:], " "), want, p.out.String(), p.err.String())
	}
}

// stop sends sig and returns how long the process took to exit, and its code.
func (p *process) stop(t *testing.T, sig os.Signal) (time.Duration, int) {
	t.Helper()
	start := time.Now()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("exitdrill %s still running 30s after %s; stderr:\n%s", p.cmd.Args[1], sig, p.err.String())
	}
	return time.Since(start), p.cmd.ProcessState.ExitCode()
}

// checkStopped asserts a stop within shutdownLimit, with an expected exit
// code and no ERROR line on the terminal.
func checkStopped(t *testing.T, p *process, sig os.Signal, codes ...int) {
	t.Helper()
	took, code := p.stop(t, sig)
	stderr := p.err.String()
	var errorLines []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.Contains(l, "ERROR") || strings.Contains(l, "Temporal reported a fault") {
			errorLines = append(errorLines, l)
		}
	}
	t.Logf("exitdrill %s: %s -> exit %d in %s, %d ERROR lines on stderr", p.cmd.Args[1], sig, code, took.Round(time.Millisecond), len(errorLines))
	if took > shutdownLimit {
		t.Errorf("exitdrill %s took %s to stop after %s, want at most %s", p.cmd.Args[1], took.Round(time.Millisecond), sig, shutdownLimit)
	}
	if !containsInt(codes, code) {
		t.Errorf("exitdrill %s exit code %d after %s, want one of %v; stderr:\n%s", p.cmd.Args[1], code, sig, codes, stderr)
	}
	if len(errorLines) > 0 {
		t.Errorf("exitdrill %s wrote ERROR lines on stopping:\n%s\nstderr:\n%s", p.cmd.Args[1], strings.Join(errorLines, "\n"), stderr)
	}
}

// checkLogFile asserts that the server's logs went to the state directory's
// log file, the stop included, and not to the terminal.
func checkLogFile(t *testing.T, p *process, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, logs.Dir, logs.File))
	if err != nil {
		t.Fatalf("log file: %v", err)
	}
	pid := fmt.Sprintf("pid=%d cmd=%s ", p.cmd.Process.Pid, p.cmd.Args[1])
	for _, want := range []string{pid, "component=temporal-server", "level=INFO"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the log file lacks %q", want)
		}
	}
	if strings.Contains(p.err.String(), "temporal-server") {
		t.Errorf("the server's logs reached the terminal:\n%s", p.err.String())
	}
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// checkResumes reopens the state directory, as a restarted server does, and
// asserts that the drill interrupted there still runs: it is still at step,
// and it answers an abort by running its rollback on the new worker.
func checkResumes(t *testing.T, dir, id, process, step string, rollback []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	eng, err := engine.Serve(ctx, engine.Options{StateDir: dir, NoUI: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("restart the server on %s: %v", dir, err)
	}
	defer eng.Close()
	if err := eng.StartWorker(registerDrill(eng)); err != nil {
		t.Fatal(err)
	}
	srv := &drillServer{dir: dir, eng: eng}
	srv.waitRunning(t, id, step)
	if code, out, errs := srv.cmd(t, "abort", id, "--reason", "after restart", "--actor", "tester"); code != ExitOK {
		t.Fatalf("abort after restart: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	checkAborted(t, srv.result(t, id), drill.Abort{Actor: "tester", Account: osAccount(), Reason: "after restart"}, process, step, []string{"verify"}, rollback)
}

// TestShutdownServer stops `exitdrill server` with SIGTERM while a drill runs
// a step on its worker: it stops within 3s, says nothing at ERROR, and the
// drill goes on when the server is started again.
func TestShutdownServer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := startExitdrill(t, "server", "--state-dir", dir, "--no-ui")
	p.waitOutput(t, "Ctrl-C stops it")
	if code, out, errs := run(t, "run", "--detach", "--state-dir", dir, "--catalog", drillCatalog, "--scenario", scenarioFile("archive-live"), "--id", "srv-archive"); code != ExitOK {
		t.Fatalf("run --detach: exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
	testkit.WaitFor(t, "the drill runs restore", 30*time.Second, func() bool {
		code, out, _ := run(t, "status", "srv-archive", "--state-dir", dir)
		return code == ExitOK && strings.Contains(out, "running restore")
	})
	checkStopped(t, p, syscall.SIGTERM, ExitOK, ExitInterrupted)
	checkLogFile(t, p, dir)
	checkResumes(t, dir, "srv-archive", "archive-service", "restore", []string{"discard", "release"})
}

// TestShutdownRun interrupts `exitdrill run` on its own embedded server in
// the middle of a step: it stops within 3s with exit 130 and no ERROR line,
// and the drill is kept in the state directory, going on when a server is
// started there.
func TestShutdownRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := startExitdrill(t, "run", "--state-dir", dir, "--catalog", drillCatalog, "--scenario", scenarioFile("archive-live"), "--id", "run-archive")
	p.waitOutput(t, "running restore")
	time.Sleep(500 * time.Millisecond) // the step's command is under way
	checkStopped(t, p, syscall.SIGINT, ExitInterrupted)
	checkLogFile(t, p, dir)
	checkResumes(t, dir, "run-archive", "archive-service", "restore", []string{"discard", "release"})
}

// TestShutdownConsole stops `exitdrill console` on its own embedded server
// with SIGTERM.
func TestShutdownConsole(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	users := filepath.Join(dir, UsersFile)
	if code, _, errs := runIn(t, "secret password\n", "console", "adduser", "--users", users, "--name", "carla", "--role", "continuity-manager"); code != ExitOK {
		t.Fatalf("adduser: exit %d: %s", code, errs)
	}
	p := startExitdrill(t, "console", "--state-dir", dir, "--listen", "127.0.0.1:0")
	p.waitOutput(t, "exitdrill console: http")
	checkStopped(t, p, syscall.SIGTERM, ExitOK, ExitInterrupted)
	checkLogFile(t, p, dir)
}

// runIn is run with stdin.
func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb syncBuffer
	code := Execute(context.Background(), args, Streams{In: strings.NewReader(stdin), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}
