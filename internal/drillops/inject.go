package drillops

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
)

// AckInject sends the ack-inject Update to a drill and waits for the
// inject's state. The workflow's validator refuses an unknown inject, one
// not delivered yet, a missing name and a second acknowledgement by the
// same person; its message is in the error. A drill that is not running
// (unknown, or finished) is ErrNoDrill.
func AckInject(ctx context.Context, c client.Client, drillID string, req drill.AckInject) (*drill.InjectResult, error) {
	h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: drillID, UpdateName: drill.UpdateAckInject,
		Args: []any{req}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return nil, fmt.Errorf("acknowledge inject %s of drill %s: %w", req.Inject, drillID, ErrNoDrill)
	}
	if err != nil {
		return nil, err
	}
	var r drill.InjectResult
	if err := h.Get(ctx, &r); err != nil {
		return nil, err
	}
	return &r, nil
}
