package workflows

import (
	"github.com/exitdrill/exitdrill/drill"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/workflow"
)

// drillRun is the state of one Drill workflow run. Lifecycle: built from the
// input (and carried state after continue-as-new), handlers registered, one
// Process child per impacted process started (at most MaxParallel at once),
// results collected, objectives judged.
type drillRun struct {
	in      drill.DrillInput
	opts    drill.Options
	results map[string]*drill.ProcessResult
	status  map[string]string // pending, running, done
	next    int
	abort   *drill.Abort
	runs    int
	// notices tell people of the drill's start, abort and end; notified
	// are their outcomes (see notify_drill.go).
	notices  *notices
	notified []drill.Event
	// injects are the scenario's injects (see injects.go).
	injects *injectRun
	obs     observations
}

// ChildID is the workflow id of the Process child of a drill.
func ChildID(drillID, process string) string { return drillID + "/" + process }

// Drill runs a drill plan: one Process child workflow per impacted process. It
// answers QueryProgress; SignalAbort stops it (children are cancelled, their
// rollback steps run). It continues as new before its history grows large,
// carrying the finished results.
func Drill(ctx workflow.Context, in drill.DrillInput) (*drill.DrillResult, error) {
	// A scheduled drill reuses one plan for every run: its identity is the run's
	// workflow id, and its start the run's start.
	info := workflow.GetInfo(ctx)
	if plan := *in.Plan; plan.DrillID != info.WorkflowExecution.ID {
		plan.DrillID = info.WorkflowExecution.ID
		in.Plan = &plan
	}
	if in.Started.IsZero() {
		in.Started = info.WorkflowStartTime
	}
	d := &drillRun{in: in, opts: in.Options.WithDefaults(), results: map[string]*drill.ProcessResult{}, status: map[string]string{}, runs: 1}
	if c := in.Carried; c != nil {
		for _, r := range c.Results {
			d.results[r.Process] = r
			d.status[r.Process] = "done"
		}
		d.next, d.abort, d.runs, d.notified = c.Next, c.Abort, c.Runs+1, c.Notified
		d.obs.list = c.Observations
	}
	d.obs.plan = d.in.Plan
	if err := d.obs.register(ctx); err != nil {
		return nil, err
	}
	if err := workflow.SetQueryHandler(ctx, drill.QueryProgress, d.progress); err != nil {
		return nil, err
	}
	if err := setStatus(ctx, "running"); err != nil {
		return nil, err
	}
	if d.notices = d.drillNotices(ctx); in.Carried == nil {
		d.tell(ctx, drill.NotifyDrillStarted, nil)
	}
	var err error
	if d.injects, err = d.startInjects(ctx); err != nil {
		return nil, err
	}
	if cont := d.run(ctx); cont {
		return nil, d.continueAsNew(ctx)
	}
	d.obs.ended = true
	res := d.result(ctx)
	res.Injects = d.injects.end(ctx)
	if d.notices != nil {
		d.notices.quickEnd = workflow.GetVersion(ctx, changeEndRetries, workflow.DefaultVersion, 1) == 1
		d.tell(ctx, drill.NotifyDrillEnded, res)
		d.notices.over = true
		d.handOver(ctx)
		d.notices.wait(ctx)
		res.Notifications = d.notified
	}
	if workflow.GetVersion(ctx, changeEvidenceBundle, workflow.DefaultVersion, 1) == 1 {
		res.Evidence = writeEvidence(ctx, d.in, res)
	}
	if err := setStatus(ctx, outcome(res)); err != nil {
		return nil, err
	}
	return res, nil
}

// outcome is the drill's status once it ended: aborted, objectives-missed,
// inconclusive, unproven or objectives-met.
func outcome(res *drill.DrillResult) string {
	switch {
	case res.Abort != nil:
		return "aborted"
	case res.Missed():
		return "objectives-missed"
	case len(res.Inconclusive()) > 0:
		return "inconclusive"
	case !res.ObjectivesMet:
		return "unproven"
	}
	return "objectives-met"
}

// run starts children and collects their results; it reports whether the
// workflow should continue as new.
func (d *drillRun) run(ctx workflow.Context) (continueAsNew bool) {
	procs := d.in.Plan.Processes
	abortCh := workflow.GetSignalChannel(ctx, drill.SignalAbort)
	cctx, cancelChildren := workflow.WithCancel(ctx)
	cctx = workflow.WithChildOptions(cctx, workflow.ChildWorkflowOptions{
		WaitForCancellation: true,
		ParentClosePolicy:   enumspb.PARENT_CLOSE_POLICY_REQUEST_CANCEL,
	})
	if d.abort != nil {
		cancelChildren()
	}
	running := 0
	sel := workflow.NewSelector(ctx)
	sel.AddReceive(abortCh, func(c workflow.ReceiveChannel, _ bool) {
		var a drill.Abort
		c.Receive(ctx, &a)
		if d.abort == nil {
			d.abort = &a
			cancelChildren()
			// Added after drills were recorded: make an aborting drill findable.
			if workflow.GetVersion(ctx, changeStatusOnAbort, workflow.DefaultVersion, 1) == 1 {
				_ = setStatus(ctx, "aborting")
			}
			d.tell(ctx, drill.NotifyDrillAborted, nil)
		}
	})
	for {
		for d.abort == nil && running < d.opts.MaxParallel && d.next < len(procs) && !d.historyFull(ctx) {
			d.start(cctx, sel, procs[d.next], &running)
			d.next++
		}
		if running == 0 {
			if d.abort == nil && d.next < len(procs) {
				return workflow.AllHandlersFinished(ctx) // history full: continue as new
			}
			break
		}
		sel.Select(ctx)
	}
	// Processes never started (the drill was aborted) are recorded as such.
	for _, p := range procs[d.next:] {
		r := newResult(p)
		r.Verdict, r.Why = drill.Aborted, "drill aborted before the process was drilled"
		d.results[p.ID] = r
		d.status[p.ID] = "done"
	}
	d.next = len(procs)
	return false
}

func (d *drillRun) start(ctx workflow.Context, sel workflow.Selector, p *drill.ProcessPlan, running *int) {
	*running++
	d.status[p.ID] = "running"
	cctx := workflow.WithWorkflowID(ctx, ChildID(d.in.Plan.DrillID, p.ID))
	in := ProcessInput{DrillID: d.in.Plan.DrillID, Scenario: d.in.Plan.Scenario.Brief(), Process: childPlan(p), Options: d.in.Options, T0: d.in.Started}
	child := workflow.ExecuteChildWorkflow(cctx, Process, in)
	sel.AddFuture(child, func(f workflow.Future) {
		*running--
		var r *drill.ProcessResult
		err := f.Get(ctx, &r)
		if err == nil && r != nil {
			r = summary(ctx, child, r)
		}
		if err != nil || r == nil {
			r = newResult(p)
			r.Verdict, r.Why = drill.Aborted, "process drill did not complete: "+errText(err)
			if d.abort == nil {
				r.Verdict, r.Why = drill.Judge(false, 0, p.RTO, p.MTPD, d.in.Plan.Scenario.Duration)
				r.Why += "; the process drill did not complete: " + errText(err)
			}
		}
		d.results[p.ID] = r
		d.status[p.ID] = "done"
	})
}

// summary is what the drill keeps of a child's result r: its summary,
// naming the child's run that holds the rest (see
// changeProcessSummaries), or all of it in drills recorded before.
func summary(ctx workflow.Context, f workflow.ChildWorkflowFuture, r *drill.ProcessResult) *drill.ProcessResult {
	if workflow.GetVersion(ctx, changeProcessSummaries, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return r
	}
	var ex workflow.Execution
	if err := f.GetChildWorkflowExecution().Get(ctx, &ex); err != nil || ex.RunID == "" {
		return r // cannot happen once the child has a result; keep it all rather than lose it
	}
	return r.Summary(drill.RunRef{WorkflowID: ex.ID, RunID: ex.RunID})
}

// childPlan is what a Process child needs of its process's plan. The impact
// analysis (paths, assessment, unusable resources), the MBCO and the
// runbook's id are the drill's: they are in its input and its evidence, and
// repeating them in the input of every child put them twice more into the
// histories (the parent's start of the child and the child's own start),
// about 0.7 KB of a process's 9.6 KB. Children started before keep theirs;
// the input is no command, so replay is unchanged.
func childPlan(p *drill.ProcessPlan) *drill.ProcessPlan {
	c := *p
	c.Paths, c.Assessment, c.Unusable, c.MBCO, c.Runbook = nil, drill.Assessment{}, nil, "", ""
	return &c
}

func errText(err error) string {
	if err == nil {
		return "no result"
	}
	return err.Error()
}

func (d *drillRun) historyFull(ctx workflow.Context) bool {
	info := workflow.GetInfo(ctx)
	return info.GetContinueAsNewSuggested() || info.GetCurrentHistoryLength() >= d.opts.HistoryLimit
}

func (d *drillRun) continueAsNew(ctx workflow.Context) error {
	d.handOver(ctx)
	d.notices.settle(ctx)
	next := d.in
	next.Carried = &drill.DrillCarry{Results: d.ordered(), Next: d.next, Abort: d.abort, Runs: d.runs, Notified: d.notified,
		Observations: d.obs.list}
	if d.injects != nil {
		next.Carried.Injects = d.injects.results
	}
	return workflow.NewContinueAsNewError(ctx, Drill, next)
}

// ordered returns the results in plan order.
func (d *drillRun) ordered() []*drill.ProcessResult {
	var out []*drill.ProcessResult
	for _, p := range d.in.Plan.Processes {
		if r := d.results[p.ID]; r != nil {
			out = append(out, r)
		}
	}
	return out
}

func (d *drillRun) result(ctx workflow.Context) *drill.DrillResult {
	res := &drill.DrillResult{DrillID: d.in.Plan.DrillID, Scenario: d.in.Plan.Scenario, Started: d.in.Started,
		Finished: workflow.Now(ctx), Processes: d.ordered(), Abort: d.abort, Runs: d.runs, ObjectivesMet: d.abort == nil,
		Observations: d.obs.list}
	for _, r := range res.Processes {
		if !r.Verdict.Met() || r.DataLoss.Missed() {
			res.ObjectivesMet = false
		}
	}
	return res
}

func (d *drillRun) progress() (*drill.DrillProgress, error) {
	pr := &drill.DrillProgress{DrillID: d.in.Plan.DrillID, Status: "running", Scenario: d.in.Plan.Scenario.ID,
		Mode: d.in.Plan.Scenario.Mode, Started: d.in.Started, Abort: d.abort, Observations: d.obs.list}
	if d.abort != nil {
		pr.Status = "aborting"
	}
	if d.injects != nil {
		pr.Injects = d.injects.results
	}
	done := 0
	for _, p := range d.in.Plan.Processes {
		s := drill.ProcessSummary{ID: p.ID, WorkflowID: ChildID(d.in.Plan.DrillID, p.ID), Status: d.status[p.ID], Steps: len(p.Steps)}
		if s.Status == "" {
			s.Status = "pending"
		}
		if r := d.results[p.ID]; r != nil {
			s.Verdict = r.Verdict
			done++
		}
		pr.Processes = append(pr.Processes, s)
	}
	if done == len(d.in.Plan.Processes) {
		pr.Status = "done"
	}
	return pr, nil
}
