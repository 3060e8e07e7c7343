package drill

import (
	"errors"
	"fmt"
)

// RunRef names one workflow run: its id and the run id it started with (a
// run that continued as new is followed to its last run).
type RunRef struct {
	WorkflowID string `json:"workflowId"`
	RunID      string `json:"runId"`
}

// Summary is r as the Drill workflow keeps it: everything its verdicts and
// messages need, without the steps, the rollback steps and the coverage,
// which stay in the result of the Process workflow run ref names. A drill's
// input, its carried state, its evidence step's input and its result are
// each one Temporal payload (at most 2 MiB); with every step's result in
// them they grew with the drill's steps (about 150 bytes a step as stored)
// and bounded a drill at about 1,800 processes of four trivial steps, while
// a summary costs a process about 70 bytes. Readers put the details back
// with Fill (internal/engine.FillResult).
func (r *ProcessResult) Summary(ref RunRef) *ProcessResult {
	s := *r
	s.Steps, s.Rollback, s.Coverage = nil, nil, nil
	s.StepsIn = &ref
	return &s
}

// Summarized reports whether r is a summary whose details are still to be
// filled in from the run StepsIn names.
func (r *ProcessResult) Summarized() bool {
	return r.StepsIn != nil && len(r.Steps) == 0 && len(r.Rollback) == 0 && len(r.Coverage) == 0
}

// Fill puts into the summary r the steps, rollback steps and coverage of
// full, the result of the run r.StepsIn names. It refuses a result that is
// not r's: another process, or another verdict, recovery or data loss than
// the drill recorded, so that what a reader shows is what the drill judged.
func (r *ProcessResult) Fill(full *ProcessResult) error {
	if full == nil {
		return errors.New("no result")
	}
	switch {
	case full.Process != r.Process:
		return fmt.Errorf("it is the result of process %q", full.Process)
	case full.Verdict != r.Verdict || full.Recovered != r.Recovered || full.Recovery != r.Recovery:
		return fmt.Errorf("it says %s (recovered %t in %s), the drill recorded %s (recovered %t in %s)",
			full.Verdict, full.Recovered, full.Recovery, r.Verdict, r.Recovered, r.Recovery)
	case full.DataLoss.Missed() != r.DataLoss.Missed():
		return fmt.Errorf("its data loss missed the RPO: %t, the drill recorded %t", full.DataLoss.Missed(), r.DataLoss.Missed())
	}
	r.Steps, r.Rollback, r.Coverage = full.Steps, full.Rollback, full.Coverage
	return nil
}

// Summarized returns the processes of r whose details are still to be
// filled in (see ProcessResult.Summary), in order.
func (r *DrillResult) Summarized() []*ProcessResult {
	var out []*ProcessResult
	for _, p := range r.Processes {
		if p.Summarized() {
			out = append(out, p)
		}
	}
	return out
}
