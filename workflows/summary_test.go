package workflows

import (
	"encoding/json"
	"sync"
	"testing"

	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

// children holds, per test environment, the last result of each child
// workflow by id: what the server keeps and engine.FillResult reads.
var children sync.Map // *testsuite.TestWorkflowEnvironment -> *childResults

type childResults struct {
	mu  sync.Mutex
	res map[string]*drill.ProcessResult
}

// watchChildren keeps the results of env's Process children.
func watchChildren(env *testsuite.TestWorkflowEnvironment) {
	c := &childResults{res: map[string]*drill.ProcessResult{}}
	children.Store(env, c)
	env.SetOnChildWorkflowCompletedListener(func(info *workflow.Info, result converter.EncodedValue, err error) {
		var r *drill.ProcessResult
		if err != nil || result == nil || !result.HasValue() || result.Get(&r) != nil || r == nil {
			return
		}
		c.mu.Lock()
		c.res[info.WorkflowExecution.ID] = r
		c.mu.Unlock()
	})
}

// drillResult is the Drill's result with every process's details filled
// in from its child's result, as readers of a drill's result see it.
func drillResult(t *testing.T, env *testsuite.TestWorkflowEnvironment) *drill.DrillResult {
	t.Helper()
	var r *drill.DrillResult
	if err := env.GetWorkflowResult(&r); err != nil {
		t.Fatal(err)
	}
	v, ok := children.Load(env)
	if !ok {
		t.Fatal("the environment does not watch its children (newEnv)")
	}
	c := v.(*childResults)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range r.Summarized() {
		if err := p.Fill(c.res[p.StepsIn.WorkflowID]); err != nil {
			t.Fatalf("process %s: the result of %s: %v", p.Process, p.StepsIn.WorkflowID, err)
		}
	}
	return r
}

// TestDrillKeepsSummaries: the Drill's result holds of each process its
// summary and names the child run with the steps, so it grows with the
// drill's processes and not with their steps: a drill whose process has 40
// steps has a result about as large as one whose process has 2.
func TestDrillKeepsSummaries(t *testing.T) {
	size := func(steps int) (int, *drill.DrillResult) {
		var ss []*drill.StepPlan
		for i := range steps {
			ss = append(ss, cmdStep("s"+string(rune('a'+i%26))+string(rune('a'+i/26)), "true"))
		}
		for i := 1; i < len(ss); i++ {
			ss[i].After = []string{ss[i-1].ID}
		}
		env := newEnv(t)
		env.ExecuteWorkflow(Drill, drill.DrillInput{Plan: plan(scenarios.Compressed, day, proc("parkeren", 2*day, 7*day, ss...))})
		if !env.IsWorkflowCompleted() || env.GetWorkflowError() != nil {
			t.Fatalf("drill did not complete: %v", env.GetWorkflowError())
		}
		var raw *drill.DrillResult
		if err := env.GetWorkflowResult(&raw); err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(raw)
		if err != nil {
			t.Fatal(err)
		}
		p := raw.Processes[0]
		if p.StepsIn == nil || p.StepsIn.WorkflowID != ChildID(raw.DrillID, "parkeren") || p.StepsIn.RunID == "" || len(p.Steps) != 0 {
			t.Fatalf("the drill kept %d steps and stepsIn %+v; want none, and the child's run", len(p.Steps), p.StepsIn)
		}
		full := drillResult(t, env)
		if n := len(full.Processes[0].Steps); n != steps {
			t.Fatalf("filled from the child: %d steps, want %d", n, steps)
		}
		for _, s := range full.Processes[0].Steps {
			if s.Status != drill.StepPassed {
				t.Errorf("step %s: %s, want passed", s.Step, s.Status)
			}
		}
		return len(b), full
	}
	small, _ := size(2)
	large, _ := size(40)
	if large-small > 64 { // run ids and times differ a little
		t.Errorf("the drill's result is %d bytes with 2 steps and %d with 40; want about the same (a process's summary)", small, large)
	}
}

// TestFillRefusesAnotherResult: a child's result that does not say what the
// drill recorded (another process, another verdict) is not filled in.
func TestFillRefusesAnotherResult(t *testing.T) {
	full := &drill.ProcessResult{Process: "parkeren", Verdict: drill.Recovered, Recovered: true, Recovery: day,
		Steps: []*drill.StepResult{{Step: "switch", Status: drill.StepPassed}}}
	for name, other := range map[string]*drill.ProcessResult{
		"another process": {Process: "jeugdzorg", Verdict: drill.Recovered, Recovered: true, Recovery: day},
		"another verdict": {Process: "parkeren", Verdict: drill.Breached},
		"another time":    {Process: "parkeren", Verdict: drill.Recovered, Recovered: true, Recovery: 2 * day},
		"none":            nil,
	} {
		s := full.Summary(drill.RunRef{WorkflowID: "d/parkeren", RunID: "r1"})
		if err := s.Fill(other); err == nil {
			t.Errorf("%s: filled in", name)
		}
		if len(s.Steps) != 0 {
			t.Errorf("%s: steps %+v taken over", name, s.Steps)
		}
	}
	s := full.Summary(drill.RunRef{WorkflowID: "d/parkeren", RunID: "r1"})
	if err := s.Fill(full); err != nil || len(s.Steps) != 1 {
		t.Errorf("its own result: %v, %d steps", err, len(s.Steps))
	}
}
