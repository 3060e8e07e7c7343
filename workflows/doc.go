// Package workflows holds exitdrill's Temporal workflows: Drill, which runs one
// drill plan, and Process, its child per impacted process, which executes the
// process's runbook step by step and computes its verdict. Workflow code is
// deterministic and does no I/O: every real check is an activity in
// internal/checks, every declared duration is a workflow timer.
//
// Message names (queries, signals, updates) are constants in messages.go, beside
// their payload types, so that clients and workflows cannot disagree.
package workflows
