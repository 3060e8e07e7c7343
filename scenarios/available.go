package scenarios

import (
	"io/fs"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// ForCatalog lists the scenarios a drill of c can be started with by id, in
// the order Resolve looks them up: c's own Scenario documents (those
// without problems), then for every supplier of c its 1-day, 1-week and
// 1-month outage (the library's when it has one of that id, else
// ForSupplier's), then the library's other scenarios that fit c (see
// Check). An id is listed once, as Resolve finds it. It reads no file but
// c's.
func ForCatalog(fsys fs.FS, c *catalog.Catalog) []*Scenario {
	var out []*Scenario
	seen := map[string]bool{}
	add := func(s *Scenario) {
		if s != nil && !seen[s.ID] {
			seen[s.ID] = true
			out = append(out, s)
		}
	}
	for _, f := range catalogScenarios(fsys, c) {
		if f.errs.Len() == 0 {
			add(f.s)
		}
	}
	if c == nil {
		return out
	}
	for _, sup := range c.Suppliers {
		for _, o := range Outages {
			id := sup.ID + o.Suffix
			if s := Find(id); s != nil {
				add(s)
			} else {
				add(ForSupplier(id, c))
			}
		}
	}
	for _, s := range Library() {
		var errs yamldoc.List
		if Check(s, c, &errs); errs.Len() == 0 {
			add(s)
		}
	}
	return out
}
