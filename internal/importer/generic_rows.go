package importer

import (
	"time"

	"github.com/exitdrill/exitdrill/internal/importer/table"
)

// readSuppliers reads the suppliers section: a record per row.
func (g *generic) readSuppliers() {
	s := g.m.Suppliers
	if s == nil {
		return
	}
	c := s.Columns
	mp := g.sheet("suppliers", s.Where, s.Src, c.ID, c.Name, c.Jurisdiction, c.Subprocessors)
	if mp == nil {
		return
	}
	for _, row := range mp.sh.Records {
		r := g.record(Supplier, mp, row, c.ID, c.Name)
		if r == nil {
			continue
		}
		id, _ := mp.cell(row, c.ID)
		name, _ := mp.cell(row, c.Name)
		g.suppliers.add(r.Key, id, name)
		if text, at := mp.cell(row, c.Jurisdiction); text != "" {
			if code, ok := ParseCountry(text); !ok {
				g.probs.Add(at, CountryAllowed+"; map names with values", "jurisdiction %q is not an ISO 3166-1 alpha-2 code", text)
			} else if code != "" {
				r.Set("jurisdiction", code)
			}
		}
		g.refs(r, "subprocessors", g.suppliers, Supplier, true, mp, row, c.Subprocessors)
	}
}

// readApplications reads the applications section; without a suppliers
// section, suppliers are made of the names in the supplier column.
func (g *generic) readApplications() {
	a := g.m.Applications
	if a == nil {
		return
	}
	c := a.Columns
	mp := g.sheet("applications", a.Where, a.Src, c.ID, c.Name, c.Model, c.Supplier, c.DependsOn)
	if mp == nil {
		return
	}
	for _, row := range mp.sh.Records {
		r := g.record(Application, mp, row, c.ID, c.Name)
		if r == nil {
			continue
		}
		id, _ := mp.cell(row, c.ID)
		name, _ := mp.cell(row, c.Name)
		g.apps.add(r.Key, id, name)
		if text, at := mp.cell(row, c.Model); text != "" {
			if model, ok := ParseModel(text); ok {
				r.Set("model", model)
			} else {
				g.probs.Add(at, ModelAllowed+"; map other words with values", "model %q is not a service model", text)
			}
		}
		switch text, at := mp.cell(row, c.Supplier); {
		case text == "":
			r.Todo("supplier", "the row names no supplier: write the id of the supplier that runs it")
		case g.m.Suppliers == nil:
			r.SetRef("supplier", Supplier, g.madeSupplier(text, at))
		default:
			g.refs(r, "supplier", g.suppliers, Supplier, false, mp, row, c.Supplier)
		}
		g.refs(r, "dependsOn", g.apps, Application, true, mp, row, c.DependsOn)
	}
}

// madeSupplier returns the key of a supplier made of a name the
// applications give, when the mapping has no suppliers section.
func (g *generic) madeSupplier(name string, at table.Loc) string {
	key := "name:" + table.Normalize(name)
	if g.res.Find(Supplier, key) == nil {
		s := g.res.Add(&Record{Kind: Supplier, Key: key, Want: Slug(name), Origin: at.RowLoc()})
		s.Set("name", name)
	}
	return key
}

// readProcesses reads the processes section; a required key the row or
// the mapping leaves out becomes a placeholder.
func (g *generic) readProcesses() {
	p := g.m.Processes
	if p == nil {
		return
	}
	c := p.Columns
	mp := g.sheet("processes", p.Where, p.Src, c.ID, c.Name, c.Owner, c.Critical, c.MTPD, c.RTO, c.RPO, c.MBCO, c.Applications)
	if mp == nil {
		return
	}
	for _, row := range mp.sh.Records {
		r := g.record(Process, mp, row, c.ID, c.Name)
		if r == nil {
			continue
		}
		g.text(r, "owner", mp, row, c.Owner, true)
		if text, at := mp.cell(row, c.Critical); text != "" {
			if v, ok := ParseBool(text); ok {
				r.SetBool("critical", v)
			} else {
				g.probs.Add(at, BoolAllowed, "critical %q is not yes or no", text)
			}
		}
		g.duration(r, "mtpd", "MTPD", mp, row, c.MTPD)
		g.duration(r, "rto", "RTO", mp, row, c.RTO)
		g.duration(r, "rpo", "RPO", mp, row, c.RPO)
		g.text(r, "mbco", mp, row, c.MBCO, false)
		if text, _ := mp.cell(row, c.Applications); text == "" {
			r.Todos = append(r.Todos, Todo{Key: "applications", List: true, Why: "the row names no applications: list the ids of those the process uses"})
		}
		g.refs(r, "applications", g.apps, Application, true, mp, row, c.Applications)
	}
}

// text sets a free-text key; a required one the row leaves empty is a TODO.
func (g *generic) text(r *Record, key string, mp *mapped, row table.Row, c *Column, required bool) {
	switch text, _ := mp.cell(row, c); {
	case text != "":
		r.Set(key, text)
	case required && c == nil:
		r.Todo(key, "the mapping has no column for "+key)
	case required:
		r.Todo(key, "the row has no "+key)
	}
}

// units are the mapping's duration units.
var units = map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}

// duration sets an objective; a missing one is a TODO.
func (g *generic) duration(r *Record, key, label string, mp *mapped, row table.Row, c *Column) {
	text, at := mp.cell(row, c)
	if text == "" {
		why := "the row has no " + label
		if c == nil {
			why = "the mapping has no column for " + key
		}
		r.Todo(key, why)
		return
	}
	unit := time.Duration(0)
	if c != nil {
		unit = units[c.Unit]
	}
	d, err := ParseDuration(text, unit)
	if err != nil {
		allowed := DurationAllowed
		if unit == 0 {
			allowed += `; for bare numbers, say their unit: unit: h`
		}
		g.probs.Add(at, allowed, "%s %q is not a duration (%v)", label, text, err)
		return
	}
	r.Set(key, d.String())
}
