package console

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// A drill started or scheduled from the console reads only what the console
// was configured with: its catalogs (Options.Catalog) and its catalogs in
// repositories (Options.GitHubCatalogs), scenarios from the library, files
// in its scenario directories (Options.Scenarios) or beside its local
// catalogs, and github: sources of the repositories on its allowlist
// (Options.GitHubAllow). Anything else — a path such as /root — is refused
// before a file is read: the console runs with the server's rights, not the
// user's.

// checkSources returns why the form's catalogs and scenario may not be read,
// or "" when they may.
func (c *Console) checkSources(ctx context.Context, catalogs []string, scenario string) string {
	if why := c.checkCatalogs(catalogs); why != "" {
		return why
	}
	switch {
	case strings.HasPrefix(scenario, "github:"):
		return c.githubAllowed(scenario)
	case scenarios.Find(scenario) != nil:
		return ""
	case c.catalogScenario(ctx, catalogs, scenario):
		return ""
	}
	file := abs(scenario)
	for _, dir := range append(absAll(c.o.Scenarios), catalogDirs(c.o.Catalog)...) {
		if rel, err := filepath.Rel(dir, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return ""
		}
	}
	return fmt.Sprintf("scenario %q is neither a scenario id (of the library or the catalogs) nor a file in this console's scenario directories or catalogs (exitdrill console --scenarios DIR)", scenario)
}

// checkCatalogs returns why the form's catalogs may not be read, or "":
// each must be one of the console's, or a github: source of a repository
// on its allowlist.
func (c *Console) checkCatalogs(catalogs []string) string {
	for _, cat := range catalogs {
		switch {
		case slices.Contains(c.o.GitHubCatalogs, cat):
		case strings.HasPrefix(cat, "github:"):
			if why := c.githubAllowed(cat); why != "" {
				return why
			}
		case !slices.Contains(absAll(c.o.Catalog), abs(cat)):
			return fmt.Sprintf("catalog %q is not one of this console's catalogs (%s): a drill started here reads only those (exitdrill console --catalog, --github-catalog)",
				cat, strings.Join(append(slices.Clip(c.o.Catalog), c.o.GitHubCatalogs...), ", "))
		}
	}
	return ""
}

// catalogScenario reports whether id names a scenario of the catalogs (a
// Scenario document of theirs, or SUPPLIER-1-day|1-week|1-month of a
// supplier): the catalogs, already allowed, are the only files read. A
// catalog that does not load says so later, in Prepare.
func (c *Console) catalogScenario(ctx context.Context, catalogs []string, id string) bool {
	if id == "" || strings.ContainsRune(id, '/') || yamldoc.IsYAML(id) {
		return false
	}
	cat, err := c.formCatalog(ctx, catalogs)
	if err != nil {
		return false
	}
	sc, err := scenarios.ByID(yamldoc.OSFS{}, id, cat)
	return sc != nil || err != nil
}

// formCatalog loads the catalogs a form names, which checkSources allows:
// github: ones are read through Options.GitHub (a commit is downloaded
// once and kept), as Prepare reads them.
func (c *Console) formCatalog(ctx context.Context, catalogs []string) (*catalog.Catalog, error) {
	ctx, cancel := context.WithTimeout(ctx, prepareTimeout)
	defer cancel()
	paths, _, err := drillops.Resolve(ctx, "catalog", catalogs, c.o.GitHub)
	if err != nil {
		return nil, err
	}
	return catalog.Load(yamldoc.OSFS{}, paths...)
}

// githubAllowed says why a github:OWNER/REPO/... source may not be read, or "".
func (c *Console) githubAllowed(spec string) string {
	parts := strings.SplitN(strings.TrimPrefix(spec, "github:"), "/", 3)
	if c.o.GitHub == nil || len(parts) < 3 {
		return "" // refused by Prepare, which says why, before anything is read
	}
	{
		repo := parts[0] + "/" + strings.SplitN(parts[1], "@", 2)[0]
		for _, a := range c.o.GitHubAllow {
			if strings.EqualFold(a, repo) || strings.EqualFold(a, parts[0]+"/*") {
				return ""
			}
		}
	}
	return fmt.Sprintf("%s: the repository is not on this console's allowlist (exitdrill console --github-allow OWNER/REPO)", spec)
}

// catalogDirs are the directories of the catalogs: a directory catalog
// itself, the directory of a file catalog.
func catalogDirs(cats []string) []string {
	var out []string
	for _, c := range absAll(cats) {
		if yamlFile := strings.HasSuffix(c, ".yaml") || strings.HasSuffix(c, ".yml"); yamlFile {
			c = filepath.Dir(c)
		}
		out = append(out, c)
	}
	return out
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	return a
}

func absAll(ps []string) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if !strings.HasPrefix(p, "github:") {
			out = append(out, abs(p))
		}
	}
	return out
}
