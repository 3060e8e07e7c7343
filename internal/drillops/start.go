package drillops

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/scenarios"
	"github.com/exitdrill/exitdrill/workflows"
	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

// IDStamp is the layout of the time in a drill id: SCENARIO-20060102T150405Z.
const IDStamp = "20060102T150405Z"

var idUnsafe = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// DrillID is the id of a drill of scenario asked for at t: the scenario id
// (characters other than letters, digits, '.', '_' and '-' replaced by '-')
// and the UTC time.
func DrillID(scenario string, t time.Time) string {
	return idUnsafe.ReplaceAllString(scenario, "-") + "-" + t.UTC().Format(IDStamp)
}

// Attributes are the search attributes a drill starts with, by hand or from a
// schedule.
func Attributes(plan *drill.Plan, sc *scenarios.Scenario) temporal.SearchAttributes {
	lost := plan.Scenario.Lost
	if lost == nil {
		lost = []string{}
	}
	return temporal.NewSearchAttributes(
		searchattr.Scenario.ValueSet(sc.ID),
		searchattr.Suppliers.ValueSet(lost),
		searchattr.Status.ValueSet("running"),
		searchattr.Organisation.ValueSet(plan.Organisation),
	)
}

// StartOptions are the workflow options of a drill of plan: the plan's drill id
// as workflow id, exitdrill's task queue and the search attributes. A caller
// adds what is its own, such as an id reuse policy.
func StartOptions(plan *drill.Plan, sc *scenarios.Scenario) client.StartWorkflowOptions {
	return client.StartWorkflowOptions{ID: plan.DrillID, TaskQueue: engine.TaskQueue, TypedSearchAttributes: Attributes(plan, sc)}
}

// Start starts the Drill workflow of in with opts (see StartOptions), stamping
// in.Started with the time it was asked for.
func Start(ctx context.Context, c client.Client, opts client.StartWorkflowOptions, in drill.DrillInput) (client.WorkflowRun, error) {
	in.Started = time.Now().UTC()
	run, err := c.ExecuteWorkflow(ctx, opts, workflows.Drill, in)
	if err != nil {
		return nil, fmt.Errorf("start drill %s: %w", opts.ID, err)
	}
	return run, nil
}
