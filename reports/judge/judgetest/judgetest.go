// Package judgetest holds the readiness fixture that the tests of judge and
// of the reports that render its answers share: a small catalog and drills of
// it, built as a real drill's bundle is.
package judgetest

import (
	"slices"
	"strings"
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
// live drill, finished at, in which the processes named recovered in 6h.
func Bundle(t testing.TB, c *catalog.Catalog, id, supplier string, at time.Time, recovered ...string) *evidence.Bundle {
	t.Helper()
	return Build(t, c, Drill{ID: id, Suppliers: []string{supplier}, At: at, Recovered: recovered})
}

// Drill describes a drill for Build; the zero values of its options are a
// live drill of a 1-week loss whose recoveries take 6h.
type Drill struct {
	ID        string
	Suppliers []string  // lost
	At        time.Time // finished
	// Mode is live, tabletop or compressed; empty is live.
	Mode string
	// Outage is the scenario's duration; zero is a week.
	Outage drill.Duration
	// Recovered are the processes that recovered, in Recovery (zero: 6h).
	Recovered []string
	Recovery  drill.Duration
	// Aborted stops the whole drill (its Abort is set, every process
	// aborted); AbortedProcesses abort only those processes.
	Aborted          bool
	AbortedProcesses []string
	// Inconclusive are processes a step of which could not be attempted.
	Inconclusive []string
	// Unproven are processes whose steps passed while their runbook left a
	// lost application uncovered.
	Unproven []string
}

// Build plans d's scenario on c and builds the bundle of the drill, as a
// real drill's bundle is built.
func Build(t testing.TB, c *catalog.Catalog, d Drill) *evidence.Bundle {
	t.Helper()
	mode, outage, recovery := d.Mode, d.Outage, d.Recovery
	if mode == "" {
		mode = scenarios.Live
	}
	if outage == 0 {
		outage = drill.Duration(7 * drill.Day)
	}
	if recovery == 0 {
		recovery = drill.Duration(6 * time.Hour)
	}
	label := map[drill.Duration]string{drill.Duration(drill.Day): "1-day", drill.Duration(drill.Week): "1-week", drill.Duration(30 * drill.Day): "1-month"}[outage]
	if label == "" {
		label = outage.String()
	}
	sc := &scenarios.Scenario{ID: strings.Join(d.Suppliers, "+") + "-" + label, Lose: scenarios.Lose{Suppliers: d.Suppliers},
		Duration: outage, Mode: mode}
	plan := scenarios.NewPlan(d.ID, c, sc)
	res := &drill.DrillResult{DrillID: d.ID, Scenario: plan.Scenario, Started: d.At.Add(-time.Minute), Finished: d.At}
	if d.Aborted {
		res.Abort = &drill.Abort{Actor: "tester", Reason: "stopped"}
	}
	for _, p := range plan.Processes {
		pr := &drill.ProcessResult{Process: p.ID, Owner: p.Owner, Critical: p.Critical, RTO: p.RTO, MTPD: p.MTPD, RPO: p.RPO, Steps: []*drill.StepResult{}}
		if slices.Contains(d.Recovered, p.ID) {
			pr.Recovered, pr.Recovery = true, recovery
		}
		pr.Verdict, pr.Why = drill.Judge(pr.Recovered, pr.Recovery, p.RTO, p.MTPD, plan.Scenario.Duration)
		if slices.Contains(d.Inconclusive, p.ID) {
			pr.Verdict, pr.Why, pr.Recovered = drill.Inconclusive, "a step could not be attempted", false
		}
		if slices.Contains(d.Unproven, p.ID) {
			pr.Verdict, pr.Why, pr.Recovered, pr.Recovery = drill.Unproven, drill.UnprovenWhy([]string{"idp"}, recovery), false, 0
		}
		if d.Aborted || slices.Contains(d.AbortedProcesses, p.ID) {
			pr.Verdict, pr.Why, pr.Recovered = drill.Aborted, "aborted", false
		}
		res.Processes = append(res.Processes, pr)
	}
	b, _, err := evidence.Build(evidence.Input{Plan: plan, Result: res})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Drills are the fixture's drills, as of now: microsoft drilled live twice
// for a week (the older failed; the latest, ten days ago, proves "proven" and
// shows "paper" failing: it is not recovered, breached for 1w), compressed
// for a month five days ago with both recovered (the automated part only),
// and live yesterday, aborted (it proves and erases nothing); kpn drilled
// live 200 days ago with both recovered ("changed" changes after: see
// Catalog). They were planned on Catalog(t, false).
func Drills(t testing.TB, now time.Time) []*evidence.Bundle {
	t.Helper()
	old := Catalog(t, false)
	ms := []string{"microsoft"}
	return []*evidence.Bundle{
		Bundle(t, old, "ms-old", "microsoft", now.Add(-40*drill.Day)),
		Bundle(t, old, "ms-new", "microsoft", now.Add(-10*drill.Day), "proven"),
		Build(t, old, Drill{ID: "ms-sim", Suppliers: ms, At: now.Add(-5 * drill.Day), Mode: scenarios.Compressed,
			Outage: drill.Duration(30 * drill.Day), Recovered: []string{"proven", "paper"}}),
		Build(t, old, Drill{ID: "ms-stopped", Suppliers: ms, At: now.Add(-1 * drill.Day), Recovered: []string{"paper"}, Aborted: true}),
		Bundle(t, old, "kpn-old", "kpn", now.Add(-200*drill.Day), "stale", "changed"),
	}
}

// Shared is a catalog whose process klant needs an application of microsoft
// and one of kpn, beside mail (microsoft, MTPD 12h: at stake for a day) and
// net (kpn, not critical).
func Shared(t testing.TB) *catalog.Catalog {
	t.Helper()
	yaml := `apiVersion: exitdrill/v1
kind: Catalog
organisation: Gemeente Proefdorp
suppliers:
  - {id: microsoft, jurisdiction: US}
  - {id: kpn, jurisdiction: NL}
applications:
  - {id: app-m, model: saas, supplier: microsoft}
  - {id: app-k, model: iaas, supplier: kpn}
  - {id: app-mail, model: saas, supplier: microsoft}
  - {id: app-net, model: iaas, supplier: kpn}
processes:
  - {id: klant, owner: A, mtpd: 2d, rto: 1d, rpo: 1d, applications: [app-m, app-k], runbook: rb}
  - {id: mail, owner: B, mtpd: 12h, rto: 4h, rpo: 1d, applications: [app-mail], runbook: rb}
  - {id: net, owner: C, critical: false, mtpd: 10d, rto: 2d, rpo: 1d, applications: [app-net], runbook: rb}
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
