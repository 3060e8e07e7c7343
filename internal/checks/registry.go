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

// kinds is the registry: the function that performs each step kind a worker
// runs (Runner drill.Worker in drill/kind.go). RunStep fails every other kind
// as not implemented: nothing was checked. A new kind is one line in drill's
// kind table, its check, and one line here; TestRegistryMatchesKinds names
// the one that is missing.
var kinds = map[drill.StepKind]step.Func{
	drill.BackupFresh:     backup.Fresh,
	drill.BackupRestore:   backup.Restore,
	drill.HostingHealthy:  hosting.Healthy,
	drill.HostingTLS:      hosting.TLS,
	drill.ExitPlanCurrent: exitplan.Current,
	drill.ExitPlanExport:  exitplan.Export,
	drill.ForgeMirror:     mirror.Check,
	drill.Command:         command.Run,
	drill.Container:       command.RunContainer,
}
