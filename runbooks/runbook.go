// Package runbooks defines the Runbook format: the ordered (or branching) steps
// that recover one business process, the kinds of step exitdrill can execute,
// and the rules a runbook must follow on its own. Whether a step's target exists
// is checked by package catalog, which knows the applications.
package runbooks

import (
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// Kind is the value of the kind key of a runbook document.
const Kind = "Runbook"

// Runbook is the recovery procedure of a process, referenced by id from the
// catalog's processes.
type Runbook struct {
	yamldoc.Header `yaml:",inline"`
	ID             string          `yaml:"id" json:"id" required:"true" doc:"Unique runbook id, referenced by processes[].runbook."`
	Title          string          `yaml:"title" json:"title,omitempty" doc:"What the runbook recovers, for people."`
	Steps          []*Step         `yaml:"steps" json:"steps" required:"true" doc:"The recovery steps, in order; a step with after runs once those steps are done."`
	Rollback       []*Step         `yaml:"rollback" json:"rollback,omitempty" doc:"Steps that undo the drill's changes; they always run, also on failure and abort."`
	Injects        []*drill.Inject `yaml:"injects" json:"injects,omitempty" doc:"Messages to participants at scenario times, as a scenario's injects: they apply to drills of the processes that use this runbook, as RUNBOOK.ID (acknowledged with exitdrill ack DRILL RUNBOOK.ID); one after a drill's outage ends is not part of that drill."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Step is one unit of work in a runbook. Exactly one of Check, Action and Manual
// is set; Kind tells which step kind results.
type Step struct {
	ID       string         `yaml:"id" json:"id" required:"true" doc:"Step id, unique within the runbook."`
	Title    string         `yaml:"title" json:"title,omitempty" doc:"What the step does, for people."`
	Check    CheckKind      `yaml:"check" json:"check,omitempty" doc:"An automated check on a real system."`
	Action   ActionKind     `yaml:"action" json:"action,omitempty" doc:"An automated action."`
	Manual   *drill.Manual  `yaml:"manual" json:"manual,omitempty" doc:"A step done by a person."`
	Target   string         `yaml:"target" json:"target,omitempty" doc:"What a check examines: a backup id (backup.*), an alternative id (hosting.*) or an application id (exitplan.*, its exit plan)."`
	Command  []string       `yaml:"command" json:"command,omitempty" doc:"command: the program and its arguments (no shell)."`
	Env      []string       `yaml:"env" json:"env,omitempty" doc:"command: names of environment variables passed through; nothing else is."`
	Dir      string         `yaml:"dir" json:"dir,omitempty" doc:"command: working directory, relative to the runbook file."`
	Image    string         `yaml:"image" json:"image,omitempty" doc:"container: the image of the verification container."`
	Limits   *drill.Limits  `yaml:"limits" json:"limits,omitempty" doc:"container: the container's resources (default 1024 MiB, 1 CPU, 256 processes)."`
	Timeout  drill.Duration `yaml:"timeout" json:"timeout,omitempty" doc:"The longest one attempt may take."`
	Expected drill.Duration `yaml:"expected" json:"expected,omitempty" doc:"The declared duration of the step (required for wait and manual steps)."`
	Retry    *drill.Retry   `yaml:"retry" json:"retry,omitempty" doc:"Retry the step until it passes or the window closes."`
	After    []string       `yaml:"after" json:"after,omitempty" doc:"Ids of earlier steps that must pass first; steps with after run in parallel branches. Without after a step waits for the step before it; after: [] means no prerequisites: the step starts at T0. A step is skipped only when a step it waits for (directly or through others) did not pass."`
	Forge    *drill.Forge   `yaml:"forge" json:"forge,omitempty" doc:"forge.mirror: which repositories must be mirrored where."`
	RunsOn   string         `yaml:"runsOn" json:"runsOn,omitempty" doc:"Automated steps: run only on a worker started with this label (exitdrill worker --label LABEL), for example a restore that must happen in the alternative data centre. No such worker polling: the preflight says so; a step that no labelled worker takes within its timeout (default 30m) is inconclusive."`
	Covers   []string       `yaml:"covers" json:"covers,omitempty" doc:"Ids of applications this step brings back (command, container and manual steps): a process's drill proves it recovered only when every lost application it needs is covered by a step that targets one of its backups, alternatives or its exit plan, or names it here."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}
