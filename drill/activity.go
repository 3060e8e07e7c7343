package drill

import "time"

// The step-activity contract: the workflows execute the step activities by
// these names with these types, and the worker registers its implementations
// under the same names (package internal/checks). Neither side imports the
// other.

// RunStepActivity is the activity that performs one automated step.
const RunStepActivity = "RunStep"

// Error types of application errors returned by activities. The workflow
// decides by these names which errors to retry.
const (
	// ErrCheckFailed: the step ran and its check did not pass.
	ErrCheckFailed = "CheckFailed"
	// ErrNotImplemented: the step kind has no implementation yet; never a pass.
	ErrNotImplemented = "NotImplemented"
	// ErrBadStep: the step cannot run as defined (a backup without a kind, an
	// alternative without a health URL); retrying does not help.
	ErrBadStep = "BadStep"
	// ErrInconclusive: the step could not be attempted for a reason of the
	// worker's environment (a tool not installed, an executable not found, a
	// variable unset); the step is inconclusive, never failed.
	ErrInconclusive = "Inconclusive"
)

// StepInput is the input of RunStep.
type StepInput struct {
	DrillID  string    `json:"drillId"`
	Process  string    `json:"process"`
	Step     *StepPlan `json:"step"`
	Scenario Info      `json:"scenario"`
	// T0 is the outage start on the wall clock, for ages ("backup 3h old at T0").
	T0 time.Time `json:"t0"`
	// The process's objectives, for checks that judge against them.
	RPO  Duration `json:"rpo"`
	MTPD Duration `json:"mtpd"`
}

// Detail keys every backup check reports when it found a usable copy, so the
// workflow can judge data loss against the RPO.
const (
	// DetailBackupTime is when the newest copy was made, RFC 3339.
	DetailBackupTime = "backupTime"
	// DetailBackupAge is that copy's age at T0, as a Go duration ("26h0m0s").
	DetailBackupAge = "backupAgeAtT0"
	// DetailBackupID names the backup checked.
	DetailBackupID = "backup"
)

// StepOutput is what a step reports, passed or not.
type StepOutput struct {
	Passed   bool              `json:"passed"`
	Reason   string            `json:"reason,omitempty"`
	Output   string            `json:"output,omitempty"`
	ExitCode *int              `json:"exitCode,omitempty"`
	Took     time.Duration     `json:"took"`
	Attempt  int               `json:"attempt"`
	Details  map[string]string `json:"details,omitempty"`
}

// Detail keys of a restore, the measured part of the recovery time.
const (
	// DetailRestoreSeconds is how long the restore itself took, in seconds.
	DetailRestoreSeconds = "restoreSeconds"
	// DetailBytes is how many bytes of data the copy holds (restored or read).
	DetailBytes = "bytes"
	// DetailBytesPerSecond is the restore throughput.
	DetailBytesPerSecond = "bytesPerSecond"
	// DetailBackupUsable is "true" when the copy was read (backup.fresh) or
	// restored and proven (backup.restore) in full, even when backup.fresh
	// then failed it for its age: such a copy bounds the data loss.
	DetailBackupUsable = "backupUsable"
)
