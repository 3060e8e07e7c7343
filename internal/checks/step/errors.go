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

// OrCtx prefers the context's error: a query that failed because the step
// was cancelled failed for that reason.
func OrCtx(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
