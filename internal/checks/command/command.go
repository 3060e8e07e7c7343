// Package command runs a runbook's action steps on the worker: command (a
// program, without a shell, with only the environment the runbook allows) and
// container (a command in a container on the worker's Docker Engine). The
// exit code decides; the tail of the output is kept, secrets masked.
package command

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"go.temporal.io/sdk/temporal"
)

var errNoCommand = errors.New("command step without a command")

// baseEnv are the variables every command gets, so that ordinary programs and
// scripts work; everything else must be allowed by the step's env list.
var baseEnv = []string{"PATH", "HOME", "LANG", "TZ", "TMPDIR"}

// Run is the command step: it runs the step's argv without a shell, in its
// directory, with only the allowed environment, within ctx (the step's
// timeout). The exit code decides; the captured output is capped at MaxOutput
// bytes (the tail is kept, where errors are).
func Run(ctx context.Context, cfg *step.Config, in drill.StepInput) (drill.StepOutput, error) {
	st := in.Step
	if len(st.Command) == 0 || st.Command[0] == "" {
		return drill.StepOutput{}, temporal.NewNonRetryableApplicationError(errNoCommand.Error(), drill.ErrBadStep, nil)
	}
	if err := step.MissingEnv(cfg.Env, stepVariable, st.Env...); err != nil {
		return drill.StepOutput{}, err
	}
	stop := step.Heartbeat(ctx, 2*time.Second)
	defer stop()
	cmd := exec.CommandContext(ctx, st.Command[0], st.Command[1:]...)
	cmd.Dir = st.Dir
	marker := newMarker()
	cmd.Env = append([]string{marker}, commandEnv(cfg.Env, st.Env)...)
	// A timeout or an abort kills the whole group, and every process of this
	// run that left it (setsid): none outlives the step.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { killRun(cmd.Process.Pid, marker); return nil }
	cmd.WaitDelay = 5 * time.Second
	buf := step.NewTailBuffer(cfg.MaxOutput)
	cmd.Stdout, cmd.Stderr = buf, buf
	err := cmd.Run()
	if ctx.Err() != nil && cmd.Process != nil {
		killRun(cmd.Process.Pid, marker) // those forked while Cancel ran
	}
	out := drill.StepOutput{Output: maskSecrets(cfg.Env, buf.String(), st.Env)}
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
		// The program was not found or could not be started on this worker:
		// the drill's environment, not the supplier's loss.
		return out, temporal.NewNonRetryableApplicationError(fmt.Sprintf("cannot run %s on this worker: %v", st.Command[0], unwrapExec(err)), drill.ErrInconclusive, nil, out)
	default:
		code := 0
		out.ExitCode, out.Passed = &code, true
	}
	return out, nil
}

// stepVariable is how a command or container step's declared variable is
// named in the words of its preflight and its inconclusive error.
const stepVariable = "the step's variable"

// commandEnv builds the environment from the base variables and the
// allowlist, with their values in the worker's environment, env.
func commandEnv(env func(string) (string, bool), allow []string) []string {
	var out []string
	for _, k := range append(append([]string{}, baseEnv...), allow...) {
		if v, ok := env(k); ok {
			out = append(out, k+"="+v)
		}
	}
	return out
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

// secretName matches environment variable names that hold secrets.
var secretName = regexp.MustCompile(`(?i)(PASS|PW|TOKEN|SECRET|KEY|CREDENTIAL|AUTH)`)

// maskSecrets replaces in output the values of the allowed variables whose
// names say they are secrets — as they are, and in their base64 forms
// (standard and URL alphabets, with and without padding: `echo $TOKEN |
// base64` would otherwise carry them through) — so that a step echoing its
// password does not put it into the evidence. env is the worker's
// environment.
func maskSecrets(env func(string) (string, bool), output string, allow []string) string {
	for _, k := range allow {
		v, ok := env(k)
		if !ok || len(v) < 4 || !secretName.MatchString(k) {
			continue
		}
		mask := "[value of " + k + " masked]"
		for _, form := range secretForms(v) {
			output = strings.ReplaceAll(output, form, mask)
		}
	}
	return output
}

// secretForms are the ways a secret may show in output: itself, and base64
// of it and of it with a newline (as echo | base64 writes), longest first so
// that a padded form is masked whole.
func secretForms(v string) []string {
	forms := []string{v}
	for _, raw := range []string{v, v + "\n"} {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			e := enc.EncodeToString([]byte(raw))
			forms = append(forms, e, strings.TrimRight(e, "="))
		}
	}
	slices.SortFunc(forms, func(a, b string) int { return len(b) - len(a) })
	return slices.Compact(forms)
}
