// Package procguard keeps a worker's own secrets (its GitHub token, an OIDC
// client secret, signing keys in its environment) out of reach of the
// programs its command steps run. Those programs get a clean environment
// built from the runbook's allowlist, but a program can also read
// /proc/PARENT/environ: HideEnvironment makes that file unreadable to them.
package procguard

import "golang.org/x/sys/unix"

// HideEnvironment marks this process not dumpable (prctl PR_SET_DUMPABLE 0):
// its /proc files, environ and memory included, can then be read only by
// processes with CAP_SYS_PTRACE — not by the command steps it runs as the
// same, unprivileged user. A worker running as root does not get this
// protection from its root children (root holds CAP_SYS_PTRACE): run workers
// as an unprivileged user. Children start dumpable again at exec, so the
// worker can still watch and stop them.
func HideEnvironment() error {
	return unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0)
}
