package procguard

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestCommandStepCannotReadTheWorkersEnvironment runs a worker (helper) as an
// unprivileged user with a secret in its environment and lets its child read
// /proc/PARENT/environ: without HideEnvironment the child sees the secret,
// with it the read is refused.
func TestCommandStepCannotReadTheWorkersEnvironment(t *testing.T) {
	// Not t.TempDir: its parent is private, and the worker runs as nobody.
	dir, err := os.MkdirTemp("", "procguard")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "helper")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "./testdata/helper")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build helper: %v\n%s", err, out)
	}
	const secret = "GITHUB_TOKEN=ghp_exitdrill_test_secret"
	run := func(args ...string) string {
		cmd := exec.Command(bin, args...)
		cmd.Env = []string{secret, "PATH=/usr/bin:/bin"}
		if os.Geteuid() == 0 {
			// Root holds CAP_SYS_PTRACE and would read it anyway: the worker
			// under test runs as nobody, as a worker should.
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("helper %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	if out := run(); !strings.Contains(out, secret) {
		t.Fatalf("without HideEnvironment the child should read the secret (else the test proves nothing); it saw:\n%s", out)
	}
	out := run("hide")
	if strings.Contains(out, "ghp_exitdrill_test_secret") {
		t.Errorf("with HideEnvironment the child still read the worker's secret:\n%s", out)
	}
	if !strings.Contains(out, "Permission denied") {
		t.Errorf("want the child's read refused, it saw:\n%s", out)
	}
}
