package checks

import (
	"context"
	"slices"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// Preflight examines every automated step of the plan (rollback steps too)
// on this worker without performing any: each file a step was planned on
// must have been readable where the drill was prepared and be what the
// worker sees (see drill.FileStamp), and each step's kind's
// preflight from the registry reports what else would make the step
// inconclusive here. Steps whose target is at a lost supplier are not
// examined (they fail without being attempted), nor kinds this version does
// not implement (RunStep says so). It contacts no target and changes
// nothing; its error is only the context's.
func (a *Activities) Preflight(ctx context.Context, in drill.PreflightInput) (drill.PreflightOutput, error) {
	var out drill.PreflightOutput
	if in.Plan == nil {
		return out, nil
	}
	seen := map[string]bool{}
	for _, p := range in.Plan.Processes {
		for _, st := range append(slices.Clone(p.Steps), p.Rollback...) {
			if ctx.Err() != nil {
				return out, ctx.Err()
			}
			k, ok := kinds[st.Kind]
			if !ok || st.Unavailable != "" || !st.Kind.Automated() {
				continue
			}
			out.Steps++
			var r step.Report
			files, err := fileProblems(ctx, st)
			if err != nil {
				return out, err
			}
			r.Problems = append(r.Problems, files...)
			if k.preflight != nil {
				k.preflight(ctx, &a.Config, drill.StepInput{DrillID: in.Plan.DrillID, Process: p.ID, Step: st, Scenario: in.Plan.Scenario}, &r)
			}
			for _, msg := range r.Problems {
				out.Problems = append(out.Problems, drill.PreflightProblem{Process: p.ID, Step: st.ID, Kind: st.Kind, Problem: msg})
			}
			for _, t := range r.Tools {
				if !seen[t.Name+"\x00"+t.Path] {
					seen[t.Name+"\x00"+t.Path] = true
					out.Tools = append(out.Tools, t)
				}
			}
		}
	}
	return out, nil
}
