package drill

import (
	"fmt"
	"strings"
)

// Coverage is how a process's runbook covers one lost application the
// process needs: the ids of the recovery steps that target one of its
// backups or alternatives or its exit plan, or name it in covers. No steps:
// nothing in the runbook shows that the application comes back.
type Coverage struct {
	App   string   `json:"application"`
	Steps []string `json:"steps,omitempty"`
}

// Coverage results besides a step status: what the covering steps of a lost
// application proved.
const (
	// CoverProven: every step that covers the application passed.
	CoverProven = "proven"
	// CoverNone: no step covers the application.
	CoverNone = "not covered"
	// CoverNotRun: a covering step has no result (the process ended before
	// it was reached).
	CoverNotRun = "not run"
)

// CoverageResult is one row of a process's coverage matrix: a lost
// application, the steps that cover it and what they proved. Result is
// CoverProven when every covering step passed, CoverNone when no step covers
// it, and otherwise the worst status among the covering steps (failed,
// aborted, inconclusive, skipped, or CoverNotRun) with Step the first step
// that has it.
type CoverageResult struct {
	App    string   `json:"application"`
	Steps  []string `json:"steps,omitempty"`
	Result string   `json:"result"`
	Step   string   `json:"step,omitempty"`
}

// Proven reports whether the row's application was shown to come back.
func (c CoverageResult) Proven() bool { return c.Result == CoverProven }

// Uncovered returns the applications, in order, that no step covers.
func Uncovered(cov []Coverage) []string {
	var out []string
	for _, c := range cov {
		if len(c.Steps) == 0 {
			out = append(out, c.App)
		}
	}
	return out
}

// coverRank orders what a covering step can end as, worst highest: a step
// that failed on its target is a finding; one that never ran proves least
// of the rest.
var coverRank = map[string]int{
	string(StepPassed):       0,
	CoverNotRun:              1,
	string(StepSkipped):      2,
	string(StepInconclusive): 3,
	string(StepAborted):      4,
	string(StepFailed):       5,
}

// JudgeCoverage makes the coverage matrix of a process from its plan's
// coverage and the results of its recovery steps (rollback steps cover
// nothing).
func JudgeCoverage(cov []Coverage, steps []*StepResult) []CoverageResult {
	status := map[string]string{} // a covering step's status, as a Result
	for _, s := range steps {
		if !s.Rollback {
			status[s.Step] = string(s.Status)
		}
	}
	out := make([]CoverageResult, 0, len(cov))
	for _, c := range cov {
		row := CoverageResult{App: c.App, Steps: c.Steps, Result: CoverNone}
		if len(c.Steps) > 0 {
			row.Result = CoverProven
		}
		worst := 0
		for _, id := range c.Steps {
			st, ok := status[id]
			if !ok {
				st = CoverNotRun
			}
			r, known := coverRank[st]
			if !known { // a status this version does not know proves nothing
				r = coverRank[CoverNotRun]
			}
			if r > worst {
				worst, row.Result, row.Step = r, st, id
			}
		}
		out = append(out, row)
	}
	return out
}

// UnprovenWhy is why a process whose steps all passed in recovery is
// unproven: the runbook leaves apps uncovered.
func UnprovenWhy(apps []string, recovery Duration) string {
	return fmt.Sprintf("unproven: %s; the steps that ran passed in %s", NotShown(apps), recovery)
}

// NotShown says, in the words the reports use, that nothing in the runbook
// shows that apps come back: "nothing in the runbook shows that idp, m365
// come back (no step targets their backups, alternatives or exit plan, or
// names them in covers)".
func NotShown(apps []string) string {
	if len(apps) == 1 {
		return fmt.Sprintf("nothing in the runbook shows that %s comes back (no step targets its backups, alternatives or exit plan, or names it in covers)", apps[0])
	}
	return fmt.Sprintf("nothing in the runbook shows that %s come back (no step targets their backups, alternatives or exit plan, or names them in covers)", strings.Join(apps, ", "))
}
