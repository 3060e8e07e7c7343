package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gcCycles runs exitdrill with the collector's trace on and counts its cycles.
func gcCycles(t *testing.T, env []string, args ...string) int {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(append(os.Environ(), "GODEBUG=gctrace=1"), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("exitdrill %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	n := 0
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "gc ") {
			n++
		}
	}
	return n
}

// TestShortCommandsRunWithoutTheCollector: exitdrill's short commands run
// without the garbage collector while the heap is small (tuneGC), and get
// it back when the heap grows, so a large catalog keeps its memory bounded;
// GOGC in the environment decides instead.
func TestShortCommandsRunWithoutTheCollector(t *testing.T) {
	if n := gcCycles(t, nil, "validate", "../../examples/voorbeeldstad"); n != 0 {
		t.Errorf("validate of the example: %d collections, want none", n)
	}
	if n := gcCycles(t, []string{"GOGC=100"}, "validate", "../../examples/voorbeeldstad"); n == 0 {
		t.Errorf("validate with GOGC=100: no collection; the environment should decide")
	}
	big := filepath.Join(t.TempDir(), "big")
	if out, err := exec.Command(binary, "gen", "catalog", "--apps", "40000", "--seed", "1", "-o", big).CombinedOutput(); err != nil {
		t.Fatalf("gen catalog: %v\n%s", err, out)
	}
	if n := gcCycles(t, nil, "validate", big); n == 0 {
		t.Errorf("validate of 40,000 applications: no collection; the heap grows unbounded")
	}
}
