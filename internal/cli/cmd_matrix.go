package cli

import (
	"context"
	"fmt"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/catalog"
)

type matrixOptions struct {
	Catalog []string
	output  outputFlag
	github  githubFlags
}

func (o *matrixOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&o.Catalog, "catalog", nil, catalogHelp)
	_ = cmd.MarkFlagRequired("catalog")
	o.output.AddFlags(cmd)
	o.github.AddFlags(cmd)
}

func newMatrixCmd(s *Streams) *cobra.Command {
	var o matrixOptions
	cmd := &cobra.Command{
		Use:   "matrix --catalog DIR",
		Short: "Print the exit-readiness matrix: suppliers x 1 day / 1 week / 1 month",
		Long: `Matrix prints, for every supplier and for a loss of 1 day, 1 week and 1 month,
the number of critical processes whose MTPD that loss would exceed if nothing
were recovered: what the organisation cannot simply wait out, and so must be
able to recover elsewhere. This is on paper; drills prove it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runMatrix(cmd.Context(), &o, s) },
	}
	o.AddFlags(cmd)
	return cmd
}

// matrixResult is the JSON document of matrix.
type matrixResult struct {
	Organisation string              `json:"organisation"`
	Critical     int                 `json:"criticalProcesses"`
	Durations    []string            `json:"durations"`
	Rows         []catalog.MatrixRow `json:"rows"`
}

func runMatrix(ctx context.Context, o *matrixOptions, s *Streams) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	c, err := loadCatalogFrom(ctx, o.Catalog, o.github)
	if err != nil {
		return err
	}
	res := matrixResult{Organisation: c.Organisation, Rows: c.Matrix(catalog.MatrixDurations)}
	for _, d := range catalog.MatrixDurations {
		res.Durations = append(res.Durations, d.String())
	}
	for _, p := range c.Processes {
		if p.IsCritical() {
			res.Critical++
		}
	}
	if o.output.json() {
		return writeJSON(s.Out, res)
	}
	p := s.printer()
	fmt.Fprint(s.Out, p.F("%s — exit-readiness matrix: critical processes (of %d) whose MTPD a loss would exceed if nothing were recovered\n\n", c.Organisation, res.Critical))
	t := newTable(s, "")
	t.AppendHeader(table.Row{p.T("Supplier"), p.T("Impacted"), p.T("1 day"), p.T("1 week"), p.T("1 month")})
	for _, r := range res.Rows {
		row := table.Row{label(r.Supplier, r.Name), r.Impacted}
		for _, n := range r.Exceeded {
			row = append(row, cell(n))
		}
		t.AppendRow(row)
	}
	t.SetColumnConfigs([]table.ColumnConfig{
		{Number: 3, Align: text.AlignRight}, {Number: 4, Align: text.AlignRight}, {Number: 5, Align: text.AlignRight},
	})
	t.Render()
	fmt.Fprintln(s.Out, "\n"+p.T("Impacted: critical processes the loss touches at all. A cell counts those that cannot wait out a loss of that length; '-' means none."))
	return nil
}

func cell(n int) any {
	if n == 0 {
		return "-"
	}
	return n
}
