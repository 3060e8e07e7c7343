package catalog

import (
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// index builds the lookup maps, reporting duplicate ids. The first definition of
// an id wins; later ones are reported with a pointer to the first.
func (c *Catalog) index(errs *yamldoc.List) {
	c.suppliers = make(map[string]*Supplier, len(c.Suppliers))
	c.applications = make(map[string]*Application, len(c.Applications))
	c.processes = make(map[string]*Process, len(c.Processes))
	c.backups = map[string]*drill.Backup{}
	c.alternatives = map[string]*drill.Alternative{}
	c.backupApp = map[string]*Application{}
	c.altApp = map[string]*Application{}
	c.Suppliers = dedupe(c.Suppliers, c.suppliers, "supplier", func(s *Supplier) (string, yamldoc.Source) { return s.ID, s.Src }, errs)
	c.Applications = dedupe(c.Applications, c.applications, "application", func(a *Application) (string, yamldoc.Source) { return a.ID, a.Src }, errs)
	c.Processes = dedupe(c.Processes, c.processes, "process", func(p *Process) (string, yamldoc.Source) { return p.ID, p.Src }, errs)
	for _, a := range c.Applications {
		a.Backups = dedupe(a.Backups, c.backups, "backup", func(b *drill.Backup) (string, yamldoc.Source) { return b.ID, b.Src }, errs)
		for _, b := range a.Backups {
			c.backupApp[b.ID] = a
		}
		a.Alternatives = dedupe(a.Alternatives, c.alternatives, "alternative", func(x *drill.Alternative) (string, yamldoc.Source) { return x.ID, x.Src }, errs)
		for _, x := range a.Alternatives {
			c.altApp[x.ID] = a
		}
	}
}

// dedupe drops nil entries and entries whose id was seen before (reporting them),
// and adds the rest to m. Entries without id are dropped silently: the decoder has
// already reported the missing key.
func dedupe[T any](items []*T, m map[string]*T, noun string, key func(*T) (string, yamldoc.Source), errs *yamldoc.List) []*T {
	out := items[:0]
	for _, it := range items {
		if it == nil {
			continue
		}
		id, src := key(it)
		if id == "" {
			continue
		}
		if prev, ok := m[id]; ok {
			_, psrc := key(prev)
			errs.AddAt(src, "id", id, "duplicate "+noun+" id, first defined at "+psrc.At("id").String(), "each "+noun+" id once in the whole catalog")
			continue
		}
		m[id] = it
		out = append(out, it)
	}
	return out
}

// Supplier returns the supplier with the given id, or nil.
func (c *Catalog) Supplier(id string) *Supplier { return c.suppliers[id] }

// Application returns the application with the given id, or nil.
func (c *Catalog) Application(id string) *Application { return c.applications[id] }

// Process returns the process with the given id, or nil.
func (c *Catalog) Process(id string) *Process { return c.processes[id] }

// Backup returns the backup with the given id and the application it belongs to.
func (c *Catalog) Backup(id string) (*drill.Backup, *Application) {
	return c.backups[id], c.backupApp[id]
}

// Alternative returns the alternative with the given id and its application.
func (c *Catalog) Alternative(id string) (*drill.Alternative, *Application) {
	return c.alternatives[id], c.altApp[id]
}
