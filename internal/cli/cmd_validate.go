package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

type validateOptions struct {
	output outputFlag
	github githubFlags
}

func (o *validateOptions) AddFlags(cmd *cobra.Command) {
	o.output.AddFlags(cmd)
	o.github.AddFlags(cmd)
}

func newValidateCmd(s *Streams) *cobra.Command {
	var o validateOptions
	cmd := &cobra.Command{
		Use:   "validate PATH|github:OWNER/REPO/PATH@REF...",
		Short: "Check catalog, runbook and scenario files; exit 2 listing every problem",
		Long: `Validate reads every *.yaml and *.yml file under the given files and directories,
merges the Catalog documents, collects Runbook and Scenario documents, and checks
them together: formats, references, cycles, objectives and referenced files.
Every problem is reported at once with file:line:column. Exit code 0 when valid,
2 when not. A path may be github:OWNER/REPO/PATH@REF: the directory holding PATH
is read from the repository at that branch, tag or commit.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			paths, _, err := resolveSources(cmd.Context(), "definitions", args, o.github)
			if err != nil {
				return err
			}
			return runValidate(&o, s, paths)
		},
	}
	o.AddFlags(cmd)
	return cmd
}

// validateResult is the JSON document of validate.
type validateResult struct {
	Valid        bool             `json:"valid"`
	Files        []string         `json:"files"`
	Organisation string           `json:"organisation,omitempty"`
	Counts       map[string]int   `json:"counts"`
	Problems     []*yamldoc.Error `json:"problems"`
	// Coverage lists the applications processes need that their runbooks do
	// not cover: warnings, the definitions are valid all the same.
	Coverage []catalog.Gap `json:"coverage"`
}

func runValidate(o *validateOptions, s *Streams, paths []string) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	var errs yamldoc.List
	docs := yamldoc.ReadPaths(fsys, paths, catalog.Kinds, &errs)
	c := catalog.FromDocuments(fsys, docs, &errs)
	scs := scenarios.FromDocuments(docs, &errs)
	hasCatalog := len(c.Suppliers)+len(c.Applications)+len(c.Processes) > 0
	if hasCatalog {
		for _, sc := range scs {
			scenarios.Check(sc, c, &errs)
		}
	}
	res := validateResult{
		Valid: errs.Len() == 0, Files: c.Files, Organisation: c.Organisation, Problems: errs.Errors(),
		Counts: map[string]int{"suppliers": len(c.Suppliers), "applications": len(c.Applications),
			"processes": len(c.Processes), "runbooks": len(c.Runbooks), "scenarios": len(scs)},
	}
	if res.Problems == nil {
		res.Problems = []*yamldoc.Error{}
	}
	if res.Coverage = c.CoverageGaps(); res.Coverage == nil {
		res.Coverage = []catalog.Gap{}
	}
	if o.output.json() {
		if err := writeJSON(s.Out, res); err != nil {
			return err
		}
		if !res.Valid {
			return withCode(ExitInvalid, fmt.Errorf("%d problems", len(res.Problems)))
		}
		return nil
	}
	if err := errs.Err(); err != nil {
		return withCode(ExitInvalid, err)
	}
	fmt.Fprint(s.Out, s.printer().F("valid: %d suppliers, %d applications, %d processes, %d runbooks, %d scenarios in %d files\n",
		res.Counts["suppliers"], res.Counts["applications"], res.Counts["processes"], res.Counts["runbooks"], res.Counts["scenarios"], len(docsFiles(docs))))
	printCoverage(s, res.Coverage)
	return nil
}

// maxNamedGaps is how many uncovered applications the warning names, those
// most needed first: a generated city leaves hundreds uncovered, and one
// line must stay one line.
const maxNamedGaps = 10

// printCoverage warns, on stderr and in one line, about the applications
// runbooks do not cover: a drill that loses one cannot show the process
// recovered. --format json lists every gap; exitdrill impact shows those of
// a scenario.
func printCoverage(s *Streams, gaps []catalog.Gap) {
	if len(gaps) == 0 {
		return
	}
	count := map[string]int{}
	var apps []string
	for _, g := range gaps {
		if count[g.Application] == 0 {
			apps = append(apps, g.Application)
		}
		count[g.Application]++
	}
	slices.SortStableFunc(apps, func(a, b string) int { return count[b] - count[a] })
	p := s.printer()
	parts := make([]string, 0, min(len(apps), maxNamedGaps)+1)
	for _, a := range apps[:min(len(apps), maxNamedGaps)] {
		parts = append(parts, fmt.Sprintf("%s (%d)", a, count[a]))
	}
	if more := len(apps) - maxNamedGaps; more > 0 {
		what := p.T("applications")
		if more == 1 {
			what = p.T("application")
		}
		parts = append(parts, p.F("and %d more %s", more, what))
	}
	what := p.F("%d process needs are not covered by a runbook step, so a drill that loses them judges their processes", len(gaps))
	if len(gaps) == 1 {
		what = p.T("1 process need is not covered by a runbook step, so a drill that loses it judges the process")
	}
	fmt.Fprint(s.Err, p.F("warning: %s unproven, never recovered: %s; details: --format json, or exitdrill impact\n", what, strings.Join(parts, ", ")))
}

func docsFiles(docs []yamldoc.Document) map[string]bool {
	m := map[string]bool{}
	for _, d := range docs {
		m[d.File] = true
	}
	return m
}
