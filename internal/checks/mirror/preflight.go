package mirror

import (
	"context"
	"os/exec"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// Preflight is forge.mirror's preflight: git reads the mirrors, and a token
// variable the step names explicitly is set (without tokenEnv the check
// reads public repositories unauthenticated, by design).
func Preflight(ctx context.Context, cfg *step.Config, in drill.StepInput, r *step.Report) {
	if p, err := exec.LookPath("git"); err != nil {
		r.Problem("git is not installed on this worker: run scripts/setup (or apt-get install git)")
	} else {
		r.Tool(ctx, "git", p, "--version")
	}
	if f := in.Step.Forge; f != nil {
		r.RequireEnv(cfg.Env, "the token variable", f.TokenEnv)
	}
}
