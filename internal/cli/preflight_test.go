package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
)

// toolsCatalog is a catalog whose only step reads a pg_dump backup: its
// preflight finds pg_restore on the worker. The backup itself is missing
// (the step's own finding, no preflight problem).
var toolsCatalog = map[string]string{
	"catalog.yaml": `apiVersion: exitdrill/v1
kind: Catalog
organisation: Gereedschap
suppliers:
  - {id: hoster, jurisdiction: NL}
  - {id: own, jurisdiction: NL}
applications:
  - id: zaken
    supplier: hoster
    backups:
      - {id: zaken-dump, kind: pgdump, location: dumps/zaken.pgdump, heldBy: own}
processes:
  - {id: zaakgericht, owner: Directie Ruimte, mtpd: 60d, rto: 30d, rpo: 1d, applications: [zaken], runbook: zaken-exit}
---
apiVersion: exitdrill/v1
kind: Runbook
id: zaken-exit
steps:
  - {id: fresh, check: backup.fresh, target: zaken-dump}
`,
	"scenario.yaml": `apiVersion: exitdrill/v1
kind: Scenario
id: hoster-week
title: Hoster gone for a week
lose: {suppliers: [hoster]}
duration: 7d
mode: compressed
`,
}

// TestRunRecordsTools: the tools the preflight found on the worker, with
// their versions, are said in one line and recorded in the drill's
// evidence (plan.json and the drill.started event), so that an auditor sees
// which tool versions ran.
func TestRunRecordsTools(t *testing.T) {
	if _, err := exec.LookPath("pg_restore"); err != nil {
		t.Skip("pg_restore is not installed (scripts/setup installs it)")
	}
	dir := t.TempDir()
	for name, s := range toolsCatalog {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := startDrillServer(t)
	out := filepath.Join(t.TempDir(), "bundle")
	code, _, errs := srv.cmd(t, "run", "--catalog", dir, "--scenario", filepath.Join(dir, "scenario.yaml"), "--actor", "tester",
		"--id", "tools", "--out", out)
	if code != ExitMissed && code != ExitOK {
		t.Fatalf("run: exit %d; stderr:\n%s", code, errs)
	}
	var line string
	for _, l := range strings.Split(errs, "\n") {
		if strings.HasPrefix(l, "preflight: tools: ") {
			line = l
		}
	}
	if !strings.Contains(line, "pg_restore") || !strings.Contains(line, "(PostgreSQL)") || !strings.Contains(line, "/pg_restore)") {
		t.Errorf("stderr has no tools line naming pg_restore with its version and path:\n%s", errs)
	}
	b, err := evidence.Load(os.DirFS(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Plan.Tools) != 1 || b.Plan.Tools[0].Name != "pg_restore" || b.Plan.Tools[0].Version == "" {
		t.Fatalf("plan.json tools = %+v, want pg_restore with its version", b.Plan.Tools)
	}
	if want := "preflight: tools: " + b.Plan.Tools[0].String(); line != want {
		t.Errorf("tools line %q, want %q", line, want)
	}
	var started struct {
		Tools []drill.Tool `json:"tools"`
	}
	if err := json.Unmarshal(b.Events[0].Data, &started); err != nil || b.Events[0].Type != evidence.EventDrillStarted {
		t.Fatalf("first event %s: %v", b.Events[0].Type, err)
	}
	if len(started.Tools) != 1 || started.Tools[0] != b.Plan.Tools[0] {
		t.Errorf("drill.started tools = %+v, want %+v", started.Tools, b.Plan.Tools)
	}
}
