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
// without the garbage collector while the heap is small (tuneGC): validate of
// a 1,300-application catalog has at most the one collection that may start
// while the packages initialise, before main turns it off (the default
// collector runs it four times); the collector comes back when the heap
// grows, so a large catalog keeps its memory bounded; GOGC in the environment
// decides instead.
func TestShortCommandsRunWithoutTheCollector(t *testing.T) {
	gen := func(apps string) string {
		dir := filepath.Join(t.TempDir(), "catalog")
		if out, err := exec.Command(binary, "gen", "catalog", "--apps", apps, "--seed", "1", "-o", dir).CombinedOutput(); err != nil {
			t.Fatalf("gen catalog: %v\n%s", err, out)
		}
		return dir
	}
	city := gen("1300")
	if n := gcCycles(t, nil, "validate", city); n > 1 {
		t.Errorf("validate of 1,300 applications: %d collections, want at most the one of start-up", n)
	}
	if n := gcCycles(t, []string{"GOGC=100"}, "validate", city); n < 2 {
		t.Errorf("validate with GOGC=100: %d collections; the environment should decide", n)
	}
	if n := gcCycles(t, nil, "validate", gen("40000")); n < 2 {
		t.Errorf("validate of 40,000 applications: %d collections; the heap grows unbounded", n)
	}
}
