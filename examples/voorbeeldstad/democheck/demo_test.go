package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDemo runs `make demo`'s script as a new user would, with its own state
// and reports directories: the drill on the embedded server must reach the
// verdicts of expected.csv for the promised reasons (the script checks them
// with this command and fails otherwise), verify its signed bundle, and print
// no log line of the Temporal server or SDK on the terminal, although the
// drill's steps fail on purpose.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo drill takes about a minute")
	}
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	state, reports := t.TempDir(), t.TempDir()
	cmd := exec.Command("bash", filepath.Join(root, "scripts", "demo"))
	cmd.Env = append(os.Environ(), "EXITDRILL_STATE_DIR="+state, "EXITDRILL_REPORTS="+reports)
	out, err := cmd.CombinedOutput()
	text := string(out)
	if err != nil {
		t.Fatalf("scripts/demo: %v\n%s", err, text)
	}
	for _, want := range []string{
		"9 processes: 6 recovered, 0 late, 1 breached, 0 tolerated, 0 aborted, 2 waited out.",
		"demo check: all 9 processes as expected",
		"verified: drill microsoft-1-month-",
		"Where the time went:",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the demo did not print %q:\n%s", want, text)
		}
	}
	logLine := regexp.MustCompile(`(?m)^.*(level=(ERROR|WARN)|\b(ERROR|WARN)\s{1,}\S).*$`)
	if lines := logLine.FindAllString(text, -1); len(lines) > 0 {
		t.Errorf("the demo printed %d log lines:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	if bundles, _ := filepath.Glob(filepath.Join(reports, "microsoft-1-month-*", "manifest.sig")); len(bundles) != 1 {
		t.Errorf("signed bundles in EXITDRILL_REPORTS: %v, want the demo's one", bundles)
	}
}
