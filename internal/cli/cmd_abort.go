package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

type abortOptions struct {
	Reason string
	Actor  string
	Wait   time.Duration
	engine engineFlags
	ref    drillRefFlag // abort only
}

func (o *abortOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Reason, "reason", "", "why the drill is stopped, for the evidence")
	cmd.Flags().StringVar(&o.Actor, "actor", "", "who stops it, for the evidence ("+actorHelp+")")
	cmd.Flags().DurationVar(&o.Wait, "wait", 30*time.Second, "how long to wait for rollbacks to finish")
	_ = cmd.MarkFlagRequired("reason")
	o.engine.AddFlags(cmd)
}

func newAbortCmd(s *Streams) *cobra.Command {
	var o abortOptions
	cmd := &cobra.Command{
		Use:   "abort DRILL|--latest --reason TEXT",
		Short: "Stop a drill: running steps are cancelled, rollback steps run",
		Long: `Abort stops DRILL (a drill id or a unique prefix of one) or, with --latest, the
drill started last: running steps are cancelled, rollback steps run.`,
		Args: o.ref.drillArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			ref, _ := o.ref.split(args)
			return runAbort(cmd.Context(), &o, s, []string{ref}, false)
		},
	}
	o.AddFlags(cmd)
	o.ref.AddFlags(cmd)
	return cmd
}

func newStopAllCmd(s *Streams) *cobra.Command {
	var o abortOptions
	cmd := &cobra.Command{
		Use:   "stop-all --reason TEXT",
		Short: "Emergency stop: end every running drill, running their rollback steps",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runAbort(cmd.Context(), &o, s, nil, true)
		},
	}
	o.AddFlags(cmd)
	return cmd
}

func runAbort(ctx context.Context, o *abortOptions, s *Streams, ids []string, emergency bool) error {
	who, account, err := actor(o.Actor)
	if err != nil {
		return err
	}
	eng, err := o.engine.open(ctx, s)
	if err != nil {
		return err
	}
	defer eng.Close()
	if eng.Embedded {
		// Aborted drills must run their rollback steps: someone has to execute them.
		if err := eng.StartWorker(registerDrill(eng)); err != nil {
			return err
		}
	}
	sig := drill.Abort{Actor: who, Account: account, Reason: o.Reason, Emergency: emergency}
	if !emergency {
		id, err := o.ref.resolve(ctx, eng, ids[0])
		if err != nil {
			return err
		}
		ids = []string{id}
	}
	if emergency {
		// Schedules first: none may start a drill while the running ones stop.
		paused, err := drillops.PauseAllSchedules(ctx, eng.Client, drillops.EmergencyNote(sig))
		if len(paused) > 0 {
			fmt.Fprint(s.Out, s.printer().F("paused %s until a person resumes them: %s\n", pluralIn(s.printer(), len(paused), "schedule", "schedules"), strings.Join(paused, ", ")))
		}
		if err != nil {
			return err
		}
		rows, err := listDrills(ctx, eng.Client, eng.Namespace, drillops.Running, 10_000)
		if err != nil {
			return err
		}
		for _, r := range rows {
			ids = append(ids, r.ID)
		}
		if len(ids) == 0 {
			fmt.Fprintln(s.Out, s.printer().T("no drill is running"))
			return nil
		}
	}
	start := time.Now()
	var errs []error
	for _, id := range ids {
		if err := drillops.Abort(ctx, eng.Client, id, sig); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return withCode(ExitInvalid, errors.Join(errs...))
	}
	for _, id := range ids {
		if err := waitClosed(ctx, eng.Client, id, o.Wait); err != nil {
			errs = append(errs, err)
			continue
		}
		took := time.Since(start).Round(time.Millisecond)
		fmt.Fprint(s.Out, s.printer().F("%s stopped by %s after %s: %s\n", id, sig.Actor, s.printer().Duration(took, took.String()), sig.Reason))
	}
	return errors.Join(errs...)
}

// waitClosed waits until a drill's workflow has finished.
func waitClosed(ctx context.Context, c client.Client, id string, wait time.Duration) error {
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	var res *drill.DrillResult
	if err := c.GetWorkflow(wctx, id, "").Get(wctx, &res); err != nil {
		return fmt.Errorf("%s has not finished within %s: %w", id, wait, err)
	}
	return nil
}
