//go:build !exitdrill_light

package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
)

// processResult stands for a Process child: it continues as new once, so
// that FillResult must follow the run the drill named to its last run.
func processResult(ctx workflow.Context, id string, runs int) (*drill.ProcessResult, error) {
	if runs == 0 {
		return nil, workflow.NewContinueAsNewError(ctx, processResult, id, 1)
	}
	return &drill.ProcessResult{Process: id, Verdict: drill.Recovered, Recovered: true, Recovery: drill.Duration(3600e9),
		Steps: []*drill.StepResult{{Process: id, Step: "switch", Status: drill.StepPassed}}}, nil
}

// TestFillResult: a drill's summaries are filled in from the runs they
// name, on a real server, following continue-as-new; a run that does not
// exist, or whose result is another process's, is an error naming the
// process and the run, and that process stays a summary.
func TestFillResult(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := openTest(t, testOptions(t.TempDir()))
	if err := e.StartWorker(func(r worker.Registry) { r.RegisterWorkflow(processResult) }); err != nil {
		t.Fatal(err)
	}
	refs := map[string]drill.RunRef{}
	for _, id := range []string{"parkeren", "jeugdzorg"} {
		run, err := e.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "d1/" + id, TaskQueue: TaskQueue}, processResult, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := run.Get(ctx, nil); err != nil {
			t.Fatal(err)
		}
		refs[id] = drill.RunRef{WorkflowID: run.GetID(), RunID: run.GetRunID()}
	}
	summary := func(id string, ref drill.RunRef) *drill.ProcessResult {
		return (&drill.ProcessResult{Process: id, Verdict: drill.Recovered, Recovered: true, Recovery: drill.Duration(3600e9)}).Summary(ref)
	}

	res := &drill.DrillResult{DrillID: "d1", Processes: []*drill.ProcessResult{summary("parkeren", refs["parkeren"]), summary("jeugdzorg", refs["jeugdzorg"])}}
	if err := FillResult(ctx, e.Client, res); err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Processes {
		if len(p.Steps) != 1 || p.Steps[0].Process != p.Process {
			t.Errorf("%s: steps %+v, want its own step from its last run", p.Process, p.Steps)
		}
	}

	gone := drill.RunRef{WorkflowID: "d1/belastingen", RunID: "0195e0a4-0000-7000-8000-000000000000"}
	res = &drill.DrillResult{DrillID: "d1", Processes: []*drill.ProcessResult{
		summary("parkeren", refs["parkeren"]), summary("belastingen", gone), summary("wmo", refs["jeugdzorg"])}}
	err := FillResult(ctx, e.Client, res)
	if err == nil {
		t.Fatal("filled from a run that does not exist and from another process's")
	}
	for _, want := range []string{"drill d1", "process belastingen, kept in the result of workflow d1/belastingen (run " + gone.RunID + ")",
		"process wmo, kept in the result of workflow d1/jeugdzorg", `it is the result of process "jeugdzorg"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\nlacks %q", err, want)
		}
	}
	if got := res.Summarized(); len(got) != 2 || got[0].Process != "belastingen" || got[1].Process != "wmo" {
		t.Errorf("still summaries: %d, want belastingen and wmo", len(got))
	}
}

// TestFillResultErrorIsBounded: when no process's run can be read (a
// drill's history gone, a server that does not answer), the error names
// the first few and counts the rest instead of listing thousands.
func TestFillResultErrorIsBounded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := openTest(t, testOptions(t.TempDir()))
	res := &drill.DrillResult{DrillID: "d2"}
	for i := range 50 {
		id := fmt.Sprintf("p%02d", i)
		res.Processes = append(res.Processes, (&drill.ProcessResult{Process: id, Verdict: drill.Recovered}).Summary(
			drill.RunRef{WorkflowID: "d2/" + id, RunID: "0195e0a4-0000-7000-8000-0000000000" + fmt.Sprintf("%02d", i)}))
	}
	err := FillResult(ctx, e.Client, res)
	if err == nil {
		t.Fatal("filled from runs that do not exist")
	}
	msg := err.Error()
	if n := strings.Count(msg, "kept in the result of workflow"); n != maxFillErrors {
		t.Errorf("the error names %d processes, want %d:\n%s", n, maxFillErrors, msg)
	}
	if want := fmt.Sprintf("and %d more processes whose steps cannot be read", 50-maxFillErrors); !strings.Contains(msg, want) {
		t.Errorf("error %q\nlacks %q", msg, want)
	}
	if len(res.Summarized()) != 50 {
		t.Errorf("%d processes still summaries, want all 50", len(res.Summarized()))
	}
}
