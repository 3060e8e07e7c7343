// Package judgetest holds the readiness fixture that the tests of judge and
// of the reports that render its answers share: a small catalog and drills of
// it, built as a real drill's bundle is.
package judgetest

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/scenarios"
)

// Catalog is a catalog of four critical processes: two on
// microsoft (proven, paper), two on kpn (stale, changed). rtoChanged moves
// the changed process's RTO, as an edit after its drill would.
func Catalog(t testing.TB, rtoChanged bool) *catalog.Catalog {
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

// Bundle plans a loss of supplier for a week on c and builds the bundle of a
// drill, finished at, in which the processes named recovered in 6h.
func Bundle(t testing.TB, c *catalog.Catalog, id, supplier string, at time.Time, recovered ...string) *evidence.Bundle {
	t.Helper()
	sc := &scenarios.Scenario{ID: supplier + "-1-week", Lose: scenarios.Lose{Suppliers: []string{supplier}}, Duration: drill.Duration(7 * drill.Day)}
	plan := scenarios.NewPlan(id, c, sc)
	res := &drill.DrillResult{DrillID: id, Scenario: plan.Scenario, Started: at.Add(-time.Minute), Finished: at}
	for _, p := range plan.Processes {
		pr := &drill.ProcessResult{Process: p.ID, Owner: p.Owner, Critical: p.Critical, RTO: p.RTO, MTPD: p.MTPD, RPO: p.RPO, Steps: []*drill.StepResult{}}
		ok := false
		for _, r := range recovered {
			ok = ok || r == p.ID
		}
		if ok {
			pr.Recovered, pr.Recovery = true, drill.Duration(6*time.Hour)
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

// Drills are the fixture's three drills, as of now: microsoft drilled twice
// (the older failed; the latest, ten days ago, proves "proven" and shows
// "paper" failing: it is not recovered, breached for 1w), and kpn drilled 200
// days ago with both recovered ("changed" changes after: see Catalog). They
// were planned on Catalog(t, false).
func Drills(t testing.TB, now time.Time) []*evidence.Bundle {
	t.Helper()
	old := Catalog(t, false)
	return []*evidence.Bundle{
		Bundle(t, old, "ms-old", "microsoft", now.Add(-40*drill.Day)),
		Bundle(t, old, "ms-new", "microsoft", now.Add(-10*drill.Day), "proven"),
		Bundle(t, old, "kpn-old", "kpn", now.Add(-200*drill.Day), "stale", "changed"),
	}
}
