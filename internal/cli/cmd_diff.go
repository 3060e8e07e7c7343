package cli

import (
	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/reports"
)

func init() { register(newDiffCmd) }

type diffOptions struct {
	Output string
	Out    string
	checkOptions
}

func (o *diffOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&o.Output, "output", "o", "text", "output format: text, html, md or json")
	cmd.Flags().StringVar(&o.Out, "out", "", "write the diff to this file instead of stdout")
	o.checkOptions.AddFlags(cmd)
}

func newDiffCmd(s *Streams) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff OLD NEW [--output text|html|md|json] [--pub KEY.pub]",
		Short: "Show what got better or worse between two drills",
		Long: `Diff compares two evidence bundle directories: per process the verdict, the
recovery time, data loss and score (better, worse, the same, added, removed),
and the findings that are new, resolved or still open (matched by their
fingerprint). --output html writes one self-contained page (no external
resources, no script) in the style of the HTML report. It exits 0 whatever
changed.

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
	if err := oneOf("--output", o.Output, reports.FormatNames(reports.KindDiff)...); err != nil {
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
	data, err := renderDocument(s, o.Out, o.Output, d)
	if err != nil {
		return err
	}
	return writeResult(s, o.Out, data)
}
