package catalog

import "slices"

// reach is what a set of lost suppliers takes down, with for every down supplier
// and application the hop that brought it down, so that the shortest dependency
// path can be printed.
type reach struct {
	lost map[string]bool
	// supVia[s] is the subprocessor through which s is down; "" when s is lost itself.
	supVia map[string]string
	// appVia[a] is the application a depends on that is down; "" when a's own
	// supplier is down.
	appVia map[string]string
}

func (r *reach) supplierDown(id string) bool { _, ok := r.supVia[id]; return ok }
func (r *reach) appDown(id string) bool      { _, ok := r.appVia[id]; return ok }

// edges are the catalog's dependencies reversed, for walking from a lost
// supplier to what it takes down: who has a supplier as subprocessor, which
// applications a supplier runs, which applications depend on an application.
type edges struct {
	users, runs, dependents map[string][]string
}

func (c *Catalog) reverseEdges() *edges {
	e := &edges{users: map[string][]string{}, runs: map[string][]string{}, dependents: map[string][]string{}}
	for _, s := range c.Suppliers {
		for _, sp := range s.Subprocessors {
			e.users[sp] = append(e.users[sp], s.ID)
		}
	}
	for _, a := range c.Applications {
		e.runs[a.Supplier] = append(e.runs[a.Supplier], a.ID)
		for _, d := range a.DependsOn {
			e.dependents[d] = append(e.dependents[d], a.ID)
		}
	}
	return e
}

// reachOf computes, breadth-first from the lost suppliers, which suppliers are
// down (lost, or a subprocessor transitively lost) and which applications are
// down (run by a down supplier, or depending on a down application). Breadth-first
// search makes every recorded hop part of a shortest path. Views that reach from
// every supplier in turn pass the same edges to each call.
func (c *Catalog) reachOf(lost map[string]bool, e *edges) *reach {
	r := &reach{lost: lost, supVia: map[string]string{}, appVia: map[string]string{}}
	users, runs, dependents := e.users, e.runs, e.dependents
	queue := make([]string, 0, len(lost))
	for _, s := range c.Suppliers { // catalog order keeps the result deterministic
		if lost[s.ID] {
			r.supVia[s.ID] = ""
			queue = append(queue, s.ID)
		}
	}
	for i := 0; i < len(queue); i++ {
		for _, u := range users[queue[i]] {
			if !r.supplierDown(u) {
				r.supVia[u] = queue[i]
				queue = append(queue, u)
			}
		}
	}
	apps := make([]string, 0)
	for _, s := range queue {
		for _, a := range runs[s] {
			if !r.appDown(a) {
				r.appVia[a] = ""
				apps = append(apps, a)
			}
		}
	}
	for i := 0; i < len(apps); i++ {
		for _, u := range dependents[apps[i]] {
			if !r.appDown(u) {
				r.appVia[u] = apps[i]
				apps = append(apps, u)
			}
		}
	}
	return r
}

// lostSet returns the suppliers a loss names directly or by jurisdiction.
func (c *Catalog) lostSet(l Loss) map[string]bool {
	lost := map[string]bool{}
	for _, id := range l.Suppliers {
		lost[id] = true
	}
	for _, s := range c.Suppliers {
		if s.Jurisdiction != "" && slices.Contains(l.Jurisdictions, s.Jurisdiction) {
			lost[s.ID] = true
		}
	}
	return lost
}

// closure returns the applications a process needs, directly or through
// dependsOn, in a stable order: its own applications first, then dependencies
// breadth-first.
func (c *Catalog) closure(p *Process) []*Application {
	seen := map[string]bool{}
	var out []*Application
	queue := slices.Clone(p.Applications)
	for i := 0; i < len(queue); i++ {
		a := c.applications[queue[i]]
		if a == nil || seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		out = append(out, a)
		queue = append(queue, a.DependsOn...)
	}
	return out
}
