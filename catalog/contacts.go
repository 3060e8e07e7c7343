package catalog

import (
	"slices"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/runbooks"
)

// contacts checks the contacts: one entry per role, a deputy that is
// another role with contacts, people reachable by email or webhook.
func (v *validator) contacts() {
	roles := map[string]bool{}
	for _, rc := range v.c.Contacts {
		if roles[rc.Role] {
			v.errs.AddAt(rc.Src, "role", rc.Role, "has contacts twice", "one contacts entry per role")
		}
		roles[rc.Role] = true
	}
	known := func() []string {
		var ids []string
		for r := range roles {
			ids = append(ids, r)
		}
		slices.Sort(ids)
		return ids
	}
	for _, rc := range v.c.Contacts {
		if rc.Deputy == rc.Role && rc.Role != "" {
			v.errs.AddAt(rc.Src, "deputy", rc.Deputy, "is the role itself", "another role, told when a step of this role is late")
		}
		v.ref(rc.Src, "deputy", rc.Deputy, "contacts role", roles[rc.Deputy], known)
		for _, p := range rc.People {
			if p.Email == "" && p.Webhook == "" {
				v.errs.AddAt(p.Src, "name", p.Name, "can be reached by no channel", "email, webhook or both")
			}
			if p.Email != "" && !plausibleEmail(p.Email) {
				v.errs.AddAt(p.Src, "email", p.Email, "is not an email address", "name@domain")
			}
			v.quietHours(p)
		}
	}
}

// plausibleEmail is a light check (the mail server has the last word):
// one @ with text on both sides, no spaces or angle brackets.
func plausibleEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && domain != "" && !strings.ContainsAny(s, " <>\r\n,;") && !strings.Contains(domain, "@")
}

// quietHours checks that quiet hours come with a timezone the Go time
// database knows, and a timezone only with quiet hours.
func (v *validator) quietHours(p *drill.Contact) {
	switch {
	case v.errs.HasKey(p.Src.Key("quietHours")): // malformed: already said
	case !p.QuietHours.IsZero() && p.Timezone == "":
		v.errs.AddAt(p.Src, "quietHours", p.QuietHours.String(), "needs a timezone (on whose clock?)", "timezone: an IANA zone such as Europe/Amsterdam beside quietHours")
	case p.Timezone != "" && p.QuietHours.IsZero():
		v.errs.AddAt(p.Src, "timezone", p.Timezone, "is given without quietHours, which it is the clock of", "quietHours: HH:MM-HH:MM beside it, or no timezone")
	case p.Timezone != "":
		if _, err := time.LoadLocation(p.Timezone); err != nil || p.Timezone == "Local" {
			v.errs.AddAt(p.Src, "timezone", p.Timezone, "is not a known time zone", "an IANA zone such as Europe/Amsterdam or UTC")
		}
	}
}

// runbookInjects checks that each inject of rb names a role the catalog has
// contacts for, when it has contacts at all (without, a drill tells nobody
// and still records the injects).
func (v *validator) runbookInjects(rb *runbooks.Runbook) {
	if len(v.c.Contacts) == 0 {
		return
	}
	var roles []string
	for _, rc := range v.c.Contacts {
		roles = append(roles, rc.Role)
	}
	for _, in := range rb.Injects {
		if in != nil && in.To != "" && !slices.Contains(roles, in.To) {
			v.errs.AddAt(in.Src, "to", in.To, "no contacts in catalog "+v.c.Organisation+" have this role", "a contacts role: "+strings.Join(roles, ", "))
		}
	}
}
