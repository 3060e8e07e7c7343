package checks

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"go.temporal.io/sdk/temporal"
)

// TestRegistryMatchesKinds holds the registry to drill's kind table: every
// kind a worker runs has a check, and every check is for such a kind.
func TestRegistryMatchesKinds(t *testing.T) {
	for _, k := range drill.Kinds() {
		if s, _ := k.Spec(); s.Runner == drill.Worker && kinds[k].run == nil {
			t.Errorf("step kind %s is run by a worker (drill/kind.go) but has no check in the registry (internal/checks/registry.go)", k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		if s, ok := k.Spec(); !ok || s.Runner != drill.Worker {
			t.Errorf("the registry (internal/checks/registry.go) has a check for %q, which drill/kind.go does not declare as a kind a worker runs", k)
		}
	}
}

// TestUnimplementedKindNeverPasses: a kind without a check fails, never
// retried, and says that nothing was checked.
func TestUnimplementedKindNeverPasses(t *testing.T) {
	a := New(func(string) (string, bool) { return "", false })
	for _, k := range []drill.StepKind{"forge.unknown", drill.Wait, drill.ManualStep} {
		t.Run(string(k), func(t *testing.T) {
			out, err := a.RunStep(context.Background(), drill.StepInput{Step: &drill.StepPlan{ID: "x", Kind: k}})
			var appErr *temporal.ApplicationError
			if !errors.As(err, &appErr) || appErr.Type() != drill.ErrNotImplemented {
				t.Fatalf("err = %v, want %s", err, drill.ErrNotImplemented)
			}
			if !appErr.NonRetryable() || out.Passed || !strings.Contains(appErr.Message(), "nothing was checked") {
				t.Errorf("passed %v, non-retryable %v, message %q: want a non-retryable failure saying nothing was checked",
					out.Passed, appErr.NonRetryable(), appErr.Message())
			}
		})
	}
}
