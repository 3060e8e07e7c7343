package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// tool is one run of an external program by a backup check (restic, the
// PostgreSQL programs). It gets exactly the environment given, so no secret
// of the worker leaks into it and no password into a log.
type tool struct {
	path   string
	args   []string
	env    []string
	dir    string
	cred   *syscall.Credential // run as another user (PostgreSQL refuses root)
	stdin  io.Reader           // nil: empty
	stdout io.Writer           // nil: discarded
	stderr io.Writer           // also gets the error output, when not nil
}

// run runs the program within ctx and returns the tail of its error output.
// Cancelling ctx kills its whole process group.
func (t tool) run(ctx context.Context) (stderr string, err error) {
	cmd := exec.CommandContext(ctx, t.path, t.args...)
	cmd.Env, cmd.Dir = t.env, t.dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: t.cred}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	buf := step.NewTailBuffer(64 << 10)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = t.stdin, t.stdout, buf
	if t.stderr != nil {
		cmd.Stderr = io.MultiWriter(buf, t.stderr)
	}
	err = cmd.Run()
	return buf.String(), err
}

// toolEnv is the environment every tool of a backup check gets: the worker's
// PATH, a C locale (messages the checks recognise) and the sandbox as TMPDIR.
func (j *backupJob) toolEnv(extra ...string) []string {
	env := []string{"LC_ALL=C", "TMPDIR=" + j.sb.tmp(), "HOME=" + j.sb.tmp()}
	if p, ok := j.cfg.Env("PATH"); ok {
		env = append(env, "PATH="+p)
	} else {
		env = append(env, "PATH=/usr/local/bin:/usr/bin:/bin")
	}
	return append(env, extra...)
}

// exitText describes how a program ended: "exit code 1" or "crashed (signal:
// segmentation fault)".
func exitText(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return fmt.Sprintf("crashed (signal: %s)", ws.Signal())
		}
		return fmt.Sprintf("exit code %d", ee.ExitCode())
	}
	return err.Error()
}

// lastMessage is the last non-empty line of a program's error output, without
// the program's "name: error: " prefix.
func lastMessage(stderr, prefix string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		l = strings.TrimPrefix(l, prefix)
		if len(l) > 300 {
			l = l[:300] + "..."
		}
		return l
	}
	return ""
}

// lookTool finds a program the checks need, or explains what to install.
func lookTool(name, pkg string) (string, error) {
	p, err := exec.LookPath(name)
	if err != nil {
		return "", step.Inconclusive("%s is not installed on this worker: run scripts/setup (or apt-get install %s)", name, pkg)
	}
	return p, nil
}

// firstMessage is the first non-empty line of a program's error output (psql
// puts the error first, then the query and a caret).
func firstMessage(stderr string) string {
	for _, l := range strings.Split(stderr, "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			return strings.Join(f, " ")
		}
	}
	return ""
}
