package cli

import (
	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/reports"
)

type diffOptions struct {
	documentFlags
	checkOptions
}

func (o *diffOptions) AddFlags(cmd *cobra.Command) {
	o.documentFlags.AddFlags(cmd, reports.KindDiff, false)
	o.checkOptions.AddFlags(cmd)
}

func newDiffCmd(s *Streams) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff OLD NEW [--format text|html|md|json] [-o FILE] [--pub KEY.pub]",
		Short: "Show what got better or worse between two drills",
		Long: `Diff compares two evidence bundle directories: per process the verdict, the
recovery time, data loss and score (better, worse, the same, added, removed),
and the findings that are new, resolved or still open (matched by their
fingerprint). --format html is one self-contained page (no external
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
	d, err := reports.NewDiff(old, cur)
	if err != nil {
		return err
	}
	d.Old.NotVerified, d.New.NotVerified = oldProblem, newProblem
	return o.write(s, d)
}
