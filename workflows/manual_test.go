package workflows

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/testsuite"

	"github.com/exitdrill/exitdrill/internal/yamldoc"

	"github.com/exitdrill/exitdrill/scenarios"
)

// updateCallbacks records the outcome of an Update sent in a test.
type updateCallbacks struct {
	rejected error
	result   *StepResult
	err      error
	done     bool
}

func (u *updateCallbacks) Accept()          {}
func (u *updateCallbacks) Reject(err error) { u.rejected, u.done = err, true }
func (u *updateCallbacks) Complete(v any, err error) {
	u.done, u.err = true, err
	if r, ok := v.(*StepResult); ok {
		u.result = r
	}
}

func sendUpdate(env *testsuite.TestWorkflowEnvironment, after time.Duration, c CompleteStep) *updateCallbacks {
	u := &updateCallbacks{}
	id := fmt.Sprintf("%s-%s-%s", c.Step, c.Actor, after)
	env.RegisterDelayedCallback(func() { env.UpdateWorkflow(UpdateCompleteStep, id, u, c) }, after)
	return u
}

func TestManualStepCompletedByUpdate(t *testing.T) {
	for _, mode := range []string{scenarios.Live, scenarios.Tabletop} {
		t.Run(mode, func(t *testing.T) {
			env := newEnv(t)
			u := sendUpdate(env, 90*time.Minute, CompleteStep{Step: "sign-off", Actor: "a.jansen", Role: "process-owner", Outcome: OutcomePass, Note: "permit 4711 issued"})
			r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(mode, 30*day),
				Process: process(cmdStep("switch", "true"), manualStep("sign-off", "process-owner", 4*hour))})
			if u.rejected != nil || u.err != nil || u.result == nil {
				t.Fatalf("update: rejected %v, err %v, result %v", u.rejected, u.err, u.result)
			}
			s := r.Steps[1]
			if s.Status != StepPassed || s.Actor != "a.jansen" || s.Note != "permit 4711 issued" {
				t.Errorf("manual step = %+v", s)
			}
			wantMeasure, wantDur := Declared, 4*hour
			if mode == scenarios.Live {
				wantMeasure, wantDur = Measured, yamldoc90m()
			}
			if s.Measure != wantMeasure || s.Duration != wantDur {
				t.Errorf("%s: measure %s duration %s, want %s %s", mode, s.Measure, s.Duration, wantMeasure, wantDur)
			}
			if r.Verdict != Recovered {
				t.Errorf("verdict %s (%s)", r.Verdict, r.Why)
			}
		})
	}
}

func yamldoc90m() yamldoc.Duration { return yamldoc.Duration(90 * time.Minute) }

func TestInvalidUpdatesRejected(t *testing.T) {
	tests := []struct {
		c    CompleteStep
		want string
	}{
		{CompleteStep{Step: "nope", Actor: "x", Role: "process-owner", Outcome: OutcomePass}, `process vergunningen has no step "nope" (waiting: sign-off)`},
		{CompleteStep{Step: "switch", Actor: "x", Role: "process-owner", Outcome: OutcomePass}, "step switch of process vergunningen is not waiting for a person (waiting: sign-off)"},
		{CompleteStep{Step: "sign-off", Actor: "", Role: "process-owner", Outcome: OutcomePass}, "say who completes the step (actor)"},
		{CompleteStep{Step: "sign-off", Actor: "x", Role: "operator", Outcome: OutcomePass}, `step sign-off waits for role process-owner, not "operator"`},
		{CompleteStep{Step: "sign-off", Actor: "x", Role: "process-owner", Outcome: "maybe"}, `outcome "maybe": allowed are pass and fail`},
	}
	env := newEnv(t)
	var us []*updateCallbacks
	for i, tt := range tests {
		us = append(us, sendUpdate(env, time.Duration(i+1)*time.Minute, tt.c))
	}
	ok := sendUpdate(env, time.Hour, CompleteStep{Step: "sign-off", Actor: "a.jansen", Role: "process-owner", Outcome: OutcomeFail, Note: "no permits can be issued"})
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Tabletop, 30*day),
		Process: process(cmdStep("switch", "true"), manualStep("sign-off", "process-owner", 4*hour))})
	for i, tt := range tests {
		if us[i].rejected == nil || us[i].rejected.Error() != tt.want {
			t.Errorf("update %d: rejected with %v, want %q", i, us[i].rejected, tt.want)
		}
	}
	if ok.rejected != nil {
		t.Fatalf("valid update rejected: %v", ok.rejected)
	}
	if s := r.Steps[1]; s.Status != StepFailed || s.Reason != "a.jansen (process-owner) reported fail: no permits can be issued" {
		t.Errorf("failed manual step = %s %q", s.Status, s.Reason)
	}
	if r.Verdict != Breached {
		t.Errorf("verdict %s, want breached", r.Verdict)
	}
}

func TestManualEscalationAndLimit(t *testing.T) {
	env := newEnv(t)
	u := sendUpdate(env, 6*time.Hour, CompleteStep{Step: "sign-off", Actor: "late", Role: "process-owner", Outcome: OutcomePass})
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Live, 30*day),
		Process: process(manualStep("sign-off", "process-owner", 4*hour))})
	s := r.Steps[0]
	if len(s.Events) != 1 || s.Events[0].Kind != "escalation" || !strings.Contains(s.Events[0].Text, "no answer from process-owner within the expected 4h") {
		t.Errorf("events = %+v, want one escalation", s.Events)
	}
	if s.Status != StepPassed || u.result == nil {
		t.Errorf("late answer within the limit should pass: %s %q", s.Status, s.Reason)
	}

	env = newEnv(t)
	r = runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Live, 30*day),
		Process: process(manualStep("sign-off", "process-owner", 4*hour))})
	if s := r.Steps[0]; s.Status != StepFailed || s.Reason != "no answer from process-owner within the limit of 12h" {
		t.Errorf("unanswered step = %s %q, want failed after 12h (3x expected)", s.Status, s.Reason)
	}
}
