package drill

import "strings"

// Remarks describe the finding that the remarks of a passed step make (its
// DetailFindings detail: a usable backup that missed its schedule, an exit
// plan whose migration time does not fit). Title and Hint may hold {target}
// and {step} (see Fill).
type Remarks struct {
	// Category is the finding's category, one of package evidence's.
	Category string
	Title    string
	Hint     string
}

// DetailFindings is the detail in which a check reports remarks on a step
// that passed: they become a finding of the kind's Remarks.
const DetailFindings = "findings"

// Proof is what a step of a kind shows an auditor: where a report counts it
// in the evidence that maps a bundle to the regulations. Every kind declares
// one; a kind that shows nothing by itself says ProofTime.
type Proof int

// The proofs a step can give.
const (
	// ProofTime: declared time passes (wait); nothing is shown by itself.
	ProofTime Proof = iota + 1
	// ProofBackup: a backup is fresh enough and restores (against the RPO).
	ProofBackup
	// ProofSwitch: a recovery action switches to, or checks, an
	// alternative. A rollback step of such a kind undoes the drill, and is
	// counted as a rollback, not as a recovery action.
	ProofSwitch
	// ProofExitPlan: an exit plan is current and its exports complete.
	ProofExitPlan
	// ProofPeople: a person performs the step (a manual step).
	ProofPeople
)

// Proofs returns every proof, in the order reports list them.
func Proofs() []Proof {
	return []Proof{ProofTime, ProofBackup, ProofSwitch, ProofExitPlan, ProofPeople}
}

// Fill fills in a Remedy or a Remarks text for the step s: {step} is its id,
// {target} its target (its id when it has none), followed by the URL it
// checked in parentheses when its check reports one (the "url" detail).
func Fill(text string, s *StepResult) string {
	target := s.Target
	if target == "" {
		target = s.Step
	}
	if u := s.Details["url"]; u != "" {
		target += " (" + u + ")"
	}
	return strings.NewReplacer("{target}", target, "{step}", s.Step).Replace(text)
}
