package recorder

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"go.temporal.io/sdk/temporal"
)

// A bundle is written again for its own drill (a retried activity, exitdrill
// report) and never over another drill's bundle or other files.
func TestWriteEvidenceNeverOverwrites(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	input := func(dir string, started time.Time, note string) drill.EvidenceInput {
		return drill.EvidenceInput{Dir: dir, Plan: &drill.Plan{DrillID: "d1", Organisation: "Gemeente Proefdorp"},
			Result:    &drill.DrillResult{DrillID: "d1", Started: started, Finished: started.Add(time.Minute), ObjectivesMet: true},
			StartedBy: "anna", Note: note}
	}
	rec := &Recorder{}
	dir := filepath.Join(t.TempDir(), "d1")
	first := input(dir, t0, "first")
	if _, err := rec.WriteEvidence(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	journal, err := os.ReadFile(filepath.Join(dir, evidence.JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rec.WriteEvidence(context.Background(), first); err != nil {
		t.Errorf("the same drill's bundle written again: %v", err)
	}
	second := input(dir, t0.Add(time.Hour), "second drill, same id")
	_, err = rec.WriteEvidence(context.Background(), second)
	var appErr *temporal.ApplicationError
	if !errors.Is(err, ErrOtherDrill) || !errors.As(err, &appErr) || !appErr.NonRetryable() ||
		!strings.Contains(err.Error(), "a bundle is never overwritten") {
		t.Errorf("another drill's bundle over the first: error %v, want a non-retryable refusal", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, evidence.JournalFile)); string(got) != string(journal) {
		t.Error("the first drill's journal changed")
	}

	other := filepath.Join(t.TempDir(), "d1")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "notes.txt"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := rec.WriteEvidence(context.Background(), input(other, t0, "x")); err == nil || !strings.Contains(err.Error(), "is not a bundle of this drill") {
		t.Errorf("bundle over a directory of other files: error %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "notes.txt")); string(b) != "keep me" {
		t.Error("the other files were touched")
	}
}

// A named pipe where the journal of an earlier bundle should be does not
// block the evidence activity: the directory is refused at once.
func TestWriteEvidenceOverAPipe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d1")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, evidence.JournalFile), 0o600); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	done := make(chan error, 1)
	go func() {
		_, err := (&Recorder{}).WriteEvidence(context.Background(), drill.EvidenceInput{Dir: dir, Plan: &drill.Plan{DrillID: "d1"},
			Result: &drill.DrillResult{DrillID: "d1", Started: t0, Finished: t0}})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "is not a bundle of this drill") {
			t.Errorf("over a pipe: %v, want a refusal", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a named pipe in the bundle directory blocked the evidence activity")
	}
}
