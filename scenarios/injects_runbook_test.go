package scenarios_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// runbookInjectsCatalog has two processes on Microsoft sharing the runbook
// parkeren-recovery (with injects), a third on Salesforce with its own, and
// contacts for two roles.
const runbookInjectsCatalog = `apiVersion: exitdrill/v1
kind: Catalog
organisation: Gemeente Testdorp
suppliers:
  - {id: microsoft, jurisdiction: US}
  - {id: salesforce, jurisdiction: US}
applications:
  - {id: parkeren, supplier: microsoft}
  - {id: crm, supplier: salesforce}
processes:
  - {id: vergunningen, owner: P, mtpd: 7d, rto: 2d, rpo: 24h, applications: [parkeren], runbook: parkeren-recovery}
  - {id: handhaving, owner: P, mtpd: 7d, rto: 2d, rpo: 24h, applications: [parkeren], runbook: parkeren-recovery}
  - {id: klantcontact, owner: K, mtpd: 7d, rto: 2d, rpo: 24h, applications: [crm], runbook: crm-recovery}
contacts:
  - {role: process-owner, people: [{name: Anna, email: anna@gemeente.test}]}
  - {role: continuity-manager, people: [{name: Carla, email: carla@gemeente.test}]}
---
apiVersion: exitdrill/v1
kind: Runbook
id: parkeren-recovery
steps:
  - {id: sign-off, manual: {role: process-owner, instructions: "Issue one permit"}, expected: 4h}
injects:
  - {id: press, at: T0+1d, to: continuity-manager, message: "The press asks about permits."}
  - {id: wethouder, at: 2h, to: process-owner, message: "The alderman wants a status."}
  - {id: day20, at: T0+20d, to: process-owner, message: "Still down."}
---
apiVersion: exitdrill/v1
kind: Runbook
id: crm-recovery
steps:
  - {id: sign-off, manual: {role: process-owner, instructions: "Call one citizen"}, expected: 4h}
injects:
  - {id: press, at: 1h, to: continuity-manager, message: "The press asks about the call centre."}
`

func loadRunbookInjects(t *testing.T, catalogYAML, scenarioYAML string) (*catalog.Catalog, *scenarios.Scenario, error) {
	t.Helper()
	var errs yamldoc.List
	c := catalog.FromDocuments(fstest.MapFS{}, yamldoc.Parse("c.yaml", []byte(catalogYAML), &errs), &errs)
	list := scenarios.FromDocuments(yamldoc.Parse("s.yaml", []byte(scenarioYAML), &errs), &errs)
	if len(list) != 1 {
		t.Fatalf("scenarios: %v", errs.Err())
	}
	scenarios.Check(list[0], c, &errs)
	return c, list[0], errs.Err()
}

// TestRunbookInjects: the injects of the runbooks of the drilled processes
// join the scenario's in the plan, in time order, each runbook's once
// (two processes share one), as RUNBOOK.ID; one after the outage ends and
// those of runbooks of processes not drilled are not in it.
func TestRunbookInjects(t *testing.T) {
	sc := injectsHead + `  - {id: kickoff, at: T0, to: process-owner, message: "The outage begins."}
  - {id: council, at: 1d, to: continuity-manager, message: "A council member wants a status."}
`
	c, s, err := loadRunbookInjects(t, runbookInjectsCatalog, sc)
	if err != nil {
		t.Fatal(err)
	}
	p := scenarios.NewPlan("d1", c, s)
	var got []string
	for _, in := range p.Injects {
		got = append(got, in.ID+" "+in.At.String()+" "+in.To)
	}
	want := []string{
		"kickoff T0 process-owner",
		"parkeren-recovery.wethouder T0+2h process-owner",
		"council T0+1d continuity-manager",
		"parkeren-recovery.press T0+1d continuity-manager",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("planned injects (-want +got):\n%s", diff)
	}
}

// TestRunbookInjectsInvalid: a runbook's injects are validated like a
// scenario's, with file, line and column: a duplicate or unusable id, an
// empty message, a malformed time, a role without contacts; and a scenario
// inject whose id is a runbook inject's in the plan is refused.
func TestRunbookInjectsInvalid(t *testing.T) {
	bad := strings.Replace(runbookInjectsCatalog, `  - {id: day20, at: T0+20d, to: process-owner, message: "Still down."}
`, `  - {id: press, at: T0+2d, to: process-owner, message: "Again."}
  - {id: "a b", at: "T+4h", to: nobody, message: " "}
`, 1)
	sc := injectsHead + `  - {id: crm-recovery.press, at: T0, to: process-owner, message: "Clash."}
`
	_, _, err := loadRunbookInjects(t, bad, sc)
	if err == nil {
		t.Fatal("no problems, want the bad injects")
	}
	want := []string{
		`c.yaml:26:10: runbook[parkeren-recovery].injects[press].id: value "press": is used twice in runbook parkeren-recovery (allowed: each inject id once)`,
		`c.yaml:27:10: runbook[parkeren-recovery].injects[a b].id: value "a b": is not a usable inject id (allowed: letters, digits, '.', '_' and '-')`,
		`c.yaml:27:21: runbook[parkeren-recovery].injects[a b].at: value "T+4h": scenario time "T+4h": malformed duration (allowed: ` + drill.SceneTimeAllowed + `)`,
		`c.yaml:27:33: runbook[parkeren-recovery].injects[a b].to: value "nobody": no contacts in catalog Gemeente Testdorp have this role (allowed: a contacts role: process-owner, continuity-manager)`,
		`c.yaml:27:50: runbook[parkeren-recovery].injects[a b].message: is empty (allowed: what the participants are told)`,
		`s.yaml:8:10: scenario[tabletop].injects[crm-recovery.press].id: value "crm-recovery.press": is the id of inject press of runbook crm-recovery in a drill (allowed: an id no runbook inject has as RUNBOOK.ID)`,
	}
	if diff := cmp.Diff(want, rendered(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
