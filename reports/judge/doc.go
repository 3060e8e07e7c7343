// Package judge decides what drills prove, once, for every place that shows
// it: the score of a process in a drill and how it decays with age and
// definition changes (score.go), whether a verdict keeps a process within its
// MTPD, the exit readiness of each supplier for a loss of 1 day, 1 week and
// 1 month split into proven (in full, automated only or plan only: proof.go),
// failed, re-test and paper, each cell claiming only what a valid drill of
// at least that long showed (readiness.go), and
// whether a process got better or worse from one drill to the next
// (compare.go). The reports, the CLI and the web console all call it, so that
// they cannot disagree.
//
// It is pure: it reads catalogs and verified bundles it is given and the time
// it is told; it does no I/O and reads no clock.
package judge
