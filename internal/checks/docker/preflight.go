package docker

import (
	"context"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// Preflight records in r whether the worker's Docker Engine answers and has
// image (when not empty), without starting anything: what a container step
// or a container sandbox needs before it can be attempted.
func Preflight(ctx context.Context, image string, r *step.Report) {
	d, err := Connect(ctx)
	if err != nil {
		r.Err(err)
		return
	}
	defer d.Close()
	r.Tools = append(r.Tools, toolOf(d))
	if image == "" {
		return
	}
	if _, err := d.ImageID(ctx, image); err != nil {
		r.Err(err)
	}
}

func toolOf(d *Engine) drill.Tool {
	return drill.Tool{Name: "docker", Path: d.c.DaemonHost(), Version: "API " + d.c.ClientVersion()}
}
