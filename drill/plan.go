package drill

// Plan is everything a drill needs, resolved from the catalog, the scenario and
// the runbooks: the impacted processes with their objectives, and for each the
// steps to execute with their targets looked up. It is plain data, the input of
// the Drill workflow, so that the workflow never reads a file.
type Plan struct {
	DrillID      string         `json:"drillId"`
	Organisation string         `json:"organisation"`
	Scenario     Info           `json:"scenario"`
	Processes    []*ProcessPlan `json:"processes"`
	Unaffected   int            `json:"unaffected"`
	Definitions  []string       `json:"definitions"` // files the plan was made from
	// Tools are the programs the preflight found on the worker that
	// examined the plan before T0, with their versions (see
	// PreflightOutput): so that the evidence names the tool versions the
	// drill's steps ran with. Empty for a drill without a preflight (a
	// schedule's runs) and in plans made before it was recorded. Steps may
	// run on another worker of the task queue, of the same setup.
	Tools []Tool `json:"tools,omitempty"`
	// Injects are the scenario's messages to participants, in time order.
	Injects []*Inject `json:"injects,omitempty"`
}

// Info is the scenario as the drill sees it.
type Info struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Duration  Duration `json:"duration"`
	Mode      string   `json:"mode"`
	TimeScale float64  `json:"timeScale"`
	Lost      []string `json:"lost"`
	Down      []string `json:"down"`
	// Names are the display names of the lost and down suppliers, by id,
	// for people ("Microsoft (Azure, Microsoft 365)" for microsoft). Empty
	// in plans made before it existed.
	Names map[string]string `json:"names,omitempty"`
	// Override says what the drill changed from the scenario as written
	// (exitdrill run --mode, --time-scale); Mode and TimeScale are what
	// the drill used. Empty when the scenario ran as written.
	Override string `json:"override,omitempty"`
}

// Brief is the scenario as a process and its steps need it: without the
// lost and down suppliers and their names, which only the drill, its
// notifications and its reports read. A scenario that loses hundreds of
// suppliers (750 in make bench-cluster: 20 KB of ids and names) would
// otherwise repeat them in the input of every process and every step, and
// so thousands of times in the histories.
func (i Info) Brief() Info {
	i.Lost, i.Down, i.Names = nil, nil, nil
	return i
}

// SupplierName is a supplier's display name, or its id when it has none.
func (i Info) SupplierName(id string) string {
	if n := i.Names[id]; n != "" {
		return n
	}
	return id
}

// ProcessPlan is one impacted process and how the drill recovers it.
type ProcessPlan struct {
	ID         string      `json:"id"`
	Name       string      `json:"name,omitempty"`
	Owner      string      `json:"owner"`
	Critical   bool        `json:"critical"`
	RTO        Duration    `json:"rto"`
	MTPD       Duration    `json:"mtpd"`
	RPO        Duration    `json:"rpo"`
	MBCO       string      `json:"mbco,omitempty"`
	Paths      []string    `json:"paths"`
	Assessment Assessment  `json:"assessment"`
	Unusable   []Resource  `json:"unusable,omitempty"`
	Runbook    string      `json:"runbook,omitempty"`
	Steps      []*StepPlan `json:"steps"`
	Rollback   []*StepPlan `json:"rollback,omitempty"`
	// Problem says why the process cannot be recovered at all (no runbook); the
	// drill then records it as not recovered without running anything.
	Problem string `json:"problem,omitempty"`
	// Coverage says, per lost application the process needs (directly or
	// through dependsOn), which recovery steps of its runbook cover it:
	// target one of its backups or alternatives or its exit plan, or name it
	// in covers. Empty for a process without a runbook.
	Coverage []Coverage `json:"coverage,omitempty"`
}

// Uncovered returns the lost applications the process needs that no step of
// its runbook covers: the drill cannot show that they come back.
func (pp *ProcessPlan) Uncovered() []string { return Uncovered(pp.Coverage) }

// StepPlan is a runbook step with everything resolved that its execution needs.
type StepPlan struct {
	ID       string       `json:"id"`
	Title    string       `json:"title,omitempty"`
	Kind     StepKind     `json:"kind"`
	Target   string       `json:"target,omitempty"`
	After    []string     `json:"after,omitempty"` // explicit after, or the previous step
	Timeout  Duration     `json:"timeout,omitempty"`
	Expected Duration     `json:"expected,omitempty"`
	Retry    *Retry       `json:"retry,omitempty"`
	Command  []string     `json:"command,omitempty"`
	Env      []string     `json:"env,omitempty"`
	Covers   []string     `json:"covers,omitempty"` // applications the step says it brings back
	RunsOn   string       `json:"runsOn,omitempty"` // the worker label the step must run under (StepQueue)
	Dir      string       `json:"dir,omitempty"`    // working directory, resolved
	Image    string       `json:"image,omitempty"`
	Limits   *Limits      `json:"limits,omitempty"` // a container step's resources
	Manual   *Manual      `json:"manual,omitempty"`
	BaseDir  string       `json:"baseDir,omitempty"` // directory of the file that defines the target
	Backup   *Backup      `json:"backup,omitempty"`
	Alt      *Alternative `json:"alternative,omitempty"`
	App      string       `json:"application,omitempty"`
	ExitPlan *ExitPlan    `json:"exitPlan,omitempty"`
	// ExitPlanSections are the catalog's own headings for the required
	// sections of an exit plan (exitplan.current), when it maps any.
	ExitPlanSections *ExitPlanSections `json:"exitPlanSections,omitempty"`
	// Unavailable is set when the target lives at a supplier that is down in the
	// scenario: the check fails for that reason without contacting it.
	Unavailable string `json:"unavailable,omitempty"`
	// Supplier is the contract of the supplier being exited (exitplan checks).
	Contract *Contract `json:"contract,omitempty"`
	// Forge is what a forge.mirror step checks.
	Forge *Forge `json:"forge,omitempty"`
	// Files are the files and directories the step reads (a backup's
	// location, an exit plan document, exports, a command given as a path),
	// stamped when the drill was prepared; the worker checks each before the
	// step. Plans from before stamps existed have none and are not checked.
	Files []FileStamp `json:"files,omitempty"`
}
