// Package searchattr names the Temporal search attributes that make drills
// findable in the Web UI and with the temporal CLI. It imports only the SDK's
// temporal package, so pure workflow code can upsert the keys without linking
// the server.
package searchattr

import (
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
)

// Names of the search attributes, as typed in a visibility query such as
// `ExitdrillScenario = "microsoft-1-month"`.
const (
	ScenarioName     = "ExitdrillScenario"
	SuppliersName    = "ExitdrillSuppliers"
	StatusName       = "ExitdrillStatus"
	OrganisationName = "ExitdrillOrganisation"
	ModeName         = "ExitdrillMode"
)

// Typed keys for workflow.UpsertTypedSearchAttributes and
// client.StartWorkflowOptions.TypedSearchAttributes.
var (
	// Scenario is the id of the scenario a drill plays.
	Scenario = temporal.NewSearchAttributeKeyKeyword(ScenarioName)
	// Suppliers are the ids of the suppliers the scenario loses.
	Suppliers = temporal.NewSearchAttributeKeyKeywordList(SuppliersName)
	// Status is the drill's current state (running, recovered, missed, aborted...).
	Status = temporal.NewSearchAttributeKeyKeyword(StatusName)
	// Organisation is the catalog's organisation.
	Organisation = temporal.NewSearchAttributeKeyKeyword(OrganisationName)
	// Mode is the mode the drill runs in (live, tabletop, compressed), set
	// when it starts; drills started before it existed carry none.
	Mode = temporal.NewSearchAttributeKeyKeyword(ModeName)
)

// All maps every search attribute to its type, for registration on a namespace.
func All() map[string]enumspb.IndexedValueType {
	return map[string]enumspb.IndexedValueType{
		ScenarioName:     enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		SuppliersName:    enumspb.INDEXED_VALUE_TYPE_KEYWORD_LIST,
		StatusName:       enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		OrganisationName: enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		ModeName:         enumspb.INDEXED_VALUE_TYPE_KEYWORD,
	}
}
