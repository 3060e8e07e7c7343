package cli

import (
	"os"
	"strings"
	"testing"
)

const failOnCatalog = "testdata/failon/catalog"

func failOnScenario(name string) string { return "testdata/failon/scenarios/" + name + ".yaml" }

// run exits 3 only when a critical process missed its objectives; a
// non-critical one that missed them is printed and reported on stderr, and
// fails the drill only under --fail-on missed. status exits as run did.
func TestRunFailOn(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)
	tests := []struct {
		name     string
		scenario string
		failOn   []string
		wantCode int
		want     map[string]string // process -> verdict in the table
		wantErr  string
	}{
		{"non-critical miss exits 0", "noncritical-miss", nil, ExitOK,
			map[string]string{"portal-service": "recovered", "newsletter-service": "breached"},
			"objectives missed for 1 process: newsletter-service (not critical); exit 0: only a critical process fails the drill (--fail-on missed fails on any)"},
		{"critical miss exits 3", "critical-miss", nil, ExitMissed,
			map[string]string{"portal-service": "recovered", "billing-service": "breached"},
			"objectives missed for 1 process: billing-service\n"},
		{"--fail-on missed fails on the non-critical miss", "noncritical-miss", []string{"--fail-on", "missed"}, ExitMissed,
			map[string]string{"portal-service": "recovered", "newsletter-service": "breached"},
			"objectives missed for 1 process: newsletter-service (not critical)\n"},
		{"--fail-on critical,missed is missed", "noncritical-miss", []string{"--fail-on", "critical,missed"}, ExitMissed,
			map[string]string{"portal-service": "recovered", "newsletter-service": "breached"},
			"objectives missed for 1 process: newsletter-service (not critical)\n"},
		// Not recovered when the 1 day outage ends, within its MTPD of 3d:
		// waited out, which keeps the objectives, so not a miss.
		{"critical waited-out exits 0", "waited-out", nil, ExitOK,
			map[string]string{"portal-service": "recovered", "billing-service": "waited-out"}, ""},
		{"inconclusive exits 4", "inconclusive", []string{"--allow-inconclusive"}, ExitInconclusive,
			map[string]string{"portal-service": "recovered", "tool-service": "inconclusive"},
			"inconclusive for 1 process: tool-service: steps could not be attempted on the worker"},
		{"--fail-on inconclusive exits 3", "inconclusive", []string{"--allow-inconclusive", "--fail-on", "inconclusive"}, ExitMissed,
			map[string]string{"portal-service": "recovered", "tool-service": "inconclusive"},
			"inconclusive for 1 process: tool-service (--fail-on inconclusive)"},
		// half-service needs front and back; its runbook brings back front
		// only: every step passes, and still nothing shows back comes back.
		{"unproven exits 4", "unproven", nil, ExitInconclusive,
			map[string]string{"portal-service": "recovered", "half-service": "unproven"},
			"unproven for 1 process: half-service: their runbooks leave a lost application uncovered"},
		{"--fail-on unproven exits 3", "unproven", []string{"--fail-on", "unproven"}, ExitMissed,
			map[string]string{"portal-service": "recovered", "half-service": "unproven"},
			"unproven for 1 process: half-service (--fail-on unproven)"},
		{"--fail-on inconclusive does not fail on unproven", "unproven", []string{"--fail-on", "inconclusive"}, ExitInconclusive,
			map[string]string{"portal-service": "recovered", "half-service": "unproven"},
			"unproven for 1 process: half-service"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			id := "failon-" + string(rune('a'+i))
			args := append([]string{"run", "--catalog", failOnCatalog, "--scenario", failOnScenario(tt.scenario), "--id", id, "--actor", "tester"}, tt.failOn...)
			code, out, errs := srv.cmd(t, args...)
			if code != tt.wantCode {
				t.Fatalf("exit code = %d, want %d; stderr:\n%s", code, tt.wantCode, errs)
			}
			if got := verdictRows(out); len(got) != len(tt.want) || got["portal-service"] != "recovered" {
				t.Errorf("verdict table %v, want %v:\n%s", got, tt.want, out)
			}
			for p, v := range tt.want {
				if got := verdictRows(out)[p]; got != v {
					t.Errorf("%s: verdict %q, want %q:\n%s", p, got, v, out)
				}
			}
			if tt.scenario == "unproven" && !strings.Contains(out, "Lost applications not shown to come back") ||
				tt.scenario == "unproven" && !strings.Contains(out, "| back             | -              | not covered: nothing in the runbook shows that it comes back |") {
				t.Errorf("run does not list back as not covered:\n%s", out)
			}
			if tt.wantErr == "" && strings.Contains(errs, "objectives missed") {
				t.Errorf("stderr says objectives were missed:\n%s", errs)
			}
			if !strings.Contains(errs, "drill "+id+": "+tt.wantErr) && tt.wantErr != "" {
				t.Errorf("stderr does not say %q:\n%s", "drill "+id+": "+tt.wantErr, errs)
			}
			// status judges the finished drill the same way.
			statusArgs := []string{"status", id}
			for _, a := range tt.failOn {
				if a != "--allow-inconclusive" { // a flag of run only
					statusArgs = append(statusArgs, a)
				}
			}
			code, _, serrs := srv.cmd(t, statusArgs...)
			if code != tt.wantCode || tt.wantErr != "" && !strings.Contains(serrs, "drill "+id+": "+tt.wantErr) {
				t.Errorf("status %s %v: exit %d, stderr %q; want %d and %q", id, tt.failOn, code, serrs, tt.wantCode, tt.wantErr)
			}
		})
	}
}

// A command step whose executable does not exist on the worker: run refuses
// at the preflight with exit 2, naming the step, and starts nothing; with
// --allow-inconclusive the drill runs, the process is inconclusive, exit 4.
// A drill whose steps are all there says one quiet line.
func TestRunPreflight(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)
	args := []string{"run", "--catalog", failOnCatalog, "--scenario", failOnScenario("inconclusive"), "--actor", "tester"}
	code, out, errs := srv.cmd(t, append(args, "--id", "refused")...)
	if code != ExitInvalid || out != "" {
		t.Fatalf("run: exit %d, stdout %q; want 2 and nothing; stderr:\n%s", code, out, errs)
	}
	wantErr := "preflight: tool-service/switch (command): cannot run /nonexistent/exitdrill-switch-tool on this worker: /nonexistent/exitdrill-switch-tool does not exist\n" +
		"exitdrill: preflight: 1 of 2 steps cannot be attempted on this worker: nothing was started (fix the worker, or start the drill anyway with --allow-inconclusive: that step ends inconclusive)\n"
	if errs != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", errs, wantErr)
	}
	if rows := srv.list(t); len(rows) != 0 {
		t.Fatalf("list after a refused preflight = %+v, want no drills", rows)
	}

	code, out, errs = srv.cmd(t, append(args, "--id", "allowed", "--allow-inconclusive")...)
	if code != ExitInconclusive {
		t.Fatalf("run --allow-inconclusive: exit %d, want 4; stderr:\n%s", code, errs)
	}
	if got := verdictRows(out)["tool-service"]; got != "inconclusive" {
		t.Errorf("tool-service: verdict %q, want inconclusive:\n%s", got, out)
	}
	if want := "preflight: 1 of 2 steps cannot be attempted on this worker; going on (--allow-inconclusive): that step ends inconclusive"; !strings.Contains(errs, want) {
		t.Errorf("stderr does not say %q:\n%s", want, errs)
	}

	code, _, errs = srv.cmd(t, "run", "--catalog", failOnCatalog, "--scenario", failOnScenario("critical-miss"), "--actor", "tester", "--id", "ready")
	if code != ExitMissed || !strings.Contains(errs, "preflight: 2 steps ready\n") {
		t.Errorf("run critical-miss: exit %d, want 3 and one preflight line; stderr:\n%s", code, errs)
	}
}

// A --fail-on value that is unknown is refused before anything is read or
// started.
func TestFailOnRefused(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"run unknown", []string{"run", "--fail-on", "sometimes"},
			`exitdrill: --fail-on "sometimes": unknown; allowed: critical, missed, inconclusive, unproven` + "\n"},
		{"run misspelt", []string{"run", "--fail-on", "missed,unprovn"},
			`exitdrill: --fail-on "unprovn": unknown; allowed: critical, missed, inconclusive, unproven` + "\n"},
		{"run empty", []string{"run", "--fail-on", ""},
			"exitdrill: --fail-on is empty; allowed: critical, missed, inconclusive, unproven\n"},
		{"status unknown", []string{"status", "some-drill", "--fail-on", "late"},
			`exitdrill: --fail-on "late": unknown; allowed: critical, missed, inconclusive, unproven` + "\n"},
		{"status without a drill", []string{"status", "--fail-on", "missed"},
			"exitdrill: --fail-on judges one finished drill: name it, exitdrill status DRILL --fail-on ...\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			state := t.TempDir()
			args := append(tt.args, "--state-dir", state)
			if tt.args[0] == "run" {
				args = append(args, "--catalog", failOnCatalog, "--scenario", failOnScenario("critical-miss"), "--actor", "tester")
			}
			code, out, errs := run(t, args...)
			if code != ExitInvalid || out != "" || errs != tt.wantErr {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing and %q", code, out, errs, tt.wantErr)
			}
			if entries, _ := os.ReadDir(state); len(entries) != 0 {
				t.Errorf("the state directory was used: %v", entries)
			}
		})
	}
}
