package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
)

// preflightTimeout bounds the Preflight activity: it looks, it performs
// nothing, so a minute is plenty even with Docker to ask.
const preflightTimeout = time.Minute

// Preflight executes the Preflight activity on a worker of its task queue and
// returns what it found: a client cannot run an activity itself, so `run`
// starts this short workflow before the drill and waits for it. It records
// nothing as evidence and starts no drill.
func Preflight(ctx workflow.Context, in drill.PreflightInput) (drill.PreflightOutput, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: preflightTimeout,
		RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 2},
	})
	var out drill.PreflightOutput
	err := workflow.ExecuteActivity(ctx, drill.PreflightActivity, in).Get(ctx, &out)
	return out, err
}
