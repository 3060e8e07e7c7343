package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/reports"
	"github.com/exitdrill/exitdrill/reports/judge"
)

type diffOptions struct {
	documentFlags
	checkOptions
	Tolerance string

	tolerance judge.Tolerance // Tolerance, parsed
}

func (o *diffOptions) AddFlags(cmd *cobra.Command) {
	o.documentFlags.AddFlags(cmd, reports.KindDiff, false)
	o.checkOptions.AddFlags(cmd)
	cmd.Flags().StringVar(&o.Tolerance, "tolerance", judge.DefaultTolerance.String(),
		"how far a recovery time may move and stay the same: a percentage of the old time (10%), a duration (15m) or both (10%,15m; the larger wins)")
}

// resolveTolerance parses --tolerance: a bad value is a usage error that
// says what is allowed.
func (o *diffOptions) resolveTolerance() error {
	t, err := judge.ParseTolerance(o.Tolerance)
	if err != nil {
		return withCode(ExitInvalid, fmt.Errorf("--tolerance %q: %w; allowed are %s", o.Tolerance, err, judge.ToleranceAllowed))
	}
	o.tolerance = t
	return nil
}

func newDiffCmd(s *Streams) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff OLD NEW [--format text|html|md|json] [-o FILE] [--pub KEY.pub] [--tolerance 10%,5m]",
		Short: "Show what got better or worse between two drills",
		Long: `Diff compares two evidence bundle directories: per process the verdict, the
recovery time, data loss and score (better, worse, the same, added, removed),
and the findings that are new, resolved or still open (matched by their
fingerprint). A recovery time counts as better or worse only when it moved
by more than the tolerance: by default the larger of 10 % of the old time and
5 minutes, so that timing jitter is no change; --tolerance 10%, 15m or both
(10%,15m: the larger wins) sets it, and a process whose recovery moved within
it says "within tolerance (±X)".

Every format opens with what makes the drills not comparable like for like
(JSON: "warnings", a list of {kind, text, old, new, items}): different
scenarios, outage lengths or modes; catalog, scenario or runbook definitions
that differ (by the hashes the bundles record); definitions from another
commit; one bundle unsigned, or the two signed by different keys.

--format html is one self-contained page (no external
resources, no script) in the style of the HTML report; -o FILE writes it to a
file (whole or not at all) instead of stdout. It exits 0 whatever changed.

It verifies both bundles first, as exitdrill verify does (hash chain,
manifest, signature; with --pub, signed by that key, and an unsigned bundle
refused). A bundle that fails is refused: exit 1, with
"BUNDLE: NOT VERIFIED: WHERE: WHAT". With --unverified the drills are
compared anyway and every format says which bundle is NOT VERIFIED (text,
Markdown and html open with it; json has "notVerified" on old or new).`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return runDiff(args[0], args[1], &o, s) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runDiff(oldDir, newDir string, o *diffOptions, s *Streams) error {
	if err := o.resolve(s); err != nil {
		return err
	}
	if err := o.resolveTolerance(); err != nil {
		return err
	}
	check, err := o.checker(s)
	if err != nil {
		return err
	}
	old, oldProblem, err := check.load(oldDir)
	if err != nil {
		return err
	}
	cur, newProblem, err := check.load(newDir)
	if err != nil {
		return err
	}
	d, err := reports.NewDiff(old, cur, o.tolerance)
	if err != nil {
		return err
	}
	d.Old.NotVerified, d.New.NotVerified = oldProblem, newProblem
	return o.write(s, d)
}
