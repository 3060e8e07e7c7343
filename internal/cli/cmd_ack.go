package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

type ackOptions struct {
	By     string
	Note   string
	engine engineFlags
	output outputFlag
	ref    drillRefFlag
}

func (o *ackOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.By, "by", "", "who acknowledges the inject, for the evidence ("+actorHelp+")")
	cmd.Flags().StringVar(&o.Note, "note", "", "what was done with it, for the evidence")
	o.engine.AddFlags(cmd)
	o.output.AddFlags(cmd)
}

func newAckCmd(s *Streams) *cobra.Command {
	var o ackOptions
	cmd := &cobra.Command{
		Use:   "ack DRILL|--latest INJECT --by NAME",
		Short: "Acknowledge an exercise inject that reached you",
		Long: `Ack records that you received INJECT, a message the drill's scenario sent to
your role at its scenario time, in DRILL (an id or a unique prefix of one)
or, with --latest, in the drill started last. The evidence records who
acknowledged each inject and when, and the injects nobody acknowledged.`,
		Args: o.ref.drillArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ref, rest := o.ref.split(args)
			return runAck(cmd.Context(), &o, s, ref, rest[0])
		},
	}
	o.AddFlags(cmd)
	o.ref.AddFlags(cmd)
	return cmd
}

// runAck acknowledges inject id in the drill ref names.
func runAck(ctx context.Context, o *ackOptions, s *Streams, ref, id string) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	who, account, err := actor(o.By)
	if err != nil {
		return err
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
	r, err := drillops.AckInject(ctx, eng.Client, drillID, drill.AckInject{Inject: id, By: who, Account: account, Note: o.Note})
	if errors.Is(err, drillops.ErrNoDrill) {
		return withCode(ExitInvalid, err)
	}
	if err != nil {
		return withCode(ExitInvalid, fmt.Errorf("acknowledge inject %s of drill %s: %w", id, drillID, err))
	}
	if o.output.json() {
		return writeJSON(s.Out, r)
	}
	p := s.printer()
	var by []string
	for _, a := range r.Acks {
		by = append(by, p.F("%s at %s", a.By, a.At.UTC().Format(time.RFC3339)))
	}
	fmt.Fprint(s.Out, p.F("inject %s (%s, to %s) acknowledged by %s\n", r.ID, r.At, r.To, strings.Join(by, ", ")))
	return nil
}
