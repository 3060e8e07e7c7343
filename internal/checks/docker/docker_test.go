package docker_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/docker"
	"github.com/exitdrill/exitdrill/internal/checks/docker/dockertest"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
	"go.temporal.io/sdk/temporal"
)

func TestConnectWithoutDocker(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
	_, err := docker.Connect(context.Background())
	wantInconclusive(t, err, "the Docker Engine at unix:///nonexistent/docker.sock is not reachable")
}

func TestImageNotOnTheEngine(t *testing.T) {
	d := dockertest.Engine(t)
	_, err := d.ImageID(context.Background(), "exitdrill-test/no-such-image:1")
	wantInconclusive(t, err, "image exitdrill-test/no-such-image:1 is not on the worker's Docker Engine: build or load it there first (exitdrill pulls nothing)")
}

// TestRemoveStale: a container the checks made carries its step and the
// step's deadline; the next check removes one whose deadline passed more
// than a minute ago (its worker died) and leaves one within its deadline.
func TestRemoveStale(t *testing.T) {
	d := dockertest.Engine(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	image := emptyImage(t, d)
	liveStep := fmt.Sprintf("test/docker-%d/live", os.Getpid())
	staleStep := fmt.Sprintf("test/docker-%d/stale", os.Getpid())

	live, err := d.Create(ctx, "exitdrill-test-", &container.Config{Image: image, Cmd: []string{"/empty"}}, &container.HostConfig{}, "step", liveStep)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Remove(live) })
	ins, err := d.Client().ContainerInspect(ctx, live, client.ContainerInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dl, _ := ctx.Deadline()
	if got, want := ins.Container.Config.Labels[docker.LabelDeadline], dl.UTC().Format(time.RFC3339); got != want {
		t.Errorf("deadline label %q, want the step's deadline %q", got, want)
	}
	if host, _ := os.Hostname(); ins.Container.Config.Labels[docker.LabelWorker] != host {
		t.Errorf("worker label %q, want this worker's host name %q", ins.Container.Config.Labels[docker.LabelWorker], host)
	}
	if !strings.HasPrefix(ins.Container.Name, "/exitdrill-test-") {
		t.Errorf("container name %q, want the prefix exitdrill-test-", ins.Container.Name)
	}

	res, err := d.Client().ContainerCreate(ctx, client.ContainerCreateOptions{Config: &container.Config{Image: image, Cmd: []string{"/empty"},
		Labels: map[string]string{docker.LabelOwner: "step", docker.LabelStep: staleStep,
			docker.LabelDeadline: time.Now().Add(-2 * time.Minute).UTC().Format(time.RFC3339)}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Remove(res.ID) })

	if n := d.RemoveStale(ctx); n < 1 {
		t.Errorf("RemoveStale removed %d containers, want the stale one at least", n)
	}
	if n := dockertest.Containers(t, d, staleStep); n != 0 {
		t.Errorf("%d stale containers left", n)
	}
	if n := dockertest.Containers(t, d, liveStep); n != 1 {
		t.Errorf("%d containers of the live step, want 1", n)
	}
}

// emptyImage builds, unless the engine has it, an image FROM scratch holding
// one empty file: enough to create containers, not to run them.
func emptyImage(t *testing.T, d *docker.Engine) string {
	t.Helper()
	const name = "exitdrill-test/empty:1"
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := d.Client().ImageInspect(ctx, name); err == nil {
		return name
	}
	err := dockertest.BuildImage(ctx, d, name, map[string][]byte{"Dockerfile": []byte("FROM scratch\nCOPY empty /empty\n"), "empty": nil})
	if err != nil {
		t.Fatal(err)
	}
	return name
}

// wantInconclusive: the step could not be attempted on this worker.
func wantInconclusive(t *testing.T, err error, msg string) {
	t.Helper()
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrInconclusive || !appErr.NonRetryable() {
		t.Fatalf("err = %v, want a non-retryable %s", err, drill.ErrInconclusive)
	}
	if !strings.HasPrefix(appErr.Message(), msg) {
		t.Errorf("message = %q, want it to start with %q", appErr.Message(), msg)
	}
}

// TestCreateCancelledLeavesNothing: a step cancelled while the engine creates
// its container gets an error, and the engine may still finish the creation;
// Create removes it by name, so no cancellation point leaves one behind.
func TestCreateCancelledLeavesNothing(t *testing.T) {
	d := dockertest.Engine(t)
	image := emptyImage(t, d)
	stepName := fmt.Sprintf("test/docker-%d/cancelled", os.Getpid())
	failed := 0
	for i := range 40 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(i)*time.Millisecond)
		id, err := d.Create(ctx, "exitdrill-test-", &container.Config{Image: image, Cmd: []string{"/empty"}}, &container.HostConfig{}, "step", stepName)
		cancel()
		if err == nil {
			_ = d.Remove(id)
			continue
		}
		failed++
	}
	if failed == 0 {
		t.Fatal("no creation was cut off: the test proves nothing")
	}
	if n := dockertest.Containers(t, d, stepName); n != 0 {
		t.Errorf("%d containers left behind by %d cancelled creations", n, failed)
	}
}
