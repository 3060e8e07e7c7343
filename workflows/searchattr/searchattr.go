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

// MoreSuppliers stands, in Suppliers, for the lost suppliers that do not
// fit in a search attribute's value (Temporal keeps at most 2 KB of one): a
// drill that loses a supplier carries its id or this, so a filter by
// supplier asks for both and never misses a drill (see SuppliersValue).
const MoreSuppliers = "+more"

// suppliersBudget is how many bytes of supplier ids Suppliers holds, under
// the server's 2,048-byte limit on a value as it encodes it (JSON: quotes
// and commas).
const suppliersBudget = 1900

// SuppliersValue is the value of Suppliers for the lost suppliers ids: all
// of them when they fit, else those that fit and MoreSuppliers.
func SuppliersValue(ids []string) []string {
	size := 2 + len(MoreSuppliers) + 3
	for i, id := range ids {
		if size += len(id) + 3; size > suppliersBudget {
			return append(append([]string{}, ids[:i]...), MoreSuppliers)
		}
	}
	return ids
}

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
