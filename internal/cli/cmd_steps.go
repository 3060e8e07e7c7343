package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
	"github.com/spf13/cobra"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

func newStepsCmd(s *Streams) *cobra.Command {
	var o statusOptions
	cmd := &cobra.Command{
		Use:   "steps [DRILL|--latest]",
		Short: "List the manual steps waiting for a person, in every running drill or one",
		Long: `Steps lists the manual steps waiting for a person: in every running drill, or
in one: DRILL (an id or a unique prefix of one) or --latest (the drill
started last).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSteps(cmd.Context(), &o, s, args)
		},
	}
	o.AddFlags(cmd)
	o.ref.AddFlags(cmd)
	return cmd
}

// waitingStep is a manual step waiting in a drill.
type waitingStep = drillops.Waiting

func runSteps(ctx context.Context, o *statusOptions, s *Streams, args []string) error {
	eng, err := o.engine.openFor(ctx, s, &o.output)
	if err != nil {
		return err
	}
	defer eng.Close()
	if o.ref.Latest && len(args) > 0 {
		return withCode(ExitInvalid, errors.New("give DRILL or --latest, not both"))
	}
	var ids []string
	if len(args) > 0 || o.ref.Latest {
		ref := ""
		if len(args) > 0 {
			ref = args[0]
		}
		id, err := o.ref.resolve(ctx, eng, ref)
		if err != nil {
			return err
		}
		ids = []string{id}
	} else {
		rows, err := listDrills(ctx, eng.Client, eng.Namespace, "WorkflowType = 'Drill' AND ExecutionStatus = 'Running'", 1000)
		if err != nil {
			return err
		}
		for _, r := range rows {
			ids = append(ids, r.ID)
		}
	}
	var all []waitingStep
	for _, id := range ids {
		ws, err := waitingSteps(ctx, eng.Client, id)
		if err != nil {
			return err
		}
		all = append(all, ws...)
	}
	if o.output.json() {
		if all == nil {
			all = []waitingStep{}
		}
		return writeJSON(s.Out, all)
	}
	p := s.printer()
	if len(all) == 0 {
		fmt.Fprintln(s.Out, p.T("no manual step is waiting"))
		return nil
	}
	t := newTable(s, "")
	t.AppendHeader(table.Row{p.T("Drill"), p.T("Step"), p.T("Role"), p.T("Waiting since"), p.T("Expected"), p.T("Escalated"), p.T("Instructions")})
	for _, w := range all {
		esc := ""
		if w.Escalated {
			esc = p.T("yes")
		}
		t.AppendRow(table.Row{w.Drill, w.Process + "/" + w.Step, w.Role, localTime(p, w.Since), durIn(p, w.Expected), esc, w.Instructions})
	}
	t.SetColumnConfigs([]table.ColumnConfig{{Number: 5, Align: text.AlignRight}})
	t.Render()
	fmt.Fprintln(s.Out, p.T("complete one with: exitdrill step complete DRILL PROCESS/STEP --role ROLE --outcome pass|fail --note ..."))
	return nil
}

// waitingSteps asks every running process of a drill which steps wait.
func waitingSteps(ctx context.Context, c client.Client, drillID string) ([]waitingStep, error) {
	ws, err := drillops.WaitingSteps(ctx, c, drillID)
	if err != nil {
		return nil, withCode(ExitInvalid, err)
	}
	return ws, nil
}

type stepCompleteOptions struct {
	Outcome string
	Note    string
	Actor   string
	Role    string
	Took    string
	engine  engineFlags
	output  outputFlag
	ref     drillRefFlag
}

func (o *stepCompleteOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Outcome, "outcome", "", "pass or fail")
	cmd.Flags().StringVar(&o.Note, "note", "", "what was done or seen, for the evidence")
	cmd.Flags().StringVar(&o.Actor, "actor", "", "who did the step ("+actorHelp+")")
	cmd.Flags().StringVar(&o.Role, "role", "", "the role in which you act; must be the role the step waits for")
	cmd.Flags().StringVar(&o.Took, "took", "", "the time the step took by your own count: recorded beside the measured time as declared, never counted (the measured time runs from the step becoming ready to now)")
	_ = cmd.MarkFlagRequired("outcome")
	_ = cmd.MarkFlagRequired("role")
	o.engine.AddFlags(cmd)
	o.output.AddFlags(cmd)
}

func newStepCmd(s *Streams) *cobra.Command {
	cmd := &cobra.Command{Use: "step", Short: "Act on a manual step of a running drill"}
	var o stepCompleteOptions
	complete := &cobra.Command{
		Use:   "complete DRILL|--latest [PROCESS/]STEP --role ROLE --outcome pass|fail",
		Short: "Record the outcome of a manual step that waits for you",
		Long: `Complete records the outcome of a manual step that waits for you in DRILL (an
id or a unique prefix of one) or, with --latest, in the drill started last.`,
		Args: o.ref.drillArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ref, rest := o.ref.split(args)
			return runStepComplete(cmd.Context(), &o, s, ref, rest[0])
		},
	}
	o.AddFlags(complete)
	o.ref.AddFlags(complete)
	cmd.AddCommand(complete)
	return cmd
}

// runStepComplete completes step in the drill ref names (see
// drillRefFlag.resolve).
func runStepComplete(ctx context.Context, o *stepCompleteOptions, s *Streams, ref, step string) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	who, account, err := actor(o.Actor)
	if err != nil {
		return err
	}
	req := drill.CompleteStep{Actor: who, Account: account, Role: o.Role, Outcome: o.Outcome, Note: o.Note}
	if o.Took != "" {
		d, err := drill.ParseDuration(o.Took)
		if err != nil {
			return withCode(ExitInvalid, fmt.Errorf("--took %q: %v (allowed: %s)", o.Took, err, drill.DurationAllowed))
		}
		req.Took = d
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
	process, stepID, err := resolveStep(ctx, eng.Client, drillID, step)
	if err != nil {
		return err
	}
	req.Step = stepID
	r, err := drillops.Complete(ctx, eng.Client, drillID, process, req)
	if errors.Is(err, drillops.ErrNoProcess) {
		// PROCESS/STEP named a process that the drill does not run.
		ws, werr := waitingSteps(ctx, eng.Client, drillID)
		if werr != nil {
			return werr
		}
		return withCode(ExitInvalid, fmt.Errorf("complete %s/%s: drill %s runs no process %s (%s)", process, stepID, drillID, process, waitingList(ws)))
	}
	if err != nil {
		return withCode(ExitInvalid, fmt.Errorf("complete %s/%s: %w", process, stepID, err))
	}
	if o.output.json() {
		return writeJSON(s.Out, r)
	}
	p := s.printer()
	fmt.Fprint(s.Out, p.F("%s/%s %s by %s (%s), %s %s on the scenario clock\n", process, stepID, p.T(string(r.Status)), r.Actor, r.Role, p.T(string(r.Measure)), durIn(p, r.Duration)))
	return nil
}

// resolveStep finds the process of a step: PROCESS/STEP names it, a bare STEP
// must be waiting in exactly one process of the drill.
func resolveStep(ctx context.Context, c client.Client, drillID, step string) (string, string, error) {
	if p, st, ok := strings.Cut(step, "/"); ok {
		return p, st, nil
	}
	ws, err := waitingSteps(ctx, c, drillID)
	if err != nil {
		return "", "", err
	}
	var match []string
	for _, w := range ws {
		if w.Step == step {
			match = append(match, w.Process)
		}
	}
	switch len(match) {
	case 1:
		return match[0], step, nil
	case 0:
		return "", "", withCode(ExitInvalid, fmt.Errorf("no step %q waits in drill %s (%s)", step, drillID, waitingList(ws)))
	default:
		return "", "", withCode(ExitInvalid, errors.New("step "+step+" waits in several processes; say which: "+strings.Join(match, "/"+step+", ")+"/"+step))
	}
}

// waitingList says which steps wait, as PROCESS/STEP.
func waitingList(ws []waitingStep) string {
	var names []string
	for _, w := range ws {
		names = append(names, w.Process+"/"+w.Step)
	}
	if len(names) == 0 {
		return "nothing is waiting"
	}
	return "waiting: " + strings.Join(names, ", ")
}
