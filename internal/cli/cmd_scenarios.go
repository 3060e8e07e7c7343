package cli

import (
	"fmt"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/exitdrill/exitdrill/scenarios"
)

type scenariosOptions struct {
	output outputFlag
}

func (o *scenariosOptions) AddFlags(cmd *cobra.Command) { o.output.AddFlags(cmd) }

func newScenariosCmd(s *Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scenarios",
		Short: "List and show the scenario library built into exitdrill",
		Long: `The scenario library holds the loss of each main supplier of the example
organisation for 1 day, 1 week and 1 month, and the loss of every US-jurisdiction
supplier for a month. --scenario accepts more: SUPPLIER-1-day, SUPPLIER-1-week
and SUPPLIER-1-month for any supplier of the catalog, the id of a Scenario
document among the catalog's files (for example CATALOG/scenarios/*.yaml; it
wins over a library scenario of the same id), or a scenario file.`,
	}
	var lo, so scenariosOptions
	list := &cobra.Command{
		Use:   "list",
		Short: "List the library scenarios",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runScenariosList(&lo, s) },
	}
	lo.AddFlags(list)
	show := &cobra.Command{
		Use:   "show ID",
		Short: "Print a library scenario as YAML (a starting point for your own)",
		Args:  cobra.ExactArgs(1),
		RunE:  func(cmd *cobra.Command, args []string) error { return runScenariosShow(&so, s, args[0]) },
	}
	so.AddFlags(show)
	cmd.AddCommand(list, show)
	return cmd
}

func runScenariosList(o *scenariosOptions, s *Streams) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	lib := scenarios.Library()
	if o.output.json() {
		return writeJSON(s.Out, lib)
	}
	p := s.printer()
	t := newTable(s, "")
	t.AppendHeader(table.Row{p.T("Id"), p.T("Loses"), p.T("Duration"), p.T("Mode"), p.T("Title")})
	for _, sc := range lib {
		loses := append(append([]string{}, sc.Lose.Suppliers...), prefixed(p.T("jurisdiction")+" ", sc.Lose.Jurisdictions)...)
		var dur any = sc.Duration // a number to go-pretty, which aligns it right
		if p.Dutch() {
			dur = p.Duration(sc.Duration.Std(), sc.Duration.String())
		}
		t.AppendRow(table.Row{sc.ID, strings.Join(loses, ", "), dur, p.T(sc.EffectiveMode()), p.Filled(sc.Title)})
	}
	t.SetColumnConfigs([]table.ColumnConfig{{Number: 3, Align: text.AlignRight}})
	t.Render()
	return nil
}

func runScenariosShow(o *scenariosOptions, s *Streams, id string) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	sc := scenarios.Find(id)
	if sc == nil {
		var ids []string
		for _, x := range scenarios.Library() {
			ids = append(ids, x.ID)
		}
		return withCode(ExitInvalid, fmt.Errorf("no library scenario %q (allowed: %s)", id, strings.Join(ids, ", ")))
	}
	if o.output.json() {
		return writeJSON(s.Out, sc)
	}
	fmt.Fprint(s.Out, "# yaml-language-server: $schema=https://exitdrill.dev/schema/v1/Scenario.json\n")
	enc := yaml.NewEncoder(s.Out)
	enc.SetIndent(2)
	if err := enc.Encode(sc); err != nil {
		return err
	}
	return enc.Close()
}

func prefixed(p string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}
