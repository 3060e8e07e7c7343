package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

// catalogFiles are a catalog whose only runbook step judges an exit plan,
// and a scenario losing its supplier; the exit plan document is written
// apart.
var catalogFiles = map[string]string{
	"catalog.yaml": `apiVersion: exitdrill/v1
kind: Catalog
organisation: Twee mappen
suppliers:
  - {id: hoster, jurisdiction: NL, contract: {noticePeriod: 90d, exitAssistance: 180d}}
  - {id: own, jurisdiction: NL}
applications:
  - id: zaken
    supplier: hoster
    exitPlan: {document: exitplans/zaken.md, owner: Directie Ruimte, reviewed: ` + time.Now().UTC().AddDate(0, -1, 0).Format(time.DateOnly) + `, target: own, migrationTime: 45d}
processes:
  - {id: zaakgericht, owner: Directie Ruimte, mtpd: 60d, rto: 30d, rpo: 1d, applications: [zaken], runbook: zaken-exit}
---
apiVersion: exitdrill/v1
kind: Runbook
id: zaken-exit
steps:
  - {id: exitplan-current, check: exitplan.current, target: zaken}
`,
	"scenario.yaml": `apiVersion: exitdrill/v1
kind: Scenario
id: hoster-week
title: Hoster gone for a week
lose: {suppliers: [hoster]}
duration: 7d
mode: compressed
timeScale: 720
`,
}

// writeCatalogDir writes catalogFiles and the exit plan document doc into a
// new directory.
func writeCatalogDir(t *testing.T, doc []byte) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{"exitplans/zaken.md": doc}
	for name, s := range catalogFiles {
		files[name] = []byte(s)
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestDrillReadsTheCatalogsFiles is issue 15's case: exitdrill server (and
// its worker) runs in directory A, which holds a complete exit plan at the
// catalog's relative path; a drill is started with --catalog . from
// directory B, whose exit plan is incomplete. The worker, in A, judges B's
// file: the step fails, never passes. Once B's file changes after the drill
// was planned, the step is inconclusive. A drill of A's catalog passes: a
// worker that read A's file would have passed B's drill.
func TestDrillReadsTheCatalogsFiles(t *testing.T) {
	complete, err := os.ReadFile("../checks/exitplan/testdata/exitplan/complete.md")
	if err != nil {
		t.Fatal(err)
	}
	a := writeCatalogDir(t, complete)
	b := writeCatalogDir(t, []byte("# Exit plan zaken\n\nWe will think of something.\n"))
	t.Chdir(a)
	srv := startDrillServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	// drillIn prepares a drill with --catalog . in dir, as exitdrill run does,
	// and then runs it with the worker in directory A.
	drillIn := func(id, dir string, change func()) *drill.StepResult {
		t.Helper()
		t.Chdir(dir)
		p, err := drillops.Prepare(ctx, drillops.Request{Catalogs: []string{"."}, Scenario: "scenario.yaml", ID: id,
			StartedBy: "anna", Reports: os.Getenv("EXITDRILL_REPORTS")})
		if err != nil {
			t.Fatal(err)
		}
		if change != nil {
			change()
		}
		t.Chdir(a)
		pf, err := drillops.Preflight(ctx, srv.eng.Client, p.Options, p.Plan)
		if err != nil {
			t.Fatal(err)
		}
		if change == nil && len(pf.Problems) > 0 {
			t.Errorf("%s: preflight problems %+v", id, pf.Problems)
		}
		if change != nil && (len(pf.Problems) != 1 || pf.Problems[0].Step != "exitplan-current" ||
			!strings.HasPrefix(pf.Problems[0].Problem, "worker sees a different file than the catalog: "+filepath.Join(dir, "exitplans", "zaken.md")+": ")) {
			t.Errorf("%s: preflight problems %+v, want the exit plan named", id, pf.Problems)
		}
		if _, err := drillops.Start(ctx, srv.eng.Client, p.Options, p.Input); err != nil {
			t.Fatal(err)
		}
		return stepByID(t, processByID(t, srv.result(t, id), "zaakgericht").Steps, "exitplan-current")
	}

	if s := drillIn("from-a", a, nil); s.Status != drill.StepPassed {
		t.Fatalf("A's own drill: step %s (%s), want passed: A's exit plan must be one that passes", s.Status, s.Reason)
	}
	s := drillIn("from-b", b, nil)
	if s.Status != drill.StepFailed || !strings.Contains(s.Reason, "section") {
		t.Errorf("B's drill, worker in A: step %s (%s), want failed on B's incomplete exit plan", s.Status, s.Reason)
	}
	s = drillIn("from-b-changed", b, func() {
		if err := os.WriteFile(filepath.Join(b, "exitplans", "zaken.md"), complete, 0o644); err != nil {
			t.Fatal(err)
		}
	})
	if s.Status != drill.StepInconclusive || !strings.HasPrefix(s.Reason, "worker sees a different file than the catalog: "+filepath.Join(b, "exitplans", "zaken.md")+": size ") {
		t.Errorf("B's file changed after planning: step %s (%s), want inconclusive", s.Status, s.Reason)
	}
}
