package cli

import (
	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/reports"
)

func init() { register(newDiffCmd) }

type diffOptions struct {
	Output string
}

func (o *diffOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&o.Output, "output", "o", "text", "output format: text, md or json")
}

func newDiffCmd(s *Streams) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what got better or worse between two drills",
		Long: `Diff compares two evidence bundle directories: per process the verdict, the
recovery time, data loss and score (better, worse, the same, added, removed),
and the findings that are new, resolved or still open (matched by their
fingerprint). It exits 0 whatever changed; it does not check the bundles (run
exitdrill verify for that).`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return runDiff(args[0], args[1], &o, s) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runDiff(oldDir, newDir string, o *diffOptions, s *Streams) error {
	if err := oneOf("--output", o.Output, "text", "md", "json"); err != nil {
		return err
	}
	old, err := loadBundle(oldDir)
	if err != nil {
		return err
	}
	cur, err := loadBundle(newDir)
	if err != nil {
		return err
	}
	d, err := reports.NewDiff(old, cur)
	if err != nil {
		return err
	}
	switch o.Output {
	case "json":
		data, err := reports.DiffJSON(d)
		if err != nil {
			return err
		}
		return writeResult(s, "", data)
	case "md":
		return writeResult(s, "", reports.DiffMarkdown(d))
	default:
		return writeResult(s, "", reports.DiffText(d, tableStyle(s, false)))
	}
}
