package cli

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCommands pins the top-level commands: the explicit list in root.go is the
// only place that adds one.
func TestCommands(t *testing.T) {
	var got []string
	for _, c := range NewRoot(&Streams{}).Commands() {
		got = append(got, c.Name())
	}
	want := []string{"abort", "console", "diff", "gen", "impact", "keygen", "list", "matrix", "publish",
		"readiness", "render", "report", "run", "scenarios", "schedule", "schema", "server", "status",
		"step", "steps", "stop-all", "suppliers", "validate", "verify", "worker"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("commands (-want +got):\n%s", diff)
	}
}
