// Package checks holds exitdrill's activities: the steps of a drill that touch
// real systems. A command step runs a program; the check kinds (backups,
// hosting, exit plans) examine real backups, endpoints and documents. Every
// activity reports a StepOutput; a check that did not pass returns a
// CheckFailed application error carrying that output, so the workflow can retry
// it within the runbook's retry window and record why it failed.
package checks
