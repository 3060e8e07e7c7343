package checks

import (
	"context"
	"fmt"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"
)

// Activities are the step activities: the worker's configuration and RunStep,
// which performs a step with the check the registry holds for its kind.
// Create one with New and register it once per worker with Register;
// workflows execute RunStep by its name, drill.RunStepActivity.
type Activities struct {
	// Config is what the checks read from the worker: its environment, the
	// output cap of commands, the CAs hosting checks trust, the exit plans'
	// review window. Set it before the worker starts.
	step.Config
	// Repos fetches the files of github: sources that the worker does not
	// see and the plan does not carry (see onFetched); nil fetches none.
	Repos Repos
}

// New returns Activities reading environment variables through env (os.LookupEnv
// in production).
func New(env func(string) (string, bool)) *Activities {
	return &Activities{Config: step.Config{Env: env, MaxOutput: step.DefaultMaxOutput}}
}

// RunStep executes one automated step of a runbook, once the worker has
// checked that it sees the files the step was planned on: a file that
// differs, or that it cannot see, makes the step inconclusive. A worker that
// does not see the step's directory at all runs it on the plan's copy of its
// files when the plan carries them all (see onShipped), or fetches them from
// their repository at the drill's commit (see onFetched).
func (a *Activities) RunStep(ctx context.Context, in drill.StepInput) (drill.StepOutput, error) {
	k, ok := kinds[in.Step.Kind]
	if !ok {
		return drill.StepOutput{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("step kind %s is not implemented in this version of exitdrill: nothing was checked", in.Step.Kind),
			drill.ErrNotImplemented, nil)
	}
	m, err := a.onCopy(ctx, in.Step)
	if err != nil {
		return drill.StepOutput{}, err
	}
	if m != nil {
		defer m.remove()
		return step.Run(ctx, m.run(k.run), &a.Config, in)
	}
	if err := checkFiles(ctx, in.Step); err != nil {
		return drill.StepOutput{}, err
	}
	return step.Run(ctx, k.run, &a.Config, in)
}

// Register registers a's step activities on a worker (or a test environment)
// under the names of the step-activity contract in package drill, by which the
// workflows execute them.
func Register(r worker.ActivityRegistry, a *Activities) {
	r.RegisterActivityWithOptions(a.RunStep, activity.RegisterOptions{Name: drill.RunStepActivity})
	r.RegisterActivityWithOptions(a.Preflight, activity.RegisterOptions{Name: drill.PreflightActivity})
}

// onCopy returns the copy of its files a step runs on when the worker does
// not see its directory: the plan's (onShipped), else one fetched from the
// files' repository (onFetched); nil when the step runs on the worker's own.
func (a *Activities) onCopy(ctx context.Context, st *drill.StepPlan) (*shipCopy, error) {
	m, err := onShipped(st)
	if m != nil || err != nil {
		return m, err
	}
	return a.onFetched(ctx, st)
}
