package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/drill"
)

// What --fail-on can name.
const (
	failCritical     = "critical"
	failMissed       = "missed"
	failInconclusive = "inconclusive"
	failUnproven     = "unproven"
)

// failOnAllowed lists the values, for the messages.
const failOnAllowed = "allowed: critical, missed, inconclusive, unproven"

// failOnFlag is --fail-on of run and status: which processes that missed
// their objectives make the command exit 3.
type failOnFlag struct {
	values []string
	// any is true when any missed process fails the drill, critical or not.
	any bool
	// inconclusive is true when an inconclusive process fails the drill
	// (exit 3) rather than exiting 4.
	inconclusive bool
	// unproven is true when an unproven process fails the drill (exit 3)
	// rather than exiting 4.
	unproven bool
}

// AddFlags adds --fail-on to cmd.
func (f *failOnFlag) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&f.values, "fail-on", []string{failCritical},
		"what makes the command exit 3, comma-separated: critical (a critical process missed its objectives), missed (any process missed them), inconclusive (a process is inconclusive: exit 3 instead of 4), unproven (a process is unproven: exit 3 instead of 4)")
}

// check parses the values; an unknown value is a usage error.
func (f *failOnFlag) check() error {
	if len(f.values) == 0 {
		return withCode(ExitInvalid, errors.New("--fail-on is empty; "+failOnAllowed))
	}
	f.any, f.inconclusive, f.unproven = false, false, false
	for _, v := range f.values {
		switch v = strings.TrimSpace(v); v {
		case failCritical:
		case failMissed:
			f.any = true
		case failInconclusive:
			f.inconclusive = true
		case failUnproven:
			f.unproven = true
		default:
			return withCode(ExitInvalid, fmt.Errorf("--fail-on %q: unknown; %s", v, failOnAllowed))
		}
	}
	return nil
}

// missedObjectives returns the processes that missed their objectives: a
// verdict that does not keep them (late, breached, aborted) or data older
// than the RPO.
func missedObjectives(res *drill.DrillResult) []*drill.ProcessResult {
	var out []*drill.ProcessResult
	for _, p := range res.Processes {
		if p.MissedObjectives() {
			out = append(out, p)
		}
	}
	return out
}

// judge decides the exit of a finished drill: exit 3 when the drill was
// aborted (it showed nothing) or a process that fails the drill missed its
// objectives (or is inconclusive or unproven under --fail-on); exit 4 when a
// process is inconclusive or unproven; otherwise nil, and a missed
// non-critical process is reported on stderr.
func (f *failOnFlag) judge(s *Streams, res *drill.DrillResult) error {
	missed := missedObjectives(res)
	failing := 0
	for _, p := range missed {
		if p.Critical || f.any {
			failing++
		}
	}
	list := missedList(missed)
	switch {
	case res.Abort != nil && len(missed) == 0:
		return withCode(ExitMissed, fmt.Errorf("drill %s was aborted before any process was judged", res.DrillID))
	case res.Abort != nil:
		return withCode(ExitMissed, fmt.Errorf("drill %s was aborted: objectives missed for %s", res.DrillID, list))
	case failing > 0:
		return withCode(ExitMissed, fmt.Errorf("drill %s: objectives missed for %s", res.DrillID, list))
	case f.inconclusive && len(res.Inconclusive()) > 0:
		return withCode(ExitMissed, fmt.Errorf("drill %s: inconclusive for %s (--fail-on inconclusive)", res.DrillID, processList(res.Inconclusive())))
	case f.unproven && len(res.Unproven()) > 0:
		return withCode(ExitMissed, fmt.Errorf("drill %s: unproven for %s (--fail-on unproven)", res.DrillID, processList(res.Unproven())))
	case len(res.Inconclusive()) > 0 || len(res.Unproven()) > 0:
		return withCode(ExitInconclusive, saysNothing(res))
	case len(missed) > 0:
		fmt.Fprintln(s.Err, s.printer().Filled(fmt.Sprintf("drill %s: objectives missed for %s; exit 0: only a critical process fails the drill (--fail-on missed fails on any)", res.DrillID, list)))
	}
	return nil
}

// saysNothing is the error of a drill that missed nothing it could show but
// judged some processes inconclusive or unproven, saying what to do about each.
func saysNothing(res *drill.DrillResult) error {
	var parts []string
	if inc := res.Inconclusive(); len(inc) > 0 {
		parts = append(parts, fmt.Sprintf("inconclusive for %s: steps could not be attempted on the worker, which says nothing about the supplier's loss; fix the worker and run the drill again", processList(inc)))
	}
	if unp := res.Unproven(); len(unp) > 0 {
		parts = append(parts, fmt.Sprintf("unproven for %s: their runbooks leave a lost application uncovered, so nothing shows that it comes back; cover it (exitdrill impact lists them) and run the drill again", processList(unp)))
	}
	return fmt.Errorf("drill %s: %s", res.DrillID, strings.Join(parts, "; "))
}

// processList names processes: "2 processes: billing, newsletter".
func processList(ps []*drill.ProcessResult) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Process
	}
	return plural(len(ps), "process", "processes") + ": " + strings.Join(names, ", ")
}

// missedList names the processes, saying which are not critical:
// "2 processes: billing, newsletter (not critical)".
func missedList(ps []*drill.ProcessResult) string {
	if len(ps) == 0 {
		return "no process"
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Process
		if !p.Critical {
			names[i] += " (not critical)"
		}
	}
	return plural(len(ps), "process", "processes") + ": " + strings.Join(names, ", ")
}
