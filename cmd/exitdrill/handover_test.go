package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHandOverToEngine: exitdrill (built without the server) runs the commands
// that read files itself, shows every command's help itself, and hands the
// commands that may start the server to exitdrill-engine beside it; without
// one it says what is missing instead of failing obscurely.
func TestHandOverToEngine(t *testing.T) {
	alone := filepath.Join(t.TempDir(), "exitdrill")
	b, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(alone, b, 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"PATH=/nonexistent", "HOME=" + t.TempDir(), "EXITDRILL_STATE_DIR=" + t.TempDir()}
	runIt := func(bin string, args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return string(out), ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return string(out), 0
	}

	if out, code := runIt(alone, "validate", "../../examples/voorbeeldstad"); code != 0 {
		t.Errorf("validate without exitdrill-engine: exit %d\n%s", code, out)
	}
	if out, code := runIt(alone, "run", "--help"); code != 0 || !strings.Contains(out, "--scenario") {
		t.Errorf("run --help without exitdrill-engine: exit %d\n%s", code, out)
	}
	out, code := runIt(alone, "list", "--ephemeral")
	if code != 1 || !strings.Contains(out, "exitdrill list needs the embedded Temporal server, which is in exitdrill-engine") {
		t.Errorf("list without exitdrill-engine: exit %d, want 1 and what is missing:\n%s", code, out)
	}

	// Beside its exitdrill-engine, the same command runs on the server.
	if out, code := runIt(binary, "list", "--ephemeral"); code != 0 || !strings.Contains(out, "no drills yet") {
		t.Errorf("list handed to exitdrill-engine: exit %d\n%s", code, out)
	}
}
