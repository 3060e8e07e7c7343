package drillops

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/stamp"
	"github.com/exitdrill/exitdrill/scenarios"
)

// stampCatalog writes, under root, a catalog in catalog/ that reads files
// inside and outside its directory, a scenario losing the hoster, and the
// files; it returns the catalog directory and the scenario file.
func stampCatalog(t *testing.T, root string) (string, string) {
	t.Helper()
	files := map[string]string{
		"catalog/apps.yaml": `apiVersion: exitdrill/v1
kind: Catalog
organisation: Stamptest
suppliers:
  - {id: hoster, jurisdiction: NL}
  - {id: own, jurisdiction: NL}
applications:
  - id: portal
    supplier: hoster
    backups:
      - {id: portal-restic, kind: restic, location: ../backups/portal-restic, passwordEnv: PORTAL_PW, heldBy: own}
      - {id: portal-dump, kind: pgdump, location: dumps/portal.pgdump, heldBy: own}
      - {id: portal-lost, kind: archive, location: dumps/lost.tar, heldBy: hoster}
    exitPlan:
      document: exitplans/portal.md
      owner: Operations
      reviewed: 2026-01-01
      target: own
      exports:
        - {path: exports/users.csv, format: csv}
        - {path: ../shared/exports/orders.json, format: json}
processes:
  - {id: portal-service, owner: Operations, mtpd: 7d, rto: 2d, rpo: 1d, applications: [portal], runbook: portal-recovery}
`,
		"catalog/runbooks/portal.yaml": `apiVersion: exitdrill/v1
kind: Runbook
id: portal-recovery
steps:
  - {id: fresh, check: backup.fresh, target: portal-restic}
  - {id: restore, check: backup.restore, target: portal-dump}
  - {id: lost, check: backup.fresh, target: portal-lost}
  - {id: current, check: exitplan.current, target: portal}
  - {id: export, check: exitplan.export, target: portal}
  - {id: switch, action: command, command: [./scripts/activate.sh, portal], dir: ..}
  - {id: notify, action: command, command: [true]}
  - {id: absolute, action: command, command: [/bin/true]}
  - {id: interpret, action: command, command: [sh, scripts/restore.sh, -v, portal, scripts, ../backups/portal-restic/config, /etc/hostname], dir: ..}
rollback:
  - {id: back, action: command, command: [scripts/deactivate.sh], dir: ..}
`,
		"catalog/exitplans/portal.md":       "# Exit plan\n",
		"catalog/exports/users.csv":         "id\n1\n",
		"catalog/dumps/portal.pgdump":       "PGDMP",
		"catalog/dumps/lost.tar":            "tar",
		"catalog/scripts/activate.sh":       "#!/bin/sh\n",
		"catalog/scripts/deactivate.sh":     "#!/bin/sh\n",
		"catalog/scripts/restore.sh":        "#!/bin/sh\n",
		"shared/exports/orders.json":        "[]",
		"backups/portal-restic/config":      "restic",
		"backups/portal-restic/locks/1234":  "lock",
		"backups/portal-restic/data/00/001": "pack",
		"scenario.yaml": `apiVersion: exitdrill/v1
kind: Scenario
id: hoster-week
title: Hoster gone
lose: {suppliers: [hoster]}
duration: 7d
mode: compressed
`,
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(root, "catalog"), filepath.Join(root, "scenario.yaml")
}

// TestPrepareStampsFiles: every file a step reads, given relative to the
// catalog (even outside its directory; a script given to an interpreter),
// is resolved to an absolute path and stamped when the drill is prepared,
// from a relative --catalog; read from another directory, the stamps still
// hold.
func TestPrepareStampsFiles(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	stampCatalog(t, root)
	t.Chdir(root)
	p, err := Prepare(context.Background(), Request{Catalogs: []string{"catalog"}, Scenario: "scenario.yaml", At: at, StartedBy: "anna"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	var stamps []drill.FileStamp
	for _, pp := range p.Plan.Processes {
		for _, s := range append(pp.Steps, pp.Rollback...) {
			for _, f := range s.Files {
				got[s.ID] = append(got[s.ID], f.Path)
				stamps = append(stamps, f)
				if !filepath.IsAbs(f.Path) {
					t.Errorf("step %s: stamp path %q is not absolute", s.ID, f.Path)
				}
			}
		}
	}
	abs := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	want := map[string][]string{
		"fresh":   {abs("backups/portal-restic")},
		"restore": {abs("catalog/dumps/portal.pgdump")},
		"current": {abs("catalog/exitplans/portal.md")},
		"export":  {abs("catalog/exports/users.csv"), abs("shared/exports/orders.json")},
		"switch":  {abs("catalog/scripts/activate.sh")},
		// The script given to sh; not the option, the word, the
		// directory, the file outside the step's directory, nor the
		// worker's own absolute path.
		"interpret": {abs("catalog/scripts/restore.sh")},
		"back":      {abs("catalog/scripts/deactivate.sh")},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("stamped paths (-want +got):\n%s", d)
	}
	for _, s := range stamps {
		if s.Kind != drill.FileRegular && s.Kind != drill.FileDir {
			t.Errorf("%s stamped %s", s.Path, s.Kind)
		}
		if s.Kind == drill.FileDir && (s.Entries != 4 || len(s.Skip) != 1 || s.Skip[0] != "locks") {
			t.Errorf("restic repository %+v: want 4 entries, locks/ skipped", s)
		}
	}
	// Readiness replans the current catalog and compares definition hashes:
	// anchoring and stamps are no change of definition.
	replanned := scenarios.NewPlan(p.Plan.DrillID, p.Catalog, p.Scenario)
	for i, pp := range p.Plan.Processes {
		if evidence.ProcessDefinitionHash(pp) != evidence.ProcessDefinitionHash(replanned.Processes[i]) {
			t.Errorf("process %s: the prepared plan's definition hash differs from a plain plan's", pp.ID)
		}
	}
	// The worker, elsewhere, sees the same files.
	t.Chdir(t.TempDir())
	for _, s := range stamps {
		seen, err := stamp.Of(context.Background(), s.Path, stamp.Options{Skip: s.Skip})
		if err != nil {
			t.Fatal(err)
		}
		if d := s.Diff(seen); d != "" {
			t.Errorf("%s from another directory: %s", s.Path, d)
		}
	}
}

// TestPrepareScheduleNotStamped: a schedule's plan serves runs to come, when
// backups have been renewed: it carries no stamps.
func TestPrepareScheduleNotStamped(t *testing.T) {
	catalogDir, scenario := stampCatalog(t, t.TempDir())
	p, err := Prepare(context.Background(), Request{Catalogs: []string{catalogDir}, Scenario: scenario, ID: "drill-hoster", StartedBy: "anna", Schedule: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, pp := range p.Plan.Processes {
		for _, s := range pp.Steps {
			if len(s.Files) > 0 {
				t.Errorf("step %s of a schedule has stamps %+v", s.ID, s.Files)
			}
		}
	}
}

// TestPrepareStampsUnreadableFiles: a file that cannot be read where the
// drill is prepared does not stop the drill from being prepared (it would
// never reach the preflight, which names the step): it is stamped
// unreadable, with the reason. A link that leads to itself cannot be
// followed even by root; a file of mode 000 cannot be read by anyone else.
func TestPrepareStampsUnreadableFiles(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	catalogDir, scenario := stampCatalog(t, root)
	dump := filepath.Join(catalogDir, "dumps", "portal.pgdump")
	if err := os.Remove(dump); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("portal.pgdump", dump); err != nil {
		t.Fatal(err)
	}
	want := map[string]drill.FileStamp{"restore": {Path: dump, Kind: drill.FileUnreadable, Error: "too many levels of symbolic links"}}
	if os.Geteuid() != 0 {
		doc := filepath.Join(catalogDir, "exitplans", "portal.md")
		if err := os.Chmod(doc, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(doc, 0o644) })
		want["current"] = drill.FileStamp{Path: doc, Kind: drill.FileUnreadable, Error: "permission denied"}
	}
	p, err := Prepare(context.Background(), Request{Catalogs: []string{catalogDir}, Scenario: scenario, At: at, StartedBy: "anna"})
	if err != nil {
		t.Fatalf("prepare with an unreadable file: %v", err)
	}
	got := map[string]drill.FileStamp{}
	for _, pp := range p.Plan.Processes {
		for _, s := range pp.Steps {
			for _, f := range s.Files {
				if f.Kind == drill.FileUnreadable {
					got[s.ID] = f
				}
			}
		}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("unreadable stamps (-want +got):\n%s", d)
	}
}
