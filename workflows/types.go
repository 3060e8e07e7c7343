package workflows

import (
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// ProcessInput is the input of the Process workflow.
type ProcessInput struct {
	DrillID  string             `json:"drillId"`
	Scenario drill.Info         `json:"scenario"`
	Process  *drill.ProcessPlan `json:"process"`
	Options  drill.Options      `json:"options"`
	// T0 is the outage start on the wall clock: when the drill started.
	T0      time.Time     `json:"t0"`
	Carried *ProcessCarry `json:"carried,omitempty"`
}

// ProcessCarry is what a Process hands to its next run when it continues as new.
type ProcessCarry struct {
	Done []*drill.StepResult `json:"done"`
	Runs int                 `json:"runs"`
}
