package hosting

import (
	"context"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// Preflight is the preflight of hosting.healthy and hosting.tls: the host of
// the alternative's health URL resolves through the worker's resolver (the
// one the check uses, cfg.Resolver). Nothing is connected to. A name that
// does not resolve on the worker is reported before T0, when the worker's
// resolver or the alternative's DNS can still be fixed; a drill started
// anyway runs the step, which fails while the name does not resolve: the
// name is the alternative's.
func Preflight(ctx context.Context, cfg *step.Config, in drill.StepInput, r *step.Report) {
	h, u, err := healthTarget(in.Step.Alt)
	if err != nil {
		return // the step cannot run as defined; RunStep says so
	}
	ctx, cancel := context.WithTimeout(ctx, defaultRequestTimeout)
	defer cancel()
	if reason := newGuard(cfg, h.AllowPrivate).resolveHost(ctx, u.Hostname(), map[string]string{}); reason != "" {
		r.Problem("health.url %s: %s on this worker; started anyway, the step fails while it does not resolve", h.URL, reason)
	}
}
