package checks

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/stamp"
)

// TestStepOnOtherFile: an exitplan.current step planned on a complete exit
// plan passes while the worker sees that file; once the file differs, or is
// gone, the step is inconclusive, never passed or failed on other data, and
// the preflight says so before T0.
func TestStepOnOtherFile(t *testing.T) {
	complete, err := os.ReadFile("exitplan/testdata/exitplan/complete.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	doc := filepath.Join(dir, "exitplans", "zaken.md")
	if err := os.MkdirAll(filepath.Dir(doc), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, complete, 0o644); err != nil {
		t.Fatal(err)
	}
	planned, err := stamp.Of(context.Background(), doc, stamp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := &drill.StepPlan{ID: "exit", Kind: drill.ExitPlanCurrent, Target: "zaken", App: "zaken", BaseDir: dir,
		ExitPlan: &drill.ExitPlan{Document: "exitplans/zaken.md", Owner: "Directie Ruimte", Target: "own",
			Reviewed: drill.Date{Time: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}, MigrationTime: drill.Duration(45 * drill.Day)},
		Contract: &drill.Contract{NoticePeriod: drill.Duration(90 * drill.Day), ExitAssistance: drill.Duration(180 * drill.Day)},
		Files:    []drill.FileStamp{planned}}
	in := drill.StepInput{DrillID: "d", Process: "p", Step: st, T0: time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)}
	plan := &drill.Plan{DrillID: "d", Processes: []*drill.ProcessPlan{{ID: "p", Steps: []*drill.StepPlan{st}}}}
	a := New(func(string) (string, bool) { return "", false })

	if out, err := a.RunStep(context.Background(), in); err != nil || !out.Passed {
		t.Fatalf("on the planned file: %+v, %v; want a pass", out, err)
	}
	if pf, err := a.Preflight(context.Background(), drill.PreflightInput{Plan: plan}); err != nil || len(pf.Problems) != 0 {
		t.Fatalf("preflight on the planned file: %+v, %v", pf, err)
	}

	// Another worker's copy: same length, other bytes (an older version).
	other := []byte(strings.Replace(string(complete), "e", "E", 1))
	if err := os.WriteFile(doc, other, 0o644); err != nil {
		t.Fatal(err)
	}
	seen, _ := stamp.Of(context.Background(), doc, stamp.Options{})
	want := drill.StaleFile + ": " + doc + ": planned sha256 " + planned.SHA256[:8] + "…, worker sees " + seen.SHA256[:8] + "…"
	wantInconclusive(t, a, in, want)
	wantPreflight(t, a, plan, want)

	if err := os.Remove(doc); err != nil {
		t.Fatal(err)
	}
	want = drill.StaleFile + ": " + doc + ": missing on this worker"
	wantInconclusive(t, a, in, want)
	wantPreflight(t, a, plan, want)

	// A plan from before stamps: not checked, the check runs (and fails on
	// the missing document).
	old := *st
	old.Files = nil
	in.Step = &old
	if out, err := a.RunStep(context.Background(), in); err == nil || out.Passed || !strings.Contains(out.Reason, "exitplans/zaken.md") {
		t.Errorf("without stamps: %+v, %v; want the check's own failure", out, err)
	}
}

func wantInconclusive(t *testing.T, a *Activities, in drill.StepInput, want string) {
	t.Helper()
	_, err := a.RunStep(context.Background(), in)
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrInconclusive || !appErr.NonRetryable() || appErr.Message() != want {
		t.Errorf("RunStep error %v, want inconclusive %q", err, want)
	}
}

func wantPreflight(t *testing.T, a *Activities, plan *drill.Plan, want string) {
	t.Helper()
	pf, err := a.Preflight(context.Background(), drill.PreflightInput{Plan: plan})
	if err != nil {
		t.Fatal(err)
	}
	if len(pf.Problems) == 0 || pf.Problems[0].Step != "exit" || pf.Problems[0].Problem != want {
		t.Errorf("preflight problems %+v, want exit: %q", pf.Problems, want)
	}
}

// exitPlanStep is an exitplan.current step on document, resolved against
// baseDir, without stamps (a scheduled drill's, or a plan from before
// stamps).
func exitPlanStep(baseDir, document string) *drill.StepPlan {
	return &drill.StepPlan{ID: "exit", Kind: drill.ExitPlanCurrent, Target: "zaken", App: "zaken", BaseDir: baseDir,
		ExitPlan: &drill.ExitPlan{Document: document, Owner: "Directie Ruimte", Target: "own",
			Reviewed: drill.Date{Time: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}, MigrationTime: drill.Duration(45 * drill.Day)},
		Contract: &drill.Contract{NoticePeriod: drill.Duration(90 * drill.Day), ExitAssistance: drill.Duration(180 * drill.Day)}}
}

// TestStepWithoutTheCatalogDirectory: a worker that cannot see the
// directory a step resolves the catalog's files against is inconclusive
// before the step, also without stamps (a scheduled drill's plan, a file
// missing when planned and now): it would fail the check on a missing file
// it never could see. A step that reads nothing relative to that directory
// (an absolute path) runs as usual and fails on its own finding.
func TestStepWithoutTheCatalogDirectory(t *testing.T) {
	gone := filepath.Join(t.TempDir(), "catalog")
	a := New(func(string) (string, bool) { return "", false })
	t0 := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

	in := drill.StepInput{DrillID: "d", Process: "p", Step: exitPlanStep(gone, "exitplans/zaken.md"), T0: t0}
	wantInconclusive(t, a, in, drill.StaleFile+": this worker cannot see the catalog directory "+gone)

	in.Step = &drill.StepPlan{ID: "switch", Kind: drill.Command, Command: []string{"true"}, Dir: gone}
	wantInconclusive(t, a, in, drill.StaleFile+": this worker cannot see the step's directory "+gone)

	in.Step = exitPlanStep(gone, filepath.Join(t.TempDir(), "zaken.md"))
	out, err := a.RunStep(context.Background(), in)
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrCheckFailed || out.Passed || !strings.Contains(out.Reason, "zaken.md") {
		t.Errorf("absolute document, catalog directory gone: %+v, %v; want the check's own failure", out, err)
	}
}

// TestStepOnUnreadableFile: a file that could not be read where the drill
// was prepared (stamped unreadable) makes its step inconclusive, naming the
// file, whatever the worker sees now; the preflight names the step.
func TestStepOnUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "exitplans", "zaken.md")
	if err := os.MkdirAll(filepath.Dir(doc), 0o755); err != nil {
		t.Fatal(err)
	}
	complete, err := os.ReadFile("exitplan/testdata/exitplan/complete.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, complete, 0o644); err != nil {
		t.Fatal(err)
	}
	st := exitPlanStep(dir, "exitplans/zaken.md")
	st.Files = []drill.FileStamp{{Path: doc, Kind: drill.FileUnreadable, Error: "permission denied"}}
	in := drill.StepInput{DrillID: "d", Process: "p", Step: st, T0: time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)}
	plan := &drill.Plan{DrillID: "d", Processes: []*drill.ProcessPlan{{ID: "p", Steps: []*drill.StepPlan{st}}}}
	a := New(func(string) (string, bool) { return "", false })
	want := doc + " could not be read where the drill was prepared (permission denied): the worker cannot show that it sees the catalog's file"
	wantInconclusive(t, a, in, want)
	wantPreflight(t, a, plan, want)
}
