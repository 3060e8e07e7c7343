package runbooks

import "slices"

// StepKind names what a step does; it is the value of check or action, or
// "manual".
type StepKind string

// The step kinds exitdrill knows.
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

var targetTypes = map[StepKind]TargetType{
	BackupFresh: TargetBackup, BackupRestore: TargetBackup,
	HostingHealthy: TargetAlternative, HostingTLS: TargetAlternative,
	ExitPlanCurrent: TargetApplication, ExitPlanExport: TargetApplication,
	ForgeMirror: NoTarget, Command: NoTarget, Wait: NoTarget, Container: NoTarget, ManualStep: NoTarget,
}

// Kinds returns every step kind, sorted.
func Kinds() []StepKind {
	out := make([]StepKind, 0, len(targetTypes))
	for k := range targetTypes {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Target returns the type of catalog object the kind's target names, and whether
// the kind is known at all.
func (k StepKind) Target() (TargetType, bool) {
	t, ok := targetTypes[k]
	return t, ok
}

// IsCheck reports whether the kind is a check on a catalog object.
func (k StepKind) IsCheck() bool {
	t, ok := targetTypes[k]
	return ok && (t != NoTarget || k == ForgeMirror)
}

// Kind returns the step's kind, or "" when none or several of check, action and
// manual are set.
func (s *Step) Kind() StepKind {
	n := 0
	var k StepKind
	if s.Check != "" {
		n, k = n+1, StepKind(s.Check)
	}
	if s.Action != "" {
		n, k = n+1, StepKind(s.Action)
	}
	if s.Manual != nil {
		n, k = n+1, ManualStep
	}
	if n != 1 {
		return ""
	}
	return k
}
