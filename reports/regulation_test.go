package reports

import (
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
)

// proofItems is where the evidence table counts the steps of each proof,
// and how it says one passed step; ProofTime is counted nowhere.
var proofItems = map[drill.Proof]struct{ code, one string }{
	drill.ProofTime:     {},
	drill.ProofBackup:   {"E4", "1 backup checks, 1 passed"},
	drill.ProofSwitch:   {"E5", "1 recovery actions, 1 passed"},
	drill.ProofExitPlan: {"E6", "1 exit plan checks, 1 passed"},
	drill.ProofPeople:   {"E7", "1 manual steps"},
}

// itemsOf is the evidence table of a report with one step, by item code.
func itemsOf(s *Step) map[string]string {
	r := &Report{Processes: []*Process{{ID: "p", Steps: []*Step{s}}}}
	out := map[string]string{}
	for _, it := range evidenceItems(r) {
		out[it.Code] = it.Here
	}
	return out
}

// TestEveryKindCounted: a passed step of every kind drill declares counts,
// in the evidence table, where what its kind proves says, and nowhere else;
// a proof the table does not know fails here, not silently in a report.
func TestEveryKindCounted(t *testing.T) {
	none := itemsOf(&Step{Kind: "future.kind", Status: drill.StepPassed})
	for _, k := range drill.Kinds() {
		spec, _ := k.Spec()
		want, ok := proofItems[spec.Proves]
		if !ok {
			t.Errorf("%s proves %d, which the evidence table does not count", k, spec.Proves)
			continue
		}
		got := itemsOf(&Step{Kind: k, Status: drill.StepPassed})
		for code, here := range got {
			changed := here != none[code]
			switch {
			case code == want.code && !strings.HasPrefix(here, want.one):
				t.Errorf("%s: %s says %q, want it to start %q", k, code, here, want.one)
			case code != want.code && changed:
				t.Errorf("%s: counted in %s (%q), want only in %q", k, code, here, want.code)
			}
		}
	}
	for _, p := range drill.Proofs() {
		if _, ok := proofItems[p]; !ok {
			t.Errorf("proof %d has no evidence item", p)
		}
	}
}

// TestRollbackNotARecoveryAction: a rollback step of a switching kind
// undoes the drill: it is counted as a rollback (E9), not as a recovery
// action (E5); a rollback step of another kind still counts as its proof.
func TestRollbackNotARecoveryAction(t *testing.T) {
	got := itemsOf(&Step{Kind: drill.Command, Status: drill.StepFailed, Rollback: true})
	if got["E5"] != "0 recovery actions, 0 passed" || got["E9"] != "1 rollback steps, 1 failed" {
		t.Errorf("rollback command: E5 %q, E9 %q", got["E5"], got["E9"])
	}
	got = itemsOf(&Step{Kind: drill.BackupFresh, Status: drill.StepPassed, Rollback: true})
	if got["E4"] != "1 backup checks, 1 passed; 0 processes beyond RPO" {
		t.Errorf("rollback backup check: E4 %q", got["E4"])
	}
}
