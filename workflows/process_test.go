package workflows

import (
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/testsuite"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks"
	"github.com/exitdrill/exitdrill/scenarios"
)

const (
	hour = drill.Duration(time.Hour)
	day  = drill.Duration(drill.Day)
)

func newEnv(t *testing.T) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(Drill)
	env.RegisterWorkflow(Process)
	checks.Register(env, checks.New(os.LookupEnv))
	return env
}

func info(mode string, outage drill.Duration) drill.Info {
	ts := float64(scenarios.DefaultTimeScale)
	if mode == scenarios.Live {
		ts = 1
	}
	return drill.Info{ID: "test", Duration: outage, Mode: mode, TimeScale: ts, Lost: []string{"microsoft"}}
}

func cmdStep(id string, argv ...string) *drill.StepPlan {
	return &drill.StepPlan{ID: id, Kind: drill.Command, Command: argv, Timeout: drill.Duration(time.Minute)}
}

func waitStep(id string, d drill.Duration) *drill.StepPlan {
	return &drill.StepPlan{ID: id, Kind: drill.Wait, Expected: d}
}

func manualStep(id, role string, d drill.Duration) *drill.StepPlan {
	return &drill.StepPlan{ID: id, Kind: drill.ManualStep, Expected: d,
		Manual: &drill.Manual{Role: role, Instructions: "Issue one test permit"}}
}

// chain makes every step wait for the one before, as the planner does.
func chain(steps ...*drill.StepPlan) []*drill.StepPlan {
	for i := 1; i < len(steps); i++ {
		if steps[i].After == nil { // after() leaves a step without prerequisites
			steps[i].After = []string{steps[i-1].ID}
		}
	}
	return steps
}

func process(steps ...*drill.StepPlan) *drill.ProcessPlan {
	return &drill.ProcessPlan{ID: "vergunningen", Owner: "Directie Parkeren", Critical: true,
		RTO: 2 * day, MTPD: 7 * day, RPO: 24 * hour, Steps: chain(steps...)}
}

func runProcess(t *testing.T, env *testsuite.TestWorkflowEnvironment, in ProcessInput) *drill.ProcessResult {
	t.Helper()
	env.ExecuteWorkflow(Process, in)
	if !env.IsWorkflowCompleted() {
		t.Fatal("workflow did not complete")
	}
	if err := env.GetWorkflowError(); err != nil {
		t.Fatalf("workflow error: %v", err)
	}
	var r *drill.ProcessResult
	if err := env.GetWorkflowResult(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestVerdicts(t *testing.T) {
	tests := []struct {
		name        string
		outage      drill.Duration
		steps       []*drill.StepPlan
		wantVerdict drill.Verdict
		wantWhy     string
		wantFailed  string
	}{
		{"recovered within RTO, 1 day outage", day,
			[]*drill.StepPlan{cmdStep("switch", "true"), waitStep("settle", 4*hour), manualStep("sign-off", "process-owner", hour)},
			drill.Recovered, "recovered in 5h", ""},
		{"late: after RTO within MTPD, 7 day outage", 7 * day,
			[]*drill.StepPlan{waitStep("rebuild", 3*day)},
			drill.Late, "recovered in 3d: 1d after RTO 2d, within MTPD 7d", ""},
		{"breached: failed step, 30 day outage", 30 * day,
			[]*drill.StepPlan{cmdStep("switch", "sh", "-c", "echo cannot reach standby >&2; exit 3"), waitStep("settle", hour)},
			drill.Breached, "MTPD breached on day 8: not recovered while the outage lasts 30d > MTPD 7d; step switch (command) failed: exit code 3: cannot reach standby", "switch"},
		{"breached: recovered after MTPD, 30 day outage", 30 * day,
			[]*drill.StepPlan{waitStep("rebuild", 10*day)},
			drill.Breached, "MTPD breached on day 8: recovered only after 10d, MTPD 7d", ""},
		{"tolerated: failed, outage ends before MTPD, 1 day outage", day,
			[]*drill.StepPlan{cmdStep("switch", "false")},
			drill.Tolerated, "not recovered, but the 1d outage ends within MTPD 7d; step switch (command) failed: exit code 1", "switch"},
		// A program the worker does not have says nothing about the supplier's
		// loss: inconclusive, not breached (30 days) and not tolerated (1 day).
		{"inconclusive: executable not found, 30 day outage", 30 * day,
			[]*drill.StepPlan{cmdStep("switch", "./no-such-switch.sh"), waitStep("settle", hour)},
			drill.Inconclusive, "inconclusive: step switch (command) could not be attempted on the worker: cannot run ./no-such-switch.sh on this worker", ""},
		{"inconclusive: executable not found, 1 day outage", day,
			[]*drill.StepPlan{cmdStep("switch", "./no-such-switch.sh")},
			drill.Inconclusive, "inconclusive: step switch (command)", ""},
		{"a real failure beside an inconclusive step decides", 30 * day,
			[]*drill.StepPlan{cmdStep("switch", "false"), after(cmdStep("check", "./no-such-check.sh"))},
			drill.Breached, "MTPD breached on day 8", "switch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newEnv(t)
			r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, tt.outage), Process: process(tt.steps...)})
			if r.Verdict != tt.wantVerdict {
				t.Errorf("verdict = %s (%s), want %s", r.Verdict, r.Why, tt.wantVerdict)
			}
			if !strings.HasPrefix(r.Why, tt.wantWhy) {
				t.Errorf("why = %q\nwant prefix %q", r.Why, tt.wantWhy)
			}
			if r.FailedStep != tt.wantFailed {
				t.Errorf("failed step = %q, want %q", r.FailedStep, tt.wantFailed)
			}
			if len(r.Steps) != len(tt.steps) {
				t.Errorf("got %d step results, want %d", len(r.Steps), len(tt.steps))
			}
		})
	}
}

func TestClocksAndMeasures(t *testing.T) {
	env := newEnv(t)
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day),
		Process: process(cmdStep("switch", "true"), waitStep("settle", day), manualStep("sign-off", "process-owner", 4*hour))})
	want := []struct {
		measure  string
		duration drill.Duration
	}{{drill.Measured, -1}, {drill.Declared, day}, {drill.Simulated, 4 * hour}}
	for i, w := range want {
		s := r.Steps[i]
		if s.Measure != w.measure || (w.duration >= 0 && s.Duration != w.duration) {
			t.Errorf("step %s: measure %s duration %s, want %s %s", s.Step, s.Measure, s.Duration, w.measure, w.duration)
		}
		if i > 0 && s.ScenarioStart != r.Steps[i-1].ScenarioEnd {
			t.Errorf("step %s starts at %s on the scenario clock, want %s (end of %s)", s.Step, s.ScenarioStart, r.Steps[i-1].ScenarioEnd, r.Steps[i-1].Step)
		}
		if s.WallEnd.Before(s.WallStart) {
			t.Errorf("step %s: wall clock runs backwards", s.Step)
		}
	}
	if r.Steps[2].Actor != "nobody (simulated)" {
		t.Errorf("simulated manual step actor = %q", r.Steps[2].Actor)
	}
}

func TestParallelBranches(t *testing.T) {
	a := waitStep("a", 2*hour)
	b := waitStep("b", 3*hour)
	b.After = []string{"start"}
	c := waitStep("c", hour)
	c.After = []string{"a", "b"}
	start := cmdStep("start", "true")
	a.After = []string{"start"}
	env := newEnv(t)
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day), Process: process(start, a, b, c)})
	byID := map[string]*drill.StepResult{}
	for _, s := range r.Steps {
		byID[s.Step] = s
	}
	if byID["a"].ScenarioStart != byID["b"].ScenarioStart {
		t.Errorf("a and b should start together after start: %s vs %s", byID["a"].ScenarioStart, byID["b"].ScenarioStart)
	}
	if got, want := byID["c"].ScenarioStart, byID["b"].ScenarioEnd; got != want {
		t.Errorf("c starts at %s, want %s (after the longer branch b)", got, want)
	}
	if r.Recovery != byID["c"].ScenarioEnd {
		t.Errorf("recovery %s, want end of c %s", r.Recovery, byID["c"].ScenarioEnd)
	}
}

func TestNotImplementedAndUnavailableNeverPass(t *testing.T) {
	// A step kind this version does not implement must fail, never pass.
	mirror := &drill.StepPlan{ID: "mirror", Kind: drill.StepKind("forge.unknown")}
	held := &drill.StepPlan{ID: "restore", Kind: drill.BackupRestore, Target: "azure-db", Unavailable: "held by lost supplier microsoft"}
	tests := []struct {
		step *drill.StepPlan
		want string
	}{
		{mirror, "step kind forge.unknown is not implemented in this version of exitdrill: nothing was checked"},
		{held, "held by lost supplier microsoft (not contacted: the supplier is down in this scenario)"},
	}
	for _, tt := range tests {
		env := newEnv(t)
		r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day), Process: process(tt.step)})
		if s := r.Steps[0]; s.Status != drill.StepFailed || s.Reason != tt.want {
			t.Errorf("%s: status %s reason %q, want failed %q", tt.step.ID, s.Status, s.Reason, tt.want)
		}
		if r.Recovered {
			t.Errorf("%s: process recovered although nothing was checked", tt.step.ID)
		}
	}
}

func TestIndependentBranchGoesOnAfterAFailure(t *testing.T) {
	start := cmdStep("start", "true")
	restore := cmdStep("restore", "false")
	restore.After = []string{"start"}
	exitplan := waitStep("exitplan", hour)
	exitplan.After = []string{"start"}
	signOff := waitStep("sign-off", hour)
	signOff.After = []string{"restore", "exitplan"}
	env := newEnv(t)
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day), Process: process(start, restore, exitplan, signOff)})
	want := map[string]string{"start": drill.StepPassed, "restore": drill.StepFailed, "exitplan": drill.StepPassed, "sign-off": drill.StepSkipped}
	for _, s := range r.Steps {
		if s.Status != want[s.Step] {
			t.Errorf("step %s: %s (%s), want %s", s.Step, s.Status, s.Reason, want[s.Step])
		}
	}
	if r.Recovered || r.FailedStep != "restore" {
		t.Errorf("recovered %v, failed step %q; want not recovered, restore", r.Recovered, r.FailedStep)
	}
}

// after makes s wait for ids only: with none, it starts at T0 beside the
// step before it.
func after(s *drill.StepPlan, ids ...string) *drill.StepPlan {
	s.After = append([]string{}, ids...)
	return s
}
