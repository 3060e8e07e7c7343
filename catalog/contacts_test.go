package catalog_test

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
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

// TestContactsQuietHours loads a person's quiet hours with their timezone
// and reports malformed hours, hours without a timezone, a timezone without
// hours and an unknown timezone with file, line and column.
func TestContactsQuietHours(t *testing.T) {
	good := contactsHead + `contacts:
  - role: process-owner
    people: [{name: Anna, email: anna@gemeente.test, quietHours: "22:00-07:00", timezone: Europe/Amsterdam}]
`
	c, err := catalog.Load(fstest.MapFS{"c/catalog.yaml": {Data: []byte(good)}}, "c")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if p := c.Contacts[0].People[0]; p.QuietHours.String() != "22:00-07:00" || p.Timezone != "Europe/Amsterdam" {
		t.Errorf("person = %+v, want quiet hours 22:00-07:00 in Europe/Amsterdam", p)
	}

	bad := contactsHead + `contacts:
  - role: process-owner
    people:
      - {name: A, email: a@x.test, quietHours: "22:00-7:00", timezone: UTC}
      - {name: B, email: b@x.test, quietHours: "22:00-22:00", timezone: UTC}
      - {name: C, email: c@x.test, quietHours: "22:00-07:00"}
      - {name: D, email: d@x.test, timezone: UTC}
      - {name: E, email: e@x.test, quietHours: "23:00-06:30", timezone: Mars/Olympus}
      - {name: F, email: f@x.test, quietHours: "23:00-06:30", timezone: ../../etc/passwd}
`
	_, err = catalog.Load(fstest.MapFS{"c/catalog.yaml": {Data: []byte(bad)}}, "c")
	want := []string{
		`c/catalog.yaml:10:48: contacts[0].people[0].quietHours: value "22:00-7:00": malformed quiet hours "22:00-7:00" (allowed: ` + drill.QuietAllowed + `)`,
		`c/catalog.yaml:11:48: contacts[0].people[1].quietHours: value "22:00-22:00": quiet hours "22:00-22:00" are empty (from equals to) (allowed: ` + drill.QuietAllowed + `)`,
		`c/catalog.yaml:12:48: contacts[0].people[2].quietHours: value "22:00-07:00": needs a timezone (on whose clock?) (allowed: timezone: an IANA zone such as Europe/Amsterdam beside quietHours)`,
		`c/catalog.yaml:13:46: contacts[0].people[3].timezone: value "UTC": is given without quietHours, which it is the clock of (allowed: quietHours: HH:MM-HH:MM beside it, or no timezone)`,
		`c/catalog.yaml:14:73: contacts[0].people[4].timezone: value "Mars/Olympus": is not a known time zone (allowed: an IANA zone such as Europe/Amsterdam or UTC)`,
		`c/catalog.yaml:15:73: contacts[0].people[5].timezone: value "../../etc/passwd": is not a known time zone (allowed: an IANA zone such as Europe/Amsterdam or UTC)`,
	}
	if diff := cmp.Diff(want, problems(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
