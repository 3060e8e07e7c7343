package runbooks

import "github.com/exitdrill/exitdrill/drill"

// Kind returns the step's kind, or "" when none or several of check, action and
// manual are set. The kinds themselves are declared in package drill.
func (s *Step) Kind() drill.StepKind {
	n := 0
	var k drill.StepKind
	if s.Check != "" {
		n, k = n+1, drill.StepKind(s.Check)
	}
	if s.Action != "" {
		n, k = n+1, drill.StepKind(s.Action)
	}
	if s.Manual != nil {
		n, k = n+1, drill.ManualStep
	}
	if n != 1 {
		return ""
	}
	return k
}
