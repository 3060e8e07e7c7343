package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

// TestDrillOnShippedFiles is issue 19's worker elsewhere: a drill is
// prepared from a catalog directory, which is then moved away before the
// drill starts, so that the worker sees no catalog at all. The plan carries
// the exit plan document: the preflight finds nothing wrong, and the
// exitplan.current step passes on the plan's copy, saying so, in the
// catalog's paths.
func TestDrillOnShippedFiles(t *testing.T) {
	complete, err := os.ReadFile("../checks/exitplan/testdata/exitplan/complete.md")
	if err != nil {
		t.Fatal(err)
	}
	a := writeCatalogDir(t, complete)
	srv := startDrillServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	p, err := drillops.Prepare(ctx, drillops.Request{Catalogs: []string{a}, Scenario: filepath.Join(a, "scenario.yaml"), ID: "elsewhere",
		StartedBy: "anna", Reports: os.Getenv("EXITDRILL_REPORTS")})
	if err != nil {
		t.Fatal(err)
	}
	st := p.Plan.Processes[0].Steps[0]
	if len(st.Files) != 1 || !st.Files[0].Shipped || st.Files[0].Path != filepath.Join(a, "exitplans", "zaken.md") {
		t.Fatalf("planned files %+v, want the exit plan shipped", st.Files)
	}
	if err := os.Rename(a, a+"-moved"); err != nil {
		t.Fatal(err)
	}
	s := preflightAndDrill(ctx, t, srv, p, "the plan carries the exit plan")
	if s.Status != drill.StepPassed {
		t.Fatalf("step %s (%s), want passed on the plan's copy", s.Status, s.Reason)
	}
	if got, want := s.Details[drill.DetailShipped], "1 file from the plan: this worker does not see "+a; got != want {
		t.Errorf("detail %s = %q, want %q", drill.DetailShipped, got, want)
	}
	if strings.Contains(s.Reason+s.Output, "exitdrill-shipped-") {
		t.Errorf("the step names the worker's private copy: %q %q", s.Reason, s.Output)
	}
}

// preflightAndDrill preflights the drill p on srv, expecting no problem
// (because why), starts it and returns the result of its step
// zaakgericht/exitplan-current (catalogFiles).
func preflightAndDrill(ctx context.Context, t *testing.T, srv *drillServer, p drillops.Prepared, why string) *drill.StepResult {
	t.Helper()
	pf, err := drillops.Preflight(ctx, srv.eng.Client, p.Options, p.Plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(pf.Problems) > 0 {
		t.Errorf("preflight problems %+v, want none: %s", pf.Problems, why)
	}
	if _, err := drillops.Start(ctx, srv.eng.Client, p.Options, p.Input); err != nil {
		t.Fatal(err)
	}
	return stepByID(t, processByID(t, srv.result(t, p.Plan.DrillID), "zaakgericht").Steps, "exitplan-current")
}
