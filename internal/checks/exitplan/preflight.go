package exitplan

import (
	"context"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// CurrentPreflight is exitplan.current's preflight: the worker can read the
// exit plan document (one that does not exist is the check's own finding).
func CurrentPreflight(_ context.Context, _ *step.Config, in drill.StepInput, r *step.Report) {
	if ep := in.Step.ExitPlan; ep != nil {
		r.Readable(catalogPath(in.Step.BaseDir, ""), catalogPath("", ep.Document), "exit plan document")
	}
}

// ExportPreflight is exitplan.export's preflight: the worker can read every
// export of the exit plan.
func ExportPreflight(_ context.Context, _ *step.Config, in drill.StepInput, r *step.Report) {
	if ep := in.Step.ExitPlan; ep != nil {
		for _, ex := range ep.Exports {
			r.Readable(catalogPath(in.Step.BaseDir, ""), catalogPath("", ex.Path), "export")
		}
	}
}
