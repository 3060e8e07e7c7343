// Package workflows holds exitdrill's Temporal workflows: Drill, which runs one
// drill plan, and Process, its child per impacted process, which executes the
// process's runbook step by step and computes its verdict. Workflow code is
// deterministic and does no I/O: every real check is an activity, executed by
// the name package drill declares for it (the worker registers the
// implementations from internal/checks under those names), and every declared
// duration is a workflow timer.
//
// The workflows' inputs, results and message names (queries, signals, updates)
// live in package drill, beside their payload types, so that clients, the
// evidence and the reports read them without importing the engine.
package workflows
