// Package docker is the checks' way to the worker's Docker Engine: the
// containers a step or a restore sandbox runs in, labelled as exitdrill's own
// with a deadline, so that a later check removes those a dead worker left.
// It uses the images the engine has and pulls none.
package docker

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
)

// Labels on the containers the checks start. A container whose deadline has
// passed belongs to a step that has ended (or a worker that died): any later
// check may remove it.
const (
	LabelOwner    = "org.exitdrill.owner" // "step" or "sandbox"
	LabelStep     = "org.exitdrill.step"  // DRILL/PROCESS/STEP
	LabelDeadline = "org.exitdrill.deadline"
	// LabelWorker is the host name of the worker that started the
	// container: what an operator looks for when a worker died and left
	// its sandbox to its deadline.
	LabelWorker = "org.exitdrill.worker"
)

// workerName is this worker's host name, for LabelWorker.
var workerName = sync.OnceValue(func() string {
	h, err := os.Hostname()
	if err != nil {
		return "unknown"
	}
	return h
})

// staleGrace is how long after its deadline a container is left alone, so
// that the step that made it can still read its output and remove it.
const staleGrace = time.Minute

// Engine is the worker's Docker Engine, reached through DOCKER_HOST or
// the default socket. Connect with Connect; Close when done.
type Engine struct {
	c *client.Client
}

// Connect connects to the Docker Engine and checks that it answers. Its
// error is a non-retryable BadStep saying where Docker was looked for.
func Connect(ctx context.Context) (*Engine, error) {
	c, err := client.New(client.FromEnv)
	if err != nil {
		return nil, step.Inconclusive("cannot use the Docker Engine: %v (check DOCKER_HOST)", err)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := c.Ping(pctx, client.PingOptions{NegotiateAPIVersion: true}); err != nil {
		host := c.DaemonHost()
		_ = c.Close()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, step.Inconclusive("the Docker Engine at %s is not reachable (%v): this step needs Docker on the worker "+
			"(start it, mount /var/run/docker.sock into the worker's container, or set DOCKER_HOST)", host, pingCause(err))
	}
	return &Engine{c: c}, nil
}

// Close closes the connection to the engine.
func (d *Engine) Close() { _ = d.c.Close() }

// Client is the Engine API client, for the calls this package does not wrap.
func (d *Engine) Client() *client.Client { return d.c }

// pingCause shortens the client's connection error to its cause.
func pingCause(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && strings.Contains(s, "dial unix") {
		return s[i+2:]
	}
	return s
}

// ImageID returns the id of a local image; no registry is contacted: a check
// uses the images its worker's engine has.
func (d *Engine) ImageID(ctx context.Context, image string) (string, error) {
	res, err := d.c.ImageInspect(ctx, image)
	switch {
	case cerrdefs.IsNotFound(err):
		return "", step.Inconclusive("image %s is not on the worker's Docker Engine: build or load it there first (exitdrill pulls nothing)", image)
	case err != nil:
		return "", step.OrCtx(ctx, fmt.Errorf("inspect image %s: %w", image, err))
	}
	return res.ID, nil
}

// Create creates a container named prefix and a random suffix, labelled as
// the checks' own: its owner ("step" or "sandbox"), the step it is for and
// its deadline, when ctx (the step's) ends.
func (d *Engine) Create(ctx context.Context, prefix string, cfg *container.Config, host *container.HostConfig, owner, stepName string) (string, error) {
	cfg.Labels = map[string]string{LabelOwner: owner, LabelStep: stepName, LabelWorker: workerName(),
		LabelDeadline: stepDeadline(ctx).UTC().Format(time.RFC3339)}
	// The creation itself is not cut off by the step's end: a request the
	// engine received finishes there even when its caller gives up, and
	// the container would be left without anyone knowing its id. Create
	// waits for the answer (bounded) and removes what a cancelled step made.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), createTimeout)
	defer cancel()
	res, err := d.c.ContainerCreate(cctx, client.ContainerCreateOptions{Name: prefix + randomHex(6), Config: cfg, HostConfig: host})
	if err != nil {
		return "", step.OrCtx(ctx, fmt.Errorf("create container from %s: %w", cfg.Image, err))
	}
	if ctx.Err() != nil {
		_ = d.Remove(res.ID)
		return "", ctx.Err()
	}
	return res.ID, nil
}

// createTimeout bounds the engine's answer to a container creation.
const createTimeout = 30 * time.Second

// Remove force-removes a container and its anonymous volumes. It runs on the
// way out of a check, so it does not use the check's (maybe ended) context.
func (d *Engine) Remove(id string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		_, err := d.c.ContainerRemove(ctx, id, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
		if err == nil || cerrdefs.IsNotFound(err) {
			return nil
		}
		// A container still being created or started refuses removal for
		// a moment ("removal in progress", a conflict): try again until
		// the engine lets it go or the 30 s are up.
		select {
		case <-ctx.Done():
			return fmt.Errorf("remove container %s: %w", shortID(id), err)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// RemoveStale removes the checks' containers whose deadline passed more than
// staleGrace ago: left by a worker that died mid-step. It returns how many.
func (d *Engine) RemoveStale(ctx context.Context) int {
	res, err := d.c.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: client.Filters{}.Add("label", LabelDeadline)})
	if err != nil {
		return 0
	}
	n := 0
	for _, c := range res.Items {
		dl, err := time.Parse(time.RFC3339, c.Labels[LabelDeadline])
		if err != nil || time.Since(dl) < staleGrace {
			continue
		}
		if d.Remove(c.ID) == nil {
			n++
		}
	}
	return n
}

// Logs copies the container's stdout and stderr, interleaved, into w.
func (d *Engine) Logs(ctx context.Context, id string, w io.Writer) error {
	rc, err := d.c.ContainerLogs(ctx, id, client.ContainerLogsOptions{ShowStdout: true, ShowStderr: true})
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = stdcopy.StdCopy(w, w, rc)
	return err
}

// Exec runs cmd in a running container as user, with stdout into out and
// stderr into errw, and returns its exit code.
func (d *Engine) Exec(ctx context.Context, id, user string, env, cmd []string, out, errw io.Writer) (int, error) {
	ex, err := d.c.ExecCreate(ctx, id, client.ExecCreateOptions{User: user, Env: env, Cmd: cmd, AttachStdout: true, AttachStderr: true})
	if err != nil {
		return -1, step.OrCtx(ctx, fmt.Errorf("exec %s: %w", cmd[0], err))
	}
	att, err := d.c.ExecAttach(ctx, ex.ID, client.ExecAttachOptions{})
	if err != nil {
		return -1, step.OrCtx(ctx, fmt.Errorf("exec %s: %w", cmd[0], err))
	}
	defer att.Close()
	done := make(chan error, 1)
	go func() {
		_, err := stdcopy.StdCopy(out, errw, att.Reader)
		done <- err
	}()
	select {
	case <-ctx.Done():
		return -1, ctx.Err()
	case err := <-done:
		if err != nil && !errors.Is(err, io.EOF) {
			return -1, step.OrCtx(ctx, fmt.Errorf("exec %s: read output: %w", cmd[0], err))
		}
	}
	res, err := d.c.ExecInspect(ctx, ex.ID, client.ExecInspectOptions{})
	if err != nil {
		return -1, step.OrCtx(ctx, fmt.Errorf("exec %s: %w", cmd[0], err))
	}
	return res.ExitCode, nil
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// stepDeadline is when the step's context ends, or a day from now without one.
func stepDeadline(ctx context.Context) time.Time {
	if dl, ok := ctx.Deadline(); ok {
		return dl
	}
	return time.Now().Add(24 * time.Hour)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Resources are Docker's form of the limits: memory with swap included, CPUs
// in nano-CPUs, the pids limit.
func Resources(l drill.Limits) container.Resources {
	pids := l.Pids
	mem := l.MemoryMiB << 20
	return container.Resources{Memory: mem, MemorySwap: mem, NanoCPUs: int64(l.CPUs * 1e9), PidsLimit: &pids}
}
