package cli

import (
	"strings"
	"testing"
)

// TestWorkerLabelRefused: a worker label that is none is a usage error before
// any server is started or reached.
func TestWorkerLabelRefused(t *testing.T) {
	code, _, errOut := run(t, "worker", "--label", "DC West", "--state-dir", t.TempDir())
	if code != ExitInvalid || !strings.Contains(errOut, `--label "DC West": a worker label is 1 to 40 lower-case letters, digits and dashes, starting with a letter`) {
		t.Errorf("exit %d, stderr %q; want 2 and what a label is", code, errOut)
	}
}
