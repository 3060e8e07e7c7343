package cli

import "go.temporal.io/sdk/worker"

// registerDrill registers exitdrill's workflows and activities on a worker.
// It is the single place that wires them, used by `exitdrill worker`, by
// `exitdrill server` and by commands that run an in-process engine.
func registerDrill(w worker.Registry) {
	_ = w // the Drill workflow and the step activities are registered here as they land
}
