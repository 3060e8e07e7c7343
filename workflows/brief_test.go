package workflows

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

// TestChildrenAndStepsGetTheScenarioBrief: a scenario that loses hundreds
// of suppliers does not repeat them in the input of every process and every
// step (they would be in the histories thousands of times); the drill's
// result still names them all.
func TestChildrenAndStepsGetTheScenarioBrief(t *testing.T) {
	p := plan(scenarios.Compressed, 30*day, proc("parkeren", 2*day, 7*day, cmdStep("switch", "true")), proc("afval", 2*day, 7*day, cmdStep("switch", "true")))
	p.Scenario.Lost, p.Scenario.Names = nil, map[string]string{}
	for i := range 750 {
		id := fmt.Sprintf("vendor-%03d", i)
		p.Scenario.Lost = append(p.Scenario.Lost, id)
		p.Scenario.Names[id] = "Vendor " + id
	}
	var mu sync.Mutex
	var children, steps int
	res := runDrill(t, drill.DrillInput{Plan: p}, func(env *testsuite.TestWorkflowEnvironment) {
		env.SetOnChildWorkflowStartedListener(func(_ *workflow.Info, _ workflow.Context, args converter.EncodedValues) {
			var in ProcessInput
			if err := args.Get(&in); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			children++
			if len(in.Scenario.Lost)+len(in.Scenario.Names) > 0 || in.Scenario.Duration != 30*day || in.Scenario.Mode != scenarios.Compressed {
				t.Errorf("process %s gets the scenario with %d lost suppliers and %d names, duration %s, mode %s; want the brief", in.Process.ID,
					len(in.Scenario.Lost), len(in.Scenario.Names), in.Scenario.Duration, in.Scenario.Mode)
			}
		})
		env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, args converter.EncodedValues) {
			if info.ActivityType.Name != drill.RunStepActivity {
				return
			}
			var in drill.StepInput
			if err := args.Get(&in); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			steps++
			if len(in.Scenario.Lost)+len(in.Scenario.Names) > 0 {
				t.Errorf("step %s/%s gets %d lost suppliers and %d names, want none", in.Process, in.Step.ID, len(in.Scenario.Lost), len(in.Scenario.Names))
			}
		})
	})
	if children != 2 || steps != 2 {
		t.Errorf("saw %d processes and %d steps start, want 2 and 2", children, steps)
	}
	if len(res.Scenario.Lost) != 750 {
		t.Errorf("the drill's result names %d lost suppliers, want 750", len(res.Scenario.Lost))
	}
}
