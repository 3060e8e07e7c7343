package workflows

import (
	"testing"
	"time"

	"go.temporal.io/sdk/testsuite"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

func plan(mode string, outage drill.Duration, procs ...*drill.ProcessPlan) *drill.Plan {
	return &drill.Plan{DrillID: "drill-1", Organisation: "Gemeente Voorbeeldstad", Scenario: info(mode, outage), Processes: procs}
}

func proc(id string, rto, mtpd drill.Duration, steps ...*drill.StepPlan) *drill.ProcessPlan {
	p := process(steps...)
	p.ID, p.RTO, p.MTPD = id, rto, mtpd
	return p
}

func runDrill(t *testing.T, in drill.DrillInput, setup func(*testsuite.TestWorkflowEnvironment)) *drill.DrillResult {
	t.Helper()
	env := newEnv(t)
	if setup != nil {
		setup(env)
	}
	env.ExecuteWorkflow(Drill, in)
	if !env.IsWorkflowCompleted() {
		t.Fatal("drill did not complete")
	}
	if err := env.GetWorkflowError(); err != nil {
		t.Fatalf("drill error: %v", err)
	}
	r := drillResult(t, env)
	return r
}

// TestDrillScenarios runs the 1 day, 1 week and 1 month cases through the Drill
// workflow with children; time is skipped, so each takes milliseconds.
func TestDrillScenarios(t *testing.T) {
	mk := func() []*drill.ProcessPlan {
		return []*drill.ProcessPlan{
			// Recovers in 1d4h: within RTO 2d.
			proc("parkeren", 2*day, 7*day, cmdStep("switch", "true"), waitStep("settle", day), manualStep("sign-off", "process-owner", 4*hour)),
			// Cannot recover: waited-out while the outage is shorter than its MTPD of 3d.
			proc("jeugdzorg", day, 3*day, cmdStep("restore", "false")),
			// Recovers in 5d: late against RTO 3d, within MTPD 14d.
			proc("belastingen", 3*day, 14*day, waitStep("rebuild", 5*day)),
		}
	}
	tests := []struct {
		outage drill.Duration
		want   map[string]drill.Verdict
		met    bool
	}{
		// A 1 day outage ends before any of them is recovered (parkeren needs
		// 1d4h, belastingen 5d) and within every MTPD: all waited it out.
		{day, map[string]drill.Verdict{"parkeren": drill.WaitedOut, "jeugdzorg": drill.WaitedOut, "belastingen": drill.WaitedOut}, true},
		{7 * day, map[string]drill.Verdict{"parkeren": drill.Recovered, "jeugdzorg": drill.Breached, "belastingen": drill.Late}, false},
		{30 * day, map[string]drill.Verdict{"parkeren": drill.Recovered, "jeugdzorg": drill.Breached, "belastingen": drill.Late}, false},
	}
	for _, tt := range tests {
		t.Run(tt.outage.String(), func(t *testing.T) {
			start := time.Now()
			r := runDrill(t, drill.DrillInput{Plan: plan(scenarios.Compressed, tt.outage, mk()...)}, nil)
			if took := time.Since(start); took > time.Second {
				t.Errorf("a %s drill took %s of real time; time skipping should make it far quicker", tt.outage, took)
			}
			got := map[string]drill.Verdict{}
			for _, p := range r.Processes {
				got[p.Process] = p.Verdict
			}
			for id, v := range tt.want {
				if got[id] != v {
					t.Errorf("%s: verdict %s, want %s", id, got[id], v)
				}
			}
			if r.ObjectivesMet != tt.met {
				t.Errorf("objectives met = %v, want %v", r.ObjectivesMet, tt.met)
			}
		})
	}
}

// TestDataLossMissesObjectives: a process recovered from a copy older than its
// RPO is recovered in time but loses data: the drill's objectives are missed.
func TestDataLossMissesObjectives(t *testing.T) {
	steps, t0 := staleBackupSteps(t)
	r := runDrill(t, drill.DrillInput{Plan: plan(scenarios.Compressed, 30*day, proc("parkeren", 2*day, 7*day, steps...)), Started: t0}, nil)
	p := r.Processes[0]
	if p.Verdict != drill.Recovered || p.DataLoss == nil || p.DataLoss.Met {
		t.Fatalf("verdict %s (%s), data loss %+v; want recovered with data loss beyond the RPO", p.Verdict, p.Why, p.DataLoss)
	}
	if r.ObjectivesMet {
		t.Errorf("objectives met, want missed: the data loss exceeds the RPO")
	}
}

func TestDrillAbortRunsRollback(t *testing.T) {
	p := proc("parkeren", 2*day, 7*day, cmdStep("switch", "true"), waitStep("settle", day), manualStep("sign-off", "process-owner", 4*hour))
	p.Rollback = []*drill.StepPlan{cmdStep("switch-back", "true")}
	in := drill.DrillInput{Plan: plan(scenarios.Live, 30*day, p)}
	r := runDrill(t, in, func(env *testsuite.TestWorkflowEnvironment) {
		env.RegisterDelayedCallback(func() {
			env.SignalWorkflow(drill.SignalAbort, drill.Abort{Actor: "j.devries", Reason: "real incident at KPN, drill stopped"})
		}, 10*time.Minute)
	})
	if r.Abort == nil || r.Abort.Actor != "j.devries" || r.Abort.Reason != "real incident at KPN, drill stopped" {
		t.Fatalf("abort = %+v, want who and why recorded", r.Abort)
	}
	pr := r.Processes[0]
	if pr.Verdict != drill.Aborted {
		t.Errorf("verdict = %s, want aborted", pr.Verdict)
	}
	wantStatus := []drill.StepStatus{drill.StepPassed, drill.StepAborted, drill.StepSkipped}
	for i, s := range pr.Steps {
		if s.Status != wantStatus[i] {
			t.Errorf("step %s: %s, want %s", s.Step, s.Status, wantStatus[i])
		}
	}
	if len(pr.Rollback) != 1 || pr.Rollback[0].Status != drill.StepPassed {
		t.Errorf("rollback = %+v, want switch-back passed", pr.Rollback)
	}
	if r.ObjectivesMet {
		t.Error("an aborted drill cannot have met its objectives")
	}
}
