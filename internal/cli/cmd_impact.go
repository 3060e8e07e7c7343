package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/scenarios"
)

type impactOptions struct {
	Catalog  []string
	Scenario string
	output   outputFlag
	github   githubFlags
}

func (o *impactOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&o.Catalog, "catalog", nil, catalogHelp)
	cmd.Flags().StringVar(&o.Scenario, "scenario", "", scenarioHelp+", or github:OWNER/REPO/PATH@REF")
	_ = cmd.MarkFlagRequired("catalog")
	_ = cmd.MarkFlagRequired("scenario")
	o.output.AddFlags(cmd)
	o.github.AddFlags(cmd)
}

func newImpactCmd(s *Streams) *cobra.Command {
	var o impactOptions
	cmd := &cobra.Command{
		Use:   "impact --catalog DIR --scenario ID|FILE",
		Short: "List the processes a supplier loss impacts, with the path that hits each",
		Long: `Impact lists only the processes the scenario's supplier loss hits, each with the
dependency path that hits it (process -> application -> supplier -> subprocessor),
its objectives, what the outage duration means against them, and which of its
backups and alternatives are themselves held by a lost supplier and so useless.
Nothing is contacted: this is analysis of the catalog alone.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runImpact(cmd.Context(), &o, s) },
	}
	o.AddFlags(cmd)
	return cmd
}

// impactResult is the JSON document of impact.
type impactResult struct {
	Organisation string              `json:"organisation"`
	Scenario     *scenarios.Scenario `json:"scenario"`
	*catalog.Impact
}

func runImpact(ctx context.Context, o *impactOptions, s *Streams) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	c, err := loadCatalogFrom(ctx, o.Catalog, o.github)
	if err != nil {
		return err
	}
	ref, _, err := resolveSources(ctx, "scenario", []string{o.Scenario}, o.github)
	if err != nil {
		return err
	}
	sc, err := loadScenario(ref[0], c)
	if err != nil {
		return err
	}
	im := c.Impact(sc.Loss())
	if o.output.json() {
		return writeJSON(s.Out, impactResult{Organisation: c.Organisation, Scenario: sc, Impact: im})
	}
	printImpact(s, c, sc, im)
	return nil
}

func printImpact(s *Streams, c *catalog.Catalog, sc *scenarios.Scenario, im *catalog.Impact) {
	lp := s.printer()
	fmt.Fprintf(s.Out, "%s — %s\n", c.Organisation, scenarioTitleIn(lp, sc))
	fmt.Fprint(s.Out, lp.F("lost: %s", strings.Join(im.Lost, ", ")))
	if extra := without(im.Down, im.Lost); len(extra) > 0 {
		fmt.Fprint(s.Out, lp.F("; down with them through subprocessors: %s", strings.Join(extra, ", ")))
	}
	fmt.Fprint(s.Out, lp.F("\n%d of %d processes impacted, %d must be recovered (outage longer than their MTPD)\n\n",
		len(im.Processes), len(im.Processes)+im.Unaffected, countLevel(im, drill.MustRecover)))
	if len(im.Processes) == 0 {
		return
	}
	t := newTable(s, "")
	t.AppendHeader(table.Row{lp.T("Process"), lp.T("Owner"), "RTO", "MTPD", "RPO", lp.T("Hit through"), lp.T("Against objectives")})
	for _, pi := range im.Processes {
		p := pi.Process
		t.AppendRow(table.Row{p.ID, p.Owner, durIn(lp, p.RTO), durIn(lp, p.MTPD), durIn(lp, p.RPO), joinPaths(pi.Paths), lp.Filled(pi.Assessment.Text)})
	}
	t.SetColumnConfigs([]table.ColumnConfig{{Number: 3, Align: text.AlignRight}, {Number: 4, Align: text.AlignRight}, {Number: 5, Align: text.AlignRight},
		{Number: 7, WidthMax: 60, WidthMaxEnforcer: text.WrapSoft}})
	t.Render()
	printUnusable(s, im)
	printUncovered(s, im)
}

// printUncovered lists the lost applications that no step of their process's
// runbook covers: a drill of this scenario cannot show that they come back.
func printUncovered(s *Streams, im *catalog.Impact) {
	p := s.printer()
	t := newTable(s, p.T("Not covered: no runbook step shows these come back"))
	t.AppendHeader(table.Row{p.T("Process"), p.T("Runbook"), p.T("Lost application")})
	rows := 0
	for _, pi := range im.Processes {
		for _, a := range pi.Uncovered {
			t.AppendRow(table.Row{pi.Process.ID, pi.Process.Runbook, a})
			rows++
		}
	}
	if rows > 0 {
		fmt.Fprintln(s.Out)
		t.Render()
		fmt.Fprintln(s.Out, p.T("cover an application with a step that targets its backup, alternative or exit plan, or with covers: [APP] on a command, container or manual step"))
	}
}

func printUnusable(s *Streams, im *catalog.Impact) {
	p := s.printer()
	t := newTable(s, p.T("Recovery means lost in this scenario"))
	t.AppendHeader(table.Row{p.T("Process"), p.T("Backup / alternative"), p.T("Application"), p.T("Why")})
	rows := 0
	for _, pi := range im.Processes {
		for _, r := range pi.Unusable {
			t.AppendRow(table.Row{pi.Process.ID, p.T(r.Kind) + " " + r.ID, r.Application, p.Filled(r.Reason)})
			rows++
		}
		for _, g := range pi.Gaps {
			t.AppendRow(table.Row{pi.Process.ID, "-", "-", p.Filled(g)})
			rows++
		}
	}
	if rows > 0 {
		fmt.Fprintln(s.Out)
		t.Render()
	}
}

func joinPaths(paths []catalog.Path) string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = p.String()
	}
	return strings.Join(out, "\n")
}

func countLevel(im *catalog.Impact, level string) int {
	n := 0
	for _, pi := range im.Processes {
		if pi.Assessment.Level == level {
			n++
		}
	}
	return n
}

func without(all, drop []string) []string {
	m := map[string]bool{}
	for _, d := range drop {
		m[d] = true
	}
	var out []string
	for _, a := range all {
		if !m[a] {
			out = append(out, a)
		}
	}
	return out
}

// durIn is a declared duration in the printer's language: as written
// ("2d") in English, "2 dagen" in Dutch.
func durIn(p *lang.Printer, d drill.Duration) string { return p.Duration(d.Std(), d.String()) }

// scenarioTitleIn is scenarioTitle in the printer's language: a generated
// title and the duration the Dutch way, a title people wrote as it is.
func scenarioTitleIn(p *lang.Printer, sc *scenarios.Scenario) string {
	if !p.Dutch() {
		return scenarioTitle(sc)
	}
	d := p.Duration(sc.Duration.Std(), sc.Duration.String())
	if sc.Title != "" {
		return fmt.Sprintf("%s (%s, %s)", p.Filled(sc.Title), sc.ID, d)
	}
	return fmt.Sprintf("%s (%s)", sc.ID, d)
}

func scenarioTitle(sc *scenarios.Scenario) string {
	if sc.Title != "" {
		return fmt.Sprintf("%s (%s, %s)", sc.Title, sc.ID, sc.Duration)
	}
	return fmt.Sprintf("%s (%s)", sc.ID, sc.Duration)
}
