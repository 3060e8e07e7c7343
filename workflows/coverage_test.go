package workflows

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

// twoAppCatalog: process permits needs portal and, through dependsOn, idp,
// both run by microsoft. The runbook restarts the portal (covers: [portal])
// and runs steps, which may cover idp too.
func twoAppCatalog(t *testing.T, steps string) *catalog.Catalog {
	t.Helper()
	yaml := `apiVersion: exitdrill/v1
kind: Catalog
organisation: Waterschap Proef
suppliers:
  - {id: microsoft, jurisdiction: US}
applications:
  - {id: portal, supplier: microsoft, dependsOn: [idp]}
  - {id: idp, supplier: microsoft}
processes:
  - {id: permits, owner: A, mtpd: 7d, rto: 2d, rpo: 1d, applications: [portal], runbook: rb}
---
apiVersion: exitdrill/v1
kind: Runbook
id: rb
steps:
  - {id: restart-portal, action: command, command: ["true"], covers: [portal]}
` + steps
	c, err := catalog.Load(fstest.MapFS{"catalog.yaml": {Data: []byte(yaml)}}, "catalog.yaml") // command steps run in "."
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A process needs two lost applications: a runbook that covers one is
// unproven however well its steps went, one that covers both is recovered,
// and a failure keeps its verdict and names what is not covered.
func TestCoverageVerdicts(t *testing.T) {
	tests := []struct {
		name        string
		steps       string
		wantVerdict drill.Verdict
		wantWhy     string
		wantMatrix  []drill.CoverageResult
	}{
		{"the runbook covers one of two lost applications", "  - {id: settle, action: wait, expected: 2h}\n",
			drill.Unproven,
			"unproven: nothing in the runbook shows that idp comes back (no step targets its backups, alternatives or exit plan, or names it in covers); the steps that ran passed in 2h",
			[]drill.CoverageResult{
				{App: "portal", Steps: []string{"restart-portal"}, Result: drill.CoverProven},
				{App: "idp", Result: drill.CoverNone}}},
		{"the runbook covers both", "  - {id: switch-idp, manual: {role: operator, instructions: Switch to the standby IdP}, expected: 2h, covers: [idp]}\n",
			drill.Recovered, "recovered in 2h, within RTO 2d",
			[]drill.CoverageResult{
				{App: "portal", Steps: []string{"restart-portal"}, Result: drill.CoverProven},
				{App: "idp", Steps: []string{"switch-idp"}, Result: drill.CoverProven}}},
		{"a failed step keeps its verdict, and names what is not covered", "  - {id: migrate, action: command, command: [\"false\"]}\n",
			drill.Breached,
			"MTPD breached on day 8: not recovered while the outage lasts 30d > MTPD 7d; step migrate (command) failed: exit code 1; also not covered: idp",
			[]drill.CoverageResult{
				{App: "portal", Steps: []string{"restart-portal"}, Result: drill.CoverProven},
				{App: "idp", Result: drill.CoverNone}}},
		{"a failed covering step is named in the matrix", "  - {id: switch-idp, action: command, command: [\"false\"], covers: [idp]}\n",
			drill.Breached,
			"MTPD breached on day 8: not recovered while the outage lasts 30d > MTPD 7d; step switch-idp (command) failed: exit code 1",
			[]drill.CoverageResult{
				{App: "portal", Steps: []string{"restart-portal"}, Result: drill.CoverProven},
				{App: "idp", Steps: []string{"switch-idp"}, Result: string(drill.StepFailed), Step: "switch-idp"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := twoAppCatalog(t, tt.steps)
			sc := &scenarios.Scenario{ID: "microsoft-1-month", Lose: scenarios.Lose{Suppliers: []string{"microsoft"}},
				Duration: 30 * day, Mode: scenarios.Compressed}
			plan := scenarios.NewPlan("d1", c, sc)
			if len(plan.Processes) != 1 {
				t.Fatalf("plan has %d processes, want permits", len(plan.Processes))
			}
			env := newEnv(t)
			r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: plan.Scenario, Process: plan.Processes[0]})
			if r.Verdict != tt.wantVerdict || r.Why != tt.wantWhy {
				t.Errorf("verdict %s, why %q\nwant %s, %q", r.Verdict, r.Why, tt.wantVerdict, tt.wantWhy)
			}
			if diff := cmp.Diff(tt.wantMatrix, r.Coverage); diff != "" {
				t.Errorf("coverage matrix (-want +got):\n%s", diff)
			}
			if r.Verdict == drill.Unproven && (r.Recovered || r.MissedObjectives() || r.Verdict.Met()) {
				t.Errorf("unproven: recovered %v, missed %v, met %v; want it to claim nothing", r.Recovered, r.MissedObjectives(), r.Verdict.Met())
			}
			// validate warns about the same gap before any drill.
			var gaps []string
			for _, g := range c.CoverageGaps() {
				gaps = append(gaps, g.Application)
			}
			if uncovered := plan.Processes[0].Uncovered(); strings.Join(gaps, ",") != strings.Join(uncovered, ",") {
				t.Errorf("validate warns about %v, the drill finds %v uncovered", gaps, uncovered)
			}
		})
	}
}
