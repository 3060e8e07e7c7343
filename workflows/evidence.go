package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/scenarios"
)

// WriteEvidenceActivity is the name under which the evidence writer (package
// internal/recorder) registers its activity. The workflow calls it by name:
// the writer depends on this package, not the other way round.
const WriteEvidenceActivity = "WriteEvidence"

// EvidenceOptions say where a drill's evidence bundle goes: Dir, or else
// Root/<drill id>. With both empty no bundle is written.
type EvidenceOptions struct {
	Dir  string `json:"dir,omitempty"`
	Root string `json:"root,omitempty"`
}

// EvidenceInput is the input of the evidence activity: everything the bundle
// is made of.
type EvidenceInput struct {
	Dir         string          `json:"dir"`
	Plan        *scenarios.Plan `json:"plan"`
	Sources     []Source        `json:"sources,omitempty"`
	Definitions []byte          `json:"definitions,omitempty"`
	Result      *DrillResult    `json:"result"`
	// StartedBy and Note are the drill's (see DrillInput); empty for drills
	// started before they existed, so their activity inputs stay the same.
	StartedBy string `json:"startedBy,omitempty"`
	Note      string `json:"note,omitempty"`
}

// EvidenceInput is the input of the evidence activity for the drill of in
// with result res, its bundle going to dir. The workflow and `exitdrill
// report` both build it here, so that a bundle rebuilt from the history is the
// one the drill wrote.
func (in DrillInput) EvidenceInput(dir string, res *DrillResult) EvidenceInput {
	return EvidenceInput{Dir: dir, Plan: in.Plan, Sources: in.Sources, Definitions: in.Definitions, Result: res,
		StartedBy: in.StartedBy, Note: in.Note}
}

// bundleDir is where a drill's bundle goes, or "" for nowhere.
func (o EvidenceOptions) bundleDir(drillID string) string {
	switch {
	case o.Dir != "":
		return o.Dir
	case o.Root != "":
		return o.Root + "/" + drillID
	}
	return ""
}

// writeEvidence runs the evidence activity at the end of a drill. A bundle
// that cannot be written does not change the drill's verdicts: the error is
// recorded and `exitdrill report` can rebuild the bundle from the history.
func writeEvidence(ctx workflow.Context, in DrillInput, res *DrillResult) *EvidenceRef {
	dir := in.Evidence.bundleDir(res.DrillID)
	if dir == "" {
		return nil
	}
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 5 * time.Minute,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 5},
	})
	// The bundle must not say where it went: the result it records is the one
	// without Evidence, so a rebuild from the history gives the same bytes.
	var ref EvidenceRef
	err := workflow.ExecuteActivity(actx, WriteEvidenceActivity, in.EvidenceInput(dir, res)).Get(actx, &ref)
	if err != nil {
		return &EvidenceRef{Dir: dir, Error: err.Error()}
	}
	return &ref
}
