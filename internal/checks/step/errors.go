package step

import (
	"context"
	"fmt"

	"github.com/exitdrill/exitdrill/drill"
	"go.temporal.io/sdk/temporal"
)

// BadStep returns the non-retryable error of a step that cannot run as defined.
func BadStep(format string, args ...any) error {
	return temporal.NewNonRetryableApplicationError(fmt.Sprintf(format, args...), drill.ErrBadStep, nil)
}

// Inconclusive returns the non-retryable error of a step that could not be
// attempted for a reason of the worker's environment (a tool not installed,
// an executable not found, a variable unset): the step is inconclusive, never
// failed, since it says nothing about the supplier's loss.
func Inconclusive(format string, args ...any) error {
	return temporal.NewNonRetryableApplicationError(fmt.Sprintf(format, args...), drill.ErrInconclusive, nil)
}

// OrCtx prefers the context's error: a query that failed because the step
// was cancelled failed for that reason.
func OrCtx(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
