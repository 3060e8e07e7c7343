package workflows

import (
	"errors"
	"fmt"
	"slices"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
)

// preflightTimeout bounds the Preflight activity: it looks, it performs
// nothing, so a minute is plenty even with Docker to ask.
const preflightTimeout = time.Minute

// labelWait is how long the preflight waits for a worker of a label to take
// the examination of the steps that must run there (runsOn).
const labelWait = 20 * time.Second

// Preflight executes the Preflight activity on a worker of its task queue and
// returns what it found: a client cannot run an activity itself, so `run`
// starts this short workflow before the drill and waits for it. Steps pinned
// to a worker label (runsOn) are examined by a worker of that label, on its
// own task queue; when none takes them within labelWait, each such step is a
// problem. It records nothing as evidence and starts no drill.
func Preflight(ctx workflow.Context, in drill.PreflightInput) (drill.PreflightOutput, error) {
	opts := workflow.ActivityOptions{
		StartToCloseTimeout: preflightTimeout,
		RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 2},
	}
	var labels []string
	var parts map[string]*drill.Plan
	if in.Plan != nil {
		labels, parts = in.Plan.ByLabel()
	}
	if len(labels) == 0 || len(labels) == 1 && labels[0] == "" {
		// No step pinned to a label: the whole plan, on this task queue.
		ctx = workflow.WithActivityOptions(ctx, opts)
		var out drill.PreflightOutput
		err := workflow.ExecuteActivity(ctx, drill.PreflightActivity, in).Get(ctx, &out)
		return out, err
	}
	base := workflow.GetInfo(ctx).TaskQueueName
	futures := make([]workflow.Future, len(labels))
	for i, label := range labels {
		o := opts
		if label != "" {
			o.TaskQueue = drill.StepQueue(base, label)
			o.ScheduleToStartTimeout = labelWait
		}
		actx := workflow.WithActivityOptions(ctx, o)
		futures[i] = workflow.ExecuteActivity(actx, drill.PreflightActivity, drill.PreflightInput{Plan: parts[label]})
	}
	var all drill.PreflightOutput
	for i, label := range labels {
		var out drill.PreflightOutput
		err := futures[i].Get(ctx, &out)
		var timeout *temporal.TimeoutError
		switch {
		case label != "" && errors.As(err, &timeout) && timeout.TimeoutType() == enumspb.TIMEOUT_TYPE_SCHEDULE_TO_START:
			out = noWorker(parts[label], label)
		case err != nil:
			return all, err
		}
		all.Steps += out.Steps
		all.Problems = append(all.Problems, out.Problems...)
		for _, t := range out.Tools {
			if !slices.Contains(all.Tools, t) {
				all.Tools = append(all.Tools, t)
			}
		}
	}
	return all, nil
}

// noWorker is the preflight of a part of the plan that no worker of its label
// took: each automated step it would examine is a problem.
func noWorker(part *drill.Plan, label string) drill.PreflightOutput {
	var out drill.PreflightOutput
	for _, p := range part.Processes {
		for _, st := range append(slices.Clone(p.Steps), p.Rollback...) {
			if st.Unavailable != "" || !st.Kind.Automated() {
				continue
			}
			out.Steps++
			out.Problems = append(out.Problems, drill.PreflightProblem{Process: p.ID, Step: st.ID, Kind: st.Kind,
				Problem: fmt.Sprintf("no worker labelled %s took it within %s: start `exitdrill worker --label %s` where this step must run", label, labelWait, label)})
		}
	}
	return out
}
