package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

type observeOptions struct {
	Step   string
	By     string
	engine engineFlags
	output outputFlag
	ref    drillRefFlag
}

func (o *observeOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Step, "step", "", "the step observed, PROCESS/STEP, or a PROCESS alone (default: the drill as a whole)")
	cmd.Flags().StringVar(&o.By, "by", "", "who observes, for the evidence ("+actorHelp+")")
	o.engine.AddFlags(cmd)
	o.output.AddFlags(cmd)
	o.ref.AddFlags(cmd)
}

func newObserveCmd(s *Streams) *cobra.Command {
	var o observeOptions
	cmd := &cobra.Command{
		Use:   `observe DRILL|--latest [--step PROCESS/STEP] [--by NAME] "TEXT"`,
		Short: "Add a time-stamped observation to a running drill, for the evidence",
		Long: fmt.Sprintf(`Observe records what someone saw during a running drill: at a step (--step
PROCESS/STEP), a process (--step PROCESS) or the drill as a whole. The drill's
workflow stamps it with its own time and keeps it; the evidence bundle's journal
has one observation event for each, and the reports list them.

The text may have at most %d characters. A process or step the drill does not
have, and a drill that has ended, are refused with exit 2 (record what you saw
after the drill in the after-action review: exitdrill review).`, drill.MaxObservation),
		Args: o.ref.drillArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ref, rest := o.ref.split(args)
			return runObserve(cmd.Context(), &o, s, ref, rest[0])
		},
	}
	o.AddFlags(cmd)
	return cmd
}

func runObserve(ctx context.Context, o *observeOptions, s *Streams, ref, text string) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	who, account, err := actor(o.By)
	if err != nil {
		return err
	}
	obs := drill.Observe{By: who, Account: account, Text: strings.TrimSpace(text)}
	obs.Process, obs.Step, _ = strings.Cut(o.Step, "/")
	if strings.Contains(o.Step, "/") && (obs.Process == "" || obs.Step == "") {
		return withCode(ExitInvalid, fmt.Errorf("--step %q: want PROCESS/STEP or PROCESS", o.Step))
	}
	textOnly := obs // the text and author, before any server is asked
	textOnly.Process, textOnly.Step = "", ""
	if err := textOnly.Check(nil); err != nil {
		return withCode(ExitInvalid, err)
	}
	eng, err := o.engine.open(ctx, s)
	if err != nil {
		return err
	}
	defer eng.Close()
	drillID, err := o.ref.resolve(ctx, eng, ref)
	if err != nil {
		return err
	}
	rec, err := drillops.Observe(ctx, eng.Client, drillID, obs)
	var rejected *temporal.ApplicationError // the workflow's validator said no
	if errors.Is(err, drillops.ErrDrillEnded) || errors.As(err, &rejected) {
		return withCode(ExitInvalid, err)
	}
	if err != nil {
		return err
	}
	if o.output.json() {
		return writeJSON(s.Out, rec)
	}
	p := s.printer()
	where := rec.Where()
	if where == "" {
		where = p.T("the drill")
	}
	fmt.Fprint(s.Out, p.F("observation recorded in drill %s at %s (%s) by %s\n", drillID, rec.At.UTC().Format("2006-01-02 15:04:05Z"), where, drill.Who(rec.By, rec.Account)))
	return nil
}
