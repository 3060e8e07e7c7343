package catalog

import (
	"slices"
	"strings"
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
		}
	}
}

// plausibleEmail is a light check (the mail server has the last word):
// one @ with text on both sides, no spaces or angle brackets.
func plausibleEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && domain != "" && !strings.ContainsAny(s, " <>\r\n,;") && !strings.Contains(domain, "@")
}
