package workflows

import (
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
	"github.com/stretchr/testify/mock"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
)

// TestLostWorkerIsInconclusive: a step whose attempts all ended because
// the worker running it went silent (killed, or cut off from the server:
// a heartbeat timeout) was never completed. That says nothing about the
// supplier: the step and its process are inconclusive, never failed. A
// step that ran past its own timeout stays failed: it ran, too slowly.
func TestLostWorkerIsInconclusive(t *testing.T) {
	for _, tc := range []struct {
		timeout enumspb.TimeoutType
		status  drill.StepStatus
		verdict drill.Verdict
		reason  string
	}{
		{enumspb.TIMEOUT_TYPE_HEARTBEAT, drill.StepInconclusive, drill.Inconclusive, "no worker completed the step: the worker running it was lost (no heartbeat within 20s)"},
		{enumspb.TIMEOUT_TYPE_START_TO_CLOSE, drill.StepFailed, "", "timed out (start to close)"},
	} {
		t.Run(tc.timeout.String(), func(t *testing.T) {
			env := newEnv(t)
			env.OnActivity(drill.RunStepActivity, mock.Anything, mock.Anything).Return(drill.StepOutput{},
				temporal.NewTimeoutError(tc.timeout, nil))
			r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day), Process: process(cmdStep("switch", "true"))})
			if len(r.Steps) != 1 || r.Steps[0].Status != tc.status || !strings.HasPrefix(r.Steps[0].Reason, tc.reason) {
				t.Fatalf("steps %+v, want switch %s with a reason beginning %q", r.Steps, tc.status, tc.reason)
			}
			if tc.verdict != "" && r.Verdict != tc.verdict {
				t.Errorf("verdict %s (%s), want %s", r.Verdict, r.Why, tc.verdict)
			}
			if tc.verdict == "" && r.Verdict == drill.Inconclusive {
				t.Errorf("verdict inconclusive (%s) for a step that ran past its timeout", r.Why)
			}
		})
	}
}
