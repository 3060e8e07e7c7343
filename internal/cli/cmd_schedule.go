package cli

import (
	"context"
	"fmt"
	"github.com/exitdrill/exitdrill/drill"

	"github.com/spf13/cobra"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/internal/drillops"
)

type scheduleOptions struct {
	Catalog  []string
	Scenario string
	Cron     string
	Preset   string
	TZ       string
	ID       string
	Note     string
	Actor    string
	Reports  string
	engine   engineFlags
	output   outputFlag
	github   githubFlags
}

func newScheduleCmd(s *Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "schedule",
		Short: "Repeat drills on a calendar (Temporal Schedules)",
		Long: `Schedules start drills on a cron calendar, for example every quarter:

  exitdrill schedule create --catalog examples/voorbeeldstad --scenario microsoft-1-month --cron "0 9 1 */3 *" --tz Europe/Amsterdam
  exitdrill schedule create --catalog examples/voorbeeldstad --scenario microsoft-1-week --preset "first Monday of the quarter at 09:00"

The cron is read in --tz, an IANA time zone name (default: the local zone);
schedule list shows each schedule's zone and next run in it, and the result
of the drill it started last. schedule trigger ID starts its drill now.

A scheduled drill is the same Drill workflow as one started by hand. The plan
(catalog, scenario, runbooks) is resolved when the schedule is created: after
changing the definitions, delete and create the schedule again. The evidence
of a scheduled drill says it was started by "schedule ID (created by NAME)",
NAME being --actor, and records the schedule's --note.`,
	}
	var co, lo, po, do, to scheduleOptions
	create := &cobra.Command{
		Use:   "create --catalog DIR --scenario ID|FILE --cron EXPR|--preset PHRASE",
		Short: "Create a schedule",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runScheduleCreate(cmd.Context(), &co, s) },
	}
	create.Flags().StringSliceVar(&co.Catalog, "catalog", nil, "catalog directory or file, or github:OWNER/REPO/PATH@REF (repeatable)")
	create.Flags().StringVar(&co.Reports, "reports", envOr("EXITDRILL_REPORTS", "drill-reports"), "directory under which each run writes its evidence bundle, on the worker's machine (env EXITDRILL_REPORTS)")
	create.Flags().StringVar(&co.Scenario, "scenario", "", scenarioHelp+", or github:OWNER/REPO/PATH@REF")
	create.Flags().StringVar(&co.Cron, "cron", "", `cron expression: minute hour day-of-month month day-of-week, for example "0 9 1 */3 *"`)
	create.Flags().StringVar(&co.Preset, "preset", "", `instead of --cron, a calendar in words: first|second|third|fourth WEEKDAY of the month|quarter|year (or of MONTH) at HH:MM, for example "first Monday of the quarter at 09:00"`)
	create.Flags().StringVar(&co.TZ, "tz", "", "IANA time zone the cron is read in, for example Europe/Amsterdam or UTC (default: the local time zone)")
	create.Flags().StringVar(&co.ID, "id", "", "schedule id: letters, digits, '.', '_' and '-' (default: drill-SCENARIO)")
	create.Flags().StringVar(&co.Note, "note", "", fmt.Sprintf("a note shown with the schedule and recorded in the evidence of its drills (at most %d characters)", drillops.MaxNote))
	create.Flags().StringVar(&co.Actor, "actor", "", "who creates the schedule, recorded in the evidence of its drills ("+actorHelp+")")
	for _, f := range []string{"catalog", "scenario"} {
		_ = create.MarkFlagRequired(f)
	}
	create.MarkFlagsOneRequired("cron", "preset")
	create.MarkFlagsMutuallyExclusive("cron", "preset")
	co.engine.AddFlags(create)
	co.output.AddFlags(create)
	co.github.AddFlags(create)

	list := &cobra.Command{Use: "list", Short: "List schedules: cron, time zone, scenario, next run, last result", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runScheduleList(cmd.Context(), &lo, s) }}
	lo.engine.AddFlags(list)
	lo.output.AddFlags(list)
	cmd.AddCommand(newScheduleTriggerCmd(s, &to))
	pause := &cobra.Command{Use: "pause ID", Short: "Pause a schedule (--resume to unpause)", Args: cobra.ExactArgs(1)}
	var resume bool
	pause.Flags().BoolVar(&resume, "resume", false, "unpause instead")
	pause.Flags().StringVar(&po.Note, "note", "", "why; kept apart from the schedule's own note, with who paused it")
	pause.Flags().StringVar(&po.Actor, "actor", "", "who pauses or resumes the schedule ("+actorHelp+")")
	po.engine.AddFlags(pause)
	pause.RunE = func(cmd *cobra.Command, args []string) error {
		who, account, err := actor(po.Actor)
		if err != nil {
			return err
		}
		who = drill.Who(who, account) // the OS account beside a typed name
		return runScheduleHandle(cmd.Context(), &po, s, args[0], func(ctx context.Context, c client.Client) (string, error) {
			if resume {
				return "resumed", drillops.PauseSchedule(ctx, c, args[0], false, who, "")
			}
			return "paused", drillops.PauseSchedule(ctx, c, args[0], true, who, po.Note)
		})
	}
	del := &cobra.Command{Use: "delete ID", Short: "Delete a schedule (drills it started stay)", Args: cobra.ExactArgs(1)}
	do.engine.AddFlags(del)
	del.RunE = func(cmd *cobra.Command, args []string) error {
		return runScheduleHandle(cmd.Context(), &do, s, args[0], func(ctx context.Context, c client.Client) (string, error) {
			if err := c.ScheduleClient().GetHandle(ctx, args[0]).Delete(ctx); err != nil {
				return "", fmt.Errorf("schedule %s: %w", args[0], err)
			}
			return "deleted", nil
		})
	}
	cmd.AddCommand(create, list, pause, del)
	return cmd
}

func runScheduleCreate(ctx context.Context, o *scheduleOptions, s *Streams) error {
	who, account, err := actor(o.Actor)
	if err != nil {
		return err
	}
	cron, err := scheduleCron(o)
	if err != nil {
		return err
	}
	tz, from := o.TZ, ""
	if tz == "" {
		tz, from = drillops.LocalZone()
	} else if err := drillops.CheckZone(tz); err != nil {
		return withCode(ExitInvalid, err)
	}
	p, err := drillops.Prepare(ctx, drillops.Request{
		Schedule: true, Catalogs: o.Catalog, Scenario: o.Scenario, ID: o.ID,
		StartedBy: who, Account: account, Note: o.Note, Reports: o.Reports, Repos: o.github.repos(),
	})
	if err != nil { // checked before the server is reached
		return prepareError(err)
	}
	id := p.Plan.DrillID
	eng, err := o.engine.open(ctx, s)
	if err != nil {
		return err
	}
	defer eng.Close()
	if err := drillops.CreateSchedule(ctx, eng.Client, p, cron, tz); err != nil {
		return withCode(ExitInvalid, err)
	}
	if from != "" {
		fmt.Fprint(s.Err, s.printer().F("note: cron read in the time zone %s (%s); --tz names another\n", tz, s.printer().T(from)))
	}
	sched, err := drillops.DescribeSchedule(ctx, eng.Client, id)
	if err != nil {
		return err
	}
	pr := s.printer()
	next := pr.T("unknown")
	if len(sched.Next) > 0 {
		next = sched.Next[0].Format(nextLayout)
	}
	fmt.Fprint(s.Out, pr.F("schedule %s created: %s on %s (%s %s), next drill %s\n", id, p.Scenario.ID, p.Catalog.Organisation, cron, tz, next))
	if eng.Embedded {
		fmt.Fprintln(s.Err, s.printer().T("note: scheduled drills run while an exitdrill server (or worker) is running on this state directory"))
	}
	return nil
}

// scheduleCron is the cron of --cron or --preset, checked before anything
// is read (an *InvalidError, exit 2, in words).
func scheduleCron(o *scheduleOptions) (string, error) {
	if o.Preset == "" {
		return o.Cron, withCode(ExitInvalid, drillops.CheckCron(o.Cron))
	}
	p, err := drillops.ParsePreset(o.Preset)
	if err != nil {
		return "", withCode(ExitInvalid, err)
	}
	return p.Cron(), nil
}

func runScheduleHandle(ctx context.Context, o *scheduleOptions, s *Streams, id string, act func(context.Context, client.Client) (string, error)) error {
	eng, err := o.engine.open(ctx, s)
	if err != nil {
		return err
	}
	defer eng.Close()
	what, err := act(ctx, eng.Client)
	if err != nil {
		return withCode(ExitInvalid, err)
	}
	fmt.Fprint(s.Out, s.printer().F("schedule %s %s\n", id, s.printer().T(what)))
	return nil
}
