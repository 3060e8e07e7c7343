package workflows

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// TestReplayRecordedHistories replays histories recorded on a real server
// (internal/cli TestRecordHistories -record) against today's workflow code. A
// change to the command sequence that is not behind workflow.GetVersion makes
// this fail with a nondeterminism error.
func TestReplayRecordedHistories(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "histories", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no recorded histories in testdata/histories (%v)", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".json"), func(t *testing.T) {
			if err := replay(f, Process); err != nil {
				t.Fatalf("replay %s: %v", f, err)
			}
		})
	}
}

// TestReplayDetectsChange proves the replay test has teeth: a Process workflow
// that sleeps before its first step, without GetVersion, must not replay.
func TestReplayDetectsChange(t *testing.T) {
	changed := func(ctx workflow.Context, in ProcessInput) (*drill.ProcessResult, error) {
		if err := workflow.Sleep(ctx, 1); err != nil {
			return nil, err
		}
		return Process(ctx, in)
	}
	err := replay(filepath.Join("testdata", "histories", "compressed-process1.json"), changed)
	if err == nil || !strings.Contains(err.Error(), "TMPRL1100") {
		t.Fatalf("replaying a changed workflow: err = %v, want a nondeterminism error", err)
	}
}

// replay replays one recorded history with process registered as "Process".
// Drill histories are replayed under their recorded workflow id
// ("<name>-drill*.json" was recorded as "rec-<name>"), which child ids derive from.
func replay(file string, process any) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	h, err := client.HistoryFromJSON(f, client.HistoryJSONOptions{})
	if err != nil {
		return err
	}
	r := worker.NewWorkflowReplayer()
	r.RegisterWorkflow(Drill)
	r.RegisterWorkflowWithOptions(process, workflow.RegisterOptions{Name: "Process"})
	var opts worker.ReplayWorkflowHistoryOptions
	// v1-* were recorded before the changes in versions.go, v2-* before
	// evidence-bundle; they replay through the workflow.DefaultVersion branches.
	base := filepath.Base(file)
	for _, old := range []string{"v1-", "v2-"} {
		base = strings.TrimPrefix(base, old)
	}
	if name, _, ok := strings.Cut(base, "-drill"); ok {
		opts.OriginalExecution = workflow.Execution{ID: "rec-" + name, RunID: "replay"}
	}
	return r.ReplayWorkflowHistoryWithOptions(quietLogger(), h, opts)
}

func quietLogger() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
}
