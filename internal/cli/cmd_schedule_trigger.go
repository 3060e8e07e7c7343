package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/drillops"
)

// newScheduleTriggerCmd is schedule trigger ID: the schedule's drill, now.
func newScheduleTriggerCmd(s *Streams, o *scheduleOptions) *cobra.Command {
	var evenPaused bool
	cmd := &cobra.Command{
		Use:   "trigger ID",
		Short: "Start a schedule's drill now and print its id",
		Long: `Trigger starts the drill that schedule ID would start, now: the same plan,
named ID-TIMESTAMP, recorded as started by the schedule, even while an earlier
drill of it runs. It prints the drill's id once the server has started it.

A paused schedule (for example after stop-all) starts nothing: resume it with
exitdrill schedule pause ID --resume, or give --even-paused to run one drill
while it stays paused.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScheduleTrigger(cmd.Context(), o, s, args[0], evenPaused)
		},
	}
	cmd.Flags().BoolVar(&evenPaused, "even-paused", false, "start the drill although the schedule is paused (it stays paused)")
	o.engine.AddFlags(cmd)
	return cmd
}

func runScheduleTrigger(ctx context.Context, o *scheduleOptions, s *Streams, id string, evenPaused bool) error {
	eng, err := o.engine.open(ctx, s)
	if err != nil {
		return err
	}
	defer eng.Close()
	drillID, err := drillops.TriggerSchedule(ctx, eng.Client, id, evenPaused)
	var paused *drillops.PausedScheduleError
	switch {
	case errors.As(err, &paused):
		return withCode(ExitInvalid, fmt.Errorf("%w: resume it (exitdrill schedule pause %s --resume) or add --even-paused", err, id))
	case drillops.IsInvalid(err):
		return withCode(ExitInvalid, err)
	case err != nil:
		return err
	}
	fmt.Fprintln(s.Out, drillID)
	if eng.Embedded {
		fmt.Fprintln(s.Err, s.printer().T("note: the drill runs while an exitdrill server (or worker) is running on this state directory"))
	}
	return nil
}
