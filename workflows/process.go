package workflows

import (
	"fmt"
	"slices"
	"strings"

	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
)

// processRun is the state of one Process workflow run. Its lifecycle: built by
// newProcessRun (from carried state after continue-as-new), handlers
// registered, steps executed as a dependency graph, rollback run, verdict judged.
type processRun struct {
	in       ProcessInput
	opts     drill.Options
	steps    map[string]*drill.StepPlan
	done     map[string]*drill.StepResult // by step id, recovery steps only
	order    []*drill.StepResult          // done, in completion order
	running  map[string]bool
	waiting  map[string]*manualWait
	rollback []*drill.StepResult
	// beside are the notices of ended manual steps whose deliveries were
	// still under way (endNotices): settled before the result.
	beside []*notices
	status string
	runs   int
}

func newProcessRun(in ProcessInput) *processRun {
	p := &processRun{
		in: in, opts: in.Options.WithDefaults(), steps: map[string]*drill.StepPlan{},
		done: map[string]*drill.StepResult{}, running: map[string]bool{}, waiting: map[string]*manualWait{},
		status: "running", runs: 1,
	}
	for _, s := range in.Process.Steps {
		p.steps[s.ID] = s
	}
	if c := in.Carried; c != nil {
		for _, r := range c.Done {
			p.done[r.Step] = r
			p.order = append(p.order, r)
		}
		p.runs = c.Runs + 1
	}
	return p
}

// Process drills one impacted process: it executes the runbook's steps (in
// order, or in parallel branches where steps name `after`), always runs the
// rollback steps, and judges the verdict on the scenario clock. It answers
// QueryProgress and accepts UpdateCompleteStep for manual steps. Cancellation
// (the drill was aborted) stops running steps and skips the rest; rollback still
// runs.
func Process(ctx workflow.Context, in ProcessInput) (*drill.ProcessResult, error) {
	p := newProcessRun(in)
	if err := workflow.SetQueryHandler(ctx, drill.QueryProgress, p.progress); err != nil {
		return nil, err
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, drill.UpdateCompleteStep, p.completeStep,
		workflow.UpdateHandlerOptions{Validator: p.validateComplete}); err != nil {
		return nil, err
	}
	if in.Process.Problem == "" {
		if next := p.execute(ctx); next {
			p.settleNotices(ctx)
			return nil, p.continueAsNew(ctx)
		}
	}
	p.status = "rolling-back"
	p.runRollback(ctx)
	p.settleNotices(ctx)
	p.status = "done"
	return p.result(ctx), nil
}

// execute runs the recovery steps as a dependency graph and reports whether the
// workflow should continue as new before the remaining steps.
func (p *processRun) execute(ctx workflow.Context) (continueAsNew bool) {
	results := workflow.NewChannel(ctx)
	stopped := false // the drill was aborted (or, in old runs, a step failed): start nothing new
	for {
		if !stopped && ctx.Err() == nil {
			for _, s := range p.ready() {
				p.launch(ctx, s, results)
			}
		}
		if len(p.running) == 0 {
			break
		}
		var r *drill.StepResult
		sel := workflow.NewSelector(ctx)
		sel.AddReceive(results, func(c workflow.ReceiveChannel, _ bool) { c.Receive(ctx, &r) })
		sel.AddReceive(ctx.Done(), func(workflow.ReceiveChannel, bool) {})
		sel.Select(ctx)
		if r == nil { // the drill was aborted
			stopped = true
			p.drainCancelled(ctx, results)
			break
		}
		p.record(r)
		// A failed step's dependents never become ready. Later versions let
		// independent branches go on, so the drill gathers all the evidence it can.
		if r.Status != drill.StepPassed && workflow.GetVersion(ctx, changeIndependentBranches, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
			stopped = true
		}
		if len(p.running) == 0 && !stopped && len(p.ready()) > 0 && p.historyFull(ctx) {
			return workflow.AllHandlersFinished(ctx)
		}
	}
	p.skipRest(ctx)
	return false
}

// drainCancelled collects the results of the steps still running after a
// cancellation; they end promptly because their contexts are cancelled too.
func (p *processRun) drainCancelled(ctx workflow.Context, results workflow.ReceiveChannel) {
	dctx, _ := workflow.NewDisconnectedContext(ctx)
	for len(p.running) > 0 {
		var r *drill.StepResult
		results.Receive(dctx, &r)
		p.record(r)
	}
}

func (p *processRun) record(r *drill.StepResult) {
	delete(p.running, r.Step)
	delete(p.waiting, r.Step)
	p.done[r.Step] = r
	p.order = append(p.order, r)
}

// ready returns the steps whose dependencies all passed and that have not
// started, in runbook order.
func (p *processRun) ready() []*drill.StepPlan {
	var out []*drill.StepPlan
	for _, s := range p.in.Process.Steps {
		if p.done[s.ID] != nil || p.running[s.ID] {
			continue
		}
		ok := true
		for _, d := range s.After {
			if r := p.done[d]; r == nil || r.Status != drill.StepPassed {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, s)
		}
	}
	return out
}

// scenarioStart is when a step can start on the scenario clock: when the last
// of its dependencies ended (T0 for a first step).
func (p *processRun) scenarioStart(s *drill.StepPlan) drill.Duration {
	var start drill.Duration
	for _, d := range s.After {
		if r := p.done[d]; r != nil && r.ScenarioEnd > start {
			start = r.ScenarioEnd
		}
	}
	return start
}

func (p *processRun) launch(ctx workflow.Context, s *drill.StepPlan, results workflow.Channel) {
	p.running[s.ID] = true
	start := p.scenarioStart(s)
	workflow.Go(ctx, func(gctx workflow.Context) {
		r := p.runStep(gctx, s, start, false)
		dctx, _ := workflow.NewDisconnectedContext(gctx)
		results.Send(dctx, r)
	})
}

// skipRest records every step that never started, each with the reason: the
// failed step it waited for (through after, or the implicit previous step),
// else the abort, else (in runs before independent branches) the first failure
// that stopped the drill.
func (p *processRun) skipRest(ctx workflow.Context) {
	aborted := ctx.Err() != nil
	now := workflow.Now(ctx)
	for _, s := range p.in.Process.Steps {
		if p.done[s.ID] == nil {
			r := &drill.StepResult{Process: p.in.Process.ID, Step: s.ID, Kind: s.Kind, Target: s.Target,
				Status: drill.StepSkipped, Reason: p.skipReason(s, aborted), Measure: drill.Declared, WallStart: now, WallEnd: now}
			p.record(r)
			recordStepMetrics(ctx, r)
		}
	}
}

// skipReason says why step s never started.
func (p *processRun) skipReason(s *drill.StepPlan, aborted bool) string {
	if f, via := p.blocker(s, map[string]bool{}); f != nil {
		what := "failed"
		if f.Status == drill.StepInconclusive {
			what = "could not be attempted (inconclusive)"
		}
		if len(via) > 0 {
			return fmt.Sprintf("not run: it waits for step %s (through %s), which %s", f.Step, strings.Join(via, ", "), what)
		}
		return fmt.Sprintf("not run: it waits for step %s, which %s", f.Step, what)
	}
	if aborted {
		return "not run: the drill was aborted"
	}
	if f := p.firstFailure(); f != nil {
		return fmt.Sprintf("not run: step %s did not pass", f.Step)
	}
	return "not run: an earlier step did not pass"
}

// blocker finds the failed step that s waits for, directly or through steps
// that never ran (returned in via, nearest first). A step aborted with the
// drill blocks nothing of its own: the abort is the reason.
func (p *processRun) blocker(s *drill.StepPlan, seen map[string]bool) (f *drill.StepResult, via []string) {
	for _, d := range s.After {
		if seen[d] {
			continue
		}
		seen[d] = true
		r := p.done[d]
		if r != nil && (r.Status == drill.StepFailed || r.Status == drill.StepInconclusive) {
			return r, nil
		}
		if dep := p.steps[d]; dep != nil && (r == nil || r.Status == drill.StepSkipped) {
			if f, via := p.blocker(dep, seen); f != nil {
				return f, append([]string{d}, via...)
			}
		}
	}
	return nil, nil
}

func (p *processRun) firstFailure() *drill.StepResult {
	for _, r := range p.order {
		if r.Status == drill.StepFailed || r.Status == drill.StepAborted {
			return r
		}
	}
	return nil
}

// inconclusive returns the first inconclusive step when no step failed on
// its target: then the drill says nothing about the process.
func (p *processRun) inconclusive() *drill.StepResult {
	var first *drill.StepResult
	for _, r := range p.order {
		switch r.Status {
		case drill.StepFailed, drill.StepAborted:
			return nil
		case drill.StepInconclusive:
			if first == nil {
				first = r
			}
		}
	}
	return first
}

// runRollback runs the rollback steps in order, in a context the abort does not
// cancel: undoing the drill's changes matters most when it was stopped.
func (p *processRun) runRollback(ctx workflow.Context) {
	rctx, _ := workflow.NewDisconnectedContext(ctx)
	var at drill.Duration
	for _, r := range p.order {
		at = max(at, r.ScenarioEnd)
	}
	for _, s := range p.in.Process.Rollback {
		r := p.runStep(rctx, s, at, true)
		p.rollback = append(p.rollback, r)
		at = r.ScenarioEnd
	}
}

func (p *processRun) historyFull(ctx workflow.Context) bool {
	info := workflow.GetInfo(ctx)
	return info.GetContinueAsNewSuggested() || info.GetCurrentHistoryLength() >= p.opts.HistoryLimit
}

func (p *processRun) continueAsNew(ctx workflow.Context) error {
	next := p.in
	next.Carried = &ProcessCarry{Done: slices.Clone(p.order), Runs: p.runs}
	return workflow.NewContinueAsNewError(ctx, Process, next)
}

// newResult is a process's result before anything is judged: who owns it and
// its objectives, copied from the plan.
func newResult(pp *drill.ProcessPlan) *drill.ProcessResult {
	return &drill.ProcessResult{Process: pp.ID, Name: pp.Name, Owner: pp.Owner, Critical: pp.Critical,
		RTO: pp.RTO, MTPD: pp.MTPD, RPO: pp.RPO}
}

// result assembles the process result and judges the verdict.
func (p *processRun) result(ctx workflow.Context) *drill.ProcessResult {
	pp := p.in.Process
	res := newResult(pp)
	res.Rollback, res.Runs = p.rollback, p.runs
	for _, s := range pp.Steps {
		if r := p.done[s.ID]; r != nil {
			res.Steps = append(res.Steps, r)
		}
	}
	var recovery drill.Duration
	recovered := pp.Problem == "" && len(res.Steps) > 0
	for _, r := range res.Steps {
		recovery = max(recovery, r.ScenarioEnd)
		if r.Status != drill.StepPassed {
			recovered = false
		}
	}
	if recovered {
		res.Recovered, res.Recovery = true, recovery
	}
	res.DataLoss = drill.DataLossOf(res.Steps, pp.RPO)
	res.Coverage = drill.JudgeCoverage(pp.Coverage, res.Steps)
	uncovered := pp.Uncovered()
	f := p.firstFailure()
	inc := p.inconclusive()
	switch {
	case ctx.Err() != nil && !recovered:
		res.Verdict, res.Why = drill.Aborted, "drill aborted before the process was recovered"
	case inc != nil && !recovered:
		res.Verdict = drill.Inconclusive
		res.Why = drill.InconclusiveWhy(inc.Step, inc.Kind, inc.Reason)
	default:
		res.Verdict, res.Why = drill.Judge(recovered, recovery, pp.RTO, pp.MTPD, p.in.Scenario.Duration)
		// Every step passed, but nothing shows that these applications come
		// back: the drill cannot show the process recovered. A breach stays:
		// the steps that ran already took longer than the MTPD.
		if recovered && len(uncovered) > 0 && res.Verdict != drill.Breached {
			res.Verdict, res.Why = drill.Unproven, drill.UnprovenWhy(uncovered, recovery)
			res.Recovered, res.Recovery = false, 0
		}
	}
	switch {
	case pp.Problem != "":
		res.Why += "; " + pp.Problem
	case f != nil && !recovered && res.Verdict != drill.Inconclusive:
		res.FailedStep = f.Step
		res.Why += fmt.Sprintf("; step %s (%s) failed: %s", f.Step, f.Kind, f.Reason)
	}
	if len(uncovered) > 0 && res.Verdict != drill.Unproven {
		res.Why += "; also not covered: " + strings.Join(uncovered, ", ")
	}
	return res
}

func (p *processRun) progress() (*drill.ProcessProgress, error) {
	pr := &drill.ProcessProgress{Process: p.in.Process.ID, Status: p.status, Done: p.order, Total: len(p.in.Process.Steps),
		Running: []string{}, Waiting: []drill.Waiting{}}
	for _, s := range p.in.Process.Steps {
		if p.running[s.ID] {
			pr.Running = append(pr.Running, s.ID)
		}
		if w := p.waiting[s.ID]; w != nil {
			pr.Waiting = append(pr.Waiting, w.info)
		}
	}
	return pr, nil
}
