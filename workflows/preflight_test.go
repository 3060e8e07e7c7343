package workflows

import (
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
)

// TestPreflightWorkflow runs the Preflight workflow with the real activity:
// a command whose executable does not exist and a variable that is not set
// are named against their step; a step at a lost supplier, a manual step
// and a wait are not examined; a program that exists is ready.
func TestPreflightWorkflow(t *testing.T) {
	dir := t.TempDir()
	p := plan("compressed", 30*day,
		proc("klantcontact", day, 7*day,
			&drill.StepPlan{ID: "ok", Kind: drill.Command, Command: []string{"true"}},
			&drill.StepPlan{ID: "gone", Kind: drill.Command, Command: []string{"./no-such-script.sh"}, Dir: dir},
			&drill.StepPlan{ID: "secret", Kind: drill.Command, Command: []string{"true"}, Env: []string{"EXITDRILL_TEST_SURELY_UNSET"}},
			&drill.StepPlan{ID: "lost", Kind: drill.Command, Command: []string{"./no-such-script.sh"}, Unavailable: "held by lost supplier microsoft"},
			&drill.StepPlan{ID: "sign-off", Kind: drill.ManualStep, Manual: &drill.Manual{Role: "owner"}},
		))
	env := newEnv(t)
	env.ExecuteWorkflow(Preflight, drill.PreflightInput{Plan: p})
	if !env.IsWorkflowCompleted() || env.GetWorkflowError() != nil {
		t.Fatalf("preflight did not complete: %v", env.GetWorkflowError())
	}
	var out drill.PreflightOutput
	if err := env.GetWorkflowResult(&out); err != nil {
		t.Fatal(err)
	}
	if out.Steps != 3 || out.Ready() != 1 {
		t.Errorf("steps %d, ready %d; want 3 examined, 1 ready", out.Steps, out.Ready())
	}
	var got []string
	for _, pr := range out.Problems {
		got = append(got, pr.Process+"/"+pr.Step+" ("+string(pr.Kind)+"): "+pr.Problem)
	}
	want := []string{
		"klantcontact/gone (command): cannot run ./no-such-script.sh on this worker",
		"klantcontact/secret (command): the step's variable EXITDRILL_TEST_SURELY_UNSET is not set on this worker",
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want it to start %q", i, got[i], want[i])
		}
	}
}
