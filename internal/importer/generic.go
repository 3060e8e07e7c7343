package importer

import (
	"context"
	"fmt"
	"slices"
	"strings"

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
