package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/spf13/cobra"
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
	fmt.Fprintf(s.Out, "%s — supplier concentration (%d suppliers, %d applications, %d processes)\n\n",
		c.Organisation, len(c.Suppliers), len(c.Applications), len(c.Processes))
	t := newTable(s, "")
	t.AppendHeader(table.Row{"Supplier", "Jur.", "Runs", "Down with it", "Via subprocessor", "Processes", "Critical", "Backups held", "Processes hit"})
	for _, k := range view {
		t.AppendRow(table.Row{label(k.Supplier, k.Name), k.Jurisdiction, len(k.DirectApps), len(k.IndirectApps),
			strings.Join(k.ViaSubprocessor, ", "), len(k.Processes), k.Critical, len(k.HeldBackups), abbreviate(k.Processes, 6)})
	}
	t.Render()
	fmt.Fprintln(s.Out, "\nRuns: applications the supplier runs. Down with it: applications it does not run that still go down (their supplier uses it as subprocessor, or they depend on one that goes down).")
	return nil
}

func label(id, name string) string {
	if name == "" || name == id {
		return id
	}
	return id + " (" + name + ")"
}

// abbreviate lists up to n ids and says how many more there are.
func abbreviate(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:n], ", "), len(ids)-n)
}
