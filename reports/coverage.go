package reports

import (
	"strings"

	"github.com/exitdrill/exitdrill/drill"
)

// CoverageRow is one row of a drill's coverage matrix: a process, a lost
// application it needs, the steps that cover it and what they proved.
type CoverageRow struct {
	Process string
	drill.CoverageResult
}

// coverageRows is the coverage matrix of r, process by process: empty for a
// bundle made before drills recorded coverage.
func coverageRows(r *Report) []CoverageRow {
	var out []CoverageRow
	for _, p := range r.Processes {
		for _, c := range p.Coverage {
			out = append(out, CoverageRow{Process: p.ID, CoverageResult: c})
		}
	}
	return out
}

// StepsText lists the covering steps, or "-".
func (c CoverageRow) StepsText() string { return orDash(strings.Join(c.Steps, ", ")) }

// ResultText says what the covering steps proved about the application:
// "proven", "failed (switch-idp)", or, for an application no step covers,
// "not covered: nothing in the runbook shows that it comes back".
func (c CoverageRow) ResultText() string {
	switch c.Result {
	case drill.CoverProven:
		return c.Result
	case drill.CoverNone:
		return "not covered: nothing in the runbook shows that it comes back"
	default:
		return c.Result + " (" + c.Step + ")"
	}
}

// coverageNote explains the matrix, in every human-readable format.
const coverageNote = "An application is proven when every step that covers it passed: a step that targets one of its backups or alternatives or its exit plan, or names it in covers. A process whose steps all passed while a lost application it needs is not covered is unproven, never recovered."
