package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

// setStatus records the drill's status in its search attributes, so drills can
// be found by it in the Web UI and with the temporal CLI, for example
//
//	temporal workflow list --query 'ExitdrillStatus="objectives-missed"'
func setStatus(ctx workflow.Context, status string) error {
	return workflow.UpsertTypedSearchAttributes(ctx, searchattr.Status.ValueSet(status))
}
