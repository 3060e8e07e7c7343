package workflows

import (
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// Search attributes of Drill workflows, registered by the engine, so that drills
// can be found in the Web UI and with the temporal CLI, for example:
//
//	temporal workflow list --query 'ExitdrillStatus="objectives-missed"'
var (
	AttrScenario     = temporal.NewSearchAttributeKeyKeyword("ExitdrillScenario")
	AttrSuppliers    = temporal.NewSearchAttributeKeyKeywordList("ExitdrillSuppliers")
	AttrStatus       = temporal.NewSearchAttributeKeyKeyword("ExitdrillStatus")
	AttrOrganisation = temporal.NewSearchAttributeKeyKeyword("ExitdrillOrganisation")
)

// setStatus records the drill's status in its search attributes.
func setStatus(ctx workflow.Context, status string) error {
	return workflow.UpsertTypedSearchAttributes(ctx, AttrStatus.ValueSet(status))
}
