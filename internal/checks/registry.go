package checks

import (
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/backup"
	"github.com/exitdrill/exitdrill/internal/checks/command"
	"github.com/exitdrill/exitdrill/internal/checks/exitplan"
	"github.com/exitdrill/exitdrill/internal/checks/hosting"
	"github.com/exitdrill/exitdrill/internal/checks/mirror"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// kinds is the registry: for each step kind a worker runs (Runner
// drill.Worker in drill/kind.go) the function that performs it and its
// preflight, which examines the step on the worker without performing it
// (nil: the kind needs nothing of the worker beyond the network). RunStep
// fails every other kind as not implemented: nothing was checked. A new kind
// is one line in drill's kind table, its check, and one line here;
// TestRegistryMatchesKinds names the one that is missing.
var kinds = map[drill.StepKind]family{
	drill.BackupFresh:     {backup.Fresh, backup.FreshPreflight},
	drill.BackupRestore:   {backup.Restore, backup.RestorePreflight},
	drill.HostingHealthy:  {hosting.Healthy, hosting.Preflight},
	drill.HostingTLS:      {hosting.TLS, hosting.Preflight},
	drill.ExitPlanCurrent: {exitplan.Current, exitplan.CurrentPreflight},
	drill.ExitPlanExport:  {exitplan.Export, exitplan.ExportPreflight},
	drill.ForgeMirror:     {mirror.Check, mirror.Preflight},
	drill.Command:         {command.Run, command.Preflight},
	drill.Container:       {command.RunContainer, command.ContainerPreflight},
}

// family is one kind's check and its preflight.
type family struct {
	run       step.Func
	preflight step.Preflight
}
