package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/spf13/cobra"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/internal/drillops"
)

type scheduleOptions struct {
	Catalog  []string
	Scenario string
	Cron     string
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

  exitdrill schedule create --catalog examples/voorbeeldstad --scenario microsoft-1-month --cron "0 9 1 */3 *"

A scheduled drill is the same Drill workflow as one started by hand. The plan
(catalog, scenario, runbooks) is resolved when the schedule is created: after
changing the definitions, delete and create the schedule again. The evidence
of a scheduled drill says it was started by "schedule ID (created by NAME)",
NAME being --actor, and records the schedule's --note.`,
	}
	var co, lo, po, do scheduleOptions
	create := &cobra.Command{
		Use:   "create --catalog DIR --scenario ID|FILE --cron EXPR",
		Short: "Create a schedule",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runScheduleCreate(cmd.Context(), &co, s) },
	}
	create.Flags().StringSliceVar(&co.Catalog, "catalog", nil, "catalog directory or file, or github:OWNER/REPO/PATH@REF (repeatable)")
	create.Flags().StringVar(&co.Reports, "reports", envOr("EXITDRILL_REPORTS", "drill-reports"), "directory under which each run writes its evidence bundle, on the worker's machine (env EXITDRILL_REPORTS)")
	create.Flags().StringVar(&co.Scenario, "scenario", "", scenarioHelp+", or github:OWNER/REPO/PATH@REF")
	create.Flags().StringVar(&co.Cron, "cron", "", `cron expression: minute hour day-of-month month day-of-week, for example "0 9 1 */3 *"`)
	create.Flags().StringVar(&co.ID, "id", "", "schedule id: letters, digits, '.', '_' and '-' (default: drill-SCENARIO)")
	create.Flags().StringVar(&co.Note, "note", "", fmt.Sprintf("a note shown with the schedule and recorded in the evidence of its drills (at most %d characters)", drillops.MaxNote))
	create.Flags().StringVar(&co.Actor, "actor", "", "who creates the schedule, recorded in the evidence of its drills ("+actorHelp+")")
	for _, f := range []string{"catalog", "scenario", "cron"} {
		_ = create.MarkFlagRequired(f)
	}
	co.engine.AddFlags(create)
	co.output.AddFlags(create)
	co.github.AddFlags(create)

	list := &cobra.Command{Use: "list", Short: "List schedules", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runScheduleList(cmd.Context(), &lo, s) }}
	lo.engine.AddFlags(list)
	lo.output.AddFlags(list)
	pause := &cobra.Command{Use: "pause ID", Short: "Pause a schedule (--resume to unpause)", Args: cobra.ExactArgs(1)}
	var resume bool
	pause.Flags().BoolVar(&resume, "resume", false, "unpause instead")
	pause.Flags().StringVar(&po.Note, "note", "", "why")
	po.engine.AddFlags(pause)
	pause.RunE = func(cmd *cobra.Command, args []string) error {
		return runScheduleHandle(cmd.Context(), &po, s, args[0], func(ctx context.Context, h client.ScheduleHandle) (string, error) {
			if resume {
				return "resumed", h.Unpause(ctx, client.ScheduleUnpauseOptions{Note: po.Note})
			}
			return "paused", h.Pause(ctx, client.SchedulePauseOptions{Note: po.Note})
		})
	}
	del := &cobra.Command{Use: "delete ID", Short: "Delete a schedule (drills it started stay)", Args: cobra.ExactArgs(1)}
	do.engine.AddFlags(del)
	del.RunE = func(cmd *cobra.Command, args []string) error {
		return runScheduleHandle(cmd.Context(), &do, s, args[0], func(ctx context.Context, h client.ScheduleHandle) (string, error) {
			return "deleted", h.Delete(ctx)
		})
	}
	cmd.AddCommand(create, list, pause, del)
	return cmd
}

func runScheduleCreate(ctx context.Context, o *scheduleOptions, s *Streams) error {
	who, err := actor(o.Actor)
	if err != nil {
		return err
	}
	p, err := drillops.Prepare(ctx, drillops.Request{
		Schedule: true, Catalogs: o.Catalog, Scenario: o.Scenario, ID: o.ID,
		StartedBy: who, Note: o.Note, Reports: o.Reports, Repos: o.github.repos(),
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
	if err := drillops.CreateSchedule(ctx, eng.Client, p, o.Cron); err != nil {
		return withCode(ExitInvalid, err)
	}
	desc, err := eng.Client.ScheduleClient().GetHandle(ctx, id).Describe(ctx)
	if err != nil {
		return err
	}
	next := "unknown"
	if n := desc.Info.NextActionTimes; len(n) > 0 {
		next = n[0].Local().Format(time.DateTime)
	}
	fmt.Fprintf(s.Out, "schedule %s created: %s on %s (%s), next drill %s\n", id, p.Scenario.ID, p.Catalog.Organisation, o.Cron, next)
	if eng.Embedded {
		fmt.Fprintln(s.Err, "note: scheduled drills run while an exitdrill server (or worker) is running on this state directory")
	}
	return nil
}

// scheduleRow is one line of schedule list.
type scheduleRow struct {
	ID     string      `json:"id"`
	Paused bool        `json:"paused"`
	Note   string      `json:"note,omitempty"`
	Spec   []string    `json:"cron"`
	Next   []time.Time `json:"next"`
	Recent []string    `json:"recentDrills"`
}

func runScheduleList(ctx context.Context, o *scheduleOptions, s *Streams) error {
	eng, err := o.engine.openFor(ctx, s, &o.output)
	if err != nil {
		return err
	}
	defer eng.Close()
	it, err := eng.Client.ScheduleClient().List(ctx, client.ScheduleListOptions{PageSize: 100})
	if err != nil {
		return err
	}
	rows := []scheduleRow{}
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			return err
		}
		r := scheduleRow{ID: e.ID, Paused: e.Paused, Note: e.Note, Next: e.NextActionTimes}
		if e.Spec != nil {
			for _, cal := range e.Spec.Calendars {
				r.Spec = append(r.Spec, cronOf(cal))
			}
		}
		for _, a := range e.RecentActions {
			if a.StartWorkflowResult != nil {
				r.Recent = append(r.Recent, a.StartWorkflowResult.WorkflowID)
			}
		}
		rows = append(rows, r)
	}
	if o.output.json() {
		return writeJSON(s.Out, rows)
	}
	if len(rows) == 0 {
		fmt.Fprintln(s.Out, "no schedules: exitdrill schedule create --catalog DIR --scenario ID --cron EXPR")
		return nil
	}
	t := newTable(s, "")
	t.AppendHeader(table.Row{"Schedule", "Paused", "Next drill", "Recent drills", "Note"})
	for _, r := range rows {
		next := ""
		if len(r.Next) > 0 {
			next = r.Next[0].Local().Format(time.DateTime)
		}
		t.AppendRow(table.Row{r.ID, r.Paused, next, abbreviate(r.Recent, 3), r.Note})
	}
	t.Render()
	return nil
}

// cronOf writes a calendar back as the five cron fields it was created from.
func cronOf(cal client.ScheduleCalendarSpec) string { return drillops.CronOf(cal) }

func runScheduleHandle(ctx context.Context, o *scheduleOptions, s *Streams, id string, act func(context.Context, client.ScheduleHandle) (string, error)) error {
	eng, err := o.engine.open(ctx, s)
	if err != nil {
		return err
	}
	defer eng.Close()
	what, err := act(ctx, eng.Client.ScheduleClient().GetHandle(ctx, id))
	if err != nil {
		return withCode(ExitInvalid, fmt.Errorf("schedule %s: %w", id, err))
	}
	fmt.Fprintf(s.Out, "schedule %s %s\n", id, what)
	return nil
}
