//go:build integration

package integration

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// cli runs the exitdrill client on the host against the server container.
func (e *env) cli(args ...string) (string, string, int) {
	e.t.Helper()
	args = append(args, "--address", e.address())
	if e.namespace != "" {
		args = append(args, "--namespace", e.namespace)
	}
	cmd := exec.Command(hostBinary, args...)
	cmd.Env = append(append(os.Environ(), "EXITDRILL_STATE_DIR="+e.t.TempDir()), e.tlsEnv()...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		e.t.Fatalf("run exitdrill: %v", err)
	}
	return out.String(), errb.String(), code
}

// startDrill starts a drill of the suite's catalog (or catalogDir) and
// returns its id.
func (e *env) startDrill(catalogDir, scenario string) string {
	e.t.Helper()
	out, stderr, code := e.cli("run", "--detach", "--catalog", catalogDir, "--scenario", scenario)
	if code != 0 {
		e.t.Fatalf("exitdrill run --detach: exit %d\n%s", code, stderr)
	}
	return strings.TrimSpace(out)
}

// status returns the drill's result so far; ok is false while the server
// does not answer (it may be restarting).
func (e *env) status(id string) (*drill.DrillResult, bool) {
	e.t.Helper()
	out, _, code := e.cli("status", id, "--format", "json")
	if code != 0 && code != 3 && code != 4 { // 3: objectives missed, 4: inconclusive
		return nil, false
	}
	var res drill.DrillResult
	if json.Unmarshal([]byte(out), &res) != nil {
		return nil, false
	}
	return &res, true
}

// progress returns the running drill's progress; ok is false when the drill
// is not running or the server does not answer.
func (e *env) progress(id string) (*drill.DrillProgress, bool) {
	e.t.Helper()
	out, _, code := e.cli("status", id, "--format", "json")
	if code != 0 {
		return nil, false
	}
	var p drill.DrillProgress
	if json.Unmarshal([]byte(out), &p) != nil || p.Status == "" {
		return nil, false
	}
	return &p, true
}

// result waits for the drill to finish and returns its result.
func (e *env) result(id string, within time.Duration) *drill.DrillResult {
	e.t.Helper()
	deadline := time.Now().Add(within)
	for {
		r, ok := e.status(id)
		if ok && len(r.Processes) > 0 && !r.Finished.IsZero() {
			return r
		}
		if time.Now().After(deadline) {
			// Say where it stands: the drill's status and steps as a person sees them.
			out, stderr, code := e.cli("status", id)
			steps, _, _ := e.cli("steps", id)
			e.t.Fatalf("drill %s did not finish within %s; status (exit %d):\n%s%s\nsteps:\n%s", id, within, code, out, stderr, steps)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// assertRecovered checks the drill's verdict and that every step of the
// process passed and appears exactly once in its result, then that the
// evidence bundle agrees (assertEvidence).
func (e *env) assertRecovered(res *drill.DrillResult, process string, steps ...string) {
	e.t.Helper()
	var p *drill.ProcessResult
	for _, pr := range res.Processes {
		if pr.Process == process {
			p = pr
		}
	}
	if p == nil {
		e.t.Fatalf("process %s is not in the drill's result", process)
	}
	count := map[string]int{}
	for _, s := range p.Steps {
		count[s.Step]++
		if s.Status != drill.StepPassed {
			e.t.Errorf("step %s: %s (%s)", s.Step, s.Status, s.Reason)
		}
	}
	for _, s := range steps {
		if count[s] != 1 {
			e.t.Errorf("step %s appears %d times in the result, want once", s, count[s])
		}
	}
	for s, n := range count {
		if n > 1 {
			e.t.Errorf("step %s appears %d times in the result", s, n)
		}
	}
	if p.Verdict != drill.Recovered {
		e.t.Errorf("verdict %s (%s), want recovered", p.Verdict, p.Why)
	}
	e.assertEvidence(res.DrillID, process, steps)
}

// assertEvidence checks the drill's evidence: every step exactly once.
//
// With a binary that has `exitdrill report` and `exitdrill verify`, it
// rebuilds the drill's bundle from the host against the server container,
// signed with a fresh key, verifies it against the public key, and counts
// the step events of journal.jsonl. A binary without them (before the
// evidence bundle landed) is checked on the steps of the server's result, the
// record the journal is built from; the test says which it did.
func (e *env) assertEvidence(id, process string, steps []string) {
	e.t.Helper()
	count := map[string]int{}
	if hasBundleCommands() {
		for k, n := range e.bundleStepEvents(id, process) {
			count[k] = n
		}
	} else {
		e.t.Logf("this exitdrill has no report/verify commands: evidence checked on the server's result")
		res, ok := e.status(id)
		if !ok {
			e.t.Fatalf("status of %s: no answer", id)
		}
		for _, p := range res.Processes {
			for _, s := range p.Steps {
				if p.Process == process {
					count[s.Step]++
				}
			}
		}
	}
	for _, s := range steps {
		if count[s] != 1 {
			e.t.Errorf("evidence of %s: step %s recorded %d times, want once", id, s, count[s])
		}
	}
}

// bundleStepEvents rebuilds, verifies and reads the drill's bundle, and
// counts its step events of process by step.
func (e *env) bundleStepEvents(id, process string) map[string]int {
	e.t.Helper()
	dir := e.t.TempDir()
	key := filepath.Join(dir, "signing.key")
	if out, code := host("keygen", "-o", key); code != 0 {
		e.t.Fatalf("exitdrill keygen: exit %d\n%s", code, out)
	}
	bundle := filepath.Join(dir, "bundle")
	if _, stderr, code := e.cli("report", id, "-o", bundle, "--signing-key", key); code != 0 {
		e.t.Fatalf("exitdrill report %s: exit %d\n%s", id, code, stderr)
	}
	if out, code := host("verify", bundle, "--pub", key+".pub"); code != 0 {
		e.t.Fatalf("exitdrill verify: exit %d\n%s", code, out)
	}
	b, err := os.ReadFile(filepath.Join(bundle, "journal.jsonl"))
	if err != nil {
		e.t.Fatal(err)
	}
	count := map[string]int{}
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var ev struct{ Type, Process, Step string }
		if err := json.Unmarshal(line, &ev); err != nil {
			e.t.Fatalf("journal line %q: %v", line, err)
		}
		if ev.Type == "step" && ev.Process == process {
			count[ev.Step]++
		}
	}
	return count
}

// host runs an exitdrill command on the host that needs no server.
func host(args ...string) (string, int) {
	out, err := exec.Command(hostBinary, args...).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out), ee.ExitCode()
	} else if err != nil {
		return err.Error(), -1
	}
	return string(out), 0
}

// hasBundleCommands says whether the binary under test has report and verify.
func hasBundleCommands() bool {
	out, _ := host("--help")
	return strings.Contains(out, "\n  report ") && strings.Contains(out, "\n  verify ")
}

// catalogDir is the suite's catalog; scenario a scenario file of the suite.
func catalogDir() string          { return abs(filepath.Join("testdata", "catalog")) }
func scenario(name string) string { return abs(filepath.Join("testdata", "scenarios", name)) }

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}
