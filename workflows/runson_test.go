package workflows

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/mock"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

// queues records the task queue of every step activity the workflow starts.
func queues(t *testing.T, started map[string]string) func(*activity.Info, context.Context, converter.EncodedValues) {
	return func(info *activity.Info, _ context.Context, args converter.EncodedValues) {
		var in drill.StepInput
		if info.ActivityType.Name != drill.RunStepActivity {
			return
		}
		if err := args.Get(&in); err != nil {
			t.Error(err)
			return
		}
		started[in.Step.ID] = info.TaskQueue
	}
}

// TestRunsOnPinsTheStep: a step with runsOn goes to its label's task queue
// (the drill's queue@label), the others to the drill's own.
func TestRunsOnPinsTheStep(t *testing.T) {
	local := cmdStep("local", "true")
	west := cmdStep("restore-west", "true")
	west.RunsOn = "dc-west"
	env := newEnv(t)
	started := map[string]string{}
	env.SetOnActivityStartedListener(queues(t, started))
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day), Process: process(local, west)})
	if !r.Recovered {
		t.Errorf("not recovered: %s", r.Why)
	}
	base := started["local"]
	if base == "" || strings.Contains(base, "@") {
		t.Fatalf("local step on queue %q, want the drill's own", base)
	}
	if got, want := started["restore-west"], drill.StepQueue(base, "dc-west"); got != want {
		t.Errorf("restore-west on queue %q, want %q", got, want)
	}
}

// TestRunsOnWithoutWorkerIsInconclusive: no worker of the label took the step
// within its time: that says nothing about the supplier, so the step and its
// process are inconclusive, never failed.
func TestRunsOnWithoutWorkerIsInconclusive(t *testing.T) {
	west := cmdStep("restore-west", "true")
	west.RunsOn = "dc-west"
	env := newEnv(t)
	env.OnActivity(drill.RunStepActivity, mock.Anything, mock.Anything).Return(drill.StepOutput{},
		temporal.NewTimeoutError(enumspb.TIMEOUT_TYPE_SCHEDULE_TO_START, nil))
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day), Process: process(west)})
	if r.Verdict != drill.Inconclusive {
		t.Errorf("verdict %s (%s), want inconclusive", r.Verdict, r.Why)
	}
	if len(r.Steps) != 1 || r.Steps[0].Status != drill.StepInconclusive ||
		!strings.HasPrefix(r.Steps[0].Reason, "no worker labelled dc-west took the step within 1m0s") {
		t.Errorf("steps %+v, want restore-west inconclusive: no worker labelled dc-west", r.Steps)
	}
}

// TestPreflightByLabel: the preflight examines a labelled step on its
// label's queue; when no worker of the label takes it, each such step is a
// problem naming the label, and the rest is examined as before.
func TestPreflightByLabel(t *testing.T) {
	p := plan(scenarios.Compressed, 30*day, proc("klantcontact", day, 7*day,
		&drill.StepPlan{ID: "ok", Kind: drill.Command, Command: []string{"true"}},
		&drill.StepPlan{ID: "west", Kind: drill.Command, Command: []string{"true"}, RunsOn: "dc-west"},
	))
	env := newEnv(t)
	env.RegisterWorkflow(Preflight)
	seen := map[string]bool{}
	env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, _ converter.EncodedValues) {
		seen[info.TaskQueue] = true
	})
	env.OnActivity(drill.PreflightActivity, mock.Anything, mock.Anything).Return(func(_ context.Context, in drill.PreflightInput) (drill.PreflightOutput, error) {
		for _, pp := range in.Plan.Processes {
			for _, s := range pp.Steps {
				if s.RunsOn != "" {
					return drill.PreflightOutput{}, temporal.NewTimeoutError(enumspb.TIMEOUT_TYPE_SCHEDULE_TO_START, nil)
				}
			}
		}
		return drill.PreflightOutput{Steps: 1}, nil
	})
	env.ExecuteWorkflow(Preflight, drill.PreflightInput{Plan: p})
	var out drill.PreflightOutput
	if err := env.GetWorkflowResult(&out); err != nil {
		t.Fatal(err)
	}
	if out.Steps != 2 || out.Ready() != 1 || len(out.Problems) != 1 || out.Problems[0].Step != "west" ||
		!strings.HasPrefix(out.Problems[0].Problem, "no worker labelled dc-west took it within 20s") {
		t.Errorf("preflight %+v; want 2 steps, west not taken by a dc-west worker", out)
	}
	if len(seen) != 2 {
		t.Errorf("preflight activities on queues %v, want the drill's and its @dc-west", seen)
	}
}
