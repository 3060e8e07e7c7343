package checks

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/stamp"
)

// shippedStamp stamps path and ships its content, as a drill's preparation
// does for a small file.
func shippedStamp(t *testing.T, path string) drill.FileStamp {
	t.Helper()
	s, err := stamp.Of(context.Background(), path, stamp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Content, err = os.ReadFile(path); err != nil {
		t.Fatal(err)
	}
	s.Shipped = true
	return s
}

// emptyTemp points the worker's temporary directory at a new empty one and
// returns it, so that a test sees what a step leaves there.
func emptyTemp(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	return tmp
}

func wantEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) > 0 {
		t.Errorf("%s holds %d entries after the step (%s…), want none: the copy is the step's only", dir, len(entries), entries[0].Name())
	}
}

// TestShippedExitPlan is the worker's choice for an exit plan the plan
// carries: its own copy, when it sees one that matches; never another copy
// (inconclusive, naming both hashes); the plan's copy when it does not see
// the catalog directory at all, in a private directory gone after the step;
// and not a copy that differs from its stamp.
func TestShippedExitPlan(t *testing.T) {
	complete, err := os.ReadFile("exitplan/testdata/exitplan/complete.md")
	if err != nil {
		t.Fatal(err)
	}
	catalog := filepath.Join(t.TempDir(), "catalog")
	doc := filepath.Join(catalog, "exitplans", "zaken.md")
	if err := os.MkdirAll(filepath.Dir(doc), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, complete, 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := emptyTemp(t)
	st := exitPlanStep(catalog, "exitplans/zaken.md")
	st.Files = []drill.FileStamp{shippedStamp(t, doc)}
	planned := st.Files[0]
	in := drill.StepInput{DrillID: "d", Process: "p", Step: st, T0: time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)}
	plan := &drill.Plan{DrillID: "d", Processes: []*drill.ProcessPlan{{ID: "p", Steps: []*drill.StepPlan{st}}}}
	a := New(func(string) (string, bool) { return "", false })

	// Its own matching copy: used, not the plan's.
	out, err := a.RunStep(context.Background(), in)
	if err != nil || !out.Passed || out.Details[drill.DetailShipped] != "" {
		t.Fatalf("own matching copy: %+v, %v; want a pass on the worker's file", out, err)
	}

	// Its own copy differs: inconclusive, though the plan carries the
	// catalog's bytes.
	other := []byte(strings.Replace(string(complete), "e", "E", 1))
	if err := os.WriteFile(doc, other, 0o644); err != nil {
		t.Fatal(err)
	}
	seen, _ := stamp.Of(context.Background(), doc, stamp.Options{})
	want := drill.StaleFile + ": " + doc + ": planned sha256 " + planned.SHA256[:8] + "…, worker sees " + seen.SHA256[:8] + "…"
	wantInconclusive(t, a, in, want)
	wantPreflight(t, a, plan, want)

	// No copy at all: the plan's copy, reported under the catalog's path.
	if err := os.RemoveAll(catalog); err != nil {
		t.Fatal(err)
	}
	out, err = a.RunStep(context.Background(), in)
	if err != nil || !out.Passed {
		t.Fatalf("no copy on the worker: %+v, %v; want a pass on the plan's copy", out, err)
	}
	if got, want := out.Details[drill.DetailShipped], "1 file from the plan: this worker does not see "+catalog; got != want {
		t.Errorf("detail %s = %q, want %q", drill.DetailShipped, got, want)
	}
	if strings.Contains(out.Reason+out.Output, tmp) {
		t.Errorf("the step reports the worker's temporary path: %q %q", out.Reason, out.Output)
	}
	wantEmpty(t, tmp)
	if pf, err := a.Preflight(context.Background(), drill.PreflightInput{Plan: plan}); err != nil || len(pf.Problems) != 0 {
		t.Errorf("preflight without a copy, the plan carrying it: %+v, %v; want no problem", pf, err)
	}
	wantEmpty(t, tmp)

	// The plan's copy is not the stamped file: never used.
	tampered := *st
	tampered.Files = []drill.FileStamp{planned}
	tampered.Files[0].Content = other
	in.Step = &tampered
	sum := seen.SHA256 // the hash of other
	want = drill.StaleFile + ": this worker cannot see " + catalog + " and " + doc + ": the plan's copy has sha256 " + sum + ", the catalog's file " + planned.SHA256
	wantInconclusive(t, a, in, want)
	wantPreflight(t, a, &drill.Plan{DrillID: "d", Processes: []*drill.ProcessPlan{{ID: "p", Steps: []*drill.StepPlan{&tampered}}}}, want)
	wantEmpty(t, tmp)

	// A step not all of whose files are shipped: inconclusive, as without
	// shipping.
	partial := *st
	partial.Files = []drill.FileStamp{planned}
	partial.Files[0].Shipped, partial.Files[0].Content = false, nil
	in.Step = &partial
	wantInconclusive(t, a, in, drill.StaleFile+": this worker cannot see the catalog directory "+catalog)
}

// TestShippedScript: a command whose script the plan carries runs, on a
// worker that does not see its directory, in a private directory holding the
// script (executable, owner only) at the catalog's path; what it prints names
// the catalog's paths, and the directory is gone after the step.
func TestShippedScript(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "drills")
	script := filepath.Join(dir, "scripts", "activate.sh")
	if err := os.MkdirAll(filepath.Dir(script), 0o755); err != nil {
		t.Fatal(err)
	}
	body := "#!/bin/sh\necho \"in $(pwd) as $1\"\nstat -c %a \"$0\" scripts\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	st := &drill.StepPlan{ID: "switch", Kind: drill.Command, Command: []string{"./scripts/activate.sh", "parkeren"}, Dir: dir,
		Files: []drill.FileStamp{shippedStamp(t, script)}}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	tmp := emptyTemp(t)
	a := New(func(string) (string, bool) { return "", false })
	out, err := a.RunStep(context.Background(), drill.StepInput{DrillID: "d", Process: "p", Step: st})
	if err != nil || !out.Passed {
		t.Fatalf("script from the plan: %+v, %v; want a pass", out, err)
	}
	if want := "in " + dir + " as parkeren\n700\n700\n"; out.Output != want {
		t.Errorf("output %q, want %q", out.Output, want)
	}
	wantEmpty(t, tmp)

	// A script that reads a file beside it, which the plan does not name,
	// fails on the copy: inconclusive, never failed.
	if err := os.MkdirAll(filepath.Dir(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(script, []byte("#!/bin/sh\n. ./scripts/lib.sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	st.Files = []drill.FileStamp{shippedStamp(t, script)}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	_, err = a.RunStep(context.Background(), drill.StepInput{DrillID: "d", Process: "p", Step: st})
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrInconclusive ||
		!strings.HasPrefix(appErr.Message(), drill.CommandFailedOnCopy+" on the plan's copy of its files (this worker does not see "+dir+")") ||
		strings.Contains(appErr.Message(), tmp) {
		t.Errorf("script failing on the copy: %v, want inconclusive in the catalog's paths", err)
	}
	wantEmpty(t, tmp)
}

// TestShippedHostilePlan: a plan's copy is written only inside the step's
// private directory. A stamp whose path is not clean and absolute is not
// written anywhere (the step is inconclusive), and a step whose document
// climbs above the root from its directory would read the worker's own file
// outside the copy: it runs on no copy, inconclusive as without shipping.
func TestShippedHostilePlan(t *testing.T) {
	tmp := emptyTemp(t)
	gone := filepath.Join(t.TempDir(), "catalog")
	a := New(func(string) (string, bool) { return "", false })
	content := []byte("# Exit plan\n")
	sum := sha256.Sum256(content)
	copyOf := func(path string) drill.FileStamp {
		return drill.FileStamp{Path: path, Kind: drill.FileRegular, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(content)),
			Shipped: true, Content: content}
	}

	escape := gone + "/../../../../../../../../.." + tmp + "/escaped.md"
	st := exitPlanStep(gone, "exitplans/zaken.md")
	st.Files = []drill.FileStamp{copyOf(escape)}
	in := drill.StepInput{DrillID: "d", Process: "p", Step: st}
	wantInconclusive(t, a, in, drill.StaleFile+": this worker cannot see "+gone+" and \""+escape+"\": the plan's copy is not named by a clean absolute path")
	wantEmpty(t, tmp)

	climb := strings.Repeat("../", 20) + strings.TrimPrefix(tmp, "/") + "/worker.md"
	st = exitPlanStep(gone, climb)
	st.Files = []drill.FileStamp{copyOf(filepath.Join(gone, climb))}
	in.Step = st
	wantInconclusive(t, a, in, drill.StaleFile+": this worker cannot see the catalog directory "+gone)
	wantEmpty(t, tmp)
}
