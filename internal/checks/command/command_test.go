package command

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"go.temporal.io/sdk/temporal"
	"golang.org/x/sys/unix"
)

func commandInput(argv []string, env ...string) drill.StepInput {
	return drill.StepInput{Step: &drill.StepPlan{ID: "switch", Kind: drill.Command, Command: argv, Env: env,
		Timeout: drill.Duration(time.Minute)}}
}

func TestCommandStep(t *testing.T) {
	environment := map[string]string{"PATH": "/usr/bin:/bin", "ALLOWED": "yes", "SECRET_TOKEN": "s3cr3t", "DB_PW": "hunter2?>"}
	a := newRunner(func(k string) (string, bool) { v, ok := environment[k]; return v, ok })
	a.MaxOutput = 64
	tests := []struct {
		name       string
		in         drill.StepInput
		wantPass   bool
		wantReason string
		wantOutput string
	}{
		{"exit 0 passes", commandInput([]string{"sh", "-c", "echo switched"}), true, "", "switched\n"},
		{"exit code decides", commandInput([]string{"sh", "-c", "echo standby unreachable >&2; exit 4"}), false, "exit code 4: standby unreachable", ""},
		{"only allowed variables", commandInput([]string{"sh", "-c", `echo "a=$ALLOWED s=$SECRET_TOKEN"`}, "ALLOWED"), true, "", "a=yes s=\n"},
		{"secrets masked in output", commandInput([]string{"sh", "-c", `echo "s=$SECRET_TOKEN"`}, "SECRET_TOKEN"), true, "", "s=[value of SECRET_TOKEN masked]\n"},
		{"secrets masked in base64", commandInput([]string{"sh", "-c", `printf %s "$SECRET_TOKEN" | base64; echo "$SECRET_TOKEN" | base64`}, "SECRET_TOKEN"), true, "",
			"[value of SECRET_TOKEN masked]\n[value of SECRET_TOKEN masked]\n"},
		{"secrets masked in URL-safe base64 without padding", commandInput([]string{"sh", "-c", `printf %s "$DB_PW" | base64 | tr '+/' '-_' | tr -d =`}, "DB_PW"), true, "",
			"[value of DB_PW masked]\n"},
		{"PW names a secret", commandInput([]string{"sh", "-c", `echo "p=$DB_PW"`}, "DB_PW"), true, "", "p=[value of DB_PW masked]\n"},
		{"no shell: arguments are not expanded", commandInput([]string{"echo", "$HOME", "*"}), true, "", "$HOME *\n"},
		{"output capped, tail kept", commandInput([]string{"sh", "-c", "seq 1 100"}), true, "", "[228 bytes of earlier output dropped]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := a.RunStep(context.Background(), tt.in)
			if tt.wantPass != (err == nil) || out.Passed != tt.wantPass {
				t.Fatalf("passed = %v, err = %v, want passed %v", out.Passed, err, tt.wantPass)
			}
			if out.Reason != tt.wantReason {
				t.Errorf("reason = %q, want %q", out.Reason, tt.wantReason)
			}
			if !strings.HasPrefix(out.Output, tt.wantOutput) {
				t.Errorf("output = %q, want prefix %q", out.Output, tt.wantOutput)
			}
			if len(out.Output) > a.MaxOutput+64 {
				t.Errorf("output is %d bytes, more than the cap", len(out.Output))
			}
			if strings.Contains(out.Output, "s3cr3t") {
				t.Error("a variable that was not allowed reached the command")
			}
		})
	}
}

func TestCommandTimeoutKillsTheProcessGroup(t *testing.T) {
	a := newRunner(func(k string) (string, bool) { return map[string]string{"PATH": "/usr/bin:/bin"}[k], k == "PATH" })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	out, err := a.RunStep(ctx, commandInput([]string{"sh", "-c", "sleep 30 & sleep 30; echo never"}))
	if took := time.Since(start); took > 10*time.Second {
		t.Fatalf("a timed-out command took %s to stop", took)
	}
	if err == nil || out.Reason != "command did not finish within its timeout" {
		t.Errorf("reason = %q, err = %v", out.Reason, err)
	}
}

// TestCommandMissingProgramIsInconclusive: a program the worker cannot find
// says nothing about the supplier's loss: the step is inconclusive, not failed.
func TestCommandMissingProgramIsInconclusive(t *testing.T) {
	a := newRunner(func(string) (string, bool) { return "", false })
	_, err := a.RunStep(context.Background(), commandInput([]string{"./does-not-exist.sh"}))
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrInconclusive || !appErr.NonRetryable() {
		t.Fatalf("err = %v, want a non-retryable %s", err, drill.ErrInconclusive)
	}
	if !strings.Contains(appErr.Message(), "cannot run ./does-not-exist.sh on this worker: no such file or directory") {
		t.Errorf("message = %q", appErr.Message())
	}
}

// TestCommandTimeoutKillsEscapedChildren: a child that left the command's
// process group (setsid) does not outlive the step's timeout either.
func TestCommandTimeoutKillsEscapedChildren(t *testing.T) {
	if _, err := exec.LookPath("setsid"); err != nil {
		t.Fatalf("setsid (util-linux) is needed: %v", err)
	}
	pidFile := filepath.Join(t.TempDir(), "pid")
	a := newRunner(func(k string) (string, bool) { return map[string]string{"PATH": "/usr/bin:/bin"}[k], k == "PATH" })
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	script := "setsid sleep 300 & echo $! > " + pidFile + "; sleep 300"
	if _, err := a.RunStep(ctx, commandInput([]string{"sh", "-c", script})); err == nil {
		t.Fatal("a timed-out command passed")
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if sid, _ := unix.Getsid(pid); sid != pid && syscall.Kill(pid, 0) == nil {
		t.Fatalf("the child %d did not leave the group (session %d): the test proves nothing", pid, sid)
	}
	deadline := time.Now().Add(5 * time.Second)
	for syscall.Kill(pid, 0) == nil && !zombie(pid) {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("the setsid child %d outlived the step's timeout", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestCommandUnsetVariableIsInconclusive: a variable the step declares in
// env but the worker does not have (or has empty) makes the step
// inconclusive before anything runs: run without it, the command below
// would pass on something else than the runbook says. The preflight finds
// it before T0; a scheduled drill, or one started with
// --allow-inconclusive, gets here.
func TestCommandUnsetVariableIsInconclusive(t *testing.T) {
	environment := map[string]string{"PATH": "/usr/bin:/bin", "EMPTY": "", "SET": "yes"}
	a := newRunner(func(k string) (string, bool) { v, ok := environment[k]; return v, ok })
	marker := filepath.Join(t.TempDir(), "ran")
	argv := []string{"sh", "-c", `test -z "$RESTORE_TOKEN" && touch ` + marker}
	for _, tt := range []struct {
		name string
		env  []string
		want string
	}{
		{"unset", []string{"SET", "RESTORE_TOKEN"}, "the step's variable RESTORE_TOKEN is not set on this worker"},
		{"empty", []string{"EMPTY"}, "the step's variable EMPTY is not set on this worker"},
		{"both", []string{"RESTORE_TOKEN", "EMPTY"}, "the step's variable RESTORE_TOKEN is not set on this worker; the step's variable EMPTY is not set on this worker"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := a.RunStep(context.Background(), commandInput(argv, tt.env...))
			assertInconclusive(t, err, tt.want)
			if out.Passed {
				t.Error("the step passed")
			}
			if _, err := os.Stat(marker); err == nil {
				t.Fatal("the command ran without the variable it declares")
			}
		})
	}
}
