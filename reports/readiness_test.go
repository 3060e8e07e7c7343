package reports

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/reports/judge"
	"github.com/exitdrill/exitdrill/scenarios"
)

// readinessCatalog is a catalog of four critical processes: two on
// microsoft (proven, paper), two on kpn (stale, changed). rtoChanged moves
// the changed process's RTO, as an edit after its drill would.
func readinessCatalog(t *testing.T, rtoChanged bool) *catalog.Catalog {
	t.Helper()
	rto := "1d"
	if rtoChanged {
		rto = "12h"
	}
	yaml := `apiVersion: exitdrill/v1
kind: Catalog
organisation: Gemeente Proefdorp
suppliers:
  - {id: microsoft, jurisdiction: US}
  - {id: kpn, jurisdiction: NL}
  - {id: own, jurisdiction: NL}
applications:
  - {id: app-proven, model: saas, supplier: microsoft}
  - {id: app-paper, model: saas, supplier: microsoft}
  - {id: app-stale, model: iaas, supplier: kpn}
  - {id: app-changed, model: iaas, supplier: kpn}
processes:
  - {id: proven, owner: A, mtpd: 2d, rto: 1d, rpo: 1d, applications: [app-proven], runbook: rb}
  - {id: paper, owner: B, mtpd: 3d, rto: 1d, rpo: 1d, applications: [app-paper], runbook: rb}
  - {id: stale, owner: C, mtpd: 2d, rto: 1d, rpo: 1d, applications: [app-stale], runbook: rb}
  - {id: changed, owner: D, mtpd: 2d, rto: ` + rto + `, rpo: 1d, applications: [app-changed], runbook: rb}
---
apiVersion: exitdrill/v1
kind: Runbook
id: rb
steps:
  - {id: switch, action: command, command: ["true"]}
`
	c, err := catalog.Load(fstest.MapFS{"cat/catalog.yaml": {Data: []byte(yaml)}}, "cat")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// drillBundle plans a loss of supplier for a week on c and builds the bundle of a
// drill, finished at, in which the processes named recovered in 6h.
func drillBundle(t *testing.T, c *catalog.Catalog, id, supplier string, at time.Time, recovered ...string) *evidence.Bundle {
	t.Helper()
	sc := &scenarios.Scenario{ID: supplier + "-1-week", Lose: scenarios.Lose{Suppliers: []string{supplier}}, Duration: drill.Duration(7 * day)}
	plan := scenarios.NewPlan(id, c, sc)
	res := &drill.DrillResult{DrillID: id, Scenario: plan.Scenario, Started: at.Add(-time.Minute), Finished: at}
	for _, p := range plan.Processes {
		pr := &drill.ProcessResult{Process: p.ID, Owner: p.Owner, Critical: p.Critical, RTO: p.RTO, MTPD: p.MTPD, RPO: p.RPO, Steps: []*drill.StepResult{}}
		ok := false
		for _, r := range recovered {
			ok = ok || r == p.ID
		}
		if ok {
			pr.Recovered, pr.Recovery = true, dur(6*hour)
		}
		pr.Verdict, pr.Why = drill.Judge(pr.Recovered, pr.Recovery, p.RTO, p.MTPD, plan.Scenario.Duration)
		res.Processes = append(res.Processes, pr)
	}
	b, _, err := evidence.Build(evidence.Input{Plan: plan, Result: res})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readinessFixture is the readiness view judge's TestReadiness checks (the
// same catalog and drills): microsoft drilled twice, kpn once long ago with a
// process changed since, one bundle not counted.
func readinessFixture(t *testing.T) *judge.Readiness {
	t.Helper()
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	old := readinessCatalog(t, false)
	bundles := []*evidence.Bundle{
		drillBundle(t, old, "ms-old", "microsoft", now.Add(-40*day)),
		drillBundle(t, old, "ms-new", "microsoft", now.Add(-10*day), "proven"),
		drillBundle(t, old, "kpn-old", "kpn", now.Add(-200*day), "stale", "changed"),
	}
	r, err := judge.NewReadiness(judge.ReadinessInput{Catalog: readinessCatalog(t, true), Bundles: bundles, Now: now,
		NotCounted: []judge.NotCounted{{Bundle: "drills/tampered", Reason: "journal.jsonl line 3: changed"}}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReadinessCellText(t *testing.T) {
	r := readinessFixture(t)
	for _, tc := range []struct {
		supplier string
		cell     int
		want     string
	}{
		{"microsoft", 0, "-"}, // nothing exceeds a 1-day loss
		{"microsoft", 1, "1/2 proven, 1 failed"},
		{"kpn", 1, "1/2 proven (1 stale), 1 re-test"},
	} {
		for _, s := range r.Suppliers {
			if s.Supplier == tc.supplier {
				if got := cellText(s.Cells[tc.cell]); got != tc.want {
					t.Errorf("%s %s: %q, want %q", tc.supplier, r.Durations[tc.cell], got, tc.want)
				}
			}
		}
	}
	bare, err := judge.NewReadiness(judge.ReadinessInput{Catalog: readinessCatalog(t, false), Now: r.Now})
	if err != nil {
		t.Fatal(err)
	}
	if got := cellText(bare.Suppliers[0].Cells[1]); got != "0/2 proven, 2 paper" {
		t.Errorf("no drills: %s 1w cell %q, want 0/2 proven, 2 paper", bare.Suppliers[0].Supplier, got)
	}
}

func TestReadinessGoldens(t *testing.T) {
	r := readinessFixture(t)
	golden(t, "readiness.txt.golden", rendered(t, "text", r))
	golden(t, "readiness.md.golden", rendered(t, "md", r))
	golden(t, "readiness.html.golden", rendered(t, "html", r))
	golden(t, "readiness.json.golden", rendered(t, "json", r))
}
