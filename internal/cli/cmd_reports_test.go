package cli

import (
	"bytes"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/reports"
	"github.com/exitdrill/exitdrill/reports/judge"
	"github.com/exitdrill/exitdrill/scenarios"
)

const reportsCatalog = `apiVersion: exitdrill/v1
kind: Catalog
organisation: Gemeente Proefdorp
suppliers:
  - {id: microsoft, jurisdiction: US}
  - {id: own, jurisdiction: NL}
applications:
  - {id: app-a, model: saas, supplier: microsoft}
  - {id: app-b, model: saas, supplier: microsoft}
processes:
  - {id: a, owner: A, mtpd: 2d, rto: 1d, rpo: 1d, applications: [app-a], runbook: rb}
  - {id: b, owner: B, mtpd: 3d, rto: 1d, rpo: 1d, applications: [app-b], runbook: rb}
---
apiVersion: exitdrill/v1
kind: Runbook
id: rb
steps:
  - {id: switch, action: command, command: ["true"]}
`

// writeDrillBundle drills a week without microsoft on the catalog in dir (process
// a recovers in recoverA; b does not), seals the bundle with key and writes
// it to out.
func writeDrillBundle(t *testing.T, catDir, out, id string, at time.Time, recoverA time.Duration, key ed25519.PrivateKey) {
	t.Helper()
	c, err := loadCatalog(catDir)
	if err != nil {
		t.Fatal(err)
	}
	sc := &scenarios.Scenario{ID: "microsoft-1-week", Lose: scenarios.Lose{Suppliers: []string{"microsoft"}}, Duration: drill.Duration(7 * 24 * time.Hour)}
	plan := scenarios.NewPlan(id, c, sc)
	res := &drill.DrillResult{DrillID: id, Scenario: plan.Scenario, Started: at.Add(-time.Minute), Finished: at}
	for _, p := range plan.Processes {
		pr := &drill.ProcessResult{Process: p.ID, Owner: p.Owner, Critical: p.Critical, RTO: p.RTO, MTPD: p.MTPD, RPO: p.RPO, Steps: []*drill.StepResult{}}
		if p.ID == "a" {
			pr.Recovered, pr.Recovery = true, drill.Duration(recoverA)
		}
		pr.Verdict, pr.Why = drill.Judge(pr.Recovered, pr.Recovery, p.RTO, p.MTPD, sc.Duration)
		res.Processes = append(res.Processes, pr)
	}
	sealBundle(t, out, plan, res, key)
}

// sealBundle runs the pipeline a drill's end runs (build, render, seal) on
// plan and res with key, and writes the bundle's files under out.
func sealBundle(t *testing.T, out string, plan *drill.Plan, res *drill.DrillResult, key ed25519.PrivateKey) {
	t.Helper()
	_, files, err := newRecorder(key).Make(drill.EvidenceInput{Plan: plan, Result: res})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		path := filepath.Join(out, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReportCommands(t *testing.T) {
	dir := t.TempDir()
	catDir := filepath.Join(dir, "catalog")
	if err := os.MkdirAll(catDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(catDir, "catalog.yaml"), []byte(reportsCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, ed25519.SeedSize))
	pubDER, err := x509.MarshalPKIXPublicKey(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	pubFile := filepath.Join(dir, "drill.pub")
	if err := os.WriteFile(pubFile, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), 0o644); err != nil {
		t.Fatal(err)
	}
	drills := filepath.Join(dir, "drills")
	now := time.Now().UTC()
	older, newer := filepath.Join(drills, "d1"), filepath.Join(drills, "d2")
	writeDrillBundle(t, catDir, older, "d1", now.Add(-48*time.Hour), 2*24*time.Hour, key)
	writeDrillBundle(t, catDir, newer, "d2", now.Add(-24*time.Hour), 6*time.Hour, key)
	tampered := filepath.Join(drills, "d3")
	writeDrillBundle(t, catDir, tampered, "d3", now, time.Hour, key)
	res := filepath.Join(tampered, evidence.ResultFile)
	data, _ := os.ReadFile(res)
	if err := os.WriteFile(res, bytes.Replace(data, []byte(`"breached"`), []byte(`"recovered"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("readiness", func(t *testing.T) {
		code, out, errs := run(t, "readiness", "--catalog", catDir, "--reports", drills, "--pub", pubFile, "--format", "json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var r judge.Readiness
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		if len(r.NotCounted) != 1 || r.NotCounted[0].Bundle != tampered || !strings.Contains(r.NotCounted[0].Reason, "result.json") {
			t.Errorf("not counted: %+v, want the tampered bundle with result.json named", r.NotCounted)
		}
		if len(r.Drills) != 1 || r.Drills[0].Drill != "d2" || r.Superseded != 1 {
			t.Errorf("counted %+v, superseded %d: want the latest verified drill d2 only", r.Drills, r.Superseded)
		}
		week := r.Suppliers[0].Cells[1]
		if strings.Join(week.Proven, ",") != "a" || strings.Join(week.Failed, ",") != "b" {
			t.Errorf("microsoft 1w cell %+v: want a proven, b failed", week)
		}
		// The drills ran compressed: automated part only; each verdict names
		// its bundle by its directory.
		if week.Proof != judge.ProofAutomated || len(week.Evidence) == 0 || week.Evidence[0].Bundle != newer {
			t.Errorf("microsoft 1w cell %+v: want automated-only proof decided by bundle %s", week, newer)
		}
	})
	t.Run("readiness with another key counts nothing", func(t *testing.T) {
		other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{4}, ed25519.SeedSize))
		der, _ := x509.MarshalPKIXPublicKey(other.Public())
		otherFile := filepath.Join(dir, "other.pub")
		_ = os.WriteFile(otherFile, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o644)
		code, out, _ := run(t, "readiness", "--catalog", catDir, "--reports", drills, "--pub", otherFile)
		if code != 0 || !strings.Contains(out, "Not counted: 3 bundles") || !strings.Contains(out, "not by the public key given") {
			t.Errorf("exit %d, output:\n%s", code, out)
		}
	})
	t.Run("readiness html", func(t *testing.T) {
		file := filepath.Join(dir, "readiness.html")
		if code, _, errs := run(t, "readiness", "--catalog", catDir, "--reports", drills, "--trusted-keys", pubFile, "--format", "html", "-o", file); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if html, _ := os.ReadFile(file); !bytes.Contains(html, []byte(`class="cell c-failed"`)) {
			t.Errorf("the readiness HTML has no colour-coded failed cell")
		}
	})
	t.Run("render", func(t *testing.T) {
		for _, f := range reports.FormatNames(reports.KindReport) {
			code, out, errs := run(t, "render", newer, "--format", f)
			if code != 0 || out == "" {
				t.Errorf("render --format %s: exit %d, %d bytes: %s", f, code, len(out), errs)
			}
			if f == "html" {
				saved, _ := os.ReadFile(filepath.Join(newer, "reports", "report.html"))
				if out != string(saved) {
					t.Error("render --format html differs from the report sealed in the bundle")
				}
			}
		}
		if code, _, errs := run(t, "render", newer, "--format", "docx"); code != 2 || !strings.Contains(errs, "allowed are text, html, md, json, junit, csv, pdf") {
			t.Errorf("render --format docx: exit %d, %s", code, errs)
		}
		if code, _, errs := run(t, "render", filepath.Join(dir, "nope")); code != 2 || !strings.Contains(errs, "nope") {
			t.Errorf("render of a missing bundle: exit %d, %s", code, errs)
		}
	})
	t.Run("diff", func(t *testing.T) {
		code, out, errs := run(t, "diff", older, newer)
		if code != 0 || !strings.Contains(out, "1 better, 0 worse, 1 the same") || !strings.Contains(out, "verdict late → recovered") {
			t.Errorf("diff: exit %d\n%s%s", code, out, errs)
		}
	})
}
