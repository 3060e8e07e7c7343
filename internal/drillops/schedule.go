package drillops

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/workflows"
)

// CreateSchedule creates the Temporal schedule of p (prepared with
// Request.Schedule) on a cron calendar read in the IANA time zone tz (see
// CheckZone and LocalZone): each run is the Drill workflow of p's input,
// which Temporal names ID-TIMESTAMP. The plan was made now: after the
// definitions change, the schedule is deleted and created again.
func CreateSchedule(ctx context.Context, c client.Client, p Prepared, cron, tz string) error {
	if !p.schedule {
		return errors.New("create schedule: the drill was not prepared as a schedule")
	}
	if err := CheckZone(tz); err != nil {
		return err
	}
	if err := CheckCron(cron); err != nil {
		return err
	}
	id := p.Plan.DrillID
	_, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID:   id,
		Spec: client.ScheduleSpec{CronExpressions: []string{cron}, TimeZoneName: tz},
		Action: &client.ScheduleWorkflowAction{
			ID: p.Options.ID, Workflow: workflows.Drill, TaskQueue: p.Options.TaskQueue,
			Args:                  []any{p.Input},
			TypedSearchAttributes: p.Options.TypedSearchAttributes,
		},
		Note: p.scheduleNote(),
		// The state's note is replaced by every pause and resume: the
		// schedule's own note and creator are kept apart, in its memo.
		Memo: map[string]any{memoNote: p.Input.Note, memoCreatedBy: p.creator},
	})
	if errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return &InvalidError{&ScheduleExistsError{ID: id}}
	}
	if err != nil {
		return fmt.Errorf("create schedule %s: %w", id, err)
	}
	return nil
}

// ScheduleExistsError says that a schedule of the id asked for exists.
type ScheduleExistsError struct{ ID string }

func (e *ScheduleExistsError) Error() string {
	return fmt.Sprintf("a schedule %s exists already: give this one another id", e.ID)
}

// scheduleNote is the note of the schedule of p as schedule list and the
// console show it: its drills' note and who created the schedule.
func (p Prepared) scheduleNote() string {
	if p.creator == "" {
		return p.Input.Note
	}
	return strings.TrimSpace(p.Input.Note + " (created by " + p.creator + ")")
}
