package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
)

// TestWaitedOutRendered: a process whose recovery finished only after the
// outage ended is counted as waited out in every format, and its recovery is
// shown as how long it would have taken, never as a recovery.
func TestWaitedOutRendered(t *testing.T) {
	in := fixture()
	var afv *drill.ProcessResult
	for _, p := range in.Result.Processes {
		if p.Process == "afval" {
			afv = p
		}
	}
	if afv == nil {
		t.Fatal("fixture has no afval")
	}
	afv.Verdict, afv.Recovered, afv.Recovery, afv.FailedStep = drill.WaitedOut, true, drill.Duration(40*24*time.Hour), ""
	afv.Why = "waited out: the 30d outage ended within MTPD 60d before recovery finished; recovery would have taken 40d"
	for _, s := range afv.Steps {
		s.Status, s.Reason = drill.StepPassed, ""
	}
	b, _, err := evidence.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"text": {"0 tolerated, 1 aborted, 1 waited out.", "WAITED OUT", "would have taken 40d"},
		"md":   {"| Waited out |", "would have taken 40d"},
		"json": {`"waitedOut": 1`, `"verdict": "waited-out"`},
		"html": {`class="badge v-waited-out"`, "1 process was not recovered when the outage ended"},
	}
	for format, subs := range want {
		out, err := renderBundle(format, b)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range subs {
			if !strings.Contains(string(out), s) {
				t.Errorf("%s report does not say %q", format, s)
			}
		}
	}
}
