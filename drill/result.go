package drill

import (
	"time"
)

// DrillInput is the input of the Drill workflow.
type DrillInput struct {
	Plan *Plan `json:"plan"`
	// Started is when the drill was asked for (set by the client); T0 of the wall clock.
	Started time.Time `json:"started"`
	// Options tune the engine; zero values take the defaults.
	Options Options `json:"options"`
	// Carried is the state a continued-as-new run takes over.
	Carried *DrillCarry `json:"carried,omitempty"`
	// Sources say where the definitions came from; Definitions are the
	// definition files themselves (a gzip'd tar made by evidence.Pack), for the
	// evidence: a drill can be reproduced from its bundle.
	Sources     []Source `json:"sources,omitempty"`
	Definitions []byte   `json:"definitions,omitempty"`
	// Evidence says where the evidence bundle is written at the end.
	Evidence EvidenceOptions `json:"evidence,omitempty"`
	// StartedBy says who started the drill ("anna", "anna (console
	// continuity-manager)", "schedule ID (created by NAME)") and Note why, for
	// the evidence: its drill.started event records both. Both are user text
	// (checked by the client that starts the drill) and empty in drills
	// started before they existed, whose inputs and bundles stay as they were.
	StartedBy string `json:"startedBy,omitempty"`
	Note      string `json:"note,omitempty"`
	// Account is the OS account of the command that started the drill (or
	// created its schedule), recorded beside StartedBy; empty from the
	// console.
	Account string `json:"account,omitempty"`
	// Exercise is the hypothesis, participants and facilitators of the
	// drill; nil when none were given and in drills started before they
	// existed.
	Exercise *Exercise `json:"exercise,omitempty"`
}

// Options tune how a drill is executed.
type Options struct {
	// MaxParallel bounds how many processes are drilled at once (default 16).
	MaxParallel int `json:"maxParallel,omitempty"`
	// HistoryLimit is the history length at which a workflow continues as new
	// (default 10,000 events, well before the server's limits).
	HistoryLimit int `json:"historyLimit,omitempty"`
	// ManualLimitFactor sets a manual step's failure limit, as a multiple of its
	// expected time, when the runbook gives none (default 3).
	ManualLimitFactor int `json:"manualLimitFactor,omitempty"`
	// Notify, when set, has the Process workflow tell people of waiting and
	// late manual steps; nil notifies nobody.
	Notify *NotifyOptions `json:"notify,omitempty"`
}

// WithDefaults returns the options with every zero value replaced by its
// default.
func (o Options) WithDefaults() Options {
	if o.MaxParallel <= 0 {
		o.MaxParallel = 16
	}
	if o.HistoryLimit <= 0 {
		o.HistoryLimit = 10_000
	}
	if o.ManualLimitFactor <= 0 {
		o.ManualLimitFactor = 3
	}
	return o
}

// DrillCarry is what a Drill hands to its next run when it continues as new.
type DrillCarry struct {
	Results []*ProcessResult `json:"results"`
	Next    int              `json:"next"` // index of the next process to start
	Abort   *Abort           `json:"abort,omitempty"`
	Runs    int              `json:"runs"`
	// Notified are the outcomes of the drill's own notifications so far.
	Notified []Event `json:"notified,omitempty"`
	// Injects are the injects' state so far.
	Injects []*InjectResult `json:"injects,omitempty"`
	// Observations are those recorded by the runs before.
	Observations []Observation `json:"observations,omitempty"`
}

// DrillResult is the outcome of a drill.
type DrillResult struct {
	DrillID   string           `json:"drillId"`
	Scenario  Info             `json:"scenario"`
	Started   time.Time        `json:"started"`
	Finished  time.Time        `json:"finished"`
	Processes []*ProcessResult `json:"processes"`
	Abort     *Abort           `json:"abort,omitempty"`
	// ObjectivesMet is true when every process was recovered, waited-out or tolerated and
	// none lost more data than its RPO allows (a usable backup older than the
	// RPO is a data-loss finding: the steps go on, the objectives are missed):
	// none was late, breached, aborted, inconclusive or unproven.
	ObjectivesMet bool `json:"objectivesMet"`
	Runs          int  `json:"runs"` // workflow runs, more than 1 after continue-as-new
	// Evidence is where the evidence bundle was written.
	Evidence *EvidenceRef `json:"evidence,omitempty"`
	// Notifications are the outcomes of the drill's own notifications
	// (started, aborted, ended: delivered, failed, held, dropped); a step's
	// are among its events. Empty when nobody was told.
	Notifications []Event `json:"notifications,omitempty"`
	// Injects are the scenario's injects: delivered when, to whom,
	// acknowledged by whom and when, or not delivered and why.
	Injects []*InjectResult `json:"injects,omitempty"`
	// Observations are what people observed during the drill
	// (UpdateObserve), in the order recorded.
	Observations []Observation `json:"observations,omitempty"`
}

// StepStatus is how a step ended.
type StepStatus string

// Step statuses.
const (
	StepPassed  StepStatus = "passed"
	StepFailed  StepStatus = "failed"
	StepSkipped StepStatus = "skipped"
	StepAborted StepStatus = "aborted"
	// StepInconclusive: the step could not be attempted for a reason of the
	// drill's own environment (a tool missing on the worker, an executable
	// not found, a declared variable unset): it says nothing about the
	// supplier's loss, so it is neither passed nor failed.
	StepInconclusive StepStatus = "inconclusive"
)

// How a duration on the scenario clock was obtained.
const (
	Measured  = "measured"  // really passed while the step ran
	Declared  = "declared"  // the runbook's expected time (wait steps, tabletop manual steps)
	Simulated = "simulated" // compressed mode: a manual step nobody performed
)

// StepResult is what happened to one step, on both clocks.
type StepResult struct {
	Process  string     `json:"process"`
	Step     string     `json:"step"`
	Kind     StepKind   `json:"kind"`
	Target   string     `json:"target,omitempty"`
	Rollback bool       `json:"rollback,omitempty"`
	Status   StepStatus `json:"status"`
	Reason   string     `json:"reason,omitempty"`
	// Scenario clock: offsets from T0, the outage start.
	ScenarioStart Duration `json:"scenarioStart"`
	ScenarioEnd   Duration `json:"scenarioEnd"`
	// Duration is the step's time on the scenario clock and how it was obtained.
	Duration Duration `json:"duration"`
	Measure  string   `json:"measure"`
	// Wall clock.
	WallStart time.Time     `json:"wallStart"`
	WallEnd   time.Time     `json:"wallEnd"`
	Wall      time.Duration `json:"wallNanos"`
	// Manual steps.
	Actor string `json:"actor,omitempty"`
	// Account is the OS account of the command that completed the step,
	// beside Actor (see Abort.Account).
	Account string `json:"account,omitempty"`
	Role    string `json:"role,omitempty"`
	Note    string `json:"note,omitempty"`
	// DeclaredTook is the time the person said the step took (CompleteStep.Took),
	// recorded beside the measured time and never counted on the scenario clock.
	DeclaredTook Duration `json:"declaredTook,omitempty"`
	// Automated steps.
	Attempts int               `json:"attempts,omitempty"`
	Output   string            `json:"output,omitempty"`
	ExitCode *int              `json:"exitCode,omitempty"`
	Details  map[string]string `json:"details,omitempty"`
	Events   []Event           `json:"events,omitempty"`
}

// Event is something noteworthy during a step: an escalation, an abort.
type Event struct {
	At   time.Time `json:"at"`
	Kind string    `json:"kind"`
	Text string    `json:"text"`
}

// ProcessResult is the outcome of one process's drill.
type ProcessResult struct {
	Process    string        `json:"process"`
	Name       string        `json:"name,omitempty"`
	Owner      string        `json:"owner"`
	Critical   bool          `json:"critical"`
	RTO        Duration      `json:"rto"`
	MTPD       Duration      `json:"mtpd"`
	RPO        Duration      `json:"rpo"`
	Verdict    Verdict       `json:"verdict"`
	Why        string        `json:"why"`
	Recovered  bool          `json:"recovered"`
	Recovery   Duration      `json:"recovery,omitempty"` // scenario time to recover, when recovered
	FailedStep string        `json:"failedStep,omitempty"`
	DataLoss   *DataLoss     `json:"dataLoss,omitempty"`
	Steps      []*StepResult `json:"steps"`
	Rollback   []*StepResult `json:"rollback,omitempty"`
	Runs       int           `json:"runs"`
	// Coverage is the coverage matrix of the process: per lost application
	// it needs, the steps that cover it and what they proved. Empty in
	// results made before it existed.
	Coverage []CoverageResult `json:"coverage,omitempty"`
	// StepsIn names the Process workflow run whose result holds the steps,
	// rollback steps and coverage of a drill that kept only the process's
	// summary (see Summary); nil in drills made before, which kept them all.
	StepsIn *RunRef `json:"stepsIn,omitempty"`
}

// Source is where a drill's definitions came from, for the evidence: a drill
// can be reproduced from it.
type Source struct {
	// Role is what the source defines: "catalog" or "scenario".
	Role string `json:"role"`
	// Spec is the source as the user gave it: a path, a library id, or
	// github:OWNER/REPO/PATH@REF.
	Spec string `json:"spec"`
	// Commit is the resolved commit SHA of a repository source.
	Commit string `json:"commit,omitempty"`
}

// EvidenceRef says where a drill's evidence bundle was written.
type EvidenceRef struct {
	Dir      string `json:"dir"`
	Manifest string `json:"manifestSha256"`
	Signed   bool   `json:"signed"`
	// Error is set when the bundle could not be written; `exitdrill report`
	// rebuilds it from the server.
	Error string `json:"error,omitempty"`
}

// Missed reports whether the drill was aborted or a process missed its
// objectives: late, breached or aborted, or data older than the RPO. An
// inconclusive process missed nothing the drill could show.
func (r *DrillResult) Missed() bool {
	if r.Abort != nil {
		return true
	}
	for _, p := range r.Processes {
		if p.MissedObjectives() {
			return true
		}
	}
	return false
}

// MissedObjectives reports whether the process's verdict does not keep its
// objectives (late, breached, aborted) or its data is older than the RPO.
func (p *ProcessResult) MissedObjectives() bool {
	return (!p.Verdict.Met() && !p.Verdict.SaysNothing()) || p.DataLoss.Missed()
}

// Inconclusive returns the processes whose verdict is inconclusive.
func (r *DrillResult) Inconclusive() []*ProcessResult { return r.withVerdict(Inconclusive) }

// Unproven returns the processes whose verdict is unproven.
func (r *DrillResult) Unproven() []*ProcessResult { return r.withVerdict(Unproven) }

func (r *DrillResult) withVerdict(v Verdict) []*ProcessResult {
	var out []*ProcessResult
	for _, p := range r.Processes {
		if p.Verdict == v {
			out = append(out, p)
		}
	}
	return out
}
