package console

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

// A bundle is verified once while its files are unchanged, and again as soon
// as one changes — also when the change keeps the file's size.
func TestBundleVerifiedOnceUntilChanged(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "d1")
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	if _, err := (&recorder.Recorder{Key: harnessKey}).WriteEvidence(context.Background(), drill.EvidenceInput{Dir: dir,
		Plan: &drill.Plan{DrillID: "d1", Organisation: "Consoletest"}, Result: &drill.DrillResult{DrillID: "d1", Started: t0, Finished: t0.Add(time.Minute)}}); err != nil {
		t.Fatal(err)
	}
	var bc bundleCache
	for range 3 {
		if bi := bc.load(root, dir); bi.Bundle == nil {
			t.Fatalf("sound bundle: %s", bi.Reason)
		}
	}
	if bc.misses != 1 {
		t.Errorf("%d verifications of an unchanged bundle, want 1", bc.misses)
	}
	result := filepath.Join(dir, "result.json")
	b, err := os.ReadFile(result)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(result)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond) // the rewrite gets a later change time
	b[len(b)/2] ^= 1                  // same size, other content
	if err := os.WriteFile(result, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// and the modification time set back, as someone covering their tracks would
	if err := os.Chtimes(result, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	bi := bc.load(root, dir)
	if bc.misses != 2 || bi.Bundle != nil || !strings.Contains(bi.Reason, "result.json") {
		t.Errorf("after a change: %d verifications, reason %q; want it verified again and refused", bc.misses, bi.Reason)
	}
}
