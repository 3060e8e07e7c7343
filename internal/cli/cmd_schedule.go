package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/spf13/cobra"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/scenarios"
	"github.com/exitdrill/exitdrill/workflows"
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
	create.Flags().StringSliceVar(&co.Catalog, "catalog", nil, "catalog directory or file (repeatable)")
	create.Flags().StringVar(&co.Reports, "reports", envOr("EXITDRILL_REPORTS", "drill-reports"), "directory under which each run writes its evidence bundle, on the worker's machine (env EXITDRILL_REPORTS)")
	create.Flags().StringVar(&co.Scenario, "scenario", "", "scenario: a library id or a scenario file")
	create.Flags().StringVar(&co.Cron, "cron", "", `cron expression: minute hour day-of-month month day-of-week, for example "0 9 1 */3 *"`)
	create.Flags().StringVar(&co.ID, "id", "", "schedule id (default: drill-SCENARIO)")
	create.Flags().StringVar(&co.Note, "note", "", fmt.Sprintf("a note shown with the schedule and recorded in the evidence of its drills (at most %d characters)", drillops.MaxNote))
	create.Flags().StringVar(&co.Actor, "actor", "", "who creates the schedule, recorded in the evidence of its drills (default $EXITDRILL_ACTOR, $USER)")
	for _, f := range []string{"catalog", "scenario", "cron"} {
		_ = create.MarkFlagRequired(f)
	}
	co.engine.AddFlags(create)
	co.output.AddFlags(create)

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
	sa, err := prepareSchedule(o.Catalog, o.Scenario, o.ID, o.Reports)
	if err != nil {
		return err
	}
	id, c, sc := sa.id, sa.catalog, sa.scenario
	sa.creator = actor(o.Actor)
	if err := sa.setStarter(o.Note); err != nil { // checked before the server is reached
		return err
	}
	eng, err := o.engine.open(ctx, s)
	if err != nil {
		return err
	}
	defer eng.Close()
	if err := sa.create(ctx, eng.Client, o.Cron, o.Note); err != nil {
		return err
	}
	desc, err := eng.Client.ScheduleClient().GetHandle(ctx, id).Describe(ctx)
	if err != nil {
		return err
	}
	next := "unknown"
	if n := desc.Info.NextActionTimes; len(n) > 0 {
		next = n[0].Local().Format(time.DateTime)
	}
	fmt.Fprintf(s.Out, "schedule %s created: %s on %s (%s), next drill %s\n", id, sc.ID, c.Organisation, o.Cron, next)
	if eng.Embedded {
		fmt.Fprintln(s.Err, "note: scheduled drills run while an exitdrill server (or worker) is running on this state directory")
	}
	return nil
}

// scheduleAction is a drill plan ready to be scheduled: the catalog and
// scenario are resolved when the schedule is created.
type scheduleAction struct {
	id       string
	catalog  *catalog.Catalog
	scenario *scenarios.Scenario
	plan     *scenarios.Plan
	input    workflows.DrillInput
	// creator is who creates the schedule: the user of schedule create, or
	// "NAME (console ROLE)".
	creator string
}

// prepareSchedule loads and checks the definitions of a schedule; id defaults
// to drill-SCENARIO.
func prepareSchedule(catalogs []string, scenario, id, reports string) (*scheduleAction, error) {
	c, err := loadCatalog(catalogs...)
	if err != nil {
		return nil, err
	}
	sc, err := loadScenario(scenario, c)
	if err != nil {
		return nil, err
	}
	if id == "" {
		id = "drill-" + idUnsafe.ReplaceAllString(sc.ID, "-")
	}
	plan := scenarios.NewPlan(id, c, sc)
	// Every run writes its bundle under reports, named after the run.
	sources := []workflows.Source{{Role: "scenario", Spec: scenario}}
	for _, spec := range catalogs {
		sources = append(sources, workflows.Source{Role: "catalog", Spec: spec})
	}
	input, err := drillInput(plan, c, sc, scenario, "", reports, sources)
	if err != nil {
		return nil, err
	}
	return &scheduleAction{id: id, catalog: c, scenario: sc, plan: plan, input: input}, nil
}

// setStarter records in the drill's input who started its runs, "schedule
// ID (created by NAME)", and the schedule's note, as the evidence of every
// drill of the schedule says.
func (a *scheduleAction) setStarter(note string) error {
	// The creator is checked alone first, so that an error points into it.
	var who workflows.DrillInput
	if err := drillops.SetStarter(&who, a.creator, ""); err != nil {
		return withCode(ExitInvalid, fmt.Errorf("schedule %s: %w", a.id, err))
	}
	startedBy := "schedule " + a.id
	if who.StartedBy != "" {
		startedBy += " (created by " + who.StartedBy + ")"
	}
	if err := drillops.SetStarter(&a.input, startedBy, note); err != nil {
		return withCode(ExitInvalid, fmt.Errorf("schedule %s: %w", a.id, err))
	}
	return nil
}

// create creates the Temporal schedule of the drill.
func (a *scheduleAction) create(ctx context.Context, c client.Client, cron, note string) error {
	if err := a.setStarter(note); err != nil {
		return err
	}
	_, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID:   a.id,
		Spec: client.ScheduleSpec{CronExpressions: []string{cron}},
		Action: &client.ScheduleWorkflowAction{
			ID: a.id, Workflow: workflows.Drill, TaskQueue: engine.TaskQueue,
			Args:                  []any{a.input},
			TypedSearchAttributes: drillAttributes(a.plan, a.scenario),
		},
		Note: a.scheduleNote(),
	})
	if err != nil {
		return withCode(ExitInvalid, fmt.Errorf("create schedule %s: %w", a.id, err))
	}
	return nil
}

// scheduleNote is the schedule's note as schedule list and the console show
// it: the drills' note and who created the schedule.
func (a *scheduleAction) scheduleNote() string {
	if a.creator == "" {
		return a.input.Note
	}
	return strings.TrimSpace(a.input.Note + " (created by " + a.creator + ")")
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
