package console

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/engine"
)

// Backend is what the console needs from Temporal: the same operations the CLI
// uses (package drillops), so a step completed in the browser goes through the
// same Update and validator as `exitdrill step complete`.
type Backend interface {
	// Drills lists drills, newest first.
	Drills(ctx context.Context, limit int) ([]drillops.Row, error)
	// ListDrills lists the drills that pass f, newest first, at most limit.
	ListDrills(ctx context.Context, f DrillFilter, limit int) ([]drillops.Row, error)
	// About says how a drill was started: by whom, why, its scenario and
	// mode (from its input, which never changes).
	About(ctx context.Context, id, runID string) (About, error)
	// Drill returns the state of one drill: progress while it runs, the result
	// once it has finished. No drill of the id is ErrNoSuchDrill.
	Drill(ctx context.Context, id string) (*DrillView, error)
	// Waiting lists the manual steps waiting in every running drill.
	Waiting(ctx context.Context) ([]drillops.Waiting, error)
	// Complete sends the complete-step Update to a process of a drill.
	Complete(ctx context.Context, drill, process string, req drill.CompleteStep) (*drill.StepResult, error)
	// CompleteOnce is Complete with an Update id: the same id sent twice is
	// one answer, and both get its result.
	CompleteOnce(ctx context.Context, drill, process string, req drill.CompleteStep, updateID string) (*drill.StepResult, error)
	// Abort signals a drill to stop.
	Abort(ctx context.Context, drill string, sig drill.Abort) error
	// AckInject acknowledges an exercise inject of a running drill.
	AckInject(ctx context.Context, drill string, req drill.AckInject) (*drill.InjectResult, error)
	// Observe adds an observation to a running drill (drillops.Observe).
	Observe(ctx context.Context, drill string, o drill.Observe) (*drill.Observation, error)
	// StartDrill starts a Drill workflow; ErrDrillStarted when a drill of the
	// same id was started before.
	StartDrill(ctx context.Context, opts client.StartWorkflowOptions, in drill.DrillInput) error
	// Preflight has a worker examine a prepared drill's automated steps
	// without performing them (before StartDrill).
	Preflight(ctx context.Context, opts client.StartWorkflowOptions, plan *drill.Plan) (drill.PreflightOutput, error)
	// Running lists the ids of the running drills.
	Running(ctx context.Context) ([]string, error)
	// Schedules lists the schedules of drills.
	Schedules(ctx context.Context) ([]drillops.Schedule, error)
	// CreateSchedule creates the schedule of a drill prepared as one, on a
	// cron calendar read in the IANA time zone tz.
	CreateSchedule(ctx context.Context, p drillops.Prepared, cron, tz string) error
	// PauseSchedule pauses or resumes a schedule, recording who (actor) and
	// why apart from the schedule's own note.
	PauseSchedule(ctx context.Context, id string, pause bool, actor, why string) error
	// PauseAllSchedules pauses every schedule with note (an emergency stop)
	// and returns their ids.
	PauseAllSchedules(ctx context.Context, note string) ([]string, error)
	// DeleteSchedule deletes a schedule.
	DeleteSchedule(ctx context.Context, id string) error
}

// DrillView is a drill as the live view shows it.
type DrillView struct {
	ID      string `json:"id"`
	Running bool   `json:"running"`
	// Progress and Processes while it runs (Processes by process id).
	Progress  *drill.DrillProgress              `json:"progress,omitempty"`
	Processes map[string]*drill.ProcessProgress `json:"processes,omitempty"`
	// Result once it has finished.
	Result *drill.DrillResult `json:"result,omitempty"`
	// Status is the workflow's status word.
	Status string `json:"status"`
	// StartedBy and Note are who started the drill and why, from its input
	// (what its evidence records); empty for drills started before inputs
	// carried them.
	StartedBy string `json:"startedBy,omitempty"`
	Note      string `json:"note,omitempty"`
	// Changes is what changed since the last drill of its scenario, set by
	// the drill page once the drill's evidence counts (changes.go).
	Changes *drillChanges `json:"-"`
	// Scenario is the scenario the drill plays, from its input.
	Scenario drill.Info `json:"scenario"`
	// Exercise is the drill's hypothesis, participants and facilitators,
	// from its input; nil when none were given.
	Exercise *drill.Exercise `json:"exercise,omitempty"`
}

// About is how a drill was started, from its input: who, why, and the
// scenario it plays (its id, title, mode and lost suppliers).
type About struct {
	StartedBy string          `json:"startedBy"`
	Note      string          `json:"note"`
	Exercise  *drill.Exercise `json:"exercise"`
	Plan      struct {
		Scenario drill.Info `json:"scenario"`
	} `json:"plan"`
}

// Temporal is the Backend on a Temporal client.
type Temporal struct {
	Client    client.Client
	Namespace string

	mu sync.Mutex
	// starters caches who started a drill run, why, and its scenario, by run
	// id (or drill id and start time): a run's input never changes, and the
	// live view asks every few seconds.
	starters map[string]About
	// finished caches the progress of the processes that have finished while
	// their drill runs, by drill run id and process: it no longer changes.
	finished map[string]*drill.ProcessProgress
	// results caches the results of finished drills, filled in from their
	// processes' runs, by drill run id: reading a large drill's takes one
	// request per process, and a finished run's result never changes.
	results map[string]*drill.DrillResult
}

// maxResults bounds the cache of results; it starts afresh when full.
const maxResults = 32

// ErrNoSuchDrill is returned by Backend.Drill when no drill has the id.
var ErrNoSuchDrill = errors.New("no such drill")

// maxStarters bounds the cache of starters; it starts afresh when full.
const maxStarters = 1000

// Drills implements Backend.
func (t *Temporal) Drills(ctx context.Context, limit int) ([]drillops.Row, error) {
	return drillops.List(ctx, t.Client, t.Namespace, drillops.All, limit)
}

// Running implements Backend.
func (t *Temporal) Running(ctx context.Context) ([]string, error) {
	rows, err := drillops.List(ctx, t.Client, t.Namespace, drillops.Running, 10_000)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids, nil
}

// Drill implements Backend.
func (t *Temporal) Drill(ctx context.Context, id string) (*DrillView, error) {
	desc, err := t.Client.DescribeWorkflowExecution(ctx, id, "")
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return nil, fmt.Errorf("no drill %q: %w", id, ErrNoSuchDrill)
	}
	if err != nil {
		return nil, fmt.Errorf("drill %q: %w", id, err)
	}
	info := desc.GetWorkflowExecutionInfo()
	st := info.GetStatus()
	who, err := t.starter(ctx, id, info.GetExecution().GetRunId())
	if err != nil {
		return nil, err
	}
	v := &DrillView{ID: id, Status: drillops.StatusWord(st), StartedBy: who.StartedBy, Note: who.Note, Scenario: who.Plan.Scenario, Exercise: who.Exercise}
	if st == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		v.Running = true
		dp, err := drillops.Progress(ctx, t.Client, id)
		if err != nil {
			return nil, err
		}
		v.Progress = dp
		v.Processes = map[string]*drill.ProcessProgress{}
		for _, ps := range dp.Processes {
			if pp := t.processProgress(ctx, info.GetExecution().GetRunId(), ps); pp != nil {
				v.Processes[ps.ID] = pp
			}
		}
		return v, nil
	}
	res, err := t.result(ctx, id, info.GetExecution().GetRunId())
	if err != nil {
		return nil, fmt.Errorf("drill %s ended %s: %w", id, v.Status, err)
	}
	v.Result = res
	return v, nil
}

// result is the result of the finished run runID of drill id, filled in
// from its processes' runs (engine.FillResult).
func (t *Temporal) result(ctx context.Context, id, runID string) (*drill.DrillResult, error) {
	t.mu.Lock()
	res := t.results[runID]
	t.mu.Unlock()
	if res != nil {
		return res, nil
	}
	gctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := t.Client.GetWorkflow(gctx, id, runID).Get(gctx, &res); err != nil {
		return nil, err
	}
	fctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := engine.FillResult(fctx, t.Client, res); err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.results == nil || len(t.results) >= maxResults {
		t.results = map[string]*drill.DrillResult{}
	}
	t.results[runID] = res
	return res, nil
}

// processProgress asks a process of a running drill for its progress: a
// finished process (its steps and times stay on the live view) once, a
// running one every time; nil for one not started or not answering.
func (t *Temporal) processProgress(ctx context.Context, runID string, ps drill.ProcessSummary) *drill.ProcessProgress {
	if ps.Status == "pending" || ps.WorkflowID == "" {
		return nil
	}
	key := runID + "/" + ps.ID
	if ps.Status != "running" {
		t.mu.Lock()
		pp := t.finished[key]
		t.mu.Unlock()
		if pp != nil {
			return pp
		}
	}
	pp, err := drillops.ProcessProgress(ctx, t.Client, ps.WorkflowID)
	if err != nil {
		return nil
	}
	if ps.Status != "running" && pp.Status == "done" {
		t.mu.Lock()
		if t.finished == nil || len(t.finished) >= maxStarters {
			t.finished = map[string]*drill.ProcessProgress{}
		}
		t.finished[key] = pp
		t.mu.Unlock()
	}
	return pp
}

// starter reads who started a drill run and why from its input, the first
// event of its history (only that event is fetched).
func (t *Temporal) starter(ctx context.Context, id, runID string) (About, error) {
	return t.about(ctx, id, runID, runID)
}

// about reads a drill run's input once, keeping it under key.
func (t *Temporal) about(ctx context.Context, id, runID, key string) (About, error) {
	t.mu.Lock()
	who, ok := t.starters[key]
	t.mu.Unlock()
	if ok {
		return who, nil
	}
	if err := drillops.InputOf(ctx, t.Client, t.Namespace, id, runID, &who); err != nil {
		return About{}, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.starters == nil || len(t.starters) >= maxStarters {
		t.starters = map[string]About{}
	}
	t.starters[key] = who
	return who, nil
}

// About implements Backend.
func (t *Temporal) About(ctx context.Context, id, runID string) (About, error) {
	return t.about(ctx, id, runID, runID)
}

// ListDrills implements Backend: the supplier, status and mode are a
// visibility query (their values are checked by DrillFilter.check: nothing
// else gets into it).
func (t *Temporal) ListDrills(ctx context.Context, f DrillFilter, limit int) ([]drillops.Row, error) {
	return drillops.List(ctx, t.Client, t.Namespace, f.query(), limit)
}

// Waiting implements Backend.
func (t *Temporal) Waiting(ctx context.Context) ([]drillops.Waiting, error) {
	rows, err := drillops.List(ctx, t.Client, t.Namespace, drillops.Running, 1000)
	if err != nil {
		return nil, err
	}
	var all []drillops.Waiting
	for _, r := range rows {
		ws, err := drillops.WaitingSteps(ctx, t.Client, r.ID)
		if err != nil {
			continue // finished since the listing
		}
		all = append(all, ws...)
	}
	return all, nil
}

// Complete implements Backend.
func (t *Temporal) Complete(ctx context.Context, drillID, process string, req drill.CompleteStep) (*drill.StepResult, error) {
	return drillops.Complete(ctx, t.Client, drillID, process, req)
}

// CompleteOnce implements Backend.
func (t *Temporal) CompleteOnce(ctx context.Context, drillID, process string, req drill.CompleteStep, updateID string) (*drill.StepResult, error) {
	return drillops.CompleteOnce(ctx, t.Client, drillID, process, req, updateID)
}

// Abort implements Backend.
func (t *Temporal) Abort(ctx context.Context, drillID string, sig drill.Abort) error {
	return drillops.Abort(ctx, t.Client, drillID, sig)
}

// Observe implements Backend.
func (t *Temporal) Observe(ctx context.Context, drillID string, o drill.Observe) (*drill.Observation, error) {
	return drillops.Observe(ctx, t.Client, drillID, o)
}
