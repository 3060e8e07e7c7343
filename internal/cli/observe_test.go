package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
)

// TestObserveAndExercise: a drill started with a hypothesis, participants
// and a facilitator takes observations from exitdrill observe while it
// runs; a step it lacks and an empty text are exit 2; once it has ended an
// observation is refused, pointing to the review. The bundle records the
// exercise and the observation.
func TestObserveAndExercise(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)
	out := filepath.Join(t.TempDir(), "observed")
	code, stdout, errs := srv.cmd(t, "run", "--detach", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-tabletop"), "--id", "observed",
		"-o", out, "--hypothesis", "the portal is back within a day", "--participant", "Anna:process-owner", "--facilitator", "Carla")
	if code != ExitOK || strings.TrimSpace(stdout) != "observed" {
		t.Fatalf("run --detach: exit %d\n%s\n%s", code, stdout, errs)
	}
	waitStep(t, srv, "observed", "approve-switch")

	code, stdout, errs = srv.cmd(t, "observe", "observed", "--step", "portal-service/approve-switch", "--by", "anna", "the approver had to look up the standby host")
	if code != ExitOK || !strings.Contains(stdout, "observation recorded in drill observed at ") || !strings.Contains(stdout, "(portal-service/approve-switch) by anna") {
		t.Fatalf("observe: exit %d\n%s\n%s", code, stdout, errs)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--step", "portal-service/nope", "--by", "anna", "x"}, `process portal-service has no step "nope"`},
		{[]string{"--by", "anna", "  "}, "the observation is empty"},
		{[]string{"--step", "portal-service/", "--by", "anna", "x"}, "want PROCESS/STEP or PROCESS"},
	} {
		code, _, errs = srv.cmd(t, append([]string{"observe", "observed"}, tt.args...)...)
		if code != ExitInvalid || !strings.Contains(errs, tt.want) {
			t.Errorf("observe %q: exit %d, stderr %q; want 2 with %q", tt.args, code, errs, tt.want)
		}
	}

	for _, st := range []struct{ step, role string }{{"approve-switch", "process-owner"}, {"confirm-service", "service-desk"}} {
		waitStep(t, srv, "observed", st.step)
		if code, _, errs := srv.cmd(t, "step", "complete", "observed", "portal-service/"+st.step, "--role", st.role, "--outcome", "pass", "--actor", "tester"); code != ExitOK {
			t.Fatalf("complete %s: exit %d\n%s", st.step, code, errs)
		}
	}
	res := srv.result(t, "observed")
	if len(res.Observations) != 1 || res.Observations[0].By != "anna" || res.Observations[0].Account != osAccount() {
		t.Errorf("result observations = %+v", res.Observations)
	}
	code, _, errs = srv.cmd(t, "observe", "observed", "--by", "anna", "too late")
	if code != ExitInvalid || !strings.Contains(errs, "the drill has ended") || !strings.Contains(errs, "exitdrill review") {
		t.Errorf("observe after the end: exit %d, stderr %q", code, errs)
	}

	// The drill writes its bundle before it ends.
	b, err := evidence.Load(os.DirFS(out))
	if err != nil {
		t.Fatalf("the drill's bundle: %v", err)
	}
	want := &drill.Exercise{Hypothesis: "the portal is back within a day", Participants: []drill.Participant{{Name: "Anna", Role: "process-owner"}}, Facilitators: []string{"Carla"}}
	if b.Exercise == nil || b.Exercise.Hypothesis != want.Hypothesis || len(b.Exercise.Participants) != 1 || b.Exercise.Participants[0] != want.Participants[0] || b.Exercise.Facilitators[0] != "Carla" {
		t.Errorf("bundle exercise = %+v, want %+v", b.Exercise, want)
	}
	n := 0
	for _, e := range b.Events {
		if e.Type == evidence.EventObservation {
			n++
		}
	}
	if n != 1 {
		t.Errorf("bundle has %d observation events, want 1", n)
	}
}
