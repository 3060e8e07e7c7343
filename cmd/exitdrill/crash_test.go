package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// These tests run exitdrill as separate processes (server, workers, client) and
// kill them the hard way, as an operator's machine would: the drill must survive.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "exitdrill-crash")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "exitdrill")
	os.Setenv("EXITDRILL_REPORTS", filepath.Join(dir, "reports")) // bundles stay out of the source tree
	// Both binaries, as make build and make release make them: exitdrill
	// without the server hands server, worker, run and the rest to
	// exitdrill-engine beside it, so these tests go through that hand-over.
	// The version and commit are injected as make release does
	// (version_test.go).
	build := exec.Command("../../scripts/build", dir)
	build.Env = append(os.Environ(), "LDFLAGS="+injectFlags)
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build exitdrill:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// proc is a started exitdrill process.
type proc struct {
	cmd *exec.Cmd
	out *bytes.Buffer
}

func start(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), env...)
	out := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, out: out}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return p
}

func (p *proc) kill(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	_ = p.cmd.Wait()
}

// startServer starts `exitdrill server --no-worker` and waits until it is ready.
func startServer(t *testing.T, stateDir string, port int) *proc {
	t.Helper()
	cmd := exec.Command(binary, "server", "--no-worker", "--no-ui", "--state-dir", stateDir, "--port", strconv.Itoa(port))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errb := &bytes.Buffer{}
	cmd.Stderr = errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, out: errb}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "ready in") {
				ready <- true
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(60 * time.Second):
		t.Fatalf("server not ready within 60s:\n%s", errb)
	}
	return p
}

// exitdrill runs a client command to completion.
func exitdrill(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != 0 && code != 3 {
		t.Logf("exitdrill %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
	}
	return out.String(), code
}

// result waits for the drill to finish and returns its result.
func result(t *testing.T, stateDir, id string, within time.Duration) *drill.DrillResult {
	t.Helper()
	var res drill.DrillResult
	testkit.WaitFor(t, "drill "+id+" finishes", within, func() bool {
		out, code := exitdrill(t, "status", id, "--format", "json", "--state-dir", stateDir)
		if code != 0 && code != 3 {
			return false
		}
		return json.Unmarshal([]byte(out), &res) == nil && len(res.Processes) > 0 && !res.Finished.IsZero()
	})
	return &res
}

// assertOnce checks that every step of the runbook appears exactly once.
func assertOnce(t *testing.T, res *drill.DrillResult, want ...string) {
	t.Helper()
	if len(res.Processes) != 1 {
		t.Fatalf("processes = %d, want 1", len(res.Processes))
	}
	p := res.Processes[0]
	count := map[string]int{}
	for _, s := range p.Steps {
		count[s.Step]++
		if s.Status != drill.StepPassed {
			t.Errorf("step %s: %s (%s)", s.Step, s.Status, s.Reason)
		}
	}
	for _, w := range want {
		if count[w] != 1 {
			t.Errorf("step %s appears %d times in the result, want once", w, count[w])
		}
	}
	if p.Verdict != drill.Recovered {
		t.Errorf("verdict %s (%s), want recovered", p.Verdict, p.Why)
	}
}

func runDetached(t *testing.T, stateDir string) string {
	t.Helper()
	out, code := exitdrill(t, "run", "--detach", "--catalog", "testdata/crash", "--scenario", "testdata/crash-scenario.yaml", "--state-dir", stateDir)
	if code != 0 {
		t.Fatalf("run --detach: exit %d", code)
	}
	return strings.TrimSpace(out)
}

func TestWorkerKilledMidStep(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real servers and workers")
	}
	state := t.TempDir()
	mark := filepath.Join(t.TempDir(), "mark")
	env := []string{"CRASH_MARK=" + mark}
	startServer(t, state, freePort(t))
	first := start(t, env, "worker", "--state-dir", state)
	id := runDetached(t, state)
	testkit.WaitFor(t, "the slow step starts", 60*time.Second, func() bool { _, err := os.Stat(mark); return err == nil })
	killed := time.Now()
	first.kill(t, syscall.SIGKILL)
	start(t, env, "worker", "--state-dir", state)
	res := result(t, state, id, 3*time.Minute)
	assertOnce(t, res, "slow-switch", "settle", "verify")
	runs, _ := os.ReadFile(mark)
	t.Logf("worker SIGKILLed mid-step: drill completed %s after the kill; the step was started %d times, recorded once",
		res.Finished.Sub(killed).Round(time.Second), strings.Count(string(runs), "started"))
	if n := strings.Count(string(runs), "started"); n < 2 {
		t.Errorf("the killed step ran %d times: the kill did not interrupt it", n)
	}
}

func TestServerRestartedMidDrill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real servers and workers")
	}
	state := t.TempDir()
	mark := filepath.Join(t.TempDir(), "mark")
	env := []string{"CRASH_MARK=" + mark}
	// Workers keep the server's address: the restarted server listens on the same port.
	port := freePort(t)
	server := startServer(t, state, port)
	start(t, env, "worker", "--state-dir", state)
	id := runDetached(t, state)
	// Wait until the drill sits in its 15-second timer, then stop the server.
	testkit.WaitFor(t, "the settle timer is pending", 90*time.Second, func() bool {
		out, _ := exitdrill(t, "status", id, "--format", "json", "--state-dir", state)
		return strings.Contains(out, `"running"`) && countRuns(mark) == 1 && time.Since(modTime(mark)) > 7*time.Second
	})
	stopped := time.Now()
	server.kill(t, syscall.SIGTERM)
	time.Sleep(2 * time.Second)
	startServer(t, state, port) // same SQLite file, same port
	res := result(t, state, id, 3*time.Minute)
	assertOnce(t, res, "slow-switch", "settle", "verify")
	t.Logf("server stopped and restarted mid-drill: completed %s after the stop", res.Finished.Sub(stopped).Round(time.Second))
}

func countRuns(mark string) int {
	b, _ := os.ReadFile(mark)
	return strings.Count(string(b), "started")
}

func modTime(path string) time.Time {
	st, err := os.Stat(path)
	if err != nil {
		return time.Now()
	}
	return st.ModTime()
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
