package command

import (
	"context"
	"fmt"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/docker"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
)

// RunContainer is the container step: it runs a verification container, the
// step's image with its command (the image's own when empty) and only the
// allowed environment, on the worker's Docker Engine, within ctx (the step's
// timeout). The exit code decides; the output is captured like a command's
// (the tail, MaxOutput bytes). The container is removed on every path out.
func RunContainer(ctx context.Context, cfg *step.Config, in drill.StepInput) (drill.StepOutput, error) {
	st := in.Step
	if st.Image == "" {
		return drill.StepOutput{}, step.BadStep("container step %s names no image", st.ID)
	}
	if err := step.MissingEnv(cfg.Env, stepVariable, st.Env...); err != nil {
		return drill.StepOutput{}, err
	}
	stop := step.Heartbeat(ctx, 2*time.Second)
	defer stop()
	d, err := docker.Connect(ctx)
	if err != nil {
		return drill.StepOutput{}, err
	}
	defer d.Close()
	out := drill.StepOutput{Details: map[string]string{"image": st.Image}}
	if n := d.RemoveStale(ctx); n > 0 {
		out.Details["staleContainersRemoved"] = fmt.Sprint(n)
	}
	imageID, err := d.ImageID(ctx, st.Image)
	if err != nil {
		return out, err
	}
	out.Details["imageId"] = imageID
	id, err := d.Create(ctx, "exitdrill-step-", containerConfig(cfg.Env, st), stepHostConfig(st),
		"step", in.DrillID+"/"+in.Process+"/"+st.ID)
	if err != nil {
		return out, err
	}
	defer func() { _ = d.Remove(id) }()
	return waitContainer(ctx, cfg.MaxOutput, d, id, out)
}

// stepHostConfig holds a verification container to the step's limits, or
// the defaults (drill.StepLimits): a step that runs away (a fork bomb, a
// leak) stops at them instead of taking the worker's machine down.
func stepHostConfig(st *drill.StepPlan) *container.HostConfig {
	return &container.HostConfig{Resources: docker.Resources(st.Limits.Or(drill.StepLimits))}
}

// containerConfig is the container's configuration: the allowed variables of
// the worker's environment, env, and nothing else (the image sets its own PATH).
// RunContainer has checked that each is set.
func containerConfig(env func(string) (string, bool), st *drill.StepPlan) *container.Config {
	var vars []string
	for _, k := range st.Env {
		if v, ok := env(k); ok {
			vars = append(vars, k+"="+v)
		}
	}
	return &container.Config{Image: st.Image, Cmd: st.Command, Env: vars}
}

// waitContainer starts the container, waits for it to exit or for ctx to end,
// and collects its output (the last maxOutput bytes) and exit code.
func waitContainer(ctx context.Context, maxOutput int, d *docker.Engine, id string, out drill.StepOutput) (drill.StepOutput, error) {
	if _, err := d.Client().ContainerStart(ctx, id, client.ContainerStartOptions{}); err != nil {
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		// The image's command cannot start (no such program): the step is wrong.
		return out, step.BadStep("start container from %s: %v", out.Details["image"], err)
	}
	w := d.Client().ContainerWait(ctx, id, client.ContainerWaitOptions{Condition: container.WaitConditionNotRunning})
	var code int64
	var waitErr error
	select {
	case r := <-w.Result:
		code = r.StatusCode
		if r.Error != nil && r.Error.Message != "" {
			waitErr = fmt.Errorf("wait for the container: %s", r.Error.Message)
		}
	case waitErr = <-w.Error:
	}
	buf := step.NewTailBuffer(maxOutput)
	lctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_ = d.Logs(lctx, id, buf)
	out.Output = buf.String()
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		out.Reason = "container did not finish within its timeout"
		return out, nil
	case ctx.Err() != nil:
		return out, ctx.Err()
	case waitErr != nil:
		return out, waitErr
	}
	c := int(code)
	out.ExitCode = &c
	if c != 0 {
		out.Reason = fmt.Sprintf("exit code %d%s", c, lastLine(out.Output))
		return out, nil
	}
	out.Passed = true
	return out, nil
}
