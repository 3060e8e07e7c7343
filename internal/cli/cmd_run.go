package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/notify"
	"github.com/exitdrill/exitdrill/scenarios"
)

type runOptions struct {
	Catalog     []string
	Scenario    string
	ID          string
	Detach      bool
	MaxParallel int
	Reports     string
	Actor       string
	Note        string
	// AllowInconclusive starts the drill although the preflight found steps
	// that cannot be attempted on the worker; they end inconclusive.
	AllowInconclusive bool
	// Mode and TimeScale override the scenario's (see drillops.Request).
	Mode      string
	TimeScale float64
	// Notify and NotifyConfig: see drillops.Request.Notify.
	Notify       bool
	NotifyConfig string
	exercise     exerciseFlags
	failOn       failOnFlag
	engine       engineFlags
	output       outputFlag
	bundle       outputPath // -o/--output DIR (--out DIR before)
	signing      signingFlag
	github       githubFlags
	metrics      metricsFlag
}

func (o *runOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&o.Catalog, "catalog", nil, "catalog directory or file, or github:OWNER/REPO/PATH@REF (repeatable)")
	cmd.Flags().StringVar(&o.Scenario, "scenario", "", scenarioHelp+", or github:OWNER/REPO/PATH@REF")
	cmd.Flags().StringVar(&o.ID, "id", "", "drill id: letters, digits, '.', '_' and '-' (default: SCENARIO-TIMESTAMP)")
	cmd.Flags().BoolVar(&o.Detach, "detach", false, "start the drill and print its id without waiting (needs a running exitdrill server or --address)")
	cmd.Flags().IntVar(&o.MaxParallel, "max-parallel", 0, "processes drilled at once (default 16)")
	o.bundle.AddFlags(cmd, "DIR", "directory of the drill's evidence bundle `DIR` (default REPORTS/DRILL-ID)", "out")
	cmd.Flags().StringVar(&o.Reports, "reports", envOr("EXITDRILL_REPORTS", "drill-reports"), "directory under which evidence bundles are written, one per drill (env EXITDRILL_REPORTS)")
	cmd.Flags().StringVar(&o.Actor, "actor", "", "who starts the drill, for the evidence ("+actorHelp+")")
	cmd.Flags().StringVar(&o.Note, "note", "", fmt.Sprintf("why the drill is run, for the evidence (at most %d characters)", drillops.MaxNote))
	cmd.Flags().BoolVar(&o.AllowInconclusive, "allow-inconclusive", false, "start the drill although the preflight found steps the worker cannot attempt (they end inconclusive, exit 4)")
	cmd.Flags().StringVar(&o.Mode, "mode", "", "run the drill in this mode instead of the scenario's: "+strings.Join(scenarios.Modes, ", ")+" (recorded in the evidence)")
	cmd.Flags().Float64Var(&o.TimeScale, "time-scale", 0, "compressed and tabletop: scenario seconds per wall-clock second for declared time, instead of the scenario's (recorded in the evidence)")
	cmd.Flags().BoolVar(&o.Notify, "notify", false, "tell the catalog's contacts of waiting and late manual steps also in a compressed drill (live and tabletop drills do when a notifications config is given)")
	cmd.Flags().StringVar(&o.NotifyConfig, "notify-config", os.Getenv(notify.EnvConfig), "notifications config file: the SMTP server and webhook channels the worker sends through (env "+notify.EnvConfig+"; a server's workers read their own)")
	o.exercise.AddFlags(cmd)
	o.failOn.AddFlags(cmd)
	o.signing.AddFlags(cmd)
	o.github.AddFlags(cmd)
	_ = cmd.MarkFlagRequired("catalog")
	_ = cmd.MarkFlagRequired("scenario")
	o.engine.AddFlags(cmd)
	o.output.addFormat(cmd)
	o.metrics.AddFlags(cmd)
}

func newRunCmd(s *Streams) *cobra.Command {
	var o runOptions
	cmd := &cobra.Command{
		Use:   "run --catalog DIR --scenario ID|FILE",
		Short: "Run a drill as a durable workflow and print the verdict per process",
		Long: `Run validates the catalog and scenario (and starts nothing when they are invalid),
plans the drill, has a worker examine every automated step without performing
it (the preflight: tools installed, executables found, declared variables set,
files readable; refused with exit 2 when a step cannot be attempted there,
unless --allow-inconclusive), and starts the drill as a Temporal workflow: on the exitdrill server
running on the state directory, on an existing cluster (--address), or on an
embedded server started for this command. Progress is streamed; the command ends
with the verdict per impacted process. The evidence records who started the
drill (--actor, default $EXITDRILL_ACTOR, else the OS account: its name, then
$USER, then $LOGNAME; refused with exit 2 when none is known) and why (--note).

Exit codes:
  0  the drill ran and no critical process missed its objectives (a
     non-critical process that missed them is reported on stderr)
  1  error (the server or the worker failed)
  2  usage error or invalid input, or the preflight found steps the worker
     cannot attempt: nothing was started
  3  the drill ran and a critical process missed its objectives (late,
     breached, aborted, or data older than its RPO), or the drill was aborted;
     --fail-on missed: any process that missed them
  4  the drill ran and missed nothing it could show, but some processes are
     inconclusive (steps the worker could not attempt)
  130 interrupted
A process is critical unless the catalog says critical: false.

Interrupting the command does not stop the drill on a server that keeps
running: see exitdrill status, exitdrill abort.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("time-scale") && o.TimeScale == 0 {
				return withCode(ExitInvalid, errors.New("--time-scale 0: the time scale must be positive, for example 720 or 86400"))
			}
			return runRun(cmd.Context(), &o, s)
		},
	}
	o.AddFlags(cmd)
	return cmd
}

func runRun(ctx context.Context, o *runOptions, s *Streams) error {
	// The release before, -o/--output named the format (text, json): it
	// still does for one release when no --format is given.
	o.output.Format = o.bundle.oldFormat(s, o.output.Format, o.output.isFormat)
	if err := o.bundle.resolve(s); err != nil {
		return err
	}
	if err := o.bundle.notStdout("the evidence bundle is a directory"); err != nil {
		return err
	}
	if err := o.output.check(s); err != nil {
		return err
	}
	if err := o.failOn.check(); err != nil {
		return err
	}
	if err := o.metrics.check(); err != nil {
		return err
	}
	who, account, err := actor(o.Actor)
	if err != nil {
		return err
	}
	var consoleURL string
	if o.NotifyConfig != "" {
		// Checked before anything starts; its consoleURL is what messages link to.
		cfg, err := notify.LoadConfig(o.NotifyConfig)
		if err != nil {
			return withCode(ExitInvalid, err)
		}
		consoleURL = cfg.ConsoleURL
	}
	exercise, err := o.exercise.exercise()
	if err != nil {
		return err
	}
	p, err := drillops.Prepare(ctx, drillops.Request{
		Catalogs: o.Catalog, Scenario: o.Scenario, ID: o.ID,
		StartedBy: who, Account: account, Note: o.Note,
		Out: o.bundle.Path, Reports: o.Reports, MaxParallel: o.MaxParallel, Repos: o.github.repos(),
		Mode: o.Mode, TimeScale: o.TimeScale, StateDir: o.engine.databaseDir(),
		Notify: o.Notify, NotifyConfigured: o.NotifyConfig != "", NotifyConsole: consoleURL,
		Exercise: exercise,
	})
	if err != nil {
		return prepareError(err)
	}
	id, plan := p.Plan.DrillID, p.Plan
	if o.NotifyConfig != "" {
		// The worker this command may run in-process reads the config
		// from the environment, as `exitdrill worker` does (notifyActivity).
		if err := os.Setenv(notify.EnvConfig, o.NotifyConfig); err != nil {
			return err
		}
	}
	o.engine.lasting = !o.Detach
	if err := o.metrics.start(s, &o.engine); err != nil {
		return err
	}
	defer o.metrics.close()
	eng, err := o.engine.open(ctx, s)
	if err != nil {
		return err
	}
	defer eng.Close()
	o.metrics.watch(ctx, eng)
	register, err := o.signing.registrar(eng, o.github.repos())
	if err != nil {
		return err
	}
	if o.Detach && (eng.Embedded || eng.Shared != nil && !eng.Shared.IsServer()) {
		return withCode(ExitInvalid, errors.New("--detach needs a server that outlives this command: start `exitdrill server` on the state directory, or use --address"))
	}
	if eng.Embedded {
		if err := eng.StartWorker(register); err != nil {
			return err
		}
	}
	if err := preflight(ctx, eng.Client, p, o.AllowInconclusive, s); err != nil {
		return err
	}
	run, err := drillops.Start(ctx, eng.Client, p.Options, p.Input)
	if err != nil {
		return err
	}
	printStarted(s, plan, eng.Address)
	if eng.UIURL != "" {
		fmt.Fprint(s.Err, s.printer().F("follow it in the Web UI: %s/namespaces/%s/workflows/%s\n", eng.UIURL, eng.Namespace, id))
	}
	if o.Detach {
		fmt.Fprintln(s.Out, id)
		return nil
	}
	res, err := follow(ctx, eng.Client, run, s)
	if err != nil {
		if ctx.Err() != nil && !eng.Embedded {
			fmt.Fprint(s.Err, s.printer().F("the drill goes on on the server: exitdrill status %s; exitdrill abort %s --reason ...\n", id, id))
		}
		return err
	}
	printEvidence(s, res.Evidence)
	err = printDrillResult(s, &o.output, &o.failOn, res)
	if ref := res.Evidence; ref != nil && ref.Error != "" {
		// The drill ran, but what it showed is not on record: that, not
		// the verdicts, is what the caller must act on first.
		return withCode(ExitEvidence, fmt.Errorf("drill %s ran, but its evidence bundle was not written: %s", res.DrillID, ref.Error))
	}
	return err
}

// printStarted says on stderr that the drill started, how many processes
// it drills and how, and what it changed from the scenario as written.
func printStarted(s *Streams, plan *drill.Plan, address string) {
	p := s.printer()
	fmt.Fprint(s.Err, p.F("drill %s started: %d of %d processes impacted, mode %s (%s)\n", plan.DrillID, len(plan.Processes),
		len(plan.Processes)+plan.Unaffected, p.T(plan.Scenario.Mode), address))
	if plan.Scenario.Override != "" {
		fmt.Fprint(s.Err, p.F("scenario %s %s\n", plan.Scenario.ID, p.Filled(plan.Scenario.Override)))
	}
}

// printEvidence says where the evidence bundle went, or why it did not.
func printEvidence(s *Streams, ref *drill.EvidenceRef) {
	p := s.printer()
	switch {
	case ref == nil:
	case ref.Error != "":
		fmt.Fprint(s.Err, p.F("evidence bundle NOT written to %s: %s\n  rebuild it with: exitdrill report DRILL -o DIR\n", ref.Dir, ref.Error))
	case ref.Signed:
		fmt.Fprint(s.Err, p.F("evidence bundle (signed): %s\n  check it with: exitdrill verify %s\n", ref.Dir, ref.Dir))
	default:
		fmt.Fprint(s.Err, p.F("evidence bundle (UNSIGNED: the worker has no signing key): %s\n  check it with: exitdrill verify %s --allow-unsigned\n", ref.Dir, ref.Dir))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
