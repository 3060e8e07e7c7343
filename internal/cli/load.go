package cli

import (
	"context"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// scenarioHelp says what --scenario accepts (see scenarios.Resolve).
const scenarioHelp = "scenario: an id (a Scenario of the catalog's files, SUPPLIER-1-day|1-week|1-month for any supplier of the catalog, or a library id: exitdrill scenarios list) or a scenario file"

// fsys is where definition files are read from; tests may replace it.
var fsys = yamldoc.OSFS{}

// loadCatalog loads and validates the catalog under dir.
func loadCatalog(paths ...string) (*catalog.Catalog, error) {
	c, err := catalog.Load(fsys, paths...)
	return c, invalid(err)
}

// catalogHelp says what --catalog accepts where it may come from a repository.
const catalogHelp = "catalog directory or file, or github:OWNER/REPO/PATH@REF (repeatable)"

// loadCatalogFrom loads and validates the catalog from directories, files
// or github:OWNER/REPO/PATH@REF sources (fetched as gh says).
func loadCatalogFrom(ctx context.Context, specs []string, gh githubFlags) (*catalog.Catalog, error) {
	paths, _, err := resolveSources(ctx, "catalog", specs, gh)
	if err != nil {
		return nil, err
	}
	return loadCatalog(paths...)
}

// loadScenario resolves a scenario id or file for c (see
// scenarios.Resolve) and checks it against c.
func loadScenario(ref string, c *catalog.Catalog) (*scenarios.Scenario, error) {
	s, err := scenarios.Resolve(fsys, ref, c)
	if err != nil {
		return nil, invalid(err)
	}
	var errs yamldoc.List
	scenarios.Check(s, c, &errs)
	return s, invalid(errs.Err())
}
