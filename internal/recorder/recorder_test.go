package recorder

import (
	"context"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
)

// The evidence activity records who started the drill and why, and a bundle
// written to disk gives them back.
func TestWriteEvidenceRecordsStarter(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "d1")
	in := drill.EvidenceInput{Dir: dir, Plan: &drill.Plan{DrillID: "d1", Organisation: "Gemeente Proefdorp"},
		Result:    &drill.DrillResult{DrillID: "d1", Started: t0, Finished: t0.Add(time.Minute), ObjectivesMet: true},
		StartedBy: "schedule quarterly (created by carla)", Note: "every quarter\nfor the audit"}
	rec := &Recorder{Key: priv}
	ref, err := rec.WriteEvidence(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if ref.Dir != dir || !ref.Signed {
		t.Errorf("evidence ref %+v", ref)
	}
	if _, err := evidence.Verify(os.DirFS(dir), pub); err != nil {
		t.Fatalf("verify: %v", err)
	}
	b, err := evidence.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if b.StartedBy != in.StartedBy || b.Note != in.Note {
		t.Errorf("bundle on disk: started by %q, note %q; want %q, %q", b.StartedBy, b.Note, in.StartedBy, in.Note)
	}
}
