package cli

import (
	"bytes"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/reports"
)

func init() { register(newRenderCmd) }

type renderOptions struct {
	Format string
	Out    string
}

func (o *renderOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&o.Format, "format", "f", "text", "report format: text, html, md, json, junit or csv")
	cmd.Flags().StringVar(&o.Out, "out", "", "write the report to this file instead of stdout")
}

func newRenderCmd(s *Streams) *cobra.Command {
	var o renderOptions
	cmd := &cobra.Command{
		Use:   "render BUNDLE --format html|md|json|junit|csv|text",
		Short: "Render the report of an evidence bundle again, in any format",
		Long: `Render reads an evidence bundle directory and renders its report from the bundle
alone: text (tables), html (one self-contained file: summary, timeline,
objectives, findings, step detail with evidence hashes, regulation appendix),
md (Markdown), json (computed results), junit (JUnit XML, a testcase per step)
or csv (verdicts). It does not check the bundle: run exitdrill verify for that.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runRender(args[0], &o, s) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runRender(dir string, o *renderOptions, s *Streams) error {
	if err := oneOf("--format", o.Format, reports.FormatNames()...); err != nil {
		return err
	}
	b, err := loadBundle(dir)
	if err != nil {
		return err
	}
	if o.Format == "text" {
		r, err := reports.New(b)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		reports.WriteText(&buf, r, tableStyle(s, o.Out != ""))
		return writeResult(s, o.Out, buf.Bytes())
	}
	data, err := reports.Render(b, o.Format)
	if err != nil {
		return err
	}
	return writeResult(s, o.Out, data)
}
