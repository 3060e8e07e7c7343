package drillops

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
)

// TriggerWait is how long TriggerSchedule waits for the server to start the
// drill it asked for.
const TriggerWait = 30 * time.Second

// NoScheduleError says that no schedule has the id asked for, and which
// schedules there are.
type NoScheduleError struct {
	ID    string
	Known []string
}

func (e *NoScheduleError) Error() string {
	if len(e.Known) == 0 {
		return fmt.Sprintf("no schedule %q; there are no schedules", e.ID)
	}
	return fmt.Sprintf("no schedule %q; the schedules are: %s", e.ID, strings.Join(e.Known, ", "))
}

// PausedScheduleError says that a schedule asked to start a drill is paused,
// and why.
type PausedScheduleError struct{ ID, Note string }

func (e *PausedScheduleError) Error() string {
	p := PauseOf(e.Note)
	switch {
	case e.Note == "":
		return fmt.Sprintf("schedule %s is paused", e.ID)
	case p.By != "" && !p.Emergency && p.Why != "":
		return fmt.Sprintf("schedule %s is paused by %s: %s", e.ID, p.By, p.Why)
	case p.By != "" && !p.Emergency:
		return fmt.Sprintf("schedule %s is paused by %s", e.ID, p.By)
	}
	return fmt.Sprintf("schedule %s is paused (%s)", e.ID, e.Note)
}

// TriggerSchedule starts the drill of schedule id now: the drill the schedule
// would start (same plan, named ID-TIMESTAMP), even while an earlier one of it
// runs. It returns the drill's id once the server has started it; the drill
// then waits for a worker like any other. A paused schedule starts nothing
// unless evenPaused, as an emergency stop pauses every schedule. An unknown id
// is an *InvalidError holding a *NoScheduleError, a paused schedule one
// holding a *PausedScheduleError.
func TriggerSchedule(ctx context.Context, c client.Client, id string, evenPaused bool) (string, error) {
	h := c.ScheduleClient().GetHandle(ctx, id)
	d, err := h.Describe(ctx)
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		known, err := scheduleIDs(ctx, c)
		if err != nil {
			return "", fmt.Errorf("trigger schedule %s: %w", id, err)
		}
		return "", &InvalidError{&NoScheduleError{ID: id, Known: known}}
	}
	if err != nil {
		return "", fmt.Errorf("trigger schedule %s: %w", id, err)
	}
	if d.Schedule.State.Paused && !evenPaused {
		return "", &InvalidError{&PausedScheduleError{ID: id, Note: d.Schedule.State.Note}}
	}
	seen := map[string]bool{}
	for _, a := range d.Info.RecentActions {
		if a.StartWorkflowResult != nil {
			seen[a.StartWorkflowResult.WorkflowID] = true
		}
	}
	// Allow all: under the schedules' default (skip while one runs) the
	// trigger would start nothing and say nothing.
	if err := h.Trigger(ctx, client.ScheduleTriggerOptions{Overlap: enumspb.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL}); err != nil {
		return "", fmt.Errorf("trigger schedule %s: %w", id, err)
	}
	return waitStarted(ctx, h, seen)
}

// waitStarted waits until the schedule of h has started a drill other than
// those seen, and returns its id: Trigger only asks the schedule to start one.
func waitStarted(ctx context.Context, h client.ScheduleHandle, seen map[string]bool) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, TriggerWait)
	defer cancel()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		d, err := h.Describe(ctx)
		if err == nil {
			for _, a := range d.Info.RecentActions {
				if w := a.StartWorkflowResult; w != nil && !seen[w.WorkflowID] {
					return w.WorkflowID, nil
				}
			}
		}
		select {
		case <-ctx.Done():
			if err == nil {
				err = ctx.Err()
			}
			return "", fmt.Errorf("schedule %s was triggered, but no drill of it started within %s: %w", h.GetID(), TriggerWait, err)
		case <-tick.C:
		}
	}
}
