package hosting

import (
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"github.com/exitdrill/exitdrill/internal/checks/step/steptest"
)

// newRunner runs this package's checks as the worker's RunStep does.
func newRunner(env func(string) (string, bool)) *steptest.Runner {
	return steptest.New(env, map[drill.StepKind]step.Func{drill.HostingHealthy: Healthy, drill.HostingTLS: TLS})
}
