package cli

import (
	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// fsys is where definition files are read from; tests may replace it.
var fsys = yamldoc.OSFS{}

// loadCatalog loads and validates the catalog under dir.
func loadCatalog(paths ...string) (*catalog.Catalog, error) {
	c, err := catalog.Load(fsys, paths...)
	return c, invalid(err)
}

// loadScenario resolves a library id or file and checks it against c.
func loadScenario(ref string, c *catalog.Catalog) (*scenarios.Scenario, error) {
	s, err := scenarios.Resolve(fsys, ref)
	if err != nil {
		return nil, invalid(err)
	}
	var errs yamldoc.List
	scenarios.Check(s, c, &errs)
	return s, invalid(errs.Err())
}
