package drill

import (
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/internal/yamldoc/defs"
)

// StepKind names what a step does; it is the value of a runbook step's check
// or action, or "manual".
type StepKind string

// The step kinds exitdrill knows. Each is declared once, in [kindTable]: the
// runbook validator, the JSON Schema, the planner and the worker's registry
// all read that table.
const (
	BackupFresh     StepKind = "backup.fresh"
	BackupRestore   StepKind = "backup.restore"
	HostingHealthy  StepKind = "hosting.healthy"
	HostingTLS      StepKind = "hosting.tls"
	ExitPlanCurrent StepKind = "exitplan.current"
	ExitPlanExport  StepKind = "exitplan.export"
	ForgeMirror     StepKind = "forge.mirror"
	Command         StepKind = "command"
	Wait            StepKind = "wait"
	Container       StepKind = "container"
	ManualStep      StepKind = "manual"
)

// TargetType is the kind of catalog object a step's target must name.
type TargetType string

// Target types of checks.
const (
	NoTarget          TargetType = ""
	TargetBackup      TargetType = "backup"
	TargetAlternative TargetType = "alternative"
	TargetApplication TargetType = "application"
)

// How a runbook writes a step of a kind: the key that names it.
const (
	KeyCheck  = "check"
	KeyAction = "action"
	KeyManual = "manual"
)

// Runner says who performs a step of a kind.
type Runner int

const (
	// Worker: the step is the RunStep activity on a worker.
	Worker Runner = iota + 1
	// Timer: the workflow waits (declared time, scaled outside live mode).
	Timer
	// Person: the workflow waits for a person (a Temporal Update).
	Person
)

// KindSpec declares one step kind: everything the validator, the planner, the
// worker's registry, the workflow, the findings and the reports need to know
// about it besides its check. A new kind is one entry in kindTable plus its
// check (registered under the kind in internal/checks).
type KindSpec struct {
	Kind StepKind
	// Key is the runbook key that names the kind: check, action or manual.
	Key string
	// Target is what the step's target names; NoTarget for none.
	Target TargetType
	// Runner performs the step.
	Runner Runner
	// Proves is what a step of the kind shows, for the evidence reports list
	// against the regulations.
	Proves Proof
	// Summary is one line for help texts and the JSON Schema.
	Summary string
	// Remedy is what to do when a step of the kind fails, for its finding
	// (see Fill for {target} and {step}).
	Remedy string
	// Remarks says what the remarks of a passed step of the kind are about;
	// zero for a kind whose check makes none.
	Remarks Remarks
}

// Remarks of the kinds whose checks make them, and the remedy of a step
// that says nothing more specific.
var (
	backupRemarks = Remarks{Category: "backup", Title: "backup {target} missed its schedule",
		Hint: "find out why the backup job did not run on schedule and monitor it"}
	exitPlanRemarks = Remarks{Category: "exit-plan", Title: "exit plan {target} has remarks",
		Hint: "bring the exit plan's migration time in line with the contract and the MTPD"}
	fixStep = "fix step {step} or what it acts on, then run the drill again"
)

// kindTable declares every step kind, once, in the order help texts and the
// JSON Schema list them.
var kindTable = []KindSpec{
	{Kind: BackupFresh, Key: KeyCheck, Target: TargetBackup, Runner: Worker, Proves: ProofBackup, Remarks: backupRemarks,
		Summary: "the newest copy's age at T0 against the RPO, the copy read in full",
		Remedy:  "repair backup {target} (its job, its schedule or its storage) so that a recent, complete copy exists, then run the drill again"},
	{Kind: BackupRestore, Key: KeyCheck, Target: TargetBackup, Runner: Worker, Proves: ProofBackup, Remarks: backupRemarks,
		Summary: "restore the newest copy made by T0 into a throwaway sandbox and prove it",
		Remedy:  "rehearse the restore of backup {target} by hand until it passes, fix what it shows, then run the drill again"},
	{Kind: HostingHealthy, Key: KeyCheck, Target: TargetAlternative, Runner: Worker, Proves: ProofSwitch,
		Summary: "the alternative answers its health check; the span is the switch time",
		Remedy:  "make alternative {target} ready and keep it monitored"},
	{Kind: HostingTLS, Key: KeyCheck, Target: TargetAlternative, Runner: Worker, Proves: ProofSwitch,
		Summary: "the alternative's certificate: days left, hostname, issuer",
		Remedy:  "make alternative {target} ready and keep it monitored"},
	{Kind: ExitPlanCurrent, Key: KeyCheck, Target: TargetApplication, Runner: Worker, Proves: ProofExitPlan, Remarks: exitPlanRemarks,
		Summary: "the exit plan exists, is reviewed and complete, and fits the notice period",
		Remedy:  "review the exit plan of {target} with its owner: do what the finding says (the review date, the missing sections), then update exitPlan.reviewed"},
	{Kind: ExitPlanExport, Key: KeyCheck, Target: TargetApplication, Runner: Worker, Proves: ProofExitPlan, Remarks: exitPlanRemarks,
		Summary: "the exit plan's exports parse completely in open formats",
		Remedy:  "schedule a complete export of {target} in an open format and check it after each run"},
	{Kind: ForgeMirror, Key: KeyCheck, Target: NoTarget, Runner: Worker, Proves: ProofSwitch,
		Summary: "every repository has a current mirror outside the forge",
		Remedy:  "mirror every repository of {target} to the alternative remote and keep it in sync"},
	{Kind: Command, Key: KeyAction, Target: NoTarget, Runner: Worker, Proves: ProofSwitch,
		Summary: "run a program; exit status 0 passes", Remedy: fixStep},
	{Kind: Wait, Key: KeyAction, Target: NoTarget, Runner: Timer, Proves: ProofTime,
		Summary: "wait the declared time", Remedy: fixStep},
	{Kind: Container, Key: KeyAction, Target: NoTarget, Runner: Worker, Proves: ProofSwitch,
		Summary: "run a command in a container on the worker's Docker Engine", Remedy: fixStep},
	{Kind: ManualStep, Key: KeyManual, Target: NoTarget, Runner: Person, Proves: ProofPeople,
		Summary: "a person performs the step and records the outcome",
		Remedy:  "train the people who do step {step} and give them its instructions in advance"},
}

// Kinds returns every step kind, sorted.
func Kinds() []StepKind {
	out := make([]StepKind, 0, len(kindTable))
	for _, s := range kindTable {
		out = append(out, s.Kind)
	}
	slices.Sort(out)
	return out
}

// KindsByKey returns the kinds a runbook names with key (check or action), in
// the table's order.
func KindsByKey(key string) []StepKind {
	var out []StepKind
	for _, s := range kindTable {
		if s.Key == key {
			out = append(out, s.Kind)
		}
	}
	return out
}

// ParseKind returns the step kind s names under the runbook key (check or
// action), or an error that lists the kinds allowed there.
func ParseKind(key, s string) (StepKind, error) {
	for _, k := range KindsByKey(key) {
		if string(k) == s {
			return k, nil
		}
	}
	return "", &defs.Error{Problem: "unknown step kind", Allowed: KindList(key)}
}

// KindSchema is the JSON Schema of the value of the runbook key (check or
// action): one of the kinds declared under it.
func KindSchema(key string) map[string]any {
	ks := KindsByKey(key)
	enum := make([]string, len(ks))
	for i, k := range ks {
		enum[i] = string(k)
	}
	return map[string]any{"type": "string", "enum": enum}
}

// KindList is the kinds a runbook names with key, comma-separated in the
// table's order, for messages and help.
func KindList(key string) string {
	ks := KindsByKey(key)
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// Spec returns the kind's declaration, and whether the kind is known.
func (k StepKind) Spec() (KindSpec, bool) {
	for _, s := range kindTable {
		if s.Kind == k {
			return s, true
		}
	}
	return KindSpec{}, false
}

// Target returns the type of catalog object the kind's target names, and whether
// the kind is known at all.
func (k StepKind) Target() (TargetType, bool) {
	s, ok := k.Spec()
	return s.Target, ok
}

// IsCheck reports whether the kind is a check (written check: KIND).
func (k StepKind) IsCheck() bool {
	s, ok := k.Spec()
	return ok && s.Key == KeyCheck
}

// Automated reports whether a worker performs steps of the kind (the RunStep
// activity).
func (k StepKind) Automated() bool {
	s, ok := k.Spec()
	return ok && s.Runner == Worker
}
