// Package steptest runs checks in tests the way the worker's RunStep activity
// runs them, so that a family of checks is tested on its own, without the
// registry that holds every family.
package steptest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"go.temporal.io/sdk/temporal"
)

// Runner runs a family's checks as the RunStep activity does (step.Run), with
// a worker configuration the test may change before it runs a step.
type Runner struct {
	step.Config
	checks map[drill.StepKind]step.Func
}

// New returns a Runner of checks by kind, reading the worker's environment
// through env, with the worker's default configuration otherwise.
func New(env func(string) (string, bool), checks map[drill.StepKind]step.Func) *Runner {
	return &Runner{Config: step.Config{Env: env, MaxOutput: step.DefaultMaxOutput}, checks: checks}
}

// RunStep runs the check of the step's kind. Register it as
// drill.RunStepActivity to run it as an activity.
func (r *Runner) RunStep(ctx context.Context, in drill.StepInput) (drill.StepOutput, error) {
	check, ok := r.checks[in.Step.Kind]
	if !ok {
		return drill.StepOutput{}, fmt.Errorf("steptest: the runner has no check for %s", in.Step.Kind)
	}
	return step.Run(ctx, check, &r.Config, in)
}

// Reason runs a step through r and returns its output and the reason a user
// is shown when it did not pass ("" when it passed). Errors other than a
// failed check end the test.
func Reason(t testing.TB, r *Runner, in drill.StepInput) (drill.StepOutput, string) {
	t.Helper()
	out, err := r.RunStep(context.Background(), in)
	if err == nil {
		if !out.Passed {
			t.Fatalf("RunStep returned no error for a step that did not pass: %+v", out)
		}
		return out, ""
	}
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrCheckFailed {
		t.Fatalf("RunStep error = %v, want a %s application error", err, drill.ErrCheckFailed)
	}
	if out.Passed || out.Reason != appErr.Message() {
		t.Fatalf("output %+v does not match the failure %q", out, appErr.Message())
	}
	return out, appErr.Message()
}
