package checks

import (
	"context"
	"net"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
)

// noSuchHost is a resolver for which no name resolves: a test's drill sends
// nothing off the machine.
type noSuchHost struct{}

func (noSuchHost) LookupHost(_ context.Context, host string) ([]string, error) {
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// TestPreflightHostingResolves: the preflight names, for both hosting kinds,
// the step whose health URL's host does not resolve through the worker's
// resolver, before T0.
func TestPreflightHostingResolves(t *testing.T) {
	alt := &drill.Alternative{ID: "parkeren-alt", Health: &drill.Health{URL: "https://parkeren-alt.example/health"}}
	plan := &drill.Plan{DrillID: "d", Processes: []*drill.ProcessPlan{{ID: "parkeren", Steps: []*drill.StepPlan{
		{ID: "up", Kind: drill.HostingHealthy, Alt: alt},
		{ID: "cert", Kind: drill.HostingTLS, Alt: alt, After: []string{"up"}},
	}}}}
	a := New(func(string) (string, bool) { return "", false })
	a.Resolver = noSuchHost{}
	out, err := a.Preflight(context.Background(), drill.PreflightInput{Plan: plan})
	if err != nil {
		t.Fatal(err)
	}
	want := `health.url https://parkeren-alt.example/health: name "parkeren-alt.example" does not resolve (no such host) on this worker; started anyway, the step fails while it does not resolve`
	if out.Steps != 2 || out.Ready() != 0 || len(out.Problems) != 2 {
		t.Fatalf("preflight %+v, want both steps named", out)
	}
	for i, id := range []string{"up", "cert"} {
		if p := out.Problems[i]; p.Process != "parkeren" || p.Step != id || p.Problem != want {
			t.Errorf("problem %d = %+v, want parkeren/%s: %q", i, p, id, want)
		}
	}
}
