package workflows

import (
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/testsuite"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

// observeCallbacks records the outcome of an UpdateObserve sent in a test.
type observeCallbacks struct {
	rejected error
	err      error
	result   *drill.Observation
}

func (u *observeCallbacks) Accept()          {}
func (u *observeCallbacks) Reject(err error) { u.rejected = err }
func (u *observeCallbacks) Complete(v any, err error) {
	u.err = err
	if o, ok := v.(drill.Observation); ok {
		u.result = &o
	}
}

// TestObservationsRecorded: observations sent while the drill runs are
// recorded with the workflow's time and end in the result; bad ones are
// rejected by the validator, naming what is wrong, and never recorded.
func TestObservationsRecorded(t *testing.T) {
	in := drill.DrillInput{Plan: plan(scenarios.Compressed, 30*day,
		proc("parkeren", 2*day, 7*day, cmdStep("switch", "true"), waitStep("settle", day)))}
	in.Plan.Scenario.TimeScale = 1
	sends := []struct {
		after  time.Duration
		obs    drill.Observe
		reject string
	}{
		{time.Hour, drill.Observe{By: "Anna", Process: "parkeren", Step: "settle", Text: "the helpdesk got 12 calls"}, ""},
		{2 * time.Hour, drill.Observe{By: "Piet", Text: "nobody knew where the exit plan was"}, ""},
		{3 * time.Hour, drill.Observe{By: "Piet", Process: "parkeren", Step: "nope", Text: "x"}, `process parkeren has no step "nope"; its steps are: switch, settle`},
		{3 * time.Hour, drill.Observe{By: "Piet", Process: "betalen", Text: "x"}, `the drill has no process "betalen"`},
		{3 * time.Hour, drill.Observe{By: "Piet", Text: "  "}, "the observation is empty"},
		{3 * time.Hour, drill.Observe{By: "", Text: "who?"}, "say who observes"},
		{3 * time.Hour, drill.Observe{By: "Piet", Text: strings.Repeat("x", drill.MaxObservation+1)}, "the observation is 2001 characters long; at most 2000 are allowed"},
	}
	cbs := make([]*observeCallbacks, len(sends))
	res := runDrill(t, in, func(env *testsuite.TestWorkflowEnvironment) {
		for i, s := range sends {
			cbs[i] = &observeCallbacks{}
			env.RegisterDelayedCallback(func() { env.UpdateWorkflow(drill.UpdateObserve, "", cbs[i], s.obs) }, s.after)
		}
	})
	for i, s := range sends {
		u := cbs[i]
		if s.reject == "" {
			if u.rejected != nil || u.err != nil || u.result == nil {
				t.Errorf("observation %d: rejected %v, err %v, result %v; want it recorded", i, u.rejected, u.err, u.result)
			}
			continue
		}
		if u.rejected == nil || !strings.Contains(u.rejected.Error(), s.reject) {
			t.Errorf("observation %d: rejected %v, want an error with %q", i, u.rejected, s.reject)
		}
	}
	if len(res.Observations) != 2 {
		t.Fatalf("result has %d observations, want 2: %+v", len(res.Observations), res.Observations)
	}
	o := res.Observations[0]
	if o.By != "Anna" || o.Where() != "parkeren/settle" || o.Text != "the helpdesk got 12 calls" {
		t.Errorf("first observation = %+v", o)
	}
	if got := res.Observations[1].At.Sub(o.At); got != time.Hour {
		t.Errorf("observations %s apart, want 1h (the workflow's clock)", got)
	}
}

// TestNoObservationAfterTheEnd: once the drill is being finished the
// validator refuses, pointing to the after-action review.
func TestNoObservationAfterTheEnd(t *testing.T) {
	o := observations{plan: &drill.Plan{DrillID: "d1"}, ended: true}
	err := o.validate(drill.Observe{By: "Anna", Text: "late"})
	if err == nil || !strings.Contains(err.Error(), "drill d1 has ended") || !strings.Contains(err.Error(), "exitdrill review") {
		t.Errorf("validate after the end: %v", err)
	}
}
