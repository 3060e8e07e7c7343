package checks

import (
	"context"

	"github.com/exitdrill/exitdrill/drill"
)

// kinds is the registry: the function that performs each step kind a worker
// runs (Runner drill.Worker in drill/kind.go). RunStep fails every other kind
// as not implemented: nothing was checked. A new kind is one line in drill's
// kind table, its check, and one line here; TestRegistryMatchesKinds names
// the one that is missing.
var kinds = map[drill.StepKind]stepFunc{
	drill.BackupFresh: func(a *Activities, ctx context.Context, in drill.StepInput) (drill.StepOutput, error) {
		return a.runBackup(ctx, in, false)
	},
	drill.BackupRestore: func(a *Activities, ctx context.Context, in drill.StepInput) (drill.StepOutput, error) {
		return a.runBackup(ctx, in, true)
	},
	drill.HostingHealthy: func(a *Activities, ctx context.Context, in drill.StepInput) (drill.StepOutput, error) {
		return a.checkHealthy(ctx, in.Step.Alt)
	},
	drill.HostingTLS: func(a *Activities, ctx context.Context, in drill.StepInput) (drill.StepOutput, error) {
		return a.checkTLS(ctx, in.Step.Alt)
	},
	drill.ExitPlanCurrent: func(a *Activities, _ context.Context, in drill.StepInput) (drill.StepOutput, error) {
		return a.checkExitPlan(in)
	},
	drill.ExitPlanExport: func(a *Activities, ctx context.Context, in drill.StepInput) (drill.StepOutput, error) {
		ep, err := exitPlanOf(in.Step)
		if err != nil {
			return drill.StepOutput{}, err
		}
		return checkExports(ctx, in.Step.BaseDir, ep.Exports)
	},
	drill.ForgeMirror: func(a *Activities, ctx context.Context, in drill.StepInput) (drill.StepOutput, error) {
		return a.checkMirror(ctx, in)
	},
	drill.Command: func(a *Activities, ctx context.Context, in drill.StepInput) (drill.StepOutput, error) {
		return a.runCommand(ctx, in.Step)
	},
	drill.Container: func(a *Activities, ctx context.Context, in drill.StepInput) (drill.StepOutput, error) {
		return a.runContainer(ctx, in)
	},
}
