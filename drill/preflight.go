package drill

import (
	"fmt"
	"strings"
)

// The preflight contract: before T0 the worker examines every automated step
// of a plan without performing it, so that a drill does not start when its
// own environment (a tool not installed, an executable not found, a variable
// unset, a file the worker cannot read) would make steps inconclusive, nor
// when an alternative's host name does not resolve on the worker.

// PreflightActivity is the activity that examines a plan's automated steps on
// the worker; the Preflight workflow executes it by this name.
const PreflightActivity = "Preflight"

// PreflightInput is the input of the Preflight activity and workflow.
type PreflightInput struct {
	Plan *Plan `json:"plan"`
}

// PreflightOutput is what the preflight found: how many automated steps it
// examined, the problems of those that could not be attempted, and the tools
// it found with their versions.
type PreflightOutput struct {
	Steps    int                `json:"steps"`
	Problems []PreflightProblem `json:"problems,omitempty"`
	Tools    []Tool             `json:"tools,omitempty"`
}

// Ready is the number of examined steps without a problem.
func (o PreflightOutput) Ready() int {
	bad := map[string]bool{}
	for _, p := range o.Problems {
		bad[p.Process+"/"+p.Step] = true
	}
	return o.Steps - len(bad)
}

// PreflightProblem is one reason a step could not be attempted on this
// worker: its drill would record the step inconclusive.
type PreflightProblem struct {
	Process string   `json:"process"`
	Step    string   `json:"step"`
	Kind    StepKind `json:"kind"`
	Problem string   `json:"problem"`
}

// Tool is a program the steps need, as the worker has it.
type Tool struct {
	Name    string `json:"name"`
	Path    string `json:"path"`
	Version string `json:"version,omitempty"`
}

// String is the tool for people: what it says of its version (the first
// line of its version output), preceded by its name when that does not name
// it, and where it is: "restic 0.16.4 compiled with go1.21.6 on linux/amd64
// (/usr/bin/restic)", "pg_restore (PostgreSQL) 15.8 (/usr/bin/pg_restore)",
// or "git (/usr/bin/git)" when it said nothing.
func (t Tool) String() string {
	switch {
	case t.Version == "":
		return fmt.Sprintf("%s (%s)", t.Name, t.Path)
	case strings.Contains(strings.ToLower(t.Version), strings.ToLower(t.Name)):
		return fmt.Sprintf("%s (%s)", t.Version, t.Path)
	}
	return fmt.Sprintf("%s %s (%s)", t.Name, t.Version, t.Path)
}
