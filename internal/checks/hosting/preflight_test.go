package hosting

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// TestPreflightResolves: the preflight of a hosting step looks its health
// URL's host up through the worker's resolver (here an injected one: no
// packet leaves the machine) and names a host that does not resolve; an
// address needs no lookup, and a step without a health URL is RunStep's to
// refuse.
func TestPreflightResolves(t *testing.T) {
	res := &fakeResolver{names: map[string][]string{"parkeren-alt.example": {"127.0.0.1"}}}
	cfg := &step.Config{Resolver: res}
	for _, tt := range []struct {
		name    string
		alt     *drill.Alternative
		want    []string
		lookups int32
	}{
		{"resolves", &drill.Alternative{ID: "a", Health: &drill.Health{URL: "https://parkeren-alt.example/health"}}, nil, 1},
		{"does not resolve", &drill.Alternative{ID: "a", Health: &drill.Health{URL: "http://gone.example:8080/health"}},
			[]string{`health.url http://gone.example:8080/health: name "gone.example" does not resolve (no such host) on this worker; started anyway, the step fails while it does not resolve`}, 1},
		{"an address", &drill.Alternative{ID: "a", Health: &drill.Health{URL: "http://127.0.0.1:1/health"}}, nil, 0},
		{"no health URL", &drill.Alternative{ID: "a"}, nil, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res.lookups.Store(0)
			for _, kind := range []drill.StepKind{drill.HostingHealthy, drill.HostingTLS} {
				var r step.Report
				Preflight(context.Background(), cfg, drill.StepInput{Step: &drill.StepPlan{ID: "up", Kind: kind, Alt: tt.alt}}, &r)
				if d := cmp.Diff(tt.want, r.Problems); d != "" {
					t.Errorf("%s: problems (-want +got):\n%s", kind, d)
				}
			}
			if got := res.lookups.Load(); got != 2*tt.lookups {
				t.Errorf("%d lookups through the injected resolver, want %d", got, 2*tt.lookups)
			}
		})
	}
}
