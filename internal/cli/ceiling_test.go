package cli

import (
	"context"
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// The raw-activity ceiling of BenchmarkEngineCeiling: the least Temporal work
// a drill of trivial steps could cost on the same server. A parent fans out
// one child per process, at most Parallel at once (the drill's MaxParallel);
// each child runs the trivial runbook's shape with nothing else: a no-op
// activity for each command step and a timer of the same scaled length for
// each wait or simulated sign-off, in runbook order. No queries, no search
// attributes, no evidence, no fork/exec. Test-only: no user reaches it.

// ceilingQueue is the task queue of the ceiling's own worker, on the
// benchmark's server beside exitdrill's.
const ceilingQueue = "exitdrill-bench-ceiling"

// ceilingStep is one step of a ceiling child: a no-op activity, or a timer
// when Timer > 0.
type ceilingStep struct {
	Timer time.Duration
}

// ceilingInput is the shape of a ceiling run.
type ceilingInput struct {
	Children, Parallel int
	Steps              []ceilingStep
}

// ceilingParent starts in.Children ceilingChild workflows, at most
// in.Parallel at once, and returns the steps they ran.
func ceilingParent(ctx workflow.Context, in ceilingInput) (int, error) {
	ctx = workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{})
	sel := workflow.NewSelector(ctx)
	running, next, steps := 0, 0, 0
	var firstErr error
	for next < in.Children || running > 0 {
		for running < in.Parallel && next < in.Children {
			cctx := workflow.WithWorkflowID(ctx, fmt.Sprintf("%s/%d", workflow.GetInfo(ctx).WorkflowExecution.ID, next))
			f := workflow.ExecuteChildWorkflow(cctx, ceilingChild, in.Steps)
			sel.AddFuture(f, func(f workflow.Future) {
				running--
				var n int
				if err := f.Get(ctx, &n); err != nil && firstErr == nil {
					firstErr = err
				}
				steps += n
			})
			running++
			next++
		}
		sel.Select(ctx)
	}
	return steps, firstErr
}

// ceilingChild runs steps in order and returns how many it ran.
func ceilingChild(ctx workflow.Context, steps []ceilingStep) (int, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 5},
	})
	for i, s := range steps {
		var err error
		if s.Timer > 0 {
			err = workflow.Sleep(ctx, s.Timer)
		} else {
			err = workflow.ExecuteActivity(ctx, ceilingNoop).Get(ctx, nil)
		}
		if err != nil {
			return i, err
		}
	}
	return len(steps), nil
}

// ceilingNoop is the ceiling's activity: it does nothing.
func ceilingNoop(context.Context) error { return nil }
