package drillops

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/engine"

	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

// Schedule is a schedule of drills as schedule list shows it. Its times are
// in its time zone.
type Schedule struct {
	ID       string
	Cron     []string
	TimeZone string // IANA name; UTC for a schedule that names none
	Scenario string
	// Info is the scenario as its drills run it (title, duration, lost
	// suppliers and their names, mode), from the schedule's plan; nil when
	// the action holds no drill input.
	Info   *drill.Info
	Paused bool
	// Note is the schedule's own note and CreatedBy who created it, from its
	// memo; for a schedule created before the memo, Note is its state note.
	Note      string
	CreatedBy string
	// Pause is who paused the schedule and why; nil when it runs.
	Pause  *Pause
	Next   []time.Time // the next runs, soonest first
	Recent []string    // the drills it started last, oldest first
	Last   *LastResult // nil before its first drill
}

// LastResult is the drill a schedule started last and how it stands.
type LastResult struct {
	Drill string `json:"drill"`
	// Status is the drill's ExitdrillStatus as list shows it (running,
	// objectives-met, objectives-missed, aborted...), or its workflow status.
	Status string    `json:"status"`
	At     time.Time `json:"at"` // when the schedule started it
}

// Schedules describes every schedule of the namespace, ordered by id.
func Schedules(ctx context.Context, c client.Client) ([]Schedule, error) {
	ids, err := scheduleIDs(ctx, c)
	if err != nil {
		return nil, err
	}
	out := make([]Schedule, 0, len(ids))
	for _, id := range ids {
		s, err := DescribeSchedule(ctx, c, id)
		var notFound *serviceerror.NotFound
		if errors.As(err, &notFound) {
			continue // deleted since it was listed
		}
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// scheduleIDs lists the ids of the schedules, sorted. The list is eventually
// consistent: a schedule just created or deleted may be missing or still there.
func scheduleIDs(ctx context.Context, c client.Client) ([]string, error) {
	it, err := c.ScheduleClient().List(ctx, client.ScheduleListOptions{PageSize: 100})
	if err != nil {
		return nil, fmt.Errorf("list schedules: %w", err)
	}
	var ids []string
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("list schedules: %w", err)
		}
		ids = append(ids, e.ID)
	}
	slices.Sort(ids)
	return ids, nil
}

// DescribeSchedule describes schedule id, asking the drill it started last
// for its status. The error wraps *serviceerror.NotFound for an unknown id.
func DescribeSchedule(ctx context.Context, c client.Client, id string) (Schedule, error) {
	d, err := c.ScheduleClient().GetHandle(ctx, id).Describe(ctx)
	if err != nil {
		return Schedule{}, fmt.Errorf("describe schedule %s: %w", id, err)
	}
	s := Schedule{ID: id, TimeZone: "UTC", Paused: d.Schedule.State.Paused, Note: d.Schedule.State.Note}
	if note, ok := memoString(d.Memo, memoNote); ok {
		s.Note = note
		s.CreatedBy, _ = memoString(d.Memo, memoCreatedBy)
	} else if s.Paused {
		s.Note = ""
	}
	if s.Paused {
		p := PauseOf(d.Schedule.State.Note)
		s.Pause = &p
	}
	if spec := d.Schedule.Spec; spec != nil {
		if spec.TimeZoneName != "" {
			s.TimeZone = spec.TimeZoneName
		}
		for _, cal := range spec.Calendars {
			s.Cron = append(s.Cron, CronOf(cal))
		}
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	if a, ok := d.Schedule.Action.(*client.ScheduleWorkflowAction); ok {
		s.Scenario, _ = a.TypedSearchAttributes.GetKeyword(searchattr.Scenario)
		s.Info = planInfo(a.Args)
	}
	for _, t := range d.Info.NextActionTimes {
		s.Next = append(s.Next, t.In(loc))
	}
	var last *client.ScheduleActionResult
	for _, a := range d.Info.RecentActions {
		if a.StartWorkflowResult != nil {
			s.Recent = append(s.Recent, a.StartWorkflowResult.WorkflowID)
			last = &a
		}
	}
	if last != nil {
		s.Last = lastResult(ctx, c, last, loc)
	}
	return s, nil
}

// lastResult asks the drill a schedule started for its status.
func lastResult(ctx context.Context, c client.Client, a *client.ScheduleActionResult, loc *time.Location) *LastResult {
	w := a.StartWorkflowResult
	r := &LastResult{Drill: w.WorkflowID, Status: "unknown", At: a.ActualTime.In(loc)}
	d, err := c.DescribeWorkflowExecution(ctx, w.WorkflowID, "") // its latest run: a long drill continues as new
	if err != nil {
		return r // gone (retention) or unreachable: the schedule still is listed
	}
	info := d.GetWorkflowExecutionInfo()
	r.Status = drillStatus(StatusWord(info.GetStatus()), keyword(info.GetSearchAttributes().GetIndexedFields()[searchattr.StatusName]))
	return r
}

// planInfo reads the scenario of the drill input that a schedule's action
// starts its drills with; nil when it holds none.
func planInfo(args []any) *drill.Info {
	if len(args) != 1 {
		return nil
	}
	p, ok := args[0].(*commonpb.Payload)
	if !ok {
		return nil
	}
	var in struct {
		Plan *struct {
			Scenario drill.Info `json:"scenario"`
		} `json:"plan"`
	}
	if err := engine.DataConverter.FromPayload(p, &in); err != nil || in.Plan == nil || in.Plan.Scenario.ID == "" {
		return nil
	}
	return &in.Plan.Scenario
}
