package cli

import (
	"os"

	"go.temporal.io/sdk/worker"

	"github.com/exitdrill/exitdrill/internal/checks"
	"github.com/exitdrill/exitdrill/workflows"
)

// registerDrill registers exitdrill's workflows and activities on a worker.
// It is the single place that wires them, used by `exitdrill worker`, by
// `exitdrill server` and by commands that run an in-process engine.
func registerDrill(w worker.Registry) {
	w.RegisterWorkflow(workflows.Drill)
	w.RegisterWorkflow(workflows.Process)
	w.RegisterActivity(checks.New(os.LookupEnv))
}
