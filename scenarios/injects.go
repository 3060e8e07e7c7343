package scenarios

import (
	"strings"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// validateInjects checks a scenario's injects: ids unique and usable on a
// command line, each within the outage, a role and a message.
func validateInjects(s *Scenario, errs *yamldoc.List) {
	seen := map[string]bool{}
	for _, in := range s.Injects {
		switch {
		case in.ID != "" && !validInjectID(in.ID):
			errs.AddAt(in.Src, "id", in.ID, "is not a usable inject id", "letters, digits, '.', '_' and '-'")
		case seen[in.ID]:
			errs.AddAt(in.Src, "id", in.ID, "is used twice in the scenario", "each inject id once")
		}
		seen[in.ID] = true
		if s.Duration > 0 && drill.Duration(in.At) > s.Duration && !errs.HasKey(in.Src.Key("at")) {
			errs.AddAt(in.Src, "at", in.At.String(), "is after the outage ends ("+s.Duration.String()+")", "a scenario time within the outage, T0 to T0+"+s.Duration.String())
		}
		if in.Src.Has("message") && strings.TrimSpace(in.Message) == "" {
			errs.AddAt(in.Src, "message", "", "is empty", "what the participants are told")
		}
	}
}

func validInjectID(id string) bool {
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return len(id) <= 64
}

// checkInjects checks the injects against a catalog with contacts: each
// names a role the catalog has contacts for. A catalog without contacts
// tells nobody; its drills still record the injects.
func checkInjects(s *Scenario, c *catalog.Catalog, errs *yamldoc.List) {
	if len(c.Contacts) == 0 {
		return
	}
	var roles []string
	for _, rc := range c.Contacts {
		roles = append(roles, rc.Role)
	}
	for _, in := range s.Injects {
		if in.To != "" && (&drill.NotifyOptions{Contacts: c.Contacts}).ContactsOf(in.To) == nil {
			errs.AddAt(in.Src, "to", in.To, "no contacts in catalog "+c.Organisation+" have this role", "a contacts role: "+strings.Join(roles, ", "))
		}
	}
}

// planInjects copies the scenario's injects into the plan, in time order
// (stable: equal times keep the scenario's order).
func planInjects(s *Scenario) []*drill.Inject {
	var out []*drill.Inject
	for _, in := range s.Injects {
		c := *in
		out = append(out, &c)
	}
	for i := 1; i < len(out); i++ {
		for k := i; k > 0 && out[k].At < out[k-1].At; k-- {
			out[k], out[k-1] = out[k-1], out[k]
		}
	}
	return out
}
