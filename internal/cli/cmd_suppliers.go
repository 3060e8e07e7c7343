package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/lang"
)

type suppliersOptions struct {
	Catalog []string
	output  outputFlag
	github  githubFlags
}

func (o *suppliersOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&o.Catalog, "catalog", nil, catalogHelp)
	_ = cmd.MarkFlagRequired("catalog")
	o.output.AddFlags(cmd)
	o.github.AddFlags(cmd)
}

func newSuppliersCmd(s *Streams) *cobra.Command {
	var o suppliersOptions
	cmd := &cobra.Command{
		Use:   "suppliers --catalog DIR",
		Short: "Show the concentration view: what depends on each supplier",
		Long: `Suppliers prints, per supplier, the applications it runs, the applications that
go down with it through subprocessors and dependencies, and the processes its
loss alone would impact. The most depended-on suppliers come first.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSuppliers(cmd.Context(), &o, s) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runSuppliers(ctx context.Context, o *suppliersOptions, s *Streams) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	c, err := loadCatalogFrom(ctx, o.Catalog, o.github)
	if err != nil {
		return err
	}
	view := c.Concentration()
	if o.output.json() {
		return writeJSON(s.Out, map[string]any{"organisation": c.Organisation, "suppliers": view})
	}
	p := s.printer()
	fmt.Fprint(s.Out, p.F("%s — supplier concentration (%d suppliers, %d applications, %d processes)\n\n",
		c.Organisation, len(c.Suppliers), len(c.Applications), len(c.Processes)))
	t := newTable(s, "")
	t.AppendHeader(table.Row{p.T("Supplier"), p.T("Jur."), p.T("Runs"), p.T("Down with it"), p.T("Via subprocessor"), p.T("Processes"), p.T("Critical"), p.T("Backups held"), p.T("Processes hit")})
	for _, k := range view {
		t.AppendRow(table.Row{label(k.Supplier, k.Name), k.Jurisdiction, len(k.DirectApps), len(k.IndirectApps),
			strings.Join(k.ViaSubprocessor, ", "), len(k.Processes), k.Critical, len(k.HeldBackups), abbreviateIn(p, k.Processes, 6)})
	}
	t.Render()
	fmt.Fprintln(s.Out, "\n"+p.T("Runs: applications the supplier runs. Down with it: applications it does not run that still go down (their supplier uses it as subprocessor, or they depend on one that goes down)."))
	return nil
}

func label(id, name string) string {
	if name == "" || name == id {
		return id
	}
	return id + " (" + name + ")"
}

// abbreviateIn lists up to n ids and says how many more there are, in the
// printer's language.
func abbreviateIn(p *lang.Printer, ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ", ")
	}
	return p.F("%s and %d more", strings.Join(ids[:n], ", "), len(ids)-n)
}
