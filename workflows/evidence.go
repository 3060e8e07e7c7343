package workflows

import (
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// writeEvidence runs the evidence activity at the end of a drill. A bundle
// that cannot be written does not change the drill's verdicts: the error is
// recorded and `exitdrill report` can rebuild the bundle from the history.
func writeEvidence(ctx workflow.Context, in drill.DrillInput, res *drill.DrillResult) *drill.EvidenceRef {
	dir := in.Evidence.BundleDir(res.DrillID)
	if dir == "" {
		return nil
	}
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 5 * time.Minute,
		RetryPolicy:         &temporal.RetryPolicy{InitialInterval: time.Second, MaximumAttempts: 5},
	})
	// The bundle must not say where it went: the result it records is the one
	// without Evidence, so a rebuild from the history gives the same bytes.
	var ref drill.EvidenceRef
	err := workflow.ExecuteActivity(actx, drill.WriteEvidenceActivity, in.EvidenceInput(dir, res)).Get(actx, &ref)
	if err != nil {
		return &drill.EvidenceRef{Dir: dir, Error: err.Error()}
	}
	return &ref
}
