package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/engine"
)

func newClusterCmd(s *Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cluster",
		Short: "Prepare a Temporal cluster of your own (or Temporal Cloud) for exitdrill",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newClusterInitCmd(s))
	return cmd
}

func newClusterInitCmd(s *Streams) *cobra.Command {
	var f engineFlags
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Create exitdrill's namespace and search attributes on a cluster; safe to run again",
		Long: `Init prepares the cluster at --address for exitdrill: it registers the namespace
(--namespace) when it is missing, keeping finished drills for 90 days, and every
Exitdrill* search attribute the namespace lacks. Run it once against your own
cluster or Temporal Cloud (with --tls-cert/--tls-key/--tls-ca or --api-key);
running it again changes nothing and says so. It fails when it may not register
them, where the other commands only warn.`,
		Example: `  exitdrill cluster init --address temporal.gemeente.example:7233 --namespace exitdrill \
    --tls-cert anna.pem --tls-key anna-key.pem --tls-ca ca.pem`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runClusterInit(cmd.Context(), &f, s) },
	}
	f.AddFlags(cmd)
	return cmd
}

func runClusterInit(ctx context.Context, f *engineFlags, s *Streams) error {
	if f.opts.Address == "" {
		return withCode(ExitInvalid, errors.New("cluster init prepares an existing cluster: give --address (or TEMPORAL_ADDRESS)"))
	}
	o, err := f.options(s)
	if err != nil {
		return err
	}
	if o.Logs != nil {
		defer o.Logs.Close()
	}
	res, err := engine.InitCluster(ctx, o)
	if err != nil {
		return err
	}
	p := s.printer()
	state := p.T("present")
	if res.Created {
		state = p.T("created")
	}
	fmt.Fprint(s.Out, p.F("namespace %s: %s, finished drills kept %s\n", res.Namespace, state, drill.Duration(res.Retention).String()))
	switch {
	case len(res.Added) == 0:
		fmt.Fprint(s.Out, p.F("search attributes: all %d present\n", len(res.Present)))
	default:
		fmt.Fprint(s.Out, p.F("search attributes: added %s", strings.Join(res.Added, ", ")))
		if len(res.Present) > 0 {
			fmt.Fprint(s.Out, p.F("; %d present", len(res.Present)))
		}
		fmt.Fprintln(s.Out)
	}
	return nil
}
