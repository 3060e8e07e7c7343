// Package archtest holds the tests that keep the architecture as designed: pure
// model and planning packages, workflows without I/O, adapters in internal/.
package archtest
