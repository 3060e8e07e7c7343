// Package archtest holds the tests that keep the architecture as designed: pure
// model and planning packages, workflows without I/O, adapters in internal/.
// The rules hold for a package's whole import closure (go list -deps), not
// only for its own imports.
package archtest
