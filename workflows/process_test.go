package workflows

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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
	env.RegisterWorkflow(HeldNotices)
	checks.Register(env, checks.New(os.LookupEnv))
	watchChildren(env)
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
		{"waited-out: failed, outage ends before MTPD, 1 day outage", day,
			[]*drill.StepPlan{cmdStep("switch", "false")},
			drill.WaitedOut, "waited out: the 1d outage ended within MTPD 7d before the process was recovered; recovery never completed; step switch (command) failed: exit code 1", "switch"},
		// The scenario clock runs on past the outage end: a recovery that
		// finishes after it was not a recovery during the outage, even within
		// the RTO.
		{"waited-out: recovery finishes after the 1 day outage", day,
			[]*drill.StepPlan{cmdStep("switch", "true"), waitStep("rebuild", 2*day)},
			drill.WaitedOut, "waited out: the 1d outage ended within MTPD 7d before recovery finished; recovery would have taken 2d", ""},
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
	want := map[string]drill.StepStatus{"start": drill.StepPassed, "restore": drill.StepFailed, "exitplan": drill.StepPassed, "sign-off": drill.StepSkipped}
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

// TestSkipNamesTheStepItWaitedFor: a skipped step names the failed step it
// (transitively) waited for, not whichever step failed first in the process.
func TestSkipNamesTheStepItWaitedFor(t *testing.T) {
	exitplan := cmdStep("exitplan", "false") // fails at once, in its own branch
	exitplan.After = []string{}
	settle := waitStep("settle", hour)
	settle.After = []string{}
	restore := cmdStep("restore", "false") // fails an hour later, in the other branch
	restore.After = []string{"settle"}
	signOff := waitStep("sign-off", hour)
	signOff.After = []string{"restore"}
	report := waitStep("report", hour)
	report.After = []string{"sign-off"}
	env := newEnv(t)
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day),
		Process: &drill.ProcessPlan{ID: "p", RTO: 2 * day, MTPD: 7 * day, Steps: []*drill.StepPlan{exitplan, settle, restore, signOff, report}}})
	want := map[string]struct {
		status drill.StepStatus
		reason string
	}{
		"exitplan": {drill.StepFailed, "exit code 1"},
		"settle":   {drill.StepPassed, ""},
		"restore":  {drill.StepFailed, "exit code 1"},
		"sign-off": {drill.StepSkipped, "not run: it waits for step restore, which failed"},
		"report":   {drill.StepSkipped, "not run: it waits for step restore (through sign-off), which failed"},
	}
	for _, s := range r.Steps {
		w := want[s.Step]
		if s.Status != w.status || s.Reason != w.reason {
			t.Errorf("step %s: %s %q, want %s %q", s.Step, s.Status, s.Reason, w.status, w.reason)
		}
	}
}

// TestStaleBackupIsADataLossFinding: a directory backup older than the RPO is a
// data-loss finding, not a failure: the restore after it runs and passes, and
// the data loss counts against the RPO.
func TestStaleBackupIsADataLossFinding(t *testing.T) {
	steps, t0 := staleBackupSteps(t)
	env := newEnv(t)
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day), T0: t0,
		Process: process(steps...)})
	wantReason := "newest file in the directory is 3d old at T0, older than the RPO 1d: a data-loss finding; it also missed its schedule (every 1d); the copy is usable, the steps after it still run"
	if s := r.Steps[0]; s.Status != drill.StepPassed || s.Reason != wantReason {
		t.Errorf("fresh: %s %q, want passed %q", s.Status, s.Reason, wantReason)
	}
	if s := r.Steps[1]; s.Status != drill.StepPassed {
		t.Errorf("restore: %s (%s), want it run and passed", s.Status, s.Reason)
	}
	if !r.Recovered || r.Verdict != drill.Recovered {
		t.Errorf("verdict %s (%s), want recovered: the copy was restored", r.Verdict, r.Why)
	}
	wantLoss := &drill.DataLoss{Backup: "permits-copy", Age: 3 * day, RPO: day, Checked: true, Met: false,
		Text: "3d old at T0 (permits-copy), older than RPO 1d"}
	if diff := cmp.Diff(wantLoss, r.DataLoss); diff != "" {
		t.Errorf("data loss (-want +got):\n%s", diff)
	}
}

// staleBackupSteps returns backup.fresh and backup.restore of a directory
// backup (every 1d) whose only file was made 3 days before the T0 returned.
func staleBackupSteps(t *testing.T) ([]*drill.StepPlan, time.Time) {
	t.Helper()
	dir := t.TempDir()
	made := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	if err := os.WriteFile(filepath.Join(dir, "permits.csv"), []byte("id,holder\n4711,a.jansen\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(dir, "permits.csv"), made, made); err != nil {
		t.Fatal(err)
	}
	b := &drill.Backup{ID: "permits-copy", Kind: drill.Directory, Location: dir, HeldBy: "own", Every: day}
	fresh := &drill.StepPlan{ID: "fresh", Kind: drill.BackupFresh, Target: b.ID, Backup: b, Timeout: drill.Duration(time.Minute)}
	restore := &drill.StepPlan{ID: "restore", Kind: drill.BackupRestore, Target: b.ID, Backup: b, Timeout: drill.Duration(time.Minute)}
	return []*drill.StepPlan{fresh, restore}, made.Add(3 * drill.Day)
}

// TestInconclusiveStepBlocksOnlyItsDependents: a step the worker could not
// attempt is inconclusive, its dependents say so, and the process is
// inconclusive with no failed step.
func TestInconclusiveStepBlocksOnlyItsDependents(t *testing.T) {
	env := newEnv(t)
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day),
		Process: process(cmdStep("switch", "./no-such-switch.sh"), waitStep("settle", hour))})
	if r.Verdict != drill.Inconclusive || r.FailedStep != "" || r.Recovered {
		t.Fatalf("verdict %s (%s), failed step %q, recovered %v; want inconclusive, none, false", r.Verdict, r.Why, r.FailedStep, r.Recovered)
	}
	if s := r.Steps[0]; s.Status != drill.StepInconclusive || !strings.Contains(s.Reason, "cannot run ./no-such-switch.sh on this worker") {
		t.Errorf("switch: %s %q, want inconclusive naming the program", s.Status, s.Reason)
	}
	if s := r.Steps[1]; s.Status != drill.StepSkipped || s.Reason != "not run: it waits for step switch, which could not be attempted (inconclusive)" {
		t.Errorf("settle: %s %q", s.Status, s.Reason)
	}
}
