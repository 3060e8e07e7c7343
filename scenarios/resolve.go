package scenarios

import (
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// Find returns the library scenario with the given id, or nil.
func Find(id string) *Scenario {
	for _, s := range Library() {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Resolve returns the scenario named by ref, looked up in this order:
//   - the id of a Scenario document among the catalog's files (its
//     ScenarioFiles, for example CATALOG/scenarios/*.yaml);
//   - a library id;
//   - SUPPLIER-1-day, SUPPLIER-1-week or SUPPLIER-1-month for a supplier of
//     the catalog (see ForSupplier);
//   - a file holding exactly one scenario.
//
// c may be nil: then only the library and files are looked at. Problems are
// returned as a *yamldoc.Invalid; an id found nowhere lists what is allowed.
func Resolve(fsys fs.FS, ref string, c *catalog.Catalog) (*Scenario, error) {
	if s, err := ByID(fsys, ref, c); s != nil || err != nil {
		return s, err
	}
	var errs yamldoc.List
	if !yamldoc.IsYAML(ref) && !strings.ContainsRune(ref, '/') {
		if _, err := fs.Stat(fsys, ref); err != nil {
			errs.Add(yamldoc.Pos{File: ref}, "scenario", ref, "no scenario with this id and no such file", allowedRefs(fsys, c))
			return nil, errs.Err()
		}
	}
	docs := yamldoc.ReadPaths(fsys, []string{ref}, []string{Kind}, &errs)
	list := FromDocuments(docs, &errs)
	if errs.Len() == 0 && len(list) != 1 {
		errs.Add(yamldoc.Pos{File: ref}, "", "", "expected exactly one Scenario document, found "+strconv.Itoa(len(list)), "one scenario per file given to --scenario")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return list[0], nil
}

// ByID returns the scenario with id ref among c's own, the library and
// those of c's suppliers, in the order of Resolve; nil when there is none.
// It reads no file but c's.
func ByID(fsys fs.FS, ref string, c *catalog.Catalog) (*Scenario, error) {
	if s, err := inCatalog(fsys, ref, c); s != nil || err != nil {
		return s, err
	}
	if s := Find(ref); s != nil {
		return s, nil
	}
	return ForSupplier(ref, c), nil
}

// catalogScenarios decodes the Scenario documents among c's files, each on
// its own, with the problems of each.
func catalogScenarios(fsys fs.FS, c *catalog.Catalog) []found {
	if c == nil || len(c.ScenarioFiles) == 0 {
		return nil
	}
	var read yamldoc.List
	var out []found
	for _, d := range yamldoc.ReadPaths(fsys, c.ScenarioFiles, catalog.Kinds, &read) {
		var errs yamldoc.List
		if list := FromDocuments([]yamldoc.Document{d}, &errs); len(list) == 1 {
			out = append(out, found{list[0], errs})
		}
	}
	return out
}

// found is a scenario of a catalog and its problems.
type found struct {
	s    *Scenario
	errs yamldoc.List
}

// inCatalog returns the scenario of c with id ref, nil when it has none, or
// its problems; an id defined twice is a problem.
func inCatalog(fsys fs.FS, ref string, c *catalog.Catalog) (*Scenario, error) {
	var match []found
	for _, f := range catalogScenarios(fsys, c) {
		if f.s.ID == ref {
			match = append(match, f)
		}
	}
	switch {
	case len(match) == 0:
		return nil, nil
	case len(match) > 1:
		var errs yamldoc.List
		errs.AddAt(match[1].s.Src, "id", ref, "duplicate scenario id in the catalog, first defined at "+match[0].s.Src.At("id").String(), "each scenario id once")
		return nil, errs.Err()
	}
	if err := match[0].errs.Err(); err != nil {
		return nil, err
	}
	return match[0].s, nil
}

// Outages are the outages exitdrill drills for every supplier: the id
// suffix of each and its duration.
var Outages = []struct {
	Suffix, Words string
	Duration      drill.Duration
}{
	{"-1-day", "one day", drill.Duration(24 * time.Hour)},
	{"-1-week", "one week", drill.Duration(7 * 24 * time.Hour)},
	{"-1-month", "one month", drill.Duration(30 * 24 * time.Hour)},
}

// ForSupplier returns the built-in scenario id names for a supplier of c:
// SUPPLIER-1-day, SUPPLIER-1-week or SUPPLIER-1-month, compressed, like the
// library's; nil when id names none.
func ForSupplier(id string, c *catalog.Catalog) *Scenario {
	if c == nil {
		return nil
	}
	for _, o := range Outages {
		if !strings.HasSuffix(id, o.Suffix) {
			continue
		}
		sup := c.Supplier(strings.TrimSuffix(id, o.Suffix))
		if sup == nil {
			continue
		}
		name := sup.Name
		if name == "" {
			name = sup.ID
		}
		return &Scenario{
			Header: yamldoc.Header{APIVersion: yamldoc.APIVersion, Kind: Kind},
			ID:     id, Title: name + " unavailable for " + o.Words,
			Description: name + " is gone for " + o.Words + ". Everything that depends on it, directly or through subprocessors, must keep running or recover.",
			Lose:        Lose{Suppliers: []string{sup.ID}}, Duration: o.Duration,
			Mode: Compressed, TimeScale: DefaultTimeScale, Builtin: true,
		}
	}
	return nil
}

// allowedRefs says what --scenario accepts: the ids of c's scenarios, the
// built-in ones of its suppliers and of the library's, the library's other
// ids, or a file.
func allowedRefs(fsys fs.FS, c *catalog.Catalog) string {
	var parts, own, sups, libSups, lib []string
	for _, f := range catalogScenarios(fsys, c) {
		own = append(own, f.s.ID)
	}
	if len(own) > 0 {
		parts = append(parts, "a scenario of the catalog: "+strings.Join(own, ", "))
	}
	if c != nil {
		for _, s := range c.Suppliers {
			sups = append(sups, s.ID)
		}
		slices.Sort(sups)
	}
	for _, s := range Library() {
		if l := s.Lose.Suppliers; len(l) == 1 && supplierOutage(s.ID) == l[0] {
			if !slices.Contains(sups, l[0]) && !slices.Contains(libSups, l[0]) {
				libSups = append(libSups, l[0])
			}
			continue
		}
		lib = append(lib, s.ID)
	}
	var of []string
	if len(sups) > 0 {
		of = append(of, "of the catalog ("+strings.Join(sups, ", ")+")")
	}
	if len(libSups) > 0 {
		of = append(of, "of the library ("+strings.Join(libSups, ", ")+")")
	}
	parts = append(parts, "SUPPLIER-1-day, SUPPLIER-1-week or SUPPLIER-1-month for a supplier "+strings.Join(of, " or "))
	parts = append(parts, lib...)
	return strings.Join(append(parts, "a scenario file (see exitdrill scenarios list)"), "; ")
}

// supplierOutage returns the supplier of an id of the form of ForSupplier,
// or "".
func supplierOutage(id string) string {
	for _, o := range Outages {
		if sup, ok := strings.CutSuffix(id, o.Suffix); ok {
			return sup
		}
	}
	return ""
}
