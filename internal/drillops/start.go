package drillops

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
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

// MaxID is the most characters of a drill or schedule id.
const MaxID = 128

// idUnsafe are the characters an id may not have.
var idUnsafe = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// ValidID checks a drill or schedule id: 1 to MaxID letters, digits, '.', '_'
// and '-', starting with a letter or a digit. A drill's evidence goes to a
// directory named after it, so nothing like "/" or ".." gets through.
func ValidID(id string) error {
	switch {
	case id == "":
		return errors.New("id is empty")
	case len(id) > MaxID:
		return fmt.Errorf("id of %d characters: at most %d are allowed", len(id), MaxID)
	case idUnsafe.MatchString(id) || !isAlnum(id[0]):
		return fmt.Errorf("id %q: only letters, digits, '.', '_' and '-' are allowed, starting with a letter or digit", id)
	}
	return nil
}

func isAlnum(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
}

// idPart is a scenario id made fit for an id: characters other than letters,
// digits, '.', '_' and '-' replaced by '-', starting with a letter or digit,
// at most 100 characters.
func idPart(scenario string) string {
	s := strings.TrimLeft(idUnsafe.ReplaceAllString(scenario, "-"), "-._")
	if s = s[:min(len(s), 100)]; s == "" {
		return "drill"
	}
	return s
}

// DrillID is the id of a drill of scenario asked for at t: the scenario id
// (characters other than letters, digits, '.', '_' and '-' replaced by '-')
// and the UTC time.
func DrillID(scenario string, t time.Time) string {
	return idPart(scenario) + "-" + t.UTC().Format(IDStamp)
}

// Attributes are the search attributes a drill of plan starts with, by hand
// or from a schedule; scenario is the id of the scenario it plays. The mode
// is set here, at the start, and never upserted by the workflow: a drill's
// mode does not change, and the workflow's commands stay as they were
// recorded (replay).
func Attributes(plan *drill.Plan, scenario string) temporal.SearchAttributes {
	lost := plan.Scenario.Lost
	if lost == nil {
		lost = []string{}
	}
	return temporal.NewSearchAttributes(
		searchattr.Scenario.ValueSet(scenario),
		searchattr.Suppliers.ValueSet(searchattr.SuppliersValue(lost)),
		searchattr.Status.ValueSet("running"),
		searchattr.Organisation.ValueSet(plan.Organisation),
		searchattr.Mode.ValueSet(plan.Scenario.Mode),
	)
}

// startOptions are the workflow options of a drill of plan: the plan's drill
// id as workflow id, exitdrill's task queue and the search attributes. A
// caller adds what is its own, such as an id reuse policy.
func startOptions(plan *drill.Plan, sc *scenarios.Scenario) client.StartWorkflowOptions {
	return client.StartWorkflowOptions{ID: plan.DrillID, TaskQueue: engine.TaskQueue, TypedSearchAttributes: Attributes(plan, sc.ID)}
}

// Start starts the Drill workflow of in with opts (Prepared.Options), stamping
// in.Started with the time it was asked for.
func Start(ctx context.Context, c client.Client, opts client.StartWorkflowOptions, in drill.DrillInput) (client.WorkflowRun, error) {
	in.Started = time.Now().UTC()
	run, err := c.ExecuteWorkflow(ctx, opts, workflows.Drill, in)
	if err != nil {
		return nil, fmt.Errorf("start drill %s: %w", opts.ID, err)
	}
	return run, nil
}
