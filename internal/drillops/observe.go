package drillops

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
)

// ErrDrillEnded is returned by Observe when the drill is no longer running:
// observations are added while it runs.
var ErrDrillEnded = errors.New("the drill has ended: observations are added while it runs; record what you saw in the after-action review (exitdrill review)")

// Observe sends the observe Update to a running drill and returns the
// observation as recorded. The workflow's validator rejects an unknown
// process or step, empty or overlong text, a missing author; its message is
// in the error.
func Observe(ctx context.Context, c client.Client, drillID string, o drill.Observe) (*drill.Observation, error) {
	h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: drillID, UpdateName: drill.UpdateObserve,
		Args: []any{o}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return nil, fmt.Errorf("observe drill %s: %w", drillID, ErrDrillEnded)
	}
	if err != nil {
		return nil, fmt.Errorf("observe drill %s: %w", drillID, err)
	}
	var rec drill.Observation
	if err := h.Get(ctx, &rec); err != nil {
		return nil, fmt.Errorf("observe drill %s: %w", drillID, err)
	}
	return &rec, nil
}
