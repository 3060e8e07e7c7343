package drill

import (
	"time"
)

// QueryProgress is the query both workflows answer with their progress: a
// DrillProgress from Drill, a ProcessProgress from Process.
const QueryProgress = "progress"

// SignalAbort asks a Drill to stop: running steps are cancelled, remaining steps
// skipped, rollback steps run. Payload: Abort.
const SignalAbort = "abort"

// UpdateCompleteStep completes a manual step of a Process workflow. Payload:
// CompleteStep; result: StepResult. The validator rejects steps that are not
// waiting, missing actors, a role other than the step's, unknown outcomes.
const UpdateCompleteStep = "complete-step"

// Abort is the payload of SignalAbort: who stops the drill and why.
type Abort struct {
	Actor     string `json:"actor"`
	Reason    string `json:"reason"`
	Emergency bool   `json:"emergency,omitempty"` // sent by stop-all to every running drill
	// Account is the OS account of the command that sent it, recorded beside
	// the Actor it names (which --actor may set); empty from the console,
	// whose signed-in user is the Actor.
	Account string `json:"account,omitempty"`
}

// Who is the abort's actor for people (see Who).
func (a Abort) Who() string { return Who(a.Actor, a.Account) }

// Who names who acted, for the record: actor, and beside it the OS account
// of the command when that differs ("anna (OS account root)"), so that a
// name given with --actor never stands alone.
func Who(actor, account string) string {
	if account == "" || account == actor {
		return actor
	}
	return actor + " (OS account " + account + ")"
}

// Outcomes of a manual step.
const (
	OutcomePass = "pass"
	OutcomeFail = "fail"
)

// CompleteStep is the payload of UpdateCompleteStep.
type CompleteStep struct {
	Step  string `json:"step"`
	Actor string `json:"actor"`
	// Account is the OS account of the command that completes it (see
	// Abort.Account).
	Account string `json:"account,omitempty"`
	Role    string `json:"role"`
	Outcome string `json:"outcome"` // pass or fail
	Note    string `json:"note,omitempty"`
	// Took is the time the person says they spent: their own, declared figure.
	// It is recorded beside the result as StepResult.DeclaredTook and never
	// replaces the measured time (live mode: from the step becoming ready to
	// this answer).
	Took Duration `json:"took,omitempty"`
}

// Waiting is a manual step that waits for a person.
type Waiting struct {
	Process      string    `json:"process"`
	Step         string    `json:"step"`
	Role         string    `json:"role"`
	Instructions string    `json:"instructions"`
	Since        time.Time `json:"since"`
	Expected     Duration  `json:"expected"`
	Escalated    bool      `json:"escalated"`
	// Limit is how long the step waits before it fails unanswered: it
	// escalates at Since+Expected and fails at Since+Limit. Zero in the
	// answers of workflows from before it was reported.
	Limit Duration `json:"limit,omitempty"`
	// Next are the steps that wait for this one (runbook order); none when
	// it is the process's last step.
	Next []string `json:"next,omitempty"`
}

// ProcessProgress is the answer of a Process workflow to QueryProgress.
type ProcessProgress struct {
	Process string        `json:"process"`
	Status  string        `json:"status"` // running, rolling-back, done
	Done    []*StepResult `json:"done"`
	Running []string      `json:"running"`
	Waiting []Waiting     `json:"waiting"`
	Total   int           `json:"total"`
}

// DrillProgress is the answer of a Drill workflow to QueryProgress.
type DrillProgress struct {
	DrillID   string           `json:"drillId"`
	Status    string           `json:"status"` // running, aborting, done
	Scenario  string           `json:"scenario"`
	Mode      string           `json:"mode"`
	Started   time.Time        `json:"started"`
	Processes []ProcessSummary `json:"processes"`
	Abort     *Abort           `json:"abort,omitempty"`
	// Injects are the scenario's injects so far (see InjectResult).
	Injects []*InjectResult `json:"injects,omitempty"`
	// Observations are those recorded so far (UpdateObserve).
	Observations []Observation `json:"observations,omitempty"`
}

// ProcessSummary is one process's line in DrillProgress.
type ProcessSummary struct {
	ID         string  `json:"id"`
	WorkflowID string  `json:"workflowId"`
	Status     string  `json:"status"` // pending, running, done
	Verdict    Verdict `json:"verdict,omitempty"`
	Steps      int     `json:"steps"`
}
