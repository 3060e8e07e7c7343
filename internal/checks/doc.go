// Package checks is the worker's step activity: RunStep performs an automated
// step of a runbook with the check that the registry (registry.go) holds for
// its kind, and fails every other kind as not implemented, never as passed.
//
// The checks live in one package per family, each with its own tests:
// backup (backup.fresh, backup.restore), hosting (hosting.healthy,
// hosting.tls), exitplan (exitplan.current, exitplan.export), mirror
// (forge.mirror) and command (the command and container actions). Package
// step holds what they share (the worker's configuration, running a check as
// RunStep does) and docker their way to the worker's Docker Engine.
package checks
