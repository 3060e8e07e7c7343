package workflows

import (
	"fmt"
	"slices"
	"strings"

	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

// manualWait is a manual step waiting for a person: the Update handler hands
// the person's answer over on answer.
type manualWait struct {
	info   drill.Waiting
	answer workflow.Channel
	// taken is set when an accepted Update hands its answer over: the
	// validator refuses any other, which would otherwise wait for a step
	// that no longer listens until the workflow ends.
	taken bool
}

// runManual performs a manual step. In compressed mode nobody is asked: the step
// is simulated with its declared time. In live and tabletop mode it waits for an
// UpdateCompleteStep; past its expected time an escalation is recorded, past its
// limit it fails.
func (p *processRun) runManual(ctx workflow.Context, s *drill.StepPlan, r *drill.StepResult) {
	r.Role = s.Manual.Role
	n := p.stepNotices(ctx, s, r) // nil: nobody is told
	defer p.endNotices(ctx, n)
	if p.in.Scenario.Mode == scenarios.Compressed {
		r.Duration, r.Measure, r.Actor = s.Expected, drill.Simulated, "nobody (simulated)"
		// Only with --notify: the role hears of the step, nobody has to answer.
		p.tell(ctx, n, s, drill.NotifyWaiting, []string{s.Manual.Role})
		if err := workflow.Sleep(ctx, p.scaled(s.Expected)); err != nil {
			r.Status, r.Reason = drill.StepAborted, "aborted while simulating"
			return
		}
		r.Status, r.Reason = drill.StepPassed, "simulated: compressed mode asks nobody, this proves nothing about people"
		return
	}
	limit := s.Manual.Limit
	if limit == 0 {
		limit = s.Expected * drill.Duration(p.opts.ManualLimitFactor)
	}
	w := &manualWait{answer: workflow.NewChannel(ctx), info: drill.Waiting{
		Process: p.in.Process.ID, Step: s.ID, Role: s.Manual.Role, Instructions: s.Manual.Instructions,
		Since: workflow.Now(ctx), Expected: s.Expected, Limit: limit, Next: p.dependents(s.ID)}}
	p.waiting[s.ID] = w
	defer delete(p.waiting, s.ID)
	p.tell(ctx, n, s, drill.NotifyWaiting, []string{s.Manual.Role})

	tctx, cancelTimers := workflow.WithCancel(ctx)
	defer cancelTimers()
	escalate := workflow.NewTimer(tctx, s.Expected.Std())
	giveUp := workflow.NewTimer(tctx, limit.Std())
	var answer *drill.CompleteStep
	for answer == nil && r.Status == "" {
		sel := workflow.NewSelector(ctx)
		sel.AddReceive(w.answer, func(c workflow.ReceiveChannel, _ bool) { c.Receive(ctx, &answer) })
		if !w.info.Escalated {
			sel.AddFuture(escalate, func(workflow.Future) {
				w.info.Escalated = true
				r.Events = append(r.Events, drill.Event{At: workflow.Now(ctx), Kind: "escalation",
					Text: fmt.Sprintf("no answer from %s within the expected %s: escalate", s.Manual.Role, s.Expected)})
				p.tell(ctx, n, s, drill.NotifyLate, p.escalationRoles(s.Manual.Role))
			})
		}
		sel.AddFuture(giveUp, func(workflow.Future) {
			r.Status, r.Reason = drill.StepFailed, fmt.Sprintf("no answer from %s within the limit of %s", s.Manual.Role, limit)
			if n != nil && n.full {
				p.tell(ctx, n, s, drill.NotifyOverdue, append([]string{s.Manual.Role}, p.escalationRoles(s.Manual.Role)...))
			}
		})
		sel.AddReceive(ctx.Done(), func(workflow.ReceiveChannel, bool) {
			r.Status, r.Reason = drill.StepAborted, "aborted while waiting for "+s.Manual.Role
		})
		sel.Select(ctx)
	}
	if answer == nil {
		r.Measure = drill.Measured
		return
	}
	p.answered(ctx, s, r, answer)
}

// answered records a person's answer. Live mode counts the measured time: the
// wall time from the step becoming ready (waiting for the person) to the
// answer. Tabletop mode counts the runbook's declared expected time. A figure
// the person gives (took) is their own claim: it is recorded beside, as
// DeclaredTook, and never replaces the measured time.
func (p *processRun) answered(ctx workflow.Context, s *drill.StepPlan, r *drill.StepResult, a *drill.CompleteStep) {
	r.Actor, r.Account, r.Role, r.Note = a.Actor, a.Account, a.Role, a.Note
	open := drill.Duration(workflow.Now(ctx).Sub(r.WallStart))
	if p.in.Scenario.Mode == scenarios.Live {
		r.Measure, r.Duration = drill.Measured, open
	} else {
		r.Measure, r.Duration = drill.Declared, s.Expected
	}
	if a.Took > 0 {
		r.DeclaredTook = a.Took
		if a.Took > open {
			r.Events = append(r.Events, drill.Event{At: workflow.Now(ctx), Kind: "declared-exceeds-measured",
				Text: fmt.Sprintf("%s declared %s, longer than the %s the step was open; the declared figure is recorded, not counted", a.Actor, a.Took, open)})
		}
	}
	if a.Outcome == drill.OutcomePass {
		r.Status = drill.StepPassed
		return
	}
	r.Status, r.Reason = drill.StepFailed, fmt.Sprintf("%s (%s) reported fail", a.Actor, a.Role)
	if a.Note != "" {
		r.Reason += ": " + a.Note
	}
}

// validateComplete rejects an UpdateCompleteStep before it enters history.
func (p *processRun) validateComplete(c drill.CompleteStep) error {
	w, ok := p.waiting[c.Step]
	if !ok {
		var ids []string
		for _, s := range p.in.Process.Steps {
			if p.waiting[s.ID] != nil {
				ids = append(ids, s.ID)
			}
		}
		waitingNow := "no step is waiting"
		if len(ids) > 0 {
			waitingNow = "waiting: " + strings.Join(ids, ", ")
		}
		if _, exists := p.steps[c.Step]; !exists {
			return fmt.Errorf("process %s has no step %q (%s)", p.in.Process.ID, c.Step, waitingNow)
		}
		return fmt.Errorf("step %s of process %s is not waiting for a person (%s)", c.Step, p.in.Process.ID, waitingNow)
	}
	switch {
	case w.taken:
		return fmt.Errorf("step %s of process %s is being completed by another answer", c.Step, p.in.Process.ID)
	case strings.TrimSpace(c.Actor) == "":
		return fmt.Errorf("say who completes the step (actor)")
	case c.Role != w.info.Role:
		return fmt.Errorf("step %s waits for role %s, not %q", c.Step, w.info.Role, c.Role)
	case c.Outcome != drill.OutcomePass && c.Outcome != drill.OutcomeFail:
		return fmt.Errorf("outcome %q: allowed are pass and fail", c.Outcome)
	case c.Took < 0:
		return fmt.Errorf("took must not be negative")
	}
	return nil
}

// completeStep hands the answer to the waiting step and returns its result once
// recorded.
func (p *processRun) completeStep(ctx workflow.Context, c drill.CompleteStep) (*drill.StepResult, error) {
	w := p.waiting[c.Step]
	if w == nil { // answered in the meantime by another update
		return nil, fmt.Errorf("step %s is no longer waiting", c.Step)
	}
	if w.taken { // two answers validated in one workflow task: the first one counts
		return nil, fmt.Errorf("step %s of process %s is being completed by another answer", c.Step, p.in.Process.ID)
	}
	w.taken = true
	w.answer.Send(ctx, &c)
	if err := workflow.Await(ctx, func() bool { return p.done[c.Step] != nil }); err != nil {
		return nil, err
	}
	return p.done[c.Step], nil
}

// dependents are the steps that name step id in their after (explicitly or
// as the previous step), in runbook order.
func (p *processRun) dependents(id string) []string {
	var out []string
	for _, s := range p.in.Process.Steps {
		if slices.Contains(s.After, id) {
			out = append(out, s.ID)
		}
	}
	return out
}
