package console

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/reports"
	"github.com/exitdrill/exitdrill/scenarios"
)

// The forms that start and schedule a drill choose its catalog among the
// console's (Options.Catalog and Options.GitHubCatalogs; checkSources still
// guards what is posted) and
// its scenario among those the chosen catalog can be drilled with: its own,
// each supplier's outage of 1 day, 1 week and 1 month, the library's that
// fit, and the scenario files of the console's scenario directories. Without
// JavaScript, choosing another catalog reloads the form (a GET) with that
// catalog's scenarios.

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// optionGroup is an optgroup of scenarios.
type optionGroup struct {
	Label   string
	Options []option
}

// choices are the catalogs and scenarios a form offers.
type choices struct {
	Catalogs  []option
	Scenarios []optionGroup
	// Problem says why no scenario is offered (the catalog does not load).
	Problem string
}

// maxScenarioFiles bounds the files of the scenario directories read for
// a form.
const maxScenarioFiles = 200

// catalogValue is a form's value for catalogs: comma-separated.
func catalogValue(cats []string) string { return strings.Join(cats, ",") }

// choices lists the console's catalogs — the local ones (and all of them
// together, when there are several), then those in repositories — with the
// form's selected (by default the local ones, else the first in a
// repository), and the scenarios of the selected catalog, the form's
// selected. A catalog in a repository is read through GitHub to list them.
func (c *Console) choices(ctx context.Context, cats []string, scenario string) (ch choices) {
	if len(cats) == 0 {
		cats = c.defaultCatalogs()
	}
	sel := catalogValue(cats)
	for _, cat := range c.o.Catalog {
		ch.Catalogs = append(ch.Catalogs, option{Value: cat, Label: cat, Selected: cat == sel})
	}
	if len(c.o.Catalog) > 1 {
		all := catalogValue(c.o.Catalog)
		ch.Catalogs = append([]option{{Value: all, Label: "all of them: " + strings.Join(c.o.Catalog, ", "), Selected: all == sel}}, ch.Catalogs...)
	}
	for _, spec := range c.o.GitHubCatalogs {
		ch.Catalogs = append(ch.Catalogs, option{Value: spec, Label: spec + " (in a repository)", Selected: spec == sel})
	}
	defer func() { ch.Scenarios = keepChosen(ch.Scenarios, scenario) }()
	if len(cats) == 0 || c.checkCatalogs(cats) != "" {
		return ch // nothing to offer, or refused when posted, by checkSources
	}
	cat, err := c.formCatalog(ctx, cats)
	if err != nil {
		ch.Problem = "the catalog could not be read: " + c.readProblem(err)
		return ch
	}
	ch.Scenarios = scenarioGroups(cat, scenarios.ForCatalog(yamldoc.OSFS{}, cat), c.scenarioFiles(cat), scenario)
	return ch
}

// defaultCatalogs are the catalogs a form starts with: the local ones, or
// else the first in a repository.
func (c *Console) defaultCatalogs() []string {
	if len(c.o.Catalog) > 0 || len(c.o.GitHubCatalogs) == 0 {
		return c.o.Catalog
	}
	return c.o.GitHubCatalogs[:1]
}

// readProblem says in words why a form's catalog could not be read: the
// mistake, or GitHub's answer in the forge's words, as prepareFailure; any
// other failure (which may name the server's directories) goes to the log.
func (c *Console) readProblem(err error) string {
	if status, msg := prepareFailure(err); status != http.StatusInternalServerError {
		return msg
	}
	c.o.Logger.Error("console: read a form's catalog", "error", err)
	return "the server's log says why; try again, or ask whoever runs the server"
}

// keepChosen adds the scenario a form was posted with when no group offers
// it, so that the form shown again with an error keeps it.
func keepChosen(groups []optionGroup, scenario string) []optionGroup {
	if scenario == "" {
		return groups
	}
	for _, g := range groups {
		for _, o := range g.Options {
			if o.Value == scenario {
				return groups
			}
		}
	}
	return append(groups, optionGroup{Label: "Chosen before", Options: []option{{Value: scenario, Label: scenario, Selected: true}}})
}

// scenarioGroups groups the scenarios of a catalog for a select: the
// catalog's own, each supplier's outages (by the supplier's name, "1 day",
// "1 week", "1 month"), the library's, then the files.
func scenarioGroups(cat *catalog.Catalog, list []*scenarios.Scenario, files []option, selected string) []optionGroup {
	var own, lib optionGroup
	own.Label, lib.Label = "Scenarios of the catalog", "Library"
	bySupplier := map[string]*optionGroup{}
	var order []string
	for _, s := range list {
		o := option{Value: s.ID, Selected: s.ID == selected}
		sup := supplierOf(cat, s)
		switch {
		case !s.Builtin:
			o.Label = scenarioLabel(cat, s)
			own.Options = append(own.Options, o)
		case sup != "":
			o.Label = supplierName(cat, sup) + ": " + reports.OutageWords(s.Duration) + " (" + s.EffectiveMode() + ")"
			if bySupplier[sup] == nil {
				bySupplier[sup] = &optionGroup{Label: supplierName(cat, sup)}
				order = append(order, sup)
			}
			bySupplier[sup].Options = append(bySupplier[sup].Options, o)
		default:
			o.Label = scenarioLabel(cat, s)
			lib.Options = append(lib.Options, o)
		}
	}
	var out []optionGroup
	if len(own.Options) > 0 {
		out = append(out, own)
	}
	for _, sup := range order {
		out = append(out, *bySupplier[sup])
	}
	if len(lib.Options) > 0 {
		out = append(out, lib)
	}
	if len(files) > 0 {
		for i := range files {
			files[i].Selected = files[i].Value == selected
		}
		out = append(out, optionGroup{Label: "Scenario files", Options: files})
	}
	return out
}

// supplierOf is the supplier whose 1-day, 1-week or 1-month outage s is, or "".
func supplierOf(cat *catalog.Catalog, s *scenarios.Scenario) string {
	if len(s.Lose.Suppliers) != 1 || len(s.Lose.Jurisdictions) != 0 {
		return ""
	}
	for _, o := range scenarios.Outages {
		if sup := s.Lose.Suppliers[0]; s.ID == sup+o.Suffix && cat.Supplier(sup) != nil {
			return sup
		}
	}
	return ""
}

func supplierName(cat *catalog.Catalog, id string) string {
	if s := cat.Supplier(id); s != nil && s.Name != "" {
		return s.Name
	}
	return id
}

// scenarioLabel is a scenario for people: its title, what it loses (by
// supplier name) and for how long, its mode and its id.
func scenarioLabel(cat *catalog.Catalog, s *scenarios.Scenario) string {
	var lost []string
	for _, id := range s.Lose.Suppliers {
		lost = append(lost, supplierName(cat, id))
	}
	for _, j := range s.Lose.Jurisdictions {
		lost = append(lost, "every supplier under "+j)
	}
	title := s.Title
	if title == "" {
		title = s.ID
	}
	return fmt.Sprintf("%s: %s gone for %s (%s; %s)", title, strings.Join(lost, ", "), reports.OutageWords(s.Duration), s.EffectiveMode(), s.ID)
}

// scenarioFiles are the scenario files of the console's scenario
// directories that fit cat, as options whose value is the file's path.
func (c *Console) scenarioFiles(cat *catalog.Catalog) []option {
	var errs yamldoc.List
	files := yamldoc.ListFiles(yamldoc.OSFS{}, c.o.Scenarios, &errs)
	if len(files) > maxScenarioFiles {
		files = files[:maxScenarioFiles]
	}
	var out []option
	for _, f := range files {
		s, err := scenarios.Resolve(yamldoc.OSFS{}, f, nil)
		if err != nil {
			continue // not a scenario, or a broken one: Prepare would say why
		}
		var fit yamldoc.List
		if scenarios.Check(s, cat, &fit); fit.Len() > 0 {
			continue
		}
		out = append(out, option{Value: f, Label: scenarioLabel(cat, s) + " — " + filepath.Base(f)})
	}
	return out
}

// drillForm reads the fields that plan a drill, shared by the forms of a new
// schedule and of a drill started now: the catalogs (comma-separated), the
// scenario (an id or a file; either may be github:OWNER/REPO/PATH@REF) and
// a note.
func drillForm(f url.Values) (catalogs []string, scenario, note string) {
	for _, p := range strings.Split(f.Get("catalog"), ",") {
		if p = strings.TrimSpace(p); p != "" {
			catalogs = append(catalogs, p)
		}
	}
	return catalogs, strings.TrimSpace(f.Get("scenario")), strings.TrimSpace(f.Get("note"))
}
