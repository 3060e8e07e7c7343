package command

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/docker/dockertest"
	"go.temporal.io/sdk/temporal"
)

func containerInput(id, image string, argv []string, env ...string) drill.StepInput {
	return drill.StepInput{DrillID: "test", Process: "p", Step: &drill.StepPlan{ID: id, Kind: drill.Container, Image: image, Command: argv, Env: env}}
}

func withLimits(in drill.StepInput, l *drill.Limits) drill.StepInput {
	in.Step.Limits = l
	return in
}

// TestContainerStep runs verification containers on the real Docker Engine,
// from an image built FROM scratch here.
func TestContainerStep(t *testing.T) {
	d := dockertest.Engine(t)
	image := testVerifyImage(t, d)
	environment := map[string]string{"PATH": "/usr/bin", "ALLOWED": "yes", "SECRET_TOKEN": "s3cr3t"}
	a := newRunner(func(k string) (string, bool) { v, ok := environment[k]; return v, ok })
	a.MaxOutput = 64
	tests := []struct {
		name       string
		in         drill.StepInput
		timeout    time.Duration
		wantPass   bool
		wantCode   int
		wantReason string
		wantOutput string
	}{
		{"exit 0 passes", containerInput("ok", image, []string{"/verify", "-lines", "2"}), time.Minute, true, 0, "", "1\n2\n"},
		{"the image's own command", containerInput("default", image, nil), time.Minute, true, 0, "", "image default\n"},
		{"exit code decides", containerInput("fails", image, []string{"/verify", "-exit", "4", "standby unreachable"}), time.Minute, false, 4, "exit code 4: standby unreachable", "standby unreachable\n"},
		{"only allowed variables", containerInput("env", image, []string{"/verify", "-env", "ALLOWED", "-env", "SECRET_TOKEN"}, "ALLOWED"), time.Minute, true, 0, "", "ALLOWED=yes\nSECRET_TOKEN=\n"},
		{"output capped, tail kept", containerInput("cap", image, []string{"/verify", "-lines", "100"}), time.Minute, true, 0, "", "[228 bytes of earlier output dropped]\n"},
		{"held to its pids limit", containerInput("pids", image, []string{"/verify", "-file", "/sys/fs/cgroup/pids.max", "-file", "/sys/fs/cgroup/pids/pids.max"}), time.Minute, true, 0, "", "256\n"},
		{"held to its memory limit", containerInput("mem", image, []string{"/verify", "-file", "/sys/fs/cgroup/memory.max", "-file", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}), time.Minute, true, 0, "", "1073741824\n"},
		{"its own pids limit", withLimits(containerInput("ownpids", image, []string{"/verify", "-file", "/sys/fs/cgroup/pids.max", "-file", "/sys/fs/cgroup/pids/pids.max"}), &drill.Limits{Pids: 64}), time.Minute, true, 0, "", "64\n"},
		{"its own memory limit", withLimits(containerInput("ownmem", image, []string{"/verify", "-file", "/sys/fs/cgroup/memory.max", "-file", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}), &drill.Limits{MemoryMiB: 128}), time.Minute, true, 0, "", "134217728\n"},
		{"timeout stops it", containerInput("slow", image, []string{"/verify", "-sleep", "1m"}), 3 * time.Second, false, -1, "container did not finish within its timeout", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), tt.timeout)
			defer cancel()
			start := time.Now()
			out, err := a.RunStep(ctx, tt.in)
			if tt.wantPass != (err == nil) || out.Passed != tt.wantPass {
				t.Fatalf("passed = %v, err = %v, want passed %v", out.Passed, err, tt.wantPass)
			}
			if out.Reason != tt.wantReason {
				t.Errorf("reason = %q, want %q", out.Reason, tt.wantReason)
			}
			if !strings.HasPrefix(out.Output, tt.wantOutput) {
				t.Errorf("output = %q, want prefix %q", out.Output, tt.wantOutput)
			}
			if strings.Contains(out.Output, "s3cr3t") {
				t.Error("a variable that was not allowed reached the container")
			}
			switch {
			case tt.wantCode < 0 && out.ExitCode != nil:
				t.Errorf("exit code = %d, want none", *out.ExitCode)
			case tt.wantCode >= 0 && (out.ExitCode == nil || *out.ExitCode != tt.wantCode):
				t.Errorf("exit code = %v, want %d", out.ExitCode, tt.wantCode)
			}
			if tt.timeout < time.Minute && time.Since(start) > tt.timeout+15*time.Second {
				t.Errorf("the step took %s with a %s timeout", time.Since(start), tt.timeout)
			}
			if n := dockertest.Containers(t, d, "test/p/"+tt.in.Step.ID); n != 0 {
				t.Errorf("%d containers left behind", n)
			}
		})
	}
}

func TestContainerStepBadInput(t *testing.T) {
	d := dockertest.Engine(t)
	a := newRunner(func(string) (string, bool) { return "", false })
	out, err := a.RunStep(context.Background(), containerInput("missing", "exitdrill-test/no-such-image:1", nil))
	assertInconclusive(t, err, "is not on the worker's Docker Engine")
	if out.Passed {
		t.Error("a missing image passed")
	}
	_, err = a.RunStep(context.Background(), containerInput("noimage", "", nil))
	assertBadStep(t, err, "names no image")
	_, err = a.RunStep(context.Background(), containerInput("noprog", testVerifyImage(t, d), []string{"/no-such-program"}))
	assertBadStep(t, err, "start container")
	if n := dockertest.Containers(t, d, "test/p/noprog"); n != 0 {
		t.Errorf("%d containers left behind", n)
	}
}

func TestContainerStepWithoutDocker(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
	a := newRunner(func(string) (string, bool) { return "", false })
	_, err := a.RunStep(context.Background(), containerInput("nodocker", "any:1", nil))
	assertInconclusive(t, err, "the Docker Engine at unix:///nonexistent/docker.sock is not reachable")
}

// assertInconclusive: the step could not be attempted on this worker.
func assertInconclusive(t *testing.T, err error, want string) {
	t.Helper()
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrInconclusive || !appErr.NonRetryable() {
		t.Fatalf("err = %v, want a non-retryable %s", err, drill.ErrInconclusive)
	}
	if !strings.Contains(appErr.Message(), want) {
		t.Errorf("message = %q, want it to contain %q", appErr.Message(), want)
	}
}

func assertBadStep(t *testing.T, err error, want string) {
	t.Helper()
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrBadStep || !appErr.NonRetryable() {
		t.Fatalf("err = %v, want a non-retryable %s", err, drill.ErrBadStep)
	}
	if !strings.Contains(appErr.Message(), want) {
		t.Errorf("message = %q, want it to contain %q", appErr.Message(), want)
	}
}

// TestContainerUnsetVariableIsInconclusive: a container step whose declared
// variable the worker does not have is inconclusive before the Docker Engine
// is contacted (here there is none to contact), and the container's
// configuration never leaves it out silently.
func TestContainerUnsetVariableIsInconclusive(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
	a := newRunner(func(k string) (string, bool) { return "yes", k == "SET" })
	_, err := a.RunStep(context.Background(), containerInput("noenv", "any:1", nil, "SET", "RESTORE_TOKEN"))
	assertInconclusive(t, err, "the step's variable RESTORE_TOKEN is not set on this worker")
}
