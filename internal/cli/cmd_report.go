package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"
	enumspb "go.temporal.io/api/enums/v1"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/engine"
)

type reportOptions struct {
	Reports string
	output  outputPath // -o/--output DIR (--out DIR before)
	engine  engineFlags
	signing signingFlag
	ref     drillRefFlag
}

func newReportCmd(s *Streams) *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:   "report DRILL|--latest [-o DIR]",
		Short: "Rebuild a finished drill's evidence bundle from the server",
		Long: `Report rebuilds the evidence bundle of a finished drill from its workflow history
on the server: the same journal, definitions, artifacts and reports the drill
wrote at its end, signed with --signing-key. Use it when the worker that ran the
drill is on another machine, or when the bundle was lost. With the same key the
rebuilt bundle is byte for byte the one the drill wrote. DRILL is a drill id
or a unique prefix of one; --latest is the drill started last.`,
		Args: o.ref.drillArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			ref, _ := o.ref.split(args)
			return runReport(cmd.Context(), &o, s, ref)
		},
	}
	o.ref.AddFlags(cmd)
	o.output.AddFlags(cmd, "DIR", "write the bundle into the directory `DIR` (default REPORTS/DRILL)", "out")
	cmd.Flags().StringVar(&o.Reports, "reports", envOr("EXITDRILL_REPORTS", "drill-reports"), "directory under which bundles are written (env EXITDRILL_REPORTS)")
	o.engine.AddFlags(cmd)
	o.signing.AddFlags(cmd)
	return cmd
}

// runReport rebuilds the bundle of the drill ref names (see
// drillRefFlag.resolve).
func runReport(ctx context.Context, o *reportOptions, s *Streams, ref string) error {
	if err := o.output.resolve(s); err != nil {
		return err
	}
	if err := o.output.notStdout("the bundle is a directory"); err != nil {
		return err
	}
	eng, err := o.engine.open(ctx, s)
	if err != nil {
		return err
	}
	defer eng.Close()
	id, err := o.ref.resolve(ctx, eng, ref)
	if err != nil {
		return err
	}
	dir := o.output.Path
	if dir == "" {
		dir = filepath.Join(o.Reports, id)
	}
	key, err := o.signing.key(eng.StateDir)
	if err != nil {
		return err
	}
	in, res, err := finishedDrill(ctx, eng, id)
	if err != nil {
		return err
	}
	rec := newRecorder(key)
	ev, err := rec.WriteEvidence(ctx, in.EvidenceInput(dir, res))
	if err != nil {
		return err
	}
	printEvidence(s, ev)
	return nil
}

// finishedDrill reads a finished drill's input (from the first event of its
// latest run) and its result.
func finishedDrill(ctx context.Context, eng *engine.Engine, id string) (*drill.DrillInput, *drill.DrillResult, error) {
	desc, err := eng.Client.DescribeWorkflowExecution(ctx, id, "")
	if err != nil {
		return nil, nil, withCode(ExitInvalid, fmt.Errorf("drill %s: %w", id, err))
	}
	if st := desc.GetWorkflowExecutionInfo().GetStatus(); st == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		return nil, nil, withCode(ExitInvalid, fmt.Errorf("drill %s is still running: its evidence is written when it ends (exitdrill status %s)", id, id))
	}
	var res *drill.DrillResult
	if err := eng.Client.GetWorkflow(ctx, id, "").Get(ctx, &res); err != nil || res == nil {
		return nil, nil, fmt.Errorf("drill %s has no result to report: %v", id, err)
	}
	if err := engine.FillResult(ctx, eng.Client, res); err != nil {
		return nil, nil, err
	}
	it := eng.Client.GetWorkflowHistory(ctx, id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	if !it.HasNext() {
		return nil, nil, fmt.Errorf("drill %s: empty history", id)
	}
	first, err := it.Next()
	if err != nil {
		return nil, nil, fmt.Errorf("drill %s: history: %w", id, err)
	}
	attrs := first.GetWorkflowExecutionStartedEventAttributes()
	if attrs == nil {
		return nil, nil, errors.New("drill " + id + ": the history does not start with the drill's input")
	}
	var in drill.DrillInput
	if err := engine.DataConverter.FromPayloads(attrs.GetInput(), &in); err != nil || in.Plan == nil {
		return nil, nil, fmt.Errorf("drill %s: not a drill's input: %v", id, err)
	}
	// As the workflow does: a scheduled run's identity is its workflow id.
	plan := *in.Plan
	plan.DrillID = id
	in.Plan = &plan
	res.Evidence = nil
	return &in, res, nil
}
