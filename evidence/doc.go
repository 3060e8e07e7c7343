// Package evidence is the recovery-time evidence of a drill: the hash-chained
// journal, the bundle of artifacts, definitions and rendered reports, its
// manifest and ed25519 signature, and the findings. It is pure: it builds the
// bundle as a set of files in memory and reads one through an fs.FS; writing to
// disk is the caller's.
package evidence
