package mirror

import (
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"github.com/exitdrill/exitdrill/internal/checks/step/steptest"
)

// newRunner runs this package's check as the worker's RunStep does.
func newRunner(env func(string) (string, bool)) *steptest.Runner {
	return steptest.New(env, map[drill.StepKind]step.Func{drill.ForgeMirror: Check})
}
