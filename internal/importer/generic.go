package importer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/internal/importer/table"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// FromMapping reads CSV and XLSX files as the mapping at mappingPath says.
func FromMapping(ctx context.Context, mappingPath string, paths []string, opt Options) (*Result, error) {
	m, err := ReadMapping(mappingPath)
	if err != nil {
		return nil, err
	}
	var probs Problems
	g := &generic{m: m, probs: &probs, opt: opt, inputs: readInputs(ctx, paths, opt.Limits, &probs),
		res:       &Result{Organisation: m.Organisation, Source: sourceName(paths, "mapping "+baseName(mappingPath))},
		suppliers: newNames("supplier"), apps: newNames("application")}
	if opt.Organisation != "" {
		g.res.Organisation = opt.Organisation
	}
	if probs.Len() > 0 {
		return nil, probs.Err()
	}
	g.readSuppliers()
	g.readApplications()
	g.readProcesses()
	g.link()
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return g.res, nil
}

// generic applies a mapping.
type generic struct {
	m         *Mapping
	probs     *Problems
	opt       Options
	inputs    []input
	res       *Result
	suppliers *names
	apps      *names
	links     []link // references to resolve once every record is read
}

// link is a cell that names other records.
type link struct {
	from  *Record
	key   string
	names *names
	kind  Kind
	list  bool
	cells []string
	at    table.Loc
}

// mapped is a section's sheet with its columns found.
type mapped struct {
	sh   *table.Sheet
	cols map[*Column]int
}

// sheet finds a section's sheet and its columns; nil after a problem.
func (g *generic) sheet(section string, w Where, src yamldoc.Source, cols ...*Column) *mapped {
	in, ok := g.input(section, w, src)
	if !ok {
		return nil
	}
	grids, err := in.grids(g.opt.Limits, func(s string) bool { return w.Sheet == "" || table.Normalize(s) == table.Normalize(w.Sheet) })
	if err != nil {
		g.probs.AddErr(table.Loc{File: in.name}, err)
		return nil
	}
	if len(grids) == 0 {
		g.probs.Add(table.Loc{File: in.name}, "a sheet of the workbook", "no sheet %q (%s.sheet in %s)", w.Sheet, section, src.At("sheet"))
		return nil
	}
	sh, ok := grids[0].WithHeader(w.HeaderRow)
	if !ok {
		g.probs.Add(grids[0].Where(), "", "no header row %d: the sheet has no such row", w.HeaderRow)
		return nil
	}
	mp := &mapped{sh: sh, cols: map[*Column]int{}}
	for _, c := range cols {
		if c == nil || c.Column == "" {
			continue
		}
		i, ok := sh.Column(c.Column)
		if !ok {
			i, ok = table.ColumnIndex(c.Column)
		}
		if !ok {
			g.probs.Add(sh.HeaderLoc(-1), "a header of this row ("+sh.Headers()+") or a column letter",
				"no column %q (mapped at %s)", c.Column, c.Src.At("column"))
			return nil
		}
		mp.cols[c] = i
	}
	return mp
}

// input returns the file a section reads.
func (g *generic) input(section string, w Where, src yamldoc.Source) (input, bool) {
	var names []string
	for _, in := range g.inputs {
		names = append(names, in.name)
		if w.File == "" && len(g.inputs) == 1 || w.File != "" && strings.EqualFold(in.name, baseName(w.File)) {
			return in, true
		}
	}
	problem := fmt.Sprintf("%s.file %q is not one of the files given", section, w.File)
	if w.File == "" {
		problem = fmt.Sprintf("%s needs file: which of the files given holds it", section)
	}
	g.probs.Add(table.Loc{File: src.At("file").String()}, strings.Join(names, ", "), "%s", problem)
	return input{}, false
}

// cell returns a column's value in row, through its values map, and where it is.
func (mp *mapped) cell(row table.Row, c *Column) (string, table.Loc) {
	if c == nil {
		return "", mp.sh.Loc(row, -1)
	}
	raw := c.Value
	loc := mp.sh.Loc(row, -1)
	if i, ok := mp.cols[c]; ok {
		raw, loc = row.Cell(i), mp.sh.Loc(row, i)
	}
	for k, v := range c.Values {
		if table.Normalize(k) == table.Normalize(raw) {
			return v, loc
		}
	}
	return raw, loc
}

// record makes the record of a row, keyed by its id or else its name.
func (g *generic) record(kind Kind, mp *mapped, row table.Row, id, name *Column) *Record {
	idText, idAt := mp.cell(row, id)
	nameText, _ := mp.cell(row, name)
	if idText == "" && nameText == "" {
		g.probs.Add(idAt, "", "the %s has no id and no name", kind)
		return nil
	}
	// The catalog id is made of the name, which people read; the source's
	// code, when there is one, identifies the record across imports.
	key, want := "name:"+table.Normalize(nameText), Slug(nameText)
	if idText != "" {
		key = "id:" + idText
	}
	if nameText == "" {
		want = Slug(idText)
	}
	if prev := g.res.Find(kind, key); prev != nil {
		g.probs.Add(idAt, "each "+string(kind)+" once", "%s %q is also on %s", kind, strings.TrimPrefix(strings.TrimPrefix(key, "id:"), "name:"), prev.Origin.RowLoc())
		return nil
	}
	r := g.res.Add(&Record{Kind: kind, Key: key, Want: want, Origin: mp.sh.Loc(row, -1)})
	if nameText != "" {
		r.Set("name", nameText)
	}
	return r
}

// refs remembers a cell that names records, to resolve later.
func (g *generic) refs(r *Record, key string, n *names, kind Kind, list bool, mp *mapped, row table.Row, c *Column) {
	text, at := mp.cell(row, c)
	if c == nil || text == "" {
		return
	}
	cells := []string{text}
	if list {
		cells = splitList(text, c.Split)
	}
	g.links = append(g.links, link{from: r, key: key, names: n, kind: kind, list: list, cells: cells, at: at})
}

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

// link resolves the references once every record is known.
func (g *generic) link() {
	for _, l := range g.links {
		for _, name := range l.cells {
			key, ok := l.names.find(name)
			if !ok {
				problem, allowed := l.names.unknown(name)
				g.probs.Add(l.at, allowed, "%s: %s", l.key, problem)
				continue
			}
			switch {
			case !l.list:
				l.from.SetRef(l.key, l.kind, key)
			case key == l.from.Key && l.kind == l.from.Kind:
				g.probs.Add(l.at, "other "+string(l.kind)+"s", "%s: %q names the %s itself", l.key, name, l.kind)
			default:
				l.from.AddRef(l.key, l.kind, key)
			}
		}
	}
	slices.SortStableFunc(g.res.Records, func(a, b *Record) int { return slices.Index(Kinds, a.Kind) - slices.Index(Kinds, b.Kind) })
}
