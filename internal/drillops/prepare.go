package drillops

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// Request is everything a drill needs to be started, by hand (exitdrill
// run), from the console, or as the action of a schedule.
type Request struct {
	// Catalogs are catalog directories or files, or github:OWNER/REPO/PATH@REF.
	Catalogs []string
	// Scenario is an id (see scenarios.Resolve), a scenario file or
	// github:OWNER/REPO/PATH@REF.
	Scenario string
	// ID is the drill's id (the schedule's, with Schedule); "" makes one:
	// SCENARIO-TIMESTAMP of At, then "-" and Suffix when given (drill-SCENARIO
	// for a schedule). See ValidID.
	ID     string
	Suffix string
	// At is when the drill was asked for, the TIMESTAMP of a made id; zero
	// means now.
	At time.Time
	// StartedBy is who starts the drill and Note why (see SetStarter). With
	// Schedule, StartedBy is who creates the schedule.
	StartedBy string
	Note      string
	// Account is the OS account of the command that asks, recorded beside
	// StartedBy (drill.DrillInput.Account); "" from the console.
	Account string
	// Out is the directory of the drill's evidence bundle; "" puts it in a
	// directory named after the drill under Reports.
	Out     string
	Reports string
	// MaxParallel bounds the processes drilled at once (0: the default).
	MaxParallel int
	// Mode, when not "", runs the drill in this mode instead of the
	// scenario's (scenarios.Modes); TimeScale, when not 0, scales declared
	// time by it instead of the scenario's. The plan, and so the evidence,
	// records what was used and that it was overridden.
	Mode      string
	TimeScale float64
	// Repos fetches github: sources; nil refuses them.
	Repos Repos
	// Schedule prepares the action of a schedule instead of a drill started
	// now: its runs are started by "schedule ID (created by STARTEDBY)", and
	// Temporal names each run ID-TIMESTAMP.
	Schedule bool
	// MinFree is the free space the evidence's file system must have for a
	// drill started now (0: MinFreeBytes).
	MinFree int64
	// Notify asks the drill to tell the catalog's contacts of waiting and late
	// manual steps (drill.NotifyOptions), through the notifications config of
	// the worker that runs them; NotifyConsole is the console URL messages
	// link to. A compressed drill notifies only with Notify; live and tabletop
	// drills also with NotifyConfigured (a config is given where the drill is
	// started). Nobody is notified when the catalog lists no contacts.
	Notify           bool
	NotifyConfigured bool
	NotifyConsole    string
	// Exercise is the drill's hypothesis, participants and facilitators
	// (drill.DrillInput.Exercise); nil for none. Checked before anything is
	// read.
	Exercise *drill.Exercise
	// StateDir is the state directory whose database records the drill, ""
	// when none does here (a cluster, an in-memory server): a drill started
	// now is refused when its disk has less than engine.MinStateFree.
	StateDir string
	// PayloadLimit is the largest payload the drill's Temporal accepts (0:
	// PayloadLimit, the server's default): a drill whose evidence step would
	// not fit is refused (see CheckPayload).
	PayloadLimit int
}

// Prepared is a drill ready to start: what it is planned from (Scenario as
// the drill runs it, with the Request's mode and time scale), its plan, and
// the input and options of its Drill workflow (see Start and
// CreateSchedule).
type Prepared struct {
	Catalog  *catalog.Catalog
	Scenario *scenarios.Scenario
	Plan     *drill.Plan
	Input    drill.DrillInput
	Options  client.StartWorkflowOptions

	// creator is who creates a schedule, for its note; schedule tells a
	// schedule's action from a drill started now.
	creator  string
	schedule bool
}

// InvalidError is a mistake in a Request itself: a bad id, actor or note, a
// malformed repository source, GitHub settings that cannot work. Mistakes in
// the definitions are *yamldoc.Invalid. Callers answer both as invalid input
// (exit 2, HTTP 422); see IsInvalid.
type InvalidError struct{ Err error }

func (e *InvalidError) Error() string { return e.Err.Error() }

// Unwrap returns the mistake.
func (e *InvalidError) Unwrap() error { return e.Err }

// IsInvalid reports whether err is a mistake in what was asked, an
// *InvalidError or a *yamldoc.Invalid, rather than a failure to carry it out.
func IsInvalid(err error) bool {
	var inv *InvalidError
	var defs *yamldoc.Invalid
	return errors.As(err, &inv) || errors.As(err, &defs)
}

// Prepare is the one way a drill is prepared: it checks the id and who starts
// the drill and why (before anything is read), resolves the sources (github:
// ones through r.Repos, recording their commits), loads the catalog and the
// scenario and checks one against the other, plans the drill (every
// directory a step resolves files against made absolute, and, unless for a
// schedule, every file a step reads stamped, the small ones shipped: see
// drill.FileStamp and drill.ShipBudget), builds the input and start
// options of its workflow and checks that the drill fits in Temporal's
// payloads (CheckPayload). Nothing is started.
func Prepare(ctx context.Context, r Request) (Prepared, error) {
	if r.ID != "" {
		if err := r.checkID(r.ID); err != nil {
			return Prepared{}, err
		}
	}
	if err := r.Exercise.Check(); err != nil {
		return Prepared{}, &InvalidError{Err: err}
	}
	// A schedule's runs name it, and so does an error about its creator:
	// without an id, that waits for the scenario.
	var who origin
	var err error
	if !r.Schedule || r.ID != "" {
		if who, err = r.checkStarter(r.ID); err != nil {
			return Prepared{}, err
		}
	}
	catalogSources, err := resolveSources(ctx, "catalog", r.Catalogs, r.Repos)
	if err != nil {
		return Prepared{}, err
	}
	scenarioSources, err := resolveSources(ctx, "scenario", []string{r.Scenario}, r.Repos)
	if err != nil {
		return Prepared{}, err
	}
	all := append(catalogSources, scenarioSources...)
	var catalogs, scenarioRef []string
	var sources []drill.Source
	for _, s := range catalogSources {
		catalogs = append(catalogs, s.path)
	}
	for _, s := range all {
		sources = append(sources, s.source)
	}
	scenarioRef = []string{scenarioSources[0].path}
	c, written, err := load(catalogs, scenarioRef[0])
	if err != nil {
		return Prepared{}, err
	}
	sc, override, err := written.Override(r.Mode, r.TimeScale)
	if err != nil {
		return Prepared{}, &InvalidError{Err: fmt.Errorf("scenario %s: %w", written.ID, err)}
	}
	id := r.ID
	if id == "" {
		id = r.newID(sc)
		if err := r.checkID(id); err != nil {
			return Prepared{}, err
		}
	}
	if r.Schedule && r.ID == "" {
		if who, err = r.checkStarter(id); err != nil {
			return Prepared{}, err
		}
	}
	p := Prepared{Catalog: c, Scenario: sc, Plan: scenarios.NewPlan(id, c, sc), creator: who.creator, schedule: r.Schedule}
	p.Plan.Scenario.Override = override
	if err := anchor(p.Plan); err != nil {
		return Prepared{}, err
	}
	// A schedule's plan serves every run to come, while backups and exports
	// are renewed: its steps are not stamped.
	if !r.Schedule {
		if err := stampFiles(ctx, p.Plan); err != nil {
			return Prepared{}, fmt.Errorf("stamp the drill's files: %w", err)
		}
		if _, err := shipFiles(ctx, p.Plan); err != nil {
			return Prepared{}, fmt.Errorf("ship the drill's small files: %w", err)
		}
		linkRepos(p.Plan, all)
	}
	if p.Input, err = input(p.Plan, c, written, scenarioRef[0], r.Out, r.Reports, sources); err != nil {
		return Prepared{}, err
	}
	if dir := evidenceDir(p.Input.Evidence, p.Plan.DrillID); dir != "" && !r.Schedule {
		minFree := r.MinFree
		if minFree == 0 {
			minFree = MinFreeBytes
		}
		if err := checkSpace(dir, minFree); err != nil {
			return Prepared{}, err
		}
	}
	if r.StateDir != "" && !r.Schedule {
		if err := checkStateSpace(r.StateDir); err != nil {
			return Prepared{}, err
		}
	}
	p.Input.Options = drill.Options{MaxParallel: r.MaxParallel, Notify: r.notifyOptions(p.Catalog, p.Scenario)}
	p.Input.StartedBy, p.Input.Note, p.Input.Account = who.startedBy, who.note, r.Account
	if !r.Exercise.Empty() {
		p.Input.Exercise = r.Exercise
	}
	if err := CheckPayload(p.Input, r.PayloadLimit); err != nil {
		return Prepared{}, err
	}
	p.Options = startOptions(p.Plan, sc)
	return p, nil
}

// what is what the id names: a drill or a schedule.
func (r *Request) what() string {
	if r.Schedule {
		return "schedule"
	}
	return "drill"
}

// checkID checks an id with ValidID, saying whose it is.
func (r *Request) checkID(id string) error {
	if err := ValidID(id); err != nil {
		return &InvalidError{Err: fmt.Errorf("%s %w", r.what(), err)}
	}
	return nil
}

// newID makes the id of a drill of sc: SCENARIO-TIMESTAMP[-SUFFIX], or
// drill-SCENARIO for a schedule.
func (r *Request) newID(sc *scenarios.Scenario) string {
	if r.Schedule {
		return "drill-" + idPart(sc.ID)
	}
	at := r.At
	if at.IsZero() {
		at = time.Now()
	}
	id := DrillID(sc.ID, at)
	if r.Suffix != "" {
		id += "-" + r.Suffix
	}
	return id
}

// origin is who starts a drill and why, checked; for a schedule, also who
// created it.
type origin struct {
	startedBy, note, creator string
}

// checkStarter checks who starts the drill of id and why (see SetStarter).
// The runs of a schedule are started by "schedule ID (created by
// STARTEDBY)": its creator is checked alone first, so that an error points
// into it, and errors name the schedule.
func (r *Request) checkStarter(id string) (origin, error) {
	if err := checkText("the OS account", r.Account, MaxStartedBy, false); err != nil {
		return origin{}, &InvalidError{Err: err}
	}
	var in drill.DrillInput
	if !r.Schedule {
		if err := SetStarter(&in, r.StartedBy, r.Note); err != nil {
			return origin{}, &InvalidError{Err: err}
		}
		return origin{startedBy: in.StartedBy, note: in.Note}, nil
	}
	var creator drill.DrillInput
	if err := SetStarter(&creator, r.StartedBy, ""); err != nil {
		return origin{}, &InvalidError{Err: fmt.Errorf("schedule %s: %w", id, err)}
	}
	startedBy := "schedule " + id
	if creator.StartedBy != "" {
		startedBy += " (created by " + creator.StartedBy + ")"
	}
	if err := SetStarter(&in, startedBy, r.Note); err != nil {
		return origin{}, &InvalidError{Err: fmt.Errorf("schedule %s: %w", id, err)}
	}
	return origin{startedBy: in.StartedBy, note: in.Note, creator: creator.StartedBy}, nil
}
