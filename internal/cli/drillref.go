package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/engine"
)

// drillRefFlag is --latest of the commands that take a DRILL: with it, the
// drill started last; without, DRILL is an id or a unique prefix of one.
type drillRefFlag struct {
	Latest bool
}

func (d *drillRefFlag) AddFlags(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&d.Latest, "latest", false, "the drill started last, instead of DRILL (DRILL may also be a unique prefix of a drill id)")
}

// drillArgs accepts the arguments of a command taking DRILL and then n
// more: DRILL is left out with --latest.
func (d *drillRefFlag) drillArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if d.Latest {
			if len(args) != n {
				return fmt.Errorf("with --latest, give no DRILL: accepts %d arg(s), received %d", n, len(args))
			}
			return nil
		}
		return cobra.ExactArgs(n+1)(cmd, args)
	}
}

// split returns DRILL ("" with --latest) and the arguments after it.
func (d *drillRefFlag) split(args []string) (string, []string) {
	if d.Latest {
		return "", args
	}
	return args[0], args[1:]
}

// resolve returns the id of the drill ref names on eng (see
// drillops.FindDrill), or of the latest one with --latest. Neither, or an
// ambiguous prefix, is exit 2 saying which drills there are.
func (d *drillRefFlag) resolve(ctx context.Context, eng *engine.Engine, ref string) (string, error) {
	var id string
	var err error
	if d.Latest {
		id, err = drillops.LatestDrill(ctx, eng.Client, eng.Namespace)
	} else {
		id, err = drillops.FindDrill(ctx, eng.Client, eng.Namespace, ref)
	}
	var none *drillops.NoDrillError
	var ambiguous *drillops.AmbiguousError
	switch {
	case errors.As(err, &none) && ref == "":
		return "", withCode(ExitInvalid, fmt.Errorf("--latest: no drill on %s yet", eng.Address))
	case errors.As(err, &none):
		return "", withCode(ExitInvalid, fmt.Errorf("no drill %q on %s: no drill id is or starts with it (exitdrill list)", ref, eng.Address))
	case errors.As(err, &ambiguous):
		return "", withCode(ExitInvalid, fmt.Errorf("%w (on %s)", err, eng.Address))
	}
	return id, prepareError(err)
}
