package drillops

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
)

// EmergencyNote is the note an emergency stop leaves on every schedule it
// pauses: who stopped and why, as the aborts record them.
func EmergencyNote(sig drill.Abort) string {
	return fmt.Sprintf("emergency stop by %s: %s", sig.Who(), sig.Reason)
}

// PauseAllSchedules pauses every schedule of the namespace with note — those
// already paused too, so that each says why it is paused now — and returns
// their ids. It is the first half of an emergency stop: nothing is started
// again until a person unpauses the schedules.
func PauseAllSchedules(ctx context.Context, c client.Client, note string) ([]string, error) {
	it, err := c.ScheduleClient().List(ctx, client.ScheduleListOptions{PageSize: 100})
	if err != nil {
		return nil, fmt.Errorf("list schedules: %w", err)
	}
	var ids []string
	var errs []error
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			return ids, errors.Join(append(errs, fmt.Errorf("list schedules: %w", err))...)
		}
		if err := c.ScheduleClient().GetHandle(ctx, e.ID).Pause(ctx, client.SchedulePauseOptions{Note: note}); err != nil {
			errs = append(errs, fmt.Errorf("pause schedule %s: %w", e.ID, err))
			continue
		}
		ids = append(ids, e.ID)
	}
	return ids, errors.Join(errs...)
}
