package checks

import (
	"context"
	"fmt"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"github.com/exitdrill/exitdrill/internal/stamp"
)

// staleFiles stamps again, on this worker, each file step st was planned on
// (see drill.FileStamp) and says, for each that differs from its planned
// stamp or cannot be stamped here, "PATH: how". A plan without stamps is not
// checked. Its error is only the context's: hashing a large file stops when
// the step is cancelled.
func staleFiles(ctx context.Context, st *drill.StepPlan) ([]string, error) {
	var out []string
	for _, planned := range st.Files {
		seen, err := stamp.Of(ctx, planned.Path, stamp.Options{Skip: planned.Skip})
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err != nil {
			out = append(out, fmt.Sprintf("%s: cannot be stamped on this worker: %v", planned.Path, err))
			continue
		}
		if d := planned.Diff(seen); d != "" {
			out = append(out, planned.Path+": "+d)
		}
	}
	return out, nil
}

// checkFiles returns the inconclusive error of a step whose worker does not
// see the files it was planned on: it would pass or fail on other data.
func checkFiles(ctx context.Context, st *drill.StepPlan) error {
	stale, err := staleFiles(ctx, st)
	if err != nil {
		return err
	}
	if len(stale) > 0 {
		return step.Inconclusive("%s: %s", drill.StaleFile, strings.Join(stale, "; "))
	}
	return nil
}
