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

// CheckKind is the value of a step's check key: a kind that package drill
// declares under check. Its allowed values and schema come from that
// declaration.
type CheckKind string

// UnmarshalScalar implements [yamldoc.Scalar].
// An unknown kind is kept as written, so that the step has exactly one kind
// and the decoder's error is the only one reported about it.
func (k *CheckKind) UnmarshalScalar(s string) error {
	_, err := drill.ParseKind(drill.KeyCheck, s)
	*k = CheckKind(s)
	return err
}

// JSONSchema implements [yamldoc.Schemer].
func (CheckKind) JSONSchema() map[string]any { return drill.KindSchema(drill.KeyCheck) }

// ActionKind is the value of a step's action key: a kind that package drill
// declares under action.
type ActionKind string

// UnmarshalScalar implements [yamldoc.Scalar].
// An unknown kind is kept as written, so that the step has exactly one kind
// and the decoder's error is the only one reported about it.
func (k *ActionKind) UnmarshalScalar(s string) error {
	_, err := drill.ParseKind(drill.KeyAction, s)
	*k = ActionKind(s)
	return err
}

// JSONSchema implements [yamldoc.Schemer].
func (ActionKind) JSONSchema() map[string]any { return drill.KindSchema(drill.KeyAction) }
