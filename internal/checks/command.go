package checks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"go.temporal.io/sdk/temporal"
)

// baseEnv are the variables every command gets, so that ordinary programs and
// scripts work; everything else must be allowed by the step's env list.
var baseEnv = []string{"PATH", "HOME", "LANG", "TZ", "TMPDIR"}

// runCommand runs the step's argv without a shell, in its directory, with only
// the allowed environment, within ctx (the step's timeout). The exit code
// decides; the captured output is capped at MaxOutput bytes (the tail is kept,
// where errors are).
func (a *Activities) runCommand(ctx context.Context, st *drill.StepPlan) (drill.StepOutput, error) {
	if len(st.Command) == 0 || st.Command[0] == "" {
		return drill.StepOutput{}, temporal.NewNonRetryableApplicationError(errNoCommand.Error(), drill.ErrBadStep, nil)
	}
	stop := heartbeat(ctx, 2*time.Second)
	defer stop()
	cmd := exec.CommandContext(ctx, st.Command[0], st.Command[1:]...)
	cmd.Dir = st.Dir
	cmd.Env = a.commandEnv(st.Env)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // so a timeout kills the whole group
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	buf := &tailBuffer{max: a.MaxOutput}
	cmd.Stdout, cmd.Stderr = buf, buf
	err := cmd.Run()
	out := drill.StepOutput{Output: a.maskSecrets(buf.String(), st.Env)}
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		out.Reason = "command did not finish within its timeout"
	case ctx.Err() != nil:
		return out, ctx.Err()
	case errors.As(err, &exitErr):
		code := exitErr.ExitCode()
		out.ExitCode = &code
		out.Reason = fmt.Sprintf("exit code %d%s", code, lastLine(out.Output))
	case err != nil:
		return out, temporal.NewNonRetryableApplicationError(fmt.Sprintf("cannot run %s: %v", st.Command[0], unwrapExec(err)), drill.ErrBadStep, nil, out)
	default:
		code := 0
		out.ExitCode, out.Passed = &code, true
	}
	return out, nil
}

// commandEnv builds the environment from the base variables and the allowlist.
func (a *Activities) commandEnv(allow []string) []string {
	var env []string
	for _, k := range append(append([]string{}, baseEnv...), allow...) {
		if v, ok := a.Env(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return ": " + s
}

// unwrapExec reduces exec's errors to their cause ("no such file or directory"),
// the part an operator needs.
func unwrapExec(err error) error {
	var ee *exec.Error
	if errors.As(err, &ee) {
		return ee.Err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// tailBuffer keeps the last max bytes written to it, and says how much it dropped.
type tailBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	max     int
	dropped int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if over := t.buf.Len() - t.max; over > 0 {
		t.dropped += over
		rest := append([]byte(nil), t.buf.Bytes()[over:]...)
		t.buf.Reset()
		t.buf.Write(rest)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dropped > 0 {
		return fmt.Sprintf("[%d bytes of earlier output dropped]\n%s", t.dropped, t.buf.String())
	}
	return t.buf.String()
}

// secretName matches environment variable names that hold secrets.
var secretName = regexp.MustCompile(`(?i)(PASS|TOKEN|SECRET|KEY|CREDENTIAL|AUTH)`)

// maskSecrets replaces in output the values of the allowed variables whose
// names say they are secrets, so that a step echoing its password does not
// put it into the evidence.
func (a *Activities) maskSecrets(output string, allow []string) string {
	for _, k := range allow {
		if v, ok := a.Env(k); ok && len(v) >= 4 && secretName.MatchString(k) {
			output = strings.ReplaceAll(output, v, "[value of "+k+" masked]")
		}
	}
	return output
}
