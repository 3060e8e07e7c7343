package scenarios_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

const injectsHead = `apiVersion: exitdrill/v1
kind: Scenario
id: tabletop
lose: {suppliers: [microsoft]}
duration: 7d
mode: tabletop
injects:
`

// TestInjects: a scenario's injects are planned in time order on the
// scenario clock; a malformed time, one after the outage, a duplicate or
// unusable id, an empty message, and a role without contacts in the
// catalog are reported with file, line and column.
func TestInjects(t *testing.T) {
	good := injectsHead + `  - {id: council, at: 2d, to: continuity-manager, message: "A council member wants a status."}
  - {id: press, at: "T0+4h", to: process-owner, message: "The press asks whether permits are late."}
  - {id: start, at: T0, to: process-owner, message: "The outage begins."}
`
	var errs yamldoc.List
	list := scenarios.FromDocuments(yamldoc.Parse("s.yaml", []byte(good), &errs), &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	c := &catalog.Catalog{Organisation: "Gemeente Voorbeeldstad"}
	p := scenarios.NewPlan("d1", c, list[0])
	var got []string
	for _, in := range p.Injects {
		got = append(got, in.ID+" "+in.At.String()+" "+in.To)
	}
	if diff := cmp.Diff([]string{"start T0 process-owner", "press T0+4h process-owner", "council T0+2d continuity-manager"}, got); diff != "" {
		t.Errorf("planned injects (-want +got):\n%s", diff)
	}

	bad := injectsHead + `  - {id: press, at: "T+4h", to: process-owner, message: "x"}
  - {id: press, at: 8d, to: process-owner, message: "y"}
  - {id: late, at: T0+8d, to: process-owner, message: "z"}
  - {id: "a b", at: 1d, to: nobody, message: " "}
`
	errs = yamldoc.List{}
	list = scenarios.FromDocuments(yamldoc.Parse("s.yaml", []byte(bad), &errs), &errs)
	withContacts := &catalog.Catalog{Organisation: "Gemeente Voorbeeldstad", Contacts: []*drill.RoleContacts{{Role: "process-owner"}, {Role: "continuity-manager"}}}
	if len(list) == 1 {
		scenarios.Check(list[0], withContacts, &errs)
	}
	want := []string{
		`s.yaml:8:21: scenario[tabletop].injects[press].at: value "T+4h": scenario time "T+4h": malformed duration (allowed: ` + drill.SceneTimeAllowed + `)`,
		`s.yaml:9:10: scenario[tabletop].injects[press].id: value "press": is used twice in the scenario (allowed: each inject id once)`,
		`s.yaml:10:20: scenario[tabletop].injects[late].at: value "T0+8d": is after the outage ends (7d) (allowed: a scenario time within the outage, T0 to T0+7d)`,
		`s.yaml:11:10: scenario[tabletop].injects[a b].id: value "a b": is not a usable inject id (allowed: letters, digits, '.', '_' and '-')`,
		`s.yaml:11:29: scenario[tabletop].injects[a b].to: value "nobody": no contacts in catalog Gemeente Voorbeeldstad have this role (allowed: a contacts role: process-owner, continuity-manager)`,
		`s.yaml:11:46: scenario[tabletop].injects[a b].message: is empty (allowed: what the participants are told)`,
	}
	var problems []string
	for _, l := range rendered(t, errs.Err()) {
		if !strings.Contains(l, "lose.suppliers") { // the bare catalog has no suppliers
			problems = append(problems, l)
		}
	}
	if diff := cmp.Diff(want, problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
