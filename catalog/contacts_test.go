package catalog_test

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
)

const contactsHead = `apiVersion: exitdrill/v1
kind: Catalog
organisation: Gemeente Voorbeeldstad
suppliers: [{id: own}]
applications: [{id: app, supplier: own}]
processes: [{id: p, owner: x, rto: 1d, mtpd: 2d, rpo: 1d, applications: [app]}]
`

// TestContacts loads contacts per role and reports, with file, line and
// column, a deputy that has no contacts, a role listed twice, a person
// reachable by no channel and an address that is none.
func TestContacts(t *testing.T) {
	good := contactsHead + `contacts:
  - role: process-owner
    deputy: continuity-manager
    people: [{name: Anna, email: anna@gemeente.test, webhook: teams-parkeren}]
  - role: continuity-manager
    people: [{name: Carla, email: carla@gemeente.test}]
`
	c, err := catalog.Load(fstest.MapFS{"c/catalog.yaml": {Data: []byte(good)}}, "c")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(c.Contacts) != 2 || c.Contacts[0].People[0].Webhook != "teams-parkeren" || c.Contacts[0].Deputy != "continuity-manager" {
		t.Errorf("contacts = %+v", c.Contacts)
	}

	bad := contactsHead + `contacts:
  - role: process-owner
    deputy: nobody
    people: [{name: Anna, email: anna@gemeente.test}]
  - role: process-owner
    people: [{name: Bert}, {name: Carla, email: "carla at gemeente"}]
`
	_, err = catalog.Load(fstest.MapFS{"c/catalog.yaml": {Data: []byte(bad)}}, "c")
	want := []string{
		`c/catalog.yaml:9:13: contacts[0].deputy: value "nobody": unknown contacts role (allowed: a defined contacts role id: process-owner)`,
		`c/catalog.yaml:11:11: contacts[1].role: value "process-owner": has contacts twice (allowed: one contacts entry per role)`,
		`c/catalog.yaml:12:21: contacts[1].people[0].name: value "Bert": can be reached by no channel (allowed: email, webhook or both)`,
		`c/catalog.yaml:12:49: contacts[1].people[1].email: value "carla at gemeente": is not an email address (allowed: name@domain)`,
	}
	if diff := cmp.Diff(want, problems(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
