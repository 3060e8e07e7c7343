package scenarios

import (
	"maps"
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/runbooks"
)

// validateInjects checks a scenario's injects: ids unique and usable on a
// command line, each within the outage, a role and a message.
func validateInjects(s *Scenario, errs *yamldoc.List) {
	runbooks.ValidateInjects(s.Injects, "the scenario", errs)
	for _, in := range s.Injects {
		if in != nil && s.Duration > 0 && drill.Duration(in.At) > s.Duration && !errs.HasKey(in.Src.Key("at")) {
			errs.AddAt(in.Src, "at", in.At.String(), "is after the outage ends ("+s.Duration.String()+")", "a scenario time within the outage, T0 to T0+"+s.Duration.String())
		}
	}
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

// planInjects copies the scenario's injects into the plan, then those of
// the runbooks of the drilled processes (each runbook once, as RUNBOOK.ID)
// that fall within the outage, all in time order (stable: equal times keep
// the scenario's order, then the processes').
func planInjects(s *Scenario, c *catalog.Catalog, procs []*catalog.ProcessImpact) []*drill.Inject {
	var out []*drill.Inject
	for _, in := range s.Injects {
		if in != nil {
			c := *in
			out = append(out, &c)
		}
	}
	var done []string
	for _, pi := range procs {
		rb := c.Runbooks[pi.Process.Runbook]
		if rb == nil || slices.Contains(done, rb.ID) {
			continue
		}
		done = append(done, rb.ID)
		for _, in := range rb.Injects {
			if in == nil || (s.Duration > 0 && drill.Duration(in.At) > s.Duration) {
				continue
			}
			c := *in
			c.ID = runbooks.InjectID(rb.ID, in.ID)
			out = append(out, &c)
		}
	}
	slices.SortStableFunc(out, func(a, b *drill.Inject) int {
		switch {
		case a.At < b.At:
			return -1
		case a.At > b.At:
			return 1
		}
		return 0
	})
	return out
}

// checkRunbookInjects reports a scenario inject whose id is the one a
// runbook's inject has in the plan (RUNBOOK.ID): an acknowledgement could
// not tell them apart.
func checkRunbookInjects(s *Scenario, c *catalog.Catalog, errs *yamldoc.List) {
	for _, in := range s.Injects {
		if in == nil {
			continue
		}
		for _, id := range slices.Sorted(maps.Keys(c.Runbooks)) {
			for _, ri := range c.Runbooks[id].Injects {
				if ri != nil && runbooks.InjectID(id, ri.ID) == in.ID {
					errs.AddAt(in.Src, "id", in.ID, "is the id of inject "+ri.ID+" of runbook "+id+" in a drill", "an id no runbook inject has as RUNBOOK.ID")
				}
			}
		}
	}
}
