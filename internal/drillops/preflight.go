package drillops

import (
	"context"
	"errors"
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/workflows"
)

// PreflightWait is the longest Preflight waits (less when its context ends
// sooner) for a worker to examine the plan's steps.
const PreflightWait = 90 * time.Second

// Preflight has a worker of the drill's task queue examine every automated
// step of the plan without performing it (the Preflight workflow, id
// preflight-DRILL), and returns what it found. It records the tools the
// worker found in plan.Tools, so that the drill started with that plan names
// them in its evidence; it starts no drill and writes no evidence itself.
// opts are the drill's start options (for the task queue). A form submitted
// twice at once shares one preflight.
func Preflight(ctx context.Context, c client.Client, opts client.StartWorkflowOptions, plan *drill.Plan) (drill.PreflightOutput, error) {
	wait := PreflightWait
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
		wait = time.Until(dl).Round(time.Second)
	}
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       "preflight-" + opts.ID,
		TaskQueue:                opts.TaskQueue,
		WorkflowExecutionTimeout: wait,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}, workflows.Preflight, drill.PreflightInput{Plan: plan})
	if err != nil {
		return drill.PreflightOutput{}, fmt.Errorf("preflight of drill %s: %w", opts.ID, err)
	}
	var out drill.PreflightOutput
	if err := run.Get(ctx, &out); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return out, fmt.Errorf("preflight of drill %s: no worker of task queue %s answered within %s (is `exitdrill worker` or `exitdrill server` running, of this version?)", opts.ID, opts.TaskQueue, wait)
		}
		return out, fmt.Errorf("preflight of drill %s: %w", opts.ID, err)
	}
	plan.Tools = out.Tools
	return out, nil
}

// ErrNoWorker is returned by WorkerPolls when no worker polls a task queue.
var ErrNoWorker = errors.New("no worker polls the task queue")

// WorkerPolls says whether a worker polls the workflow task queue now: nil
// when one does, an error wrapping ErrNoWorker that says what to start when
// none does. A caller that cannot wait for a worker (a page) asks it before
// Preflight, which would wait PreflightWait.
func WorkerPolls(ctx context.Context, c client.Client, taskQueue string) error {
	resp, err := c.DescribeTaskQueue(ctx, taskQueue, enumspb.TASK_QUEUE_TYPE_WORKFLOW)
	if err != nil {
		return fmt.Errorf("ask which workers poll task queue %s: %w", taskQueue, err)
	}
	if len(resp.GetPollers()) == 0 {
		return fmt.Errorf("%w %q: is `exitdrill worker` or `exitdrill server` running, on this server and namespace?", ErrNoWorker, taskQueue)
	}
	return nil
}
