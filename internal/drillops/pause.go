package drillops

import (
	"context"
	"fmt"
	"strings"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/engine"
)

// The memo of a schedule keeps its own note and who created it: Temporal
// has one note per schedule state, which every pause and resume replaces.
const (
	memoNote      = "note"
	memoCreatedBy = "createdBy"
)

// The state note of a schedule says who paused or resumed it and why, in
// words that PauseOf reads back: "paused by ACTOR: WHY", "resumed by ACTOR",
// or EmergencyNote's "emergency stop by ACTOR: WHY".
const (
	pausedBy    = "paused by "
	resumedBy   = "resumed by "
	emergencyBy = "emergency stop by "
)

// Pause is who paused a schedule and why, read from its state note.
type Pause struct {
	By  string `json:"by,omitempty"`
	Why string `json:"why,omitempty"`
	// Emergency is set when an emergency stop paused the schedule.
	Emergency bool `json:"emergency,omitempty"`
}

// PauseOf reads who paused a schedule and why from its state note. A note
// written by something else than PauseSchedule or an emergency stop is all
// why.
func PauseOf(note string) Pause {
	for _, prefix := range []string{pausedBy, emergencyBy} {
		if rest, ok := strings.CutPrefix(note, prefix); ok {
			by, why, _ := strings.Cut(rest, ": ")
			return Pause{By: by, Why: why, Emergency: prefix == emergencyBy}
		}
	}
	return Pause{Why: note}
}

// PauseSchedule pauses schedule id (pause) or resumes it, recording who
// (actor) and, for a pause, why in its state note. The schedule's own note
// stays in its memo. The actor and the reason are checked as a drill's
// starter and note are (see SetStarter); a mistake is an *InvalidError.
func PauseSchedule(ctx context.Context, c client.Client, id string, pause bool, actor, why string) error {
	var in drill.DrillInput
	if err := SetStarter(&in, actor, why); err != nil {
		return &InvalidError{fmt.Errorf("schedule %s: %w", id, err)}
	}
	h := c.ScheduleClient().GetHandle(ctx, id)
	var err error
	if pause {
		note := pausedBy + in.StartedBy
		if in.Note != "" {
			note += ": " + in.Note
		}
		err = h.Pause(ctx, client.SchedulePauseOptions{Note: note})
	} else {
		err = h.Unpause(ctx, client.ScheduleUnpauseOptions{Note: resumedBy + in.StartedBy})
	}
	if err != nil {
		return fmt.Errorf("schedule %s: %w", id, err)
	}
	return nil
}

// memoString reads a string field of a schedule's memo, "" when absent.
func memoString(m *commonpb.Memo, key string) (string, bool) {
	p, ok := m.GetFields()[key]
	if !ok {
		return "", false
	}
	var s string
	if err := engine.DataConverter.FromPayload(p, &s); err != nil {
		return "", false
	}
	return s, true
}
