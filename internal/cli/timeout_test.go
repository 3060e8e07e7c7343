package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
)

// A step past its timeout is the step's failure, recorded once: the command
// runs once, not once per infrastructure retry, on a real server.
func TestStepTimeoutIsNotRetried(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)
	dir := t.TempDir()
	runs := filepath.Join(dir, "runs")
	files := map[string]string{
		"catalog/catalog.yaml": `apiVersion: exitdrill/v1
kind: Catalog
organisation: Timeouttest
suppliers:
  - {id: hoster, jurisdiction: NL}
applications:
  - {id: portal, supplier: hoster}
processes:
  - {id: portal-service, owner: Operations, mtpd: 7d, rto: 2d, rpo: 1d, applications: [portal], runbook: slow}
`,
		"catalog/runbooks.yaml": `apiVersion: exitdrill/v1
kind: Runbook
id: slow
steps:
  - {id: switch, action: command, command: [sh, -c, 'echo run >> "$0"; sleep 300', ` + runs + `], timeout: 2s, covers: [portal]}
`,
		"scenario.yaml": `apiVersion: exitdrill/v1
kind: Scenario
id: hoster-week
lose: {suppliers: [hoster]}
duration: 7d
mode: compressed
timeScale: 360000
`,
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := srv.cmd(t, "run", "--format", "json", "--catalog", filepath.Join(dir, "catalog"), "--scenario", filepath.Join(dir, "scenario.yaml"),
		"--id", "timeout-once", "--actor", "tester", "--reports", filepath.Join(dir, "reports"))
	var res drill.DrillResult
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Processes) != 1 || len(res.Processes[0].Steps) != 1 {
		t.Fatalf("run: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	st := res.Processes[0].Steps[0]
	if st.Status != drill.StepFailed || st.Attempts > 1 || !strings.Contains(st.Reason, "time") {
		t.Errorf("step: status %s, %d attempts, reason %q; want failed once on its timeout", st.Status, st.Attempts, st.Reason)
	}
	b, err := os.ReadFile(runs)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "run\n"); n != 1 {
		t.Errorf("the command ran %d times, want once", n)
	}
}
