package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/spf13/cobra"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/engine"
)

type statusOptions struct {
	engine engineFlags
	output outputFlag
	failOn failOnFlag
	ref    drillRefFlag // status and steps only
}

func (o *statusOptions) AddFlags(cmd *cobra.Command) {
	o.engine.AddFlags(cmd)
	o.output.AddFlags(cmd)
}

func newStatusCmd(s *Streams) *cobra.Command {
	var o statusOptions
	cmd := &cobra.Command{
		Use:   "status [DRILL|--latest]",
		Short: "Show a drill's progress, or its verdicts once finished; without DRILL, list drills",
		Long: `Status shows a running drill's progress, or a finished drill's verdict per
process and exits as exitdrill run did: 3 when a critical process missed its
objectives or the drill was aborted (--fail-on missed: any process), else 0.
DRILL is a drill id or a unique prefix of one; --latest is the drill started
last. Without either it lists drills.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.ref.Latest && len(args) > 0 {
				return withCode(ExitInvalid, errors.New("give DRILL or --latest, not both"))
			}
			if o.ref.Latest {
				return runStatus(cmd.Context(), &o, s, "")
			}
			if len(args) == 0 {
				if cmd.Flags().Changed("fail-on") {
					return withCode(ExitInvalid, errors.New("--fail-on judges one finished drill: name it, exitdrill status DRILL --fail-on ..."))
				}
				return runList(cmd.Context(), &o, s, 20)
			}
			return runStatus(cmd.Context(), &o, s, args[0])
		},
	}
	o.AddFlags(cmd)
	o.failOn.AddFlags(cmd)
	o.ref.AddFlags(cmd)
	return cmd
}

func newListCmd(s *Streams) *cobra.Command {
	var o statusOptions
	var limit int
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List drills, newest first",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runList(cmd.Context(), &o, s, limit) },
	}
	o.AddFlags(cmd)
	cmd.Flags().IntVar(&limit, "limit", 50, "at most this many drills")
	return cmd
}

// runStatus shows the drill ref names (see drillRefFlag.resolve).
func runStatus(ctx context.Context, o *statusOptions, s *Streams, ref string) error {
	if err := o.failOn.check(); err != nil {
		return err
	}
	eng, err := o.engine.openFor(ctx, s, &o.output)
	if err != nil {
		return err
	}
	defer eng.Close()
	id, err := o.ref.resolve(ctx, eng, ref)
	if err != nil {
		return err
	}
	desc, err := eng.Client.DescribeWorkflowExecution(ctx, id, "")
	if err != nil {
		return withCode(ExitInvalid, fmt.Errorf("no drill %q on %s: %w", id, eng.Address, err))
	}
	st := desc.GetWorkflowExecutionInfo().GetStatus()
	if st == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		var dp drill.DrillProgress
		v, err := eng.Client.QueryWorkflow(ctx, id, "", drill.QueryProgress)
		if err == nil {
			err = v.Get(&dp)
		}
		if err != nil {
			return fmt.Errorf("query drill %s: %w (is a worker running? exitdrill worker)", id, err)
		}
		err = printProgress(ctx, eng.Client, s, &o.output, &dp)
		printStarter(ctx, eng, s, &o.output, id)
		return err
	}
	var res *drill.DrillResult
	if err := eng.Client.GetWorkflow(ctx, id, "").Get(ctx, &res); err != nil {
		return fmt.Errorf("drill %s ended %s: %w", id, statusWord(st), err)
	}
	if err := engine.FillResult(ctx, eng.Client, res); err != nil {
		return err
	}
	err = printDrillResult(s, &o.output, &o.failOn, res)
	if !o.output.json() {
		printHeld(s, heldOutcomes(ctx, eng.Client, res))
	}
	printStarter(ctx, eng, s, &o.output, id)
	return err
}

func printProgress(ctx context.Context, c client.Client, s *Streams, out *outputFlag, dp *drill.DrillProgress) error {
	if out.json() {
		return writeJSON(s.Out, dp)
	}
	p := s.printer()
	renderProgress(s, dp, func(ps drill.ProcessSummary) string { return childLine(ctx, c, p, ps) })
	return nil
}

// renderProgress prints a running drill's progress in the printer's
// language: a header line, a table of its processes (child says how far a
// running one is) and its injects.
func renderProgress(s *Streams, dp *drill.DrillProgress, child func(drill.ProcessSummary) string) {
	p := s.printer()
	fmt.Fprint(s.Out, p.F("Drill %s — scenario %s, %s mode, started %s, %s\n", dp.DrillID, dp.Scenario, p.T(dp.Mode),
		localTime(p, dp.Started), p.T(dp.Status)))
	if dp.Abort != nil {
		fmt.Fprint(s.Out, p.F("aborting: %s by %s\n", dp.Abort.Reason, dp.Abort.Who()))
	}
	t := newTable(s, "")
	t.AppendHeader(table.Row{p.T("Process"), p.T("Status"), p.T("Verdict / progress")})
	for _, ps := range dp.Processes {
		detail := p.T(string(ps.Verdict))
		if ps.Status == "running" {
			detail = child(ps)
		}
		t.AppendRow(table.Row{ps.ID, p.T(ps.Status), detail})
	}
	t.Render()
	printInjects(s.Out, p, dp.Injects)
}

// drillRow is one line of exitdrill list.
type drillRow = drillops.Row

func runList(ctx context.Context, o *statusOptions, s *Streams, limit int) error {
	eng, err := o.engine.openFor(ctx, s, &o.output)
	if err != nil {
		return err
	}
	defer eng.Close()
	rows, err := listDrills(ctx, eng.Client, eng.Namespace, "WorkflowType = 'Drill'", limit)
	if err != nil {
		return err
	}
	if o.output.json() {
		if rows == nil {
			rows = []drillRow{} // an empty list, not null
		}
		return writeJSON(s.Out, rows)
	}
	renderList(s, rows)
	return nil
}

// renderList prints the drills of exitdrill list in the printer's
// language, their times on this machine's clock.
func renderList(s *Streams, rows []drillRow) {
	p := s.printer()
	if len(rows) == 0 {
		fmt.Fprintln(s.Out, p.T("no drills yet: exitdrill run --catalog DIR --scenario ID"))
		return
	}
	t := newTable(s, "")
	t.AppendHeader(table.Row{p.T("Drill"), p.T("Scenario"), p.T("Status"), p.T("Started"), p.T("Closed")})
	for _, r := range rows {
		closed := ""
		if !r.Closed.IsZero() {
			closed = localTime(p, r.Closed)
		}
		t.AppendRow(table.Row{r.ID, r.Scenario, p.T(r.Status), localTime(p, r.Started), closed})
	}
	t.Render()
}

// listDrills runs a visibility query for Drill workflows, newest first.
func listDrills(ctx context.Context, c client.Client, ns, query string, limit int) ([]drillRow, error) {
	return drillops.List(ctx, c, ns, query, limit)
}

func statusWord(st enumspb.WorkflowExecutionStatus) string { return drillops.StatusWord(st) }

// printStarter ends the text of status with who started the drill and why,
// as its input (and evidence) says; nothing when that is not recorded or
// cannot be read. JSON output leaves it out: the drill's input has it.
func printStarter(ctx context.Context, eng *engine.Engine, s *Streams, out *outputFlag, id string) {
	if out.json() {
		return
	}
	if who, err := drillops.StarterOf(ctx, eng.Client, eng.Namespace, id, ""); err == nil && who.StartedBy != "" {
		fmt.Fprintln(s.Out, who)
	}
}
