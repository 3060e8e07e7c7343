package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/version"
)

type versionOptions struct {
	output outputFlag
}

func (o *versionOptions) AddFlags(cmd *cobra.Command) { o.output.AddFlags(cmd) }

func newVersionCmd(s *Streams) *cobra.Command {
	var o versionOptions
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit, Go and Temporal server and SDK versions",
		Long: `Version prints exitdrill's version and source commit (set by make release;
"dev" and the checkout's commit, or "unknown", in a plain go build), the Go
toolchain and platform it was built for, and the versions of the Temporal
server and SDK linked into it. exitdrill --version prints the same.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runVersion(&o, s) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runVersion(o *versionOptions, s *Streams) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	info := version.Get()
	if o.output.json() {
		return writeJSON(s.Out, info)
	}
	_, err := fmt.Fprint(s.Out, info)
	return err
}
