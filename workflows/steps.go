package workflows

import (
	"errors"
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

// Defaults for automated steps whose runbook gives no timeout or retry window.
const (
	defaultStepTimeout = 30 * time.Minute
	heartbeatTimeout   = 20 * time.Second
	infraAttempts      = 5 // retries of infrastructure failures (a worker died), not of failed checks
)

// runStep executes one step and returns its result on both clocks. It never
// returns an error: every outcome, cancellation included, is a result.
func (p *processRun) runStep(ctx workflow.Context, s *drill.StepPlan, start drill.Duration, rollback bool) *drill.StepResult {
	r := &drill.StepResult{Process: p.in.Process.ID, Step: s.ID, Kind: s.Kind, Target: s.Target, Rollback: rollback,
		ScenarioStart: start, WallStart: workflow.Now(ctx)}
	scaled := false          // a retry window on the scenario clock
	spec, _ := s.Kind.Spec() // an unknown kind goes to the worker, which refuses it
	switch {
	case s.Unavailable != "":
		r.Status, r.Reason, r.Measure = drill.StepFailed, s.Unavailable+" (not contacted: the supplier is down in this scenario)", drill.Measured
	case spec.Runner == drill.Timer:
		p.runWait(ctx, s, r)
	case spec.Runner == drill.Person:
		p.runManual(ctx, s, r)
	default:
		scaled = s.Retry != nil && s.Retry.Every > 0 && p.in.Scenario.Mode != scenarios.Live &&
			workflow.GetVersion(ctx, changeScaledRetry, workflow.DefaultVersion, 1) == 1
		p.runActivity(ctx, s, r, scaled)
	}
	r.WallEnd = workflow.Now(ctx)
	r.Wall = r.WallEnd.Sub(r.WallStart)
	if r.Measure == drill.Measured && r.Duration == 0 {
		r.Duration = drill.Duration(r.Wall)
	}
	if scaled {
		p.countRetryWaits(s, r)
	}
	r.ScenarioEnd = r.ScenarioStart + r.Duration
	recordStepMetrics(ctx, r)
	return r
}

// t0 is the outage start on the wall clock.
func (p *processRun) t0(ctx workflow.Context) time.Time {
	if !p.in.T0.IsZero() {
		return p.in.T0
	}
	return workflow.GetInfo(ctx).WorkflowStartTime
}

// scaled turns declared scenario time into wall time for a timer: real in live
// mode, divided by the time scale otherwise.
func (p *processRun) scaled(d drill.Duration) time.Duration {
	ts := p.in.Scenario.TimeScale
	if p.in.Scenario.Mode == scenarios.Live || ts <= 1 {
		return d.Std()
	}
	return max(time.Duration(float64(d.Std())/ts), time.Millisecond)
}

func (p *processRun) runWait(ctx workflow.Context, s *drill.StepPlan, r *drill.StepResult) {
	r.Duration, r.Measure = s.Expected, drill.Declared
	if err := workflow.Sleep(ctx, p.scaled(s.Expected)); err != nil {
		r.Status, r.Reason = drill.StepAborted, "aborted while waiting"
		return
	}
	r.Status = drill.StepPassed
}

// runActivity executes an automated step as the RunStep activity with the
// runbook's timeout and retry window.
func (p *processRun) runActivity(ctx workflow.Context, s *drill.StepPlan, r *drill.StepResult, scaled bool) {
	r.Measure = drill.Measured
	opts := activityOptions(s)
	if scaled {
		opts = p.scaledRetry(s, opts)
	}
	if s.RunsOn != "" {
		// Only a worker of the label takes the step; none within the step's
		// own timeout says nothing about the supplier: inconclusive.
		opts.TaskQueue = drill.StepQueue(workflow.GetInfo(ctx).TaskQueueName, s.RunsOn)
		opts.ScheduleToStartTimeout = opts.StartToCloseTimeout
	}
	actx := workflow.WithActivityOptions(ctx, opts)
	// No check reads the lost suppliers or their names (children started
	// before Brief still carry them).
	in := drill.StepInput{DrillID: p.in.DrillID, Process: p.in.Process.ID, Step: s, Scenario: p.in.Scenario.Brief(),
		T0: p.t0(ctx), RPO: p.in.Process.RPO, MTPD: p.in.Process.MTPD}
	var out drill.StepOutput
	err := workflow.ExecuteActivity(actx, drill.RunStepActivity, in).Get(actx, &out)
	var appErr *temporal.ApplicationError
	var timeoutErr *temporal.TimeoutError
	switch {
	case err == nil:
		// A passed check may still report a finding (a usable backup older
		// than the RPO): its reason says so.
		r.Status, r.Reason = drill.StepPassed, out.Reason
	case temporal.IsCanceledError(err) || ctx.Err() != nil:
		r.Status, r.Reason = drill.StepAborted, "aborted while running"
	case errors.As(err, &appErr) && appErr.Type() == drill.ErrInconclusive:
		r.Status, r.Reason = drill.StepInconclusive, appErr.Message()
		if appErr.HasDetails() {
			_ = appErr.Details(&out)
		}
	case errors.As(err, &appErr):
		r.Status, r.Reason = drill.StepFailed, appErr.Message()
		if appErr.HasDetails() {
			_ = appErr.Details(&out)
		}
	case errors.As(err, &timeoutErr) && timeoutErr.TimeoutType() == enumspb.TIMEOUT_TYPE_SCHEDULE_TO_START && s.RunsOn != "":
		r.Status, r.Reason = drill.StepInconclusive, fmt.Sprintf("no worker labelled %s took the step within %s: start `exitdrill worker --label %s` where it must run", s.RunsOn, opts.ScheduleToStartTimeout, s.RunsOn)
	case errors.As(err, &timeoutErr) && timeoutErr.TimeoutType() == enumspb.TIMEOUT_TYPE_HEARTBEAT &&
		workflow.GetVersion(ctx, changeLostWorkerInconclusive, workflow.DefaultVersion, 1) == 1:
		// Every attempt's worker went silent (killed, or cut off from the
		// server): the step was never completed, which says nothing about
		// the supplier.
		r.Status, r.Reason = drill.StepInconclusive, fmt.Sprintf("no worker completed the step: the worker running it was lost (no heartbeat within %s) and the retries ran out after %s",
			drill.Duration(heartbeatTimeout), drill.Duration(workflow.Now(ctx).Sub(r.WallStart)))
	case errors.As(err, &timeoutErr):
		r.Status, r.Reason = drill.StepFailed, fmt.Sprintf("timed out (%s) after %s", timeoutName(timeoutErr), drill.Duration(workflow.Now(ctx).Sub(r.WallStart)))
	default:
		r.Status, r.Reason = drill.StepFailed, err.Error()
	}
	r.Output, r.ExitCode, r.Details, r.Attempts = out.Output, out.ExitCode, out.Details, out.Attempt
}

func timeoutName(e *temporal.TimeoutError) string {
	return map[int32]string{1: "start to close", 2: "schedule to start", 3: "schedule to close", 4: "heartbeat"}[int32(e.TimeoutType())]
}

// stepTimedOut is how Temporal names a step that ran past its timeout (start
// to close) in a retry policy's non-retryable types. A heartbeat timeout —
// the worker died or lost the server — stays retryable.
const stepTimedOut = "TemporalTimeout:StartToClose"

// activityOptions maps a step's timeout and retry window onto Temporal's. A
// failed check, and a step past its own timeout, are retried only inside the
// runbook's retry window; a worker that dies is always retried, a few times.
func activityOptions(s *drill.StepPlan) workflow.ActivityOptions {
	timeout := s.Timeout.Std()
	if timeout <= 0 {
		timeout = defaultStepTimeout
	}
	o := workflow.ActivityOptions{
		StartToCloseTimeout: timeout,
		HeartbeatTimeout:    heartbeatTimeout,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: 30 * time.Second,
			MaximumAttempts:        infraAttempts,
			NonRetryableErrorTypes: []string{drill.ErrCheckFailed, drill.ErrNotImplemented, drill.ErrBadStep, drill.ErrInconclusive, stepTimedOut},
		},
	}
	if rt := s.Retry; rt != nil && rt.Every > 0 {
		// The last attempt may take up to the timeout, but no attempt starts
		// after the window: without the attempt limit Temporal retries until
		// ScheduleToClose, the window plus the step timeout (30m by default).
		o.ScheduleToCloseTimeout = rt.For.Std() + timeout
		o.RetryPolicy = &temporal.RetryPolicy{
			InitialInterval: rt.Every.Std(), BackoffCoefficient: 1, MaximumInterval: rt.Every.Std(),
			MaximumAttempts:        int32(min(rt.For.Std()/rt.Every.Std(), 1<<20)) + 1,
			NonRetryableErrorTypes: []string{drill.ErrNotImplemented, drill.ErrBadStep, drill.ErrInconclusive},
		}
	}
	return o
}

// minRetryInterval is the shortest wall-clock wait between two attempts of a
// scaled retry window: the thing retried is real and needs a moment.
const minRetryInterval = time.Second

// retryInterval is the wall-clock wait between attempts of a scaled window.
func (p *processRun) retryInterval(s *drill.StepPlan) time.Duration {
	return max(p.scaled(s.Retry.Every), minRetryInterval)
}

// scaledRetry puts a step's retry window on the scenario clock: in
// compressed and tabletop mode the waits between attempts pass at the time
// scale (at least minRetryInterval), as declared time does. The number of
// attempts the window allows stays the same.
func (p *processRun) scaledRetry(s *drill.StepPlan, o workflow.ActivityOptions) workflow.ActivityOptions {
	every := p.retryInterval(s)
	attempts := o.RetryPolicy.MaximumAttempts
	o.ScheduleToCloseTimeout = time.Duration(attempts-1)*every + time.Duration(attempts)*o.StartToCloseTimeout
	o.RetryPolicy.InitialInterval, o.RetryPolicy.MaximumInterval = every, every
	return o
}

// countRetryWaits adds the scenario time of the waits between a scaled
// window's attempts to the step's duration: each wait lasted Every on the
// scenario clock, however short it was on the wall clock.
func (p *processRun) countRetryWaits(s *drill.StepPlan, r *drill.StepResult) {
	waits := r.Attempts - 1
	if waits <= 0 || r.Measure != drill.Measured {
		return
	}
	r.Duration += drill.Duration(time.Duration(waits) * (s.Retry.Every.Std() - p.retryInterval(s)))
	if r.Details == nil {
		r.Details = map[string]string{}
	}
	r.Details["retryWaits"] = fmt.Sprintf("%d × %s on the scenario clock (%s each on the wall clock)", waits, s.Retry.Every, drill.Duration(p.retryInterval(s)))
}
