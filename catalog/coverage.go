package catalog

import (
	"fmt"
	"slices"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/runbooks"
)

// A process's runbook covers an application when one of its recovery steps
// (not a rollback step) targets one of the application's backups or
// alternatives or its exit plan, or names it in covers. A drill proves a
// process recovered only when every lost application on its impact path is
// covered: otherwise nothing in the runbook shows that the application comes
// back.

// Coverage returns, for each of apps in order (once each), the ids of the
// recovery steps of rb that cover it, in runbook order: none when nothing in
// the runbook shows that it comes back. A nil runbook covers nothing.
func (c *Catalog) Coverage(rb *runbooks.Runbook, apps []string) []drill.Coverage {
	steps := map[string][]string{}
	if rb != nil {
		for _, s := range rb.Steps {
			for _, a := range c.Covers(s) {
				if !slices.Contains(steps[a], s.ID) {
					steps[a] = append(steps[a], s.ID)
				}
			}
		}
	}
	var out []drill.Coverage
	seen := map[string]bool{}
	for _, a := range apps {
		if !seen[a] {
			seen[a] = true
			out = append(out, drill.Coverage{App: a, Steps: steps[a]})
		}
	}
	return out
}

// Uncovered returns the ids of apps, in their order, that no recovery step of
// rb covers. A nil runbook covers nothing.
func (c *Catalog) Uncovered(rb *runbooks.Runbook, apps []string) []string {
	return drill.Uncovered(c.Coverage(rb, apps))
}

// Covers returns the applications step s covers: the owner of the backup or
// alternative it targets, the application whose exit plan it checks, and the
// ones it names in covers.
func (c *Catalog) Covers(s *runbooks.Step) []string {
	if s == nil {
		return nil
	}
	out := slices.Clone(s.Covers)
	tt, _ := s.Kind().Target()
	switch tt {
	case drill.TargetBackup:
		if _, app := c.Backup(s.Target); app != nil {
			out = append(out, app.ID)
		}
	case drill.TargetAlternative:
		if _, app := c.Alternative(s.Target); app != nil {
			out = append(out, app.ID)
		}
	case drill.TargetApplication:
		if c.Application(s.Target) != nil {
			out = append(out, s.Target)
		}
	}
	return out
}

// Gap is an application a process needs that its runbook does not cover.
type Gap struct {
	Process     string `json:"process"`
	Runbook     string `json:"runbook"`
	Application string `json:"application"`
}

// String says what the gap means, in the words the reports use.
func (g Gap) String() string {
	return fmt.Sprintf("process %s: nothing in runbook %s shows that %s comes back (no step targets its backups, alternatives or exit plan, or says covers: [%s])",
		g.Process, g.Runbook, g.Application, g.Application)
}

// CoverageGaps lists, for every process with a runbook, the applications it
// needs (directly or through dependsOn) that the runbook does not cover: any
// of them may be lost in some scenario. Processes without a runbook are
// reported by validation already.
func (c *Catalog) CoverageGaps() []Gap {
	var gaps []Gap
	for _, p := range c.Processes {
		rb := c.Runbooks[p.Runbook]
		if rb == nil {
			continue
		}
		var apps []string
		for _, a := range c.closure(p) {
			apps = append(apps, a.ID)
		}
		for _, a := range c.Uncovered(rb, apps) {
			gaps = append(gaps, Gap{Process: p.ID, Runbook: rb.ID, Application: a})
		}
	}
	return gaps
}
