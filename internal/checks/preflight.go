package checks

import (
	"context"
	"errors"
	"slices"

	"go.temporal.io/sdk/temporal"

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
			r, err := a.examine(ctx, k, in.Plan, p, st)
			if err != nil {
				return out, err
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

// examine is the preflight of one step: its files, then its kind's own
// preflight, on the plan's copy of its files when the worker does not see
// its directory and the plan carries them all or they are fetched from their
// repository (see onCopy).
func (a *Activities) examine(ctx context.Context, k family, plan *drill.Plan, p *drill.ProcessPlan, st *drill.StepPlan) (step.Report, error) {
	var r step.Report
	m, err := a.onCopy(ctx, st)
	if err != nil {
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		r.Problem("%s", message(err))
		return r, nil
	}
	run := st
	if m != nil {
		defer m.remove()
		run = m.step
	} else {
		files, err := fileProblems(ctx, st)
		if err != nil {
			return r, err
		}
		r.Problems = append(r.Problems, files...)
	}
	if k.preflight != nil {
		k.preflight(ctx, &a.Config, drill.StepInput{DrillID: plan.DrillID, Process: p.ID, Step: run, Scenario: plan.Scenario}, &r)
	}
	if m != nil {
		for i := range r.Problems {
			r.Problems[i] = m.strip(r.Problems[i])
		}
	}
	return r, nil
}

// message is an error's message without what the SDK adds to an
// application error's.
func message(err error) string {
	var ae *temporal.ApplicationError
	if errors.As(err, &ae) {
		return ae.Message()
	}
	return err.Error()
}
