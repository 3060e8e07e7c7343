package cli

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// These tests drive the drill commands through Execute against a real embedded
// Temporal server, as a user does with `exitdrill server` running: the test
// holds the state directory and runs the worker; every command given
// --state-dir reuses that server.

const drillCatalog = "testdata/drill/catalog"

func scenarioFile(name string) string { return "testdata/drill/scenarios/" + name + ".yaml" }

// drillServer is an exitdrill server with a worker on a fresh state directory.
type drillServer struct {
	dir string
	eng *engine.Engine
}

func startDrillServer(t *testing.T) *drillServer {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	eng, err := engine.Serve(ctx, engine.Options{StateDir: dir, NoUI: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	t.Cleanup(func() { _ = eng.Close() })
	if err := eng.StartWorker(registerDrill(eng)); err != nil {
		t.Fatal(err)
	}
	return &drillServer{dir: dir, eng: eng}
}

// cmd runs an exitdrill command on the server.
func (s *drillServer) cmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return run(t, append(args, "--state-dir", s.dir)...)
}

// detach starts a drill without waiting for it.
func (s *drillServer) detach(t *testing.T, id, scenario string) {
	t.Helper()
	code, out, errs := s.cmd(t, "run", "--detach", "--catalog", drillCatalog, "--scenario", scenarioFile(scenario), "--id", id)
	if code != ExitOK || strings.TrimSpace(out) != id {
		t.Fatalf("run --detach %s: exit %d, stdout %q, stderr:\n%s", scenario, code, out, errs)
	}
}

// result waits until the drill has finished and returns `status -o json`.
func (s *drillServer) result(t *testing.T, id string) *drill.DrillResult {
	t.Helper()
	var res *drill.DrillResult
	testkit.WaitFor(t, "drill "+id+" finishes", 30*time.Second, func() bool {
		code, out, _ := s.cmd(t, "status", id, "--format", "json")
		var r drill.DrillResult
		if (code != ExitOK && code != ExitMissed && code != ExitInconclusive) || json.Unmarshal([]byte(out), &r) != nil || r.Finished.IsZero() {
			return false
		}
		res = &r
		return true
	})
	return res
}

// waitRunning waits until `status DRILL` shows the step running.
func (s *drillServer) waitRunning(t *testing.T, id, step string) {
	t.Helper()
	testkit.WaitFor(t, "drill "+id+" runs "+step, 30*time.Second, func() bool {
		code, out, _ := s.cmd(t, "status", id)
		return code == ExitOK && strings.Contains(out, "running "+step)
	})
}

// list returns `list -o json`.
func (s *drillServer) list(t *testing.T) []drillRow {
	t.Helper()
	code, out, errs := s.cmd(t, "list", "--format", "json")
	if code != ExitOK {
		t.Fatalf("list: exit %d: %s", code, errs)
	}
	var rows []drillRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("list -o json: %v\n%s", err, out)
	}
	return rows
}

// verdictRows reads the verdict table: process -> verdict.
func verdictRows(out string) map[string]string {
	rows := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if len(rows) > 0 && !strings.HasPrefix(line, "|") && !strings.HasPrefix(line, "+") {
			break // the verdict table ended; the tables after it are not verdicts
		}
		cells := strings.Split(line, "|")
		if len(cells) < 4 {
			continue
		}
		p, v := strings.TrimSpace(cells[1]), strings.TrimSpace(cells[3])
		if p != "" && p != "PROCESS" {
			rows[p] = v
		}
	}
	return rows
}

func stepByID(t *testing.T, steps []*drill.StepResult, id string) *drill.StepResult {
	t.Helper()
	for _, s := range steps {
		if s.Step == id {
			return s
		}
	}
	t.Fatalf("no step %s in the result", id)
	return nil
}

func processByID(t *testing.T, res *drill.DrillResult, id string) *drill.ProcessResult {
	t.Helper()
	for _, p := range res.Processes {
		if p.Process == id {
			return p
		}
	}
	t.Fatalf("no process %s in drill %s", id, res.DrillID)
	return nil
}

func TestDrillRunCompressed(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)
	tests := []struct {
		name     string
		scenario string
		wantCode int
		want     map[string]string // process -> verdict
		wantErr  string
	}{
		{"all recovered", "portal-compressed", ExitOK, map[string]string{"portal-service": "recovered"}, ""},
		{"objective missed", "portal-mail-compressed", ExitMissed,
			map[string]string{"portal-service": "recovered", "mail-service": "breached"}, "objectives missed for 1 process"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errs := srv.cmd(t, "run", "--catalog", drillCatalog, "--scenario", scenarioFile(tt.scenario), "--id", "text-"+tt.scenario)
			if code != tt.wantCode {
				t.Fatalf("exit code = %d, want %d; stderr:\n%s", code, tt.wantCode, errs)
			}
			if want := "Drill text-" + tt.scenario + " — "; !strings.HasPrefix(out, want) {
				t.Errorf("stdout does not start with %q:\n%s", want, out)
			}
			if diff := cmp.Diff(tt.want, verdictRows(out)); diff != "" {
				t.Errorf("verdict table (-want +got):\n%s\n%s", diff, out)
			}
			if !strings.Contains(errs, tt.wantErr) {
				t.Errorf("stderr = %q, want it to contain %q", errs, tt.wantErr)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		t.Parallel()
		code, out, errs := srv.cmd(t, "run", "--format", "json", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-mail-compressed"), "--id", "json")
		if code != ExitMissed {
			t.Fatalf("exit code = %d, want %d; stderr:\n%s", code, ExitMissed, errs)
		}
		var res drill.DrillResult
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("stdout is not a DrillResult: %v\n%s", err, out)
		}
		checkCompressedResult(t, &res)
	})
	// A tabletop scenario waits for people; --mode compressed simulates
	// them, and the result and the evidence say so.
	t.Run("mode overridden", func(t *testing.T) {
		t.Parallel()
		code, out, errs := srv.cmd(t, "run", "--format", "json", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-tabletop"),
			"--mode", "compressed", "--time-scale", "720000", "--id", "overridden")
		if code != ExitOK {
			t.Fatalf("exit code = %d, want %d; stderr:\n%s", code, ExitOK, errs)
		}
		var res drill.DrillResult
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("stdout is not a DrillResult: %v\n%s", err, out)
		}
		const note = "set for this drill: mode compressed (scenario: tabletop), time scale 720000 (scenario: 360000)"
		if sc := res.Scenario; sc.Mode != "compressed" || sc.TimeScale != 720000 || sc.Override != note {
			t.Errorf("scenario: mode %q, time scale %v, override %q; want compressed, 720000, %q", sc.Mode, sc.TimeScale, sc.Override, note)
		}
		if !strings.Contains(errs, "mode compressed") || !strings.Contains(errs, note) {
			t.Errorf("stderr = %q, want the mode used and the override", errs)
		}
	})
	t.Run("bad mode", func(t *testing.T) {
		t.Parallel()
		for _, args := range [][]string{{"--mode", "fast"}, {"--time-scale", "0"}, {"--mode", "live", "--time-scale", "60"}} {
			code, out, errs := srv.cmd(t, append([]string{"run", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-tabletop"), "--id", "never", "--actor", "tester"}, args...)...)
			if code != ExitInvalid || out != "" || !strings.Contains(errs, "allowed") && !strings.Contains(errs, "must be positive") {
				t.Errorf("run %v: exit %d, stdout %q, stderr %q; want 2 and what is allowed", args, code, out, errs)
			}
		}
	})
}

// checkCompressedResult checks a drill of portal-mail-compressed: both clocks
// and the measure of every step.
func checkCompressedResult(t *testing.T, res *drill.DrillResult) {
	t.Helper()
	if res.DrillID != "json" || res.Scenario.ID != "portal-mail-compressed" || res.Scenario.Mode != "compressed" || res.ObjectivesMet || res.Abort != nil {
		t.Errorf("drill %s, scenario %s, mode %s, objectivesMet %v, abort %v; want json, portal-mail-compressed, compressed, false, nil",
			res.DrillID, res.Scenario.ID, res.Scenario.Mode, res.ObjectivesMet, res.Abort)
	}
	portal := processByID(t, res, "portal-service")
	// Declared and simulated time: settle 4h, approve-switch 2h, confirm-service 1h.
	wantSteps := []struct {
		id, measure string
		duration    time.Duration
	}{
		{"check-dns", drill.Measured, 0}, {"settle", drill.Declared, 4 * time.Hour},
		{"approve-switch", drill.Simulated, 2 * time.Hour}, {"confirm-service", drill.Simulated, time.Hour},
		{"verify", drill.Measured, 0},
	}
	if len(portal.Steps) != len(wantSteps) {
		t.Fatalf("portal-service has %d steps, want %d", len(portal.Steps), len(wantSteps))
	}
	var clock drill.Duration
	for i, w := range wantSteps {
		s := portal.Steps[i]
		if s.Step != w.id || s.Status != drill.StepPassed || s.Measure != w.measure {
			t.Errorf("step %d: %s %s %s, want %s passed %s", i, s.Step, s.Status, s.Measure, w.id, w.measure)
		}
		if w.duration > 0 && s.Duration.Std() != w.duration {
			t.Errorf("step %s: duration %s, want %s", s.Step, s.Duration, w.duration)
		}
		if s.ScenarioStart != clock || s.ScenarioEnd != s.ScenarioStart+s.Duration {
			t.Errorf("step %s: scenario clock %s..%s (duration %s), want it to start at %s", s.Step, s.ScenarioStart, s.ScenarioEnd, s.Duration, clock)
		}
		clock = s.ScenarioEnd
		if s.WallStart.IsZero() || s.WallEnd.Before(s.WallStart) || s.WallEnd.Sub(s.WallStart) != s.Wall {
			t.Errorf("step %s: wall clock %s..%s, wall %s", s.Step, s.WallStart, s.WallEnd, s.Wall)
		}
		if s.WallStart.Before(res.Started) || s.WallEnd.After(res.Finished) {
			t.Errorf("step %s: wall clock %s..%s outside the drill's %s..%s", s.Step, s.WallStart, s.WallEnd, res.Started, res.Finished)
		}
		if s.Measure != drill.Measured && s.Wall > 10*time.Second {
			t.Errorf("step %s: %s of wall time for %s of declared time: timeScale not applied", s.Step, s.Wall, s.Duration)
		}
	}
	if a := stepByID(t, portal.Steps, "approve-switch"); a.Actor != "nobody (simulated)" || a.Role != "process-owner" {
		t.Errorf("simulated manual step: actor %q role %q", a.Actor, a.Role)
	}
	if portal.Verdict != drill.Recovered || !portal.Recovered || portal.Recovery != clock || portal.Recovery.Std() < 7*time.Hour {
		t.Errorf("portal-service: %s, recovered %v in %s (steps end at %s), want recovered in 7h and a bit", portal.Verdict, portal.Recovered, portal.Recovery, clock)
	}
	if len(portal.Rollback) != 1 || !portal.Rollback[0].Rollback || portal.Rollback[0].Status != drill.StepPassed ||
		portal.Rollback[0].ScenarioStart != clock {
		t.Errorf("portal-service rollback = %+v, want switch-back passed after the recovery", portal.Rollback)
	}

	mail := processByID(t, res, "mail-service")
	if mail.Verdict != drill.Breached || mail.Recovered || mail.FailedStep != "import" || !strings.Contains(mail.Why, "MTPD breached on day 4") {
		t.Errorf("mail-service: %s, recovered %v, failed step %q, why %q; want breached on day 4 at import", mail.Verdict, mail.Recovered, mail.FailedStep, mail.Why)
	}
	imp := stepByID(t, mail.Steps, "import")
	if imp.Status != drill.StepFailed || imp.ExitCode == nil || *imp.ExitCode != 1 || imp.Measure != drill.Measured {
		t.Errorf("import: %s exit %v %s (%s), want failed with exit code 1, measured", imp.Status, imp.ExitCode, imp.Measure, imp.Reason)
	}
	if n := stepByID(t, mail.Steps, "notify"); n.Status != drill.StepSkipped || n.Reason != "not run: it waits for step import, which failed" {
		t.Errorf("notify: %s (%s), want skipped after import", n.Status, n.Reason)
	}
	if len(mail.Rollback) != 1 || mail.Rollback[0].Step != "cleanup" || mail.Rollback[0].Status != drill.StepPassed {
		t.Errorf("mail-service rollback = %+v, want cleanup passed", mail.Rollback)
	}
}

func TestDrillBadInput(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)

	t.Run("invalid definitions start nothing", func(t *testing.T) {
		tests := []struct {
			name, catalog, scenario string
			wantErr                 []string
		}{
			{"invalid catalog", "testdata/drill/invalid", scenarioFile("portal-compressed"), []string{
				"invalid definitions, 3 problems:",
				`testdata/drill/invalid/catalog.yaml:7:28: applications[portal].supplier: value "hostr": unknown supplier (did you mean "hoster"?) (allowed: a defined supplier id: hoster)`,
				`testdata/drill/invalid/catalog.yaml:9:60: processes[portal-service].rto: value "7d": rto is longer than mtpd 2d`,
				`testdata/drill/invalid/catalog.yaml:15:5: runbook[portal-recovery].steps[settle].expected: missing required key for a wait step`,
			}},
			{"scenario foreign to the catalog", drillCatalog, "sap-1-week", []string{
				`lose.suppliers: value "sap": unknown supplier in catalog Drilltest (allowed: a supplier id of the catalog: hoster, mailer, payroller, vault)`,
			}},
		}
		for _, tt := range tests {
			code, out, errs := srv.cmd(t, "run", "--catalog", tt.catalog, "--scenario", tt.scenario, "--id", "never")
			if code != ExitInvalid || out != "" {
				t.Errorf("%s: exit code %d, stdout %q; want 2 and nothing", tt.name, code, out)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(errs, w) {
					t.Errorf("%s: stderr = %q\nwant it to contain %q", tt.name, errs, w)
				}
			}
		}
		if code, _, errs := srv.cmd(t, "status", "never"); code != ExitInvalid || !strings.Contains(errs, `no drill "never"`) {
			t.Errorf("status never: exit %d, stderr %q; want 2 and no drill", code, errs)
		}
		if rows := srv.list(t); len(rows) != 0 {
			t.Errorf("list after invalid runs = %+v, want no drills", rows)
		}
	})

	t.Run("status of an unknown drill", func(t *testing.T) {
		code, out, errs := srv.cmd(t, "status", "nope")
		if code != ExitInvalid || out != "" || !strings.Contains(errs, `exitdrill: no drill "nope" on 127.0.0.1:`) {
			t.Errorf("status nope: exit %d, stdout %q, stderr %q", code, out, errs)
		}
	})

	t.Run("step complete of a step that does not wait", func(t *testing.T) {
		srv.detach(t, "waiting", "portal-tabletop")
		waitStep(t, srv, "waiting", "approve-switch")
		tests := []struct {
			name     string
			drillID  string
			step     string
			outcome  string
			wantCode int
			wantErr  string
		}{
			{"unknown step", "waiting", "restore", "pass", ExitInvalid,
				`no step "restore" waits in drill waiting (waiting: portal-service/approve-switch)`},
			{"unknown step of a process", "waiting", "portal-service/restore", "pass", ExitInvalid,
				`process portal-service has no step "restore" (waiting: approve-switch)`},
			{"step not waiting yet", "waiting", "confirm-service", "pass", ExitInvalid,
				`no step "confirm-service" waits in drill waiting (waiting: portal-service/approve-switch)`},
			{"step of a process not waiting yet", "waiting", "portal-service/confirm-service", "pass", ExitInvalid,
				`step confirm-service of process portal-service is not waiting for a person (waiting: approve-switch)`},
			{"unknown outcome", "waiting", "approve-switch", "maybe", ExitInvalid, `outcome "maybe": allowed are pass and fail`},
			{"unknown drill", "nope", "approve-switch", "pass", ExitInvalid, `no drill "nope" on 127.0.0.1:`},
			{"unknown process", "waiting", "nope/approve-switch", "pass", ExitInvalid,
				"complete nope/approve-switch: drill waiting runs no process nope (waiting: portal-service/approve-switch)"},
		}
		for _, tt := range tests {
			code, out, errs := srv.cmd(t, "step", "complete", tt.drillID, tt.step, "--role", "process-owner", "--outcome", tt.outcome, "--actor", "tester")
			if code != tt.wantCode || out != "" || !strings.Contains(errs, tt.wantErr) {
				t.Errorf("%s: exit %d, stdout %q, stderr %q; want %d and %q", tt.name, code, out, errs, tt.wantCode, tt.wantErr)
			}
		}
		// Nothing was recorded: the step still waits.
		waitStep(t, srv, "waiting", "approve-switch")
	})
}

// waitStep polls `steps DRILL -o json` until step waits, and returns it.
func waitStep(t *testing.T, srv *drillServer, drillID, step string) waitingStep {
	t.Helper()
	var got waitingStep
	testkit.WaitFor(t, "step "+step+" of drill "+drillID+" waits", 30*time.Second, func() bool {
		code, out, _ := srv.cmd(t, "steps", drillID, "--format", "json")
		var ws []waitingStep
		if code != ExitOK || json.Unmarshal([]byte(out), &ws) != nil {
			return false
		}
		for _, w := range ws {
			if w.Step == step {
				got = w
				return true
			}
		}
		return false
	})
	return got
}

func TestDrillManualStepsTabletop(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)
	srv.detach(t, "tabletop", "portal-tabletop")

	w := waitStep(t, srv, "tabletop", "approve-switch")
	want := waitingStep{Drill: "tabletop", Scenario: "portal-tabletop", Mode: "tabletop", Waiting: drill.Waiting{Process: "portal-service", Step: "approve-switch", Role: "process-owner",
		Instructions: "Confirm that the portal answers on the standby host.", Expected: drill.Duration(2 * time.Hour),
		Limit: drill.Duration(6 * time.Hour), Next: []string{"confirm-service"}}}
	w.Since = time.Time{}
	if diff := cmp.Diff(want, w); diff != "" {
		t.Errorf("waiting step (-want +got):\n%s", diff)
	}

	// The bare step id names the step when one process waits for it.
	code, out, errs := srv.cmd(t, "step", "complete", "tabletop", "approve-switch", "--role", "process-owner", "--outcome", "pass",
		"--note", "standby answers on 443", "--actor", "tester")
	if wantOut := "portal-service/approve-switch passed by tester (process-owner), declared 2h on the scenario clock\n"; code != ExitOK || out != wantOut {
		t.Fatalf("step complete approve-switch: exit %d, stdout %q, stderr %q; want 0 and %q", code, out, errs, wantOut)
	}

	waitStep(t, srv, "tabletop", "confirm-service")
	code, out, errs = srv.cmd(t, "step", "complete", "tabletop", "portal-service/confirm-service", "--role", "process-owner", "--outcome", "pass", "--actor", "tester")
	if wantErr := `step confirm-service waits for role service-desk, not "process-owner"`; code != ExitInvalid || out != "" || !strings.Contains(errs, wantErr) {
		t.Errorf("wrong role: exit %d, stdout %q, stderr %q; want 2 and %q", code, out, errs, wantErr)
	}
	// PROCESS/STEP names it as well; -o json gives the step's result.
	code, out, errs = srv.cmd(t, "step", "complete", "tabletop", "portal-service/confirm-service", "--role", "service-desk", "--outcome", "pass",
		"--note", "three citizens logged in", "--actor", "desk", "--format", "json")
	var sr drill.StepResult
	if code != ExitOK || json.Unmarshal([]byte(out), &sr) != nil {
		t.Fatalf("step complete confirm-service: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if sr.Status != drill.StepPassed || sr.Actor != "desk" || sr.Account != osAccount() || sr.Measure != drill.Declared || sr.Duration.Std() != time.Hour {
		t.Errorf("confirm-service result: %s by %s (OS account %q), %s %s; want passed by desk beside OS account %q, declared 1h",
			sr.Status, sr.Actor, sr.Account, sr.Measure, sr.Duration, osAccount())
	}

	res := srv.result(t, "tabletop")
	p := processByID(t, res, "portal-service")
	if !res.ObjectivesMet || p.Verdict != drill.Recovered || p.Recovery.Std() < 7*time.Hour || p.Recovery.Std() > 8*time.Hour {
		t.Errorf("drill: objectives met %v, portal-service %s in %s; want recovered in 7h and a bit", res.ObjectivesMet, p.Verdict, p.Recovery)
	}
	for _, w := range []struct{ step, actor, role, note string }{
		{"approve-switch", "tester", "process-owner", "standby answers on 443"},
		{"confirm-service", "desk", "service-desk", "three citizens logged in"},
	} {
		s := stepByID(t, p.Steps, w.step)
		if s.Status != drill.StepPassed || s.Actor != w.actor || s.Role != w.role || s.Note != w.note || s.Measure != drill.Declared {
			t.Errorf("%s: %s by %q (%s), note %q, %s; want passed by %q (%s), note %q, declared", w.step, s.Status, s.Actor, s.Role, s.Note, s.Measure,
				w.actor, w.role, w.note)
		}
	}
	if code, out, _ := srv.cmd(t, "status", "tabletop"); code != ExitOK || verdictRows(out)["portal-service"] != "recovered" {
		t.Errorf("status tabletop: exit %d:\n%s", code, out)
	}
}

// checkAborted checks a drill stopped by an abort: its record, the skipped
// steps and the rollback.
func checkAborted(t *testing.T, res *drill.DrillResult, want drill.Abort, process, stopped string, skipped []string, rollback []string) {
	t.Helper()
	if res.Abort == nil || *res.Abort != want || res.ObjectivesMet {
		t.Errorf("drill %s: abort %+v, objectives met %v; want %+v, false", res.DrillID, res.Abort, res.ObjectivesMet, want)
	}
	p := processByID(t, res, process)
	if p.Verdict != drill.Aborted {
		t.Errorf("%s: verdict %s (%s), want aborted", process, p.Verdict, p.Why)
	}
	if s := stepByID(t, p.Steps, stopped); s.Status != drill.StepAborted || s.Wall > 10*time.Second {
		t.Errorf("%s: %s after %s (%s), want aborted at once", stopped, s.Status, s.Wall, s.Reason)
	}
	for _, id := range skipped {
		if s := stepByID(t, p.Steps, id); s.Status != drill.StepSkipped || s.Reason != "not run: the drill was aborted" {
			t.Errorf("%s: %s (%s), want skipped because of the abort", id, s.Status, s.Reason)
		}
	}
	var ran []string
	for _, s := range p.Rollback {
		if s.Status != drill.StepPassed || !s.Rollback {
			t.Errorf("rollback step %s: %s (%s), want passed", s.Step, s.Status, s.Reason)
		}
		ran = append(ran, s.Step)
	}
	if diff := cmp.Diff(rollback, ran); diff != "" {
		t.Errorf("rollback steps (-want +got):\n%s", diff)
	}
}

func TestDrillAbort(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)
	srv.detach(t, "archive", "archive-live")
	srv.waitRunning(t, "archive", "restore") // sh -c "sleep 30"

	start := time.Now()
	code, out, errs := srv.cmd(t, "abort", "archive", "--reason", "restore hangs", "--actor", "tester")
	took := time.Since(start)
	t.Logf("abort returned after %s", took.Round(time.Millisecond))
	if code != ExitOK || !strings.HasPrefix(out, "archive stopped by tester after ") {
		t.Fatalf("abort: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if took > 5*time.Second {
		t.Errorf("abort took %s, want < 5s", took)
	}
	res := srv.result(t, "archive")
	checkAborted(t, res, drill.Abort{Actor: "tester", Account: osAccount(), Reason: "restore hangs"}, "archive-service", "restore",
		[]string{"verify"}, []string{"discard", "release"})
	if s := stepByID(t, processByID(t, res, "archive-service").Steps, "prepare"); s.Status != drill.StepPassed {
		t.Errorf("prepare: %s, want passed before the abort", s.Status)
	}
	if code, out, _ := srv.cmd(t, "status", "archive"); code != ExitMissed || !strings.Contains(out, "ABORTED by "+drill.Who("tester", osAccount())+": restore hangs") ||
		verdictRows(out)["archive-service"] != "aborted" {
		t.Errorf("status archive: exit %d:\n%s", code, out)
	}
	if code, _, errs := srv.cmd(t, "abort", "nope", "--reason", "x"); code != ExitInvalid || !strings.Contains(errs, `no drill "nope" on 127.0.0.1:`) {
		t.Errorf("abort nope: exit %d, stderr %q; want 2", code, errs)
	}
}

func TestDrillStopAll(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)
	srv.detach(t, "stop-archive", "archive-live") // blocked in sh -c "sleep 30"
	srv.detach(t, "stop-payroll", "payroll-live") // blocked in a real 1-day wait
	srv.waitRunning(t, "stop-archive", "restore")
	srv.waitRunning(t, "stop-payroll", "await-bank")
	// stop-all finds running drills through visibility, which may lag a little.
	testkit.WaitFor(t, "list shows both drills running", 30*time.Second, func() bool {
		n := 0
		for _, r := range srv.list(t) {
			if r.Workflow == "running" {
				n++
			}
		}
		return n == 2
	})

	// A schedule that would start a new drill three minutes later.
	if code, out, errs := srv.cmd(t, "schedule", "create", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-mail-compressed"),
		"--cron", "*/3 * * * *", "--id", "every-3-min", "--actor", "carla"); code != ExitOK {
		t.Fatalf("schedule create: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	ctx := context.Background()
	testkit.WaitFor(t, "the schedule is listed", 30*time.Second, func() bool {
		it, err := srv.eng.Client.ScheduleClient().List(ctx, client.ScheduleListOptions{})
		return err == nil && it.HasNext()
	})

	start := time.Now()
	code, out, errs := srv.cmd(t, "stop-all", "--reason", "real incident", "--actor", "tester")
	took := time.Since(start)
	t.Logf("stop-all of 2 drills returned after %s", took.Round(time.Millisecond))
	if code != ExitOK || !strings.Contains(out, "stop-archive stopped by tester") || !strings.Contains(out, "stop-payroll stopped by tester") ||
		!strings.Contains(out, "paused 1 schedule until a person resumes them: every-3-min") {
		t.Fatalf("stop-all: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	d, err := srv.eng.Client.ScheduleClient().GetHandle(ctx, "every-3-min").Describe(ctx)
	if err != nil || !d.Schedule.State.Paused || d.Schedule.State.Note != "emergency stop by "+drill.Who("tester", osAccount())+": real incident" {
		t.Errorf("schedule after the emergency stop: %v, %+v; want paused with the stop's actor and reason", err, d)
	}
	if took > 5*time.Second {
		t.Errorf("stop-all took %s, want < 5s", took)
	}
	want := drill.Abort{Actor: "tester", Account: osAccount(), Reason: "real incident", Emergency: true}
	checkAborted(t, srv.result(t, "stop-archive"), want, "archive-service", "restore", []string{"verify"}, []string{"discard", "release"})
	checkAborted(t, srv.result(t, "stop-payroll"), want, "payroll-service", "await-bank", []string{"verify"}, []string{"restore-schedule"})

	if code, out, _ := srv.cmd(t, "stop-all", "--reason", "again"); code != ExitOK || out != "paused 1 schedule until a person resumes them: every-3-min\nno drill is running\n" {
		t.Errorf("stop-all with nothing running: exit %d, stdout %q", code, out)
	}
}

// nextQuarter is when "0 9 1 */3 *" read in loc fires next.
func nextQuarter(now time.Time, loc *time.Location) time.Time {
	now = now.In(loc)
	for m := time.Date(now.Year(), now.Month(), 1, 9, 0, 0, 0, loc); ; m = m.AddDate(0, 1, 0) {
		if (m.Month()-1)%3 == 0 && m.After(now) {
			return m
		}
	}
}

// outcome is what must be equal in two drills of the same plan: everything
// but ids, times and measured durations.
type outcome struct {
	Process, FailedStep string
	Verdict             drill.Verdict
	Recovered           bool
	Steps, Rollback     []string // step status measure [declared duration]
}

func outcomes(res *drill.DrillResult) []outcome {
	step := func(s *drill.StepResult) string {
		out := s.Step + " " + string(s.Status) + " " + s.Measure
		if s.Measure != drill.Measured {
			out += " " + s.Duration.String()
		}
		return out
	}
	var out []outcome
	for _, p := range res.Processes {
		o := outcome{Process: p.Process, FailedStep: p.FailedStep, Verdict: p.Verdict, Recovered: p.Recovered}
		for _, s := range p.Steps {
			o.Steps = append(o.Steps, step(s))
		}
		for _, s := range p.Rollback {
			o.Rollback = append(o.Rollback, step(s))
		}
		out = append(out, o)
	}
	return out
}

func TestDrillSchedule(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)

	// Without --tz the cron is read in the local time zone, and stderr says which.
	zone, loc := localZone(t)
	_, from := drillops.LocalZone()
	code, out, errs := srv.cmd(t, "schedule", "create", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-mail-compressed"),
		"--cron", "0 9 1 */3 *", "--id", "quarterly", "--note", "every quarter", "--actor", "carla")
	next := nextQuarter(time.Now(), loc)
	wantOut := "schedule quarterly created: portal-mail-compressed on Drilltest (0 9 1 */3 * " + zone + "), next drill " + next.Format("2006-01-02 15:04 -07:00") + "\n"
	if code != ExitOK || out != wantOut {
		t.Fatalf("schedule create: exit %d, stdout %q, stderr %q; want 0 and %q", code, out, errs, wantOut)
	}
	if wantErr := "cron read in the time zone " + zone + " (" + from + "); --tz names another"; !strings.Contains(errs, wantErr) {
		t.Errorf("schedule create without --tz: stderr %q; want %q", errs, wantErr)
	}

	schedules := func() map[string]scheduleRow { return srv.schedulesJSON(t) }
	var row scheduleRow
	testkit.WaitFor(t, "schedule list shows quarterly", 30*time.Second, func() bool {
		var ok bool
		row, ok = schedules()["quarterly"]
		return ok
	})
	if row.Paused || row.Note != "every quarter" || row.By != "carla" || !slices.Equal(row.Spec, []string{"0 9 1 */3 *"}) || len(row.Next) == 0 || !row.Next[0].Equal(next) ||
		row.TimeZone != zone || row.Scenario != "portal-mail-compressed" {
		t.Errorf("schedule list: %+v; want not paused, note, cron 0 9 1 */3 *, zone %s, scenario portal-mail-compressed, next %s", row, zone, next)
	}

	// schedule trigger starts the schedule's drill now and prints its id.
	code, out, errs = srv.cmd(t, "schedule", "trigger", "quarterly")
	scheduled := strings.TrimSuffix(out, "\n")
	if code != ExitOK || !strings.HasPrefix(scheduled, "quarterly-") || strings.Contains(scheduled, "\n") {
		t.Fatalf("schedule trigger: exit %d, stdout %q, stderr %q; want 0 and the id quarterly-TIMESTAMP", code, out, errs)
	}
	// A scheduled drill is the same Drill workflow as one started by hand.
	code, out, errs = srv.cmd(t, "run", "--format", "json", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-mail-compressed"), "--id", "by-hand")
	var byHand drill.DrillResult
	if code != ExitMissed || json.Unmarshal([]byte(out), &byHand) != nil {
		t.Fatalf("run by hand: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	res := srv.result(t, scheduled)
	if res.DrillID != scheduled || !strings.HasPrefix(scheduled, "quarterly-") || !cmp.Equal(res.Scenario, byHand.Scenario) || res.Started.IsZero() {
		t.Errorf("scheduled drill %s: id %s, scenario %+v, started %s; want its workflow id, the scenario %+v", scheduled, res.DrillID, res.Scenario,
			res.Started, byHand.Scenario)
	}
	if got := outcomes(&byHand); len(got) != 2 || got[1].Verdict != drill.Breached {
		t.Fatalf("drill by hand: %+v, want portal-service and a breached mail-service", got)
	}
	if diff := cmp.Diff(outcomes(&byHand), outcomes(res)); diff != "" {
		t.Errorf("scheduled drill differs from the one by hand (-by hand +scheduled):\n%s", diff)
	}
	// The evidence says who started each drill and why: the schedule and its
	// creator, or the user who ran it (no --actor: $EXITDRILL_ACTOR, the OS account).
	who, account, err := actor("")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		res             *drill.DrillResult
		startedBy, note string
	}{
		{res, "schedule quarterly (created by carla)", "every quarter"},
		{&byHand, who, ""},
	} {
		if tt.res.Evidence == nil || tt.res.Evidence.Error != "" {
			t.Errorf("drill %s wrote no evidence: %+v", tt.res.DrillID, tt.res.Evidence)
			continue
		}
		b, err := evidence.Load(os.DirFS(tt.res.Evidence.Dir))
		if err != nil {
			t.Fatal(err)
		}
		if b.StartedBy != tt.startedBy || b.Note != tt.note || b.Account != account {
			t.Errorf("evidence of drill %s: started by %q, note %q, OS account %q; want %q, %q, %q", tt.res.DrillID, b.StartedBy, b.Note, b.Account,
				tt.startedBy, tt.note, account)
		}
	}
	// status ends with it too (text output only).
	// The name typed with --actor stands beside the OS account that typed it.
	if _, out, _ := srv.cmd(t, "status", scheduled); !strings.HasSuffix(out, "\nStarted by schedule quarterly (created by carla) (OS account "+account+"): every quarter\n") {
		t.Errorf("status %s does not end with who started it:\n%s", scheduled, out)
	}
	if _, out, _ := srv.cmd(t, "status", scheduled, "--format", "json"); strings.Contains(out, "Started by") {
		t.Errorf("status -o json has the text line:\n%s", out)
	}
	testkit.WaitFor(t, "list shows the scheduled drill with its search attributes", 30*time.Second, func() bool {
		for _, r := range srv.list(t) {
			if r.ID == scheduled {
				return r.Scenario == "portal-mail-compressed" && r.Status == "objectives-missed"
			}
		}
		return false
	})

	// schedule list shows the last result, in the schedule's zone.
	row = schedules()["quarterly"]
	if l := row.Last; l == nil || l.Drill != scheduled || l.Status != "objectives-missed" || l.At.Sub(res.Started).Abs() > time.Minute {
		t.Errorf("schedule list: last result %+v; want %s objectives-missed, started about %s", row.Last, scheduled, res.Started)
	} else {
		_, cells := tableRow(func() string { _, out, _ := srv.cmd(t, "schedule", "list"); return out }(), "quarterly")
		if want := "objectives-missed " + l.At.In(loc).Format("2006-01-02 15:04"); len(cells) != len(scheduleHeader) || cells[5] != want {
			t.Errorf("schedule list: row %q; want LAST RESULT %q", cells, want)
		}
	}

	if code, out, errs := srv.cmd(t, "schedule", "pause", "quarterly", "--note", "holidays"); code != ExitOK || out != "schedule quarterly paused\n" {
		t.Fatalf("schedule pause: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	testkit.WaitFor(t, "schedule list shows quarterly paused", 30*time.Second, func() bool {
		r := schedules()["quarterly"]
		return r.Paused && r.Note == "every quarter" && r.Pause != nil && *r.Pause == drillops.Pause{By: who, Why: "holidays"}
	})
	if _, out, _ := srv.cmd(t, "schedule", "list"); !strings.Contains(out, "every quarter (created by carla); paused by "+who+": holidays") {
		t.Errorf("schedule list does not say who paused quarterly and why, beside its note:\n%s", out)
	}
	// A paused schedule is triggered only with --even-paused.
	if code, out, errs := srv.cmd(t, "schedule", "trigger", "quarterly"); code != ExitInvalid || out != "" ||
		!strings.Contains(errs, "schedule quarterly is paused by "+who+": holidays: resume it (exitdrill schedule pause quarterly --resume) or add --even-paused") {
		t.Errorf("trigger a paused schedule: exit %d, stdout %q, stderr %q; want 2", code, out, errs)
	}
	if code, out, errs := srv.cmd(t, "schedule", "trigger", "quarterly", "--even-paused"); code != ExitOK || !strings.HasPrefix(out, "quarterly-") || out == scheduled+"\n" {
		t.Errorf("trigger --even-paused: exit %d, stdout %q, stderr %q; want a new drill id", code, out, errs)
	}
	if code, out, errs := srv.cmd(t, "schedule", "trigger", "nope"); code != ExitInvalid || out != "" ||
		!strings.Contains(errs, `no schedule "nope"; the schedules are: quarterly`) {
		t.Errorf("trigger an unknown schedule: exit %d, stdout %q, stderr %q; want 2 listing quarterly", code, out, errs)
	}
	if code, out, errs := srv.cmd(t, "schedule", "delete", "quarterly"); code != ExitOK || out != "schedule quarterly deleted\n" {
		t.Fatalf("schedule delete: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	testkit.WaitFor(t, "schedule list drops quarterly", 30*time.Second, func() bool {
		_, ok := schedules()["quarterly"]
		return !ok
	})
	if code, _, errs := srv.cmd(t, "schedule", "delete", "quarterly"); code != ExitInvalid || !strings.Contains(errs, "schedule quarterly: ") {
		t.Errorf("delete again: exit %d, stderr %q; want 2", code, errs)
	}
	if code, _, errs := srv.cmd(t, "schedule", "trigger", "quarterly"); code != ExitInvalid || !strings.Contains(errs, `no schedule "quarterly"; there are no schedules`) {
		t.Errorf("trigger a deleted schedule: exit %d, stderr %q; want 2", code, errs)
	}
}

func TestDrillList(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)
	if code, out, _ := srv.cmd(t, "list", "--format", "json"); code != ExitOK || out != "[]\n" {
		t.Fatalf("list on a new server: exit %d, stdout %q; want an empty list", code, out)
	}
	srv.detach(t, "met", "portal-compressed")
	srv.detach(t, "missed", "portal-mail-compressed")
	srv.detach(t, "stopped", "archive-live")
	srv.waitRunning(t, "stopped", "restore")
	if code, _, errs := srv.cmd(t, "abort", "stopped", "--reason", "enough", "--actor", "tester"); code != ExitOK {
		t.Fatalf("abort: exit %d: %s", code, errs)
	}
	want := []drillRow{
		{ID: "met", Scenario: "portal-compressed", Status: "objectives-met", Workflow: "completed"},
		{ID: "missed", Scenario: "portal-mail-compressed", Status: "objectives-missed", Workflow: "completed"},
		{ID: "stopped", Scenario: "archive-live", Status: "aborted", Workflow: "completed"},
	}
	var got []drillRow
	done := testkit.Poll(30*time.Second, func() bool {
		got = nil
		for _, r := range srv.list(t) {
			if r.Started.IsZero() || r.Closed.Before(r.Started) {
				return false
			}
			r.Started, r.Closed = time.Time{}, time.Time{}
			got = append(got, r)
		}
		slices.SortFunc(got, func(a, b drillRow) int { return strings.Compare(a.ID, b.ID) })
		return cmp.Equal(want, got)
	})
	if !done {
		t.Errorf("list -o json within 30s (-want +got):\n%s", cmp.Diff(want, got))
	}
}
