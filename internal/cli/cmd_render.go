package cli

import (
	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/reports"
)

type renderOptions struct {
	documentFlags
	checkOptions
}

func (o *renderOptions) AddFlags(cmd *cobra.Command) {
	o.documentFlags.AddFlags(cmd, reports.KindReport, true)
	o.checkOptions.AddFlags(cmd)
}

func newRenderCmd(s *Streams) *cobra.Command {
	var o renderOptions
	cmd := &cobra.Command{
		Use:   "render BUNDLE [--format text|html|md|json|junit|csv|pdf] [-o FILE] [--pub KEY.pub]",
		Short: "Render the report of an evidence bundle again, in any format",
		Long: `Render reads an evidence bundle directory and renders its report from the bundle
alone: text (tables), html (one self-contained file: summary, timeline,
objectives, findings, step detail with evidence hashes, regulation appendix),
md (Markdown), json (computed results), junit (JUnit XML, a testcase per step)
csv (verdicts) or pdf (the html printed by headless Chromium, for the board
pack; needs Chromium), to stdout or, with -o FILE, to a file (written whole
or not at all).

It verifies the bundle first, as exitdrill verify does (hash chain, manifest,
signature; with --pub, signed by that key, and an unsigned bundle refused). A
bundle that fails is refused: exit 1, with "BUNDLE: NOT VERIFIED: WHERE: WHAT".
With --unverified it is rendered anyway and says so: text and Markdown open
with a NOT VERIFIED line, html with a red banner (and in its title), json has
"notVerified", junit opens with a testsuite "evidence" whose testcase
"verification" is an error, and csv gets a last column not_verified in every
row. stderr says so too; the exit code is then 0.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runRender(args[0], &o, s) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runRender(dir string, o *renderOptions, s *Streams) error {
	if err := o.resolve(s); err != nil {
		return err
	}
	check, err := o.checker(s)
	if err != nil {
		return err
	}
	b, problem, err := check.load(dir)
	if err != nil {
		return err
	}
	r, err := reports.New(b)
	if err != nil {
		return err
	}
	r.NotVerified = problem
	return o.write(s, r)
}
