package scenarios

import (
	"embed"
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

//go:embed library/*.yaml
var libraryFS embed.FS

// FromDocuments decodes and validates the Scenario documents among docs on their
// own (without a catalog), reporting duplicate ids.
func FromDocuments(docs []yamldoc.Document, errs *yamldoc.List) []*Scenario {
	var out []*Scenario
	seen := map[string]*Scenario{}
	for _, d := range docs {
		if d.Kind != Kind {
			continue
		}
		s := new(Scenario)
		yamldoc.Decode(d, s, yamldoc.RootPath(d), errs)
		validate(s, errs)
		if prev, ok := seen[s.ID]; ok && s.ID != "" {
			errs.AddAt(s.Src, "id", s.ID, "duplicate scenario id, first defined at "+prev.Src.At("id").String(), "each scenario id once")
			continue
		}
		seen[s.ID] = s
		out = append(out, s)
	}
	return out
}

func validate(s *Scenario, errs *yamldoc.List) {
	l := s.Lose
	if len(l.Suppliers) == 0 && len(l.Jurisdictions) == 0 && s.Src.Has("lose") && !errs.HasKey(s.Src.Key("lose")) {
		errs.AddAt(s.Src, "lose", "", "the scenario loses nothing", "lose.suppliers and/or lose.jurisdictions")
	}
	for _, j := range l.Jurisdictions {
		if !yamldoc.IsCountryCode(j) {
			errs.AddAt(l.Src, "jurisdictions", j, "not an ISO 3166-1 alpha-2 country code", "two capital letters, for example US")
		}
	}
	if s.Src.Has("timeScale") {
		switch {
		case s.EffectiveMode() == Live:
			errs.AddAt(s.Src, "timeScale", "", "timeScale is not for live mode, where time is real", "remove it, or set mode: compressed or tabletop")
		case s.TimeScale <= 0 && !errs.HasKey(s.Src.Key("timeScale")):
			errs.AddAt(s.Src, "timeScale", "", "timeScale must be positive", "scenario seconds per wall-clock second, for example 720 or 86400")
		}
	}
	validateInjects(s, errs)
}

// Check validates a scenario against a catalog: the suppliers it loses must
// exist there, and it must hit something.
func Check(s *Scenario, c *catalog.Catalog, errs *yamldoc.List) {
	var ids []string
	for _, sup := range c.Suppliers {
		ids = append(ids, sup.ID)
	}
	slices.Sort(ids)
	for _, id := range s.Lose.Suppliers {
		if c.Supplier(id) == nil {
			errs.AddAt(s.Lose.Src, "suppliers", id, "unknown supplier in catalog "+c.Organisation, "a supplier id of the catalog: "+strings.Join(ids, ", "))
		}
	}
	if len(s.Lose.Suppliers) == 0 && len(s.Lose.Jurisdictions) > 0 && !underAny(c, s.Lose.Jurisdictions) {
		errs.AddAt(s.Lose.Src, "jurisdictions", strings.Join(s.Lose.Jurisdictions, ", "), "no supplier of catalog "+c.Organisation+" is under these jurisdictions, the scenario loses nothing", "a jurisdiction of the catalog: "+strings.Join(jurisdictions(c), ", "))
	}
	checkInjects(s, c, errs)
	checkRunbookInjects(s, c, errs)
}

func underAny(c *catalog.Catalog, js []string) bool {
	for _, sup := range c.Suppliers {
		if slices.Contains(js, sup.Jurisdiction) {
			return true
		}
	}
	return false
}

func jurisdictions(c *catalog.Catalog) []string {
	var out []string
	for _, sup := range c.Suppliers {
		if sup.Jurisdiction != "" {
			out = append(out, sup.Jurisdiction)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Library returns the scenarios embedded in the binary, by supplier and then
// from the shortest outage to the longest.
func Library() []*Scenario {
	var errs yamldoc.List
	docs := yamldoc.ReadPaths(libraryFS, []string{"library"}, []string{Kind}, &errs)
	out := FromDocuments(docs, &errs)
	if err := errs.Err(); err != nil {
		panic("scenarios: embedded library is invalid: " + err.Error()) // caught by TestLibrary
	}
	for _, s := range out {
		s.Builtin = true
	}
	return out
}
