package cli

import (
	"context"
	"fmt"
	"strings"

	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/lang"
)

// preflight has a worker examine the plan's automated steps before T0 and
// says what it found on stderr: the tools it found, with their versions (in
// one line; the plan, and so the evidence, records them too), then one line
// when every step can be attempted, else one line per problem. Problems
// refuse the drill (exit 2) unless allow, when the drill goes on and those
// steps end inconclusive.
func preflight(ctx context.Context, c client.Client, p drillops.Prepared, allow bool, s *Streams) error {
	out, err := drillops.Preflight(ctx, c, p.Options, p.Plan)
	if err != nil {
		return err
	}
	return reportPreflight(s, out, allow)
}

// reportPreflight says what the preflight found, in the printer's language
// (a problem as the worker wrote it unless the Dutch tables know it), and
// refuses the drill for its problems unless allow.
func reportPreflight(s *Streams, out drill.PreflightOutput, allow bool) error {
	p := s.printer()
	if len(out.Tools) > 0 {
		tools := make([]string, len(out.Tools))
		for i, t := range out.Tools {
			tools[i] = t.String()
		}
		fmt.Fprint(s.Err, p.F("preflight: tools: %s\n", strings.Join(tools, "; ")))
	}
	if len(out.Problems) == 0 {
		fmt.Fprint(s.Err, p.F("preflight: %s ready\n", pluralIn(p, out.Steps, "step", "steps")))
		return nil
	}
	for _, pr := range out.Problems {
		fmt.Fprint(s.Err, p.F("preflight: %s/%s (%s): %s\n", pr.Process, pr.Step, pr.Kind, p.Filled(pr.Problem)))
	}
	bad := out.Steps - out.Ready()
	if allow {
		hosting := hostingSteps(out.Problems)
		if n := bad - hosting; n > 0 {
			fmt.Fprint(s.Err, p.F("preflight: %d of %s cannot be attempted on this worker; going on (--allow-inconclusive): %s inconclusive, and so do their processes\n",
				n, pluralIn(p, out.Steps, "step", "steps"), p.T(pronoun(n))))
		}
		if hosting > 0 {
			// The alternative's name is part of what a hosting step checks
			// (README, "Preflight"): it runs, and fails while it does not resolve.
			what := "steps check an alternative whose name does not resolve: they run, and fail"
			if hosting == 1 {
				what = "step checks an alternative whose name does not resolve: it runs, and fails"
			}
			fmt.Fprint(s.Err, p.F("preflight: going on (--allow-inconclusive): %d %s while it does not\n", hosting, p.T(what)))
		}
		return nil
	}
	return withCode(ExitInvalid, fmt.Errorf("preflight: %d of %s cannot be attempted on this worker: nothing was started "+
		"(fix the worker, or start the drill anyway with --allow-inconclusive: %s inconclusive)",
		bad, plural(out.Steps, "step", "steps"), pronoun(bad)))
}

// pluralIn is plural in the printer's language: "3 steps", "3 stappen".
func pluralIn(p *lang.Printer, n int, one, many string) string {
	if n == 1 {
		return p.F("%d", n) + " " + p.T(one)
	}
	return p.F("%d", n) + " " + p.T(many)
}

func pronoun(n int) string {
	if n == 1 {
		return "that step ends"
	}
	return "those steps end"
}

// hostingSteps counts the hosting steps among the problems: the only ones a
// drill started anyway still runs, since their alternative's name is what
// they check.
func hostingSteps(ps []drill.PreflightProblem) int {
	steps := map[string]bool{}
	for _, p := range ps {
		if p.Kind == drill.HostingHealthy || p.Kind == drill.HostingTLS {
			steps[p.Process+"/"+p.Step] = true
		}
	}
	return len(steps)
}
