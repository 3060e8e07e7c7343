package importer

import (
	"context"
	"fmt"
	"strings"

	"github.com/exitdrill/exitdrill/internal/importer/table"
)

// The columns of the cmdb-csv preset, by the header names ServiceNow
// (business application and cmdb_rel_ci exports) and TOPdesk (asset
// management exports) use, in English and Dutch. A column is found by any of
// its names; the README lists them.
var (
	cmdbName       = []string{"Name", "Application", "Business application", "Application name", "Naam", "Applicatie", "Applicatienaam", "Objectnaam"}
	cmdbID         = []string{"Number", "Application ID", "Application number", "ID", "Nummer", "Code", "Object ID", "Objectnummer"}
	cmdbVendor     = []string{"Vendor", "Supplier", "Vendor name", "Supplier name", "Manufacturer", "Company", "Leverancier", "Fabrikant"}
	cmdbDependsOn  = []string{"Depends on", "Dependencies", "Depends on applications", "Uses", "Afhankelijk van", "Afhankelijkheden", "Maakt gebruik van"}
	cmdbModel      = []string{"Service model", "Hosting model", "Install type", "Deployment model", "Hostingmodel", "Servicemodel"}
	cmdbCountry    = []string{"Vendor country", "Supplier country", "Land leverancier", "Vestigingsland leverancier"}
	cmdbRelParent  = []string{"Parent", "Bovenliggend", "Van"}
	cmdbRelChild   = []string{"Child", "Onderliggend", "Naar"}
	cmdbRelType    = []string{"Type", "Relationship type", "Relatietype"}
	cmdbRelDepends = []string{"depends on", "runs on", "uses", "hosted on", "consumes", "afhankelijk van", "draait op", "maakt gebruik van"}
)

// CMDB reads the cmdb-csv preset: CSV exports of business applications with
// their vendor and, in a column or in a separate relationship export
// (Parent, Type, Child), what they depend on. Suppliers are made from the
// vendor names. The CMDB has no processes: those come from a BIA.
func CMDB(ctx context.Context, paths []string, opt Options) (*Result, error) {
	var probs Problems
	res := &Result{Organisation: opt.Organisation, Source: sourceName(paths, "preset cmdb-csv")}
	c := &cmdb{res: res, probs: &probs, suppliers: newNames("supplier"), apps: newNames("application")}
	var apps, rels []*table.Sheet
	for _, in := range readInputs(ctx, paths, opt.Limits, &probs) {
		if in.ext() != "csv" {
			probs.Add(table.Loc{File: in.name}, "a .csv export", "the cmdb-csv preset reads CSV exports only")
			continue
		}
		grids, err := in.grids(opt.Limits, nil)
		if err != nil {
			probs.AddErr(table.Loc{File: in.name}, err)
			continue
		}
		sh, ok := grids[0].WithHeader(0)
		if !ok {
			probs.Add(grids[0].Where(), "", "the file is empty")
			continue
		}
		if _, ok := sh.Column(cmdbRelParent...); ok {
			rels = append(rels, sh)
		} else {
			apps = append(apps, sh)
		}
	}
	for _, sh := range apps {
		c.applications(sh)
	}
	for _, sh := range apps {
		c.dependsColumn(sh)
	}
	for _, sh := range rels {
		c.relations(sh)
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

type cmdb struct {
	res       *Result
	probs     *Problems
	suppliers *names
	apps      *names
}

// applications reads the application rows of one export.
func (c *cmdb) applications(sh *table.Sheet) {
	name, okName := sh.Column(cmdbName...)
	vendor, okVendor := sh.Column(cmdbVendor...)
	if !okName || !okVendor {
		c.probs.Add(sh.HeaderLoc(-1), "an application name column ("+strings.Join(cmdbName[:3], ", ")+"...) and a vendor column ("+strings.Join(cmdbVendor[:3], ", ")+"...)",
			"not an application export: the header row has %s", sh.Headers())
		return
	}
	id, hasID := sh.Column(cmdbID...)
	model, hasModel := sh.Column(cmdbModel...)
	country, hasCountry := sh.Column(cmdbCountry...)
	for _, row := range sh.Records {
		n := row.Cell(name)
		if n == "" {
			c.probs.Add(sh.Loc(row, name), "", "the application has no name")
			continue
		}
		key := "app:" + table.Normalize(n)
		if hasID && row.Cell(id) != "" {
			key = "app:" + row.Cell(id)
		}
		if prev := c.res.Find(Application, key); prev != nil {
			c.probs.Add(sh.Loc(row, name), "each application once", "application %q is also on %s", n, prev.Origin.RowLoc())
			continue
		}
		r := c.res.Add(&Record{Kind: Application, Key: key, Want: Slug(n), Origin: sh.Loc(row, -1)})
		r.Set("name", n)
		c.apps.add(key, n, row.Cell(id))
		if hasModel && row.Cell(model) != "" {
			if m, ok := ParseModel(row.Cell(model)); ok {
				r.Set("model", m)
			} else {
				r.Note("%s %q is none of the catalog's models (%s): set model by hand", sh.Header[model], row.Cell(model), ModelAllowed)
			}
		}
		v := row.Cell(vendor)
		if v == "" {
			r.Todo("supplier", "the export names no vendor for this application: write the id of the supplier that runs it")
			continue
		}
		r.SetRef("supplier", Supplier, c.supplier(sh, row, v, country, hasCountry))
	}
}

// supplier returns the key of the supplier called name, made on its first row.
func (c *cmdb) supplier(sh *table.Sheet, row table.Row, name string, country int, hasCountry bool) string {
	key := "vendor:" + table.Normalize(name)
	s := c.res.Find(Supplier, key)
	if s == nil {
		s = &Record{Kind: Supplier, Key: key, Want: Slug(name), Origin: sh.Loc(row, -1)}
		s.Set("name", name)
		c.suppliers.add(key, name)
		c.res.Add(s)
	}
	if hasCountry && row.Cell(country) != "" {
		code, ok := ParseCountry(row.Cell(country))
		if !ok {
			c.probs.Add(sh.Loc(row, country), CountryAllowed, "country %q is not an ISO 3166-1 alpha-2 code", row.Cell(country))
		} else if code != "" {
			if f, set := s.Get("jurisdiction"); set && f.Text != code {
				c.probs.Add(sh.Loc(row, country), "one country per vendor", "vendor %q has country %s here and %s on %s", name, code, f.Text, s.Origin)
			} else {
				s.Set("jurisdiction", code)
			}
		}
	}
	return key
}

// dependsColumn reads the depends-on column of an export, once every
// application is known.
func (c *cmdb) dependsColumn(sh *table.Sheet) {
	dep, ok := sh.Column(cmdbDependsOn...)
	name, _ := sh.Column(cmdbName...)
	if !ok {
		return
	}
	for _, row := range sh.Records {
		from, ok := c.apps.find(row.Cell(name))
		if !ok {
			continue // refused while reading the applications
		}
		for _, d := range splitList(row.Cell(dep), "") {
			to, ok := c.apps.find(d)
			if !ok {
				problem, allowed := c.apps.unknown(d)
				c.probs.Add(sh.Loc(row, dep), allowed, "depends on: %s", problem)
				continue
			}
			if to != from {
				c.res.Find(Application, from).AddRef("dependsOn", Application, to)
			}
		}
	}
}

// relations reads a relationship export: a parent that depends on (runs on,
// uses) a child. Relations of other types, and those between things that are
// not applications of the export (servers, databases), are counted, not read.
func (c *cmdb) relations(sh *table.Sheet) {
	parent, _ := sh.Column(cmdbRelParent...)
	child, okChild := sh.Column(cmdbRelChild...)
	typ, okType := sh.Column(cmdbRelType...)
	if !okChild {
		c.probs.Add(sh.HeaderLoc(parent), strings.Join(cmdbRelChild, ", "), "a relationship export needs a child column beside %q", sh.Header[parent])
		return
	}
	skipped := 0
	for _, row := range sh.Records {
		if okType && !dependsType(row.Cell(typ)) {
			skipped++
			continue
		}
		from, ok1 := c.apps.find(row.Cell(parent))
		to, ok2 := c.apps.find(row.Cell(child))
		if !ok1 || !ok2 || from == to {
			skipped++
			continue
		}
		c.res.Find(Application, from).AddRef("dependsOn", Application, to)
	}
	if skipped > 0 {
		c.res.Notes = append(c.res.Notes, fmt.Sprintf("%s: %d relations skipped: of another type than depends on, runs on or uses, or not between two applications of the export", sh.File, skipped))
	}
}

// dependsType reports whether a relationship type makes the parent need the
// child: ServiceNow writes "Depends on::Used by", the parent's side first.
func dependsType(t string) bool {
	side, _, _ := strings.Cut(strings.ToLower(t), "::")
	side = strings.TrimSpace(side)
	for _, d := range cmdbRelDepends {
		if side == d {
			return true
		}
	}
	return false
}

// sourceName says what an import read, for the file header.
func sourceName(paths []string, how string) string {
	var names []string
	for _, p := range paths {
		names = append(names, baseName(p))
	}
	return strings.Join(names, ", ") + " (" + how + ")"
}
