package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/importer"
)

type exportReadinessOptions struct {
	Catalog []string
	Reports string
	Pub     string
	Format  string
	trust   trustFlags
	output  outputPath
}

func (o *exportReadinessOptions) AddFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringSliceVar(&o.Catalog, "catalog", nil, "catalog directory or file (repeatable)")
	f.StringVar(&o.Reports, "reports", "", "directory holding evidence bundles (searched recursively)")
	f.StringVar(&o.Pub, "pub", "", "ed25519 public key (PEM) every counted bundle must be signed by (instead of the trusted keys)")
	f.StringVar(&o.Format, "format", "xlsx", "format of the workbook: xlsx")
	o.trust.AddFlags(cmd)
	o.output.AddFlags(cmd, "FILE", "workbook `FILE` to write (.xlsx)", "")
	_ = cmd.MarkFlagRequired("catalog")
	_ = cmd.MarkFlagRequired("reports")
}

func newExportReadinessCmd(s *Streams) *cobra.Command {
	var o exportReadinessOptions
	cmd := &cobra.Command{
		Use:   "readiness --catalog DIR --reports DIR --format xlsx -o readiness.xlsx",
		Short: "Write the exit-readiness view as a spreadsheet",
		Long: `Export readiness writes what exitdrill readiness shows as an Excel workbook,
judged by the same rules from the same verified bundles: a sheet Matrix (a
row per supplier: its score and, per outage of 1 day, 1 week and 1 month, the
cell's state and the critical processes proven, failed, to re-test and only on
paper), Processes (score, last drilled, needs re-test, proof), Evidence (per
process, supplier and duration the drill that decides it and why), Not
counted (bundles that do not count, with the reason) and Rules. Scores are
numbers and dates are dates; each sheet has a filter on its header row.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runExportReadiness(&o, s, time.Now()) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runExportReadiness(o *exportReadinessOptions, s *Streams, now time.Time) error {
	if o.Format != "xlsx" {
		return withCode(ExitInvalid, fmt.Errorf("--format %q: allowed is xlsx (exitdrill readiness writes text, html, md and json)", o.Format))
	}
	switch path := o.output.Path; {
	case path == "" || path == "-":
		return withCode(ExitInvalid, errors.New("-o/--output FILE is required: a workbook is not written to stdout"))
	case strings.ToLower(filepath.Ext(path)) != ".xlsx":
		return withCode(ExitInvalid, fmt.Errorf("-o/--output %s: allowed is a .xlsx file", path))
	}
	r, err := judgeReadiness(s, o.Catalog, o.Reports, o.Pub, &o.trust, now)
	if err != nil {
		return err
	}
	p := s.printer()
	if err := importer.WriteReadinessXLSX(o.output.Path, r, p); err != nil {
		return err
	}
	fmt.Fprintln(s.Err, "exitdrill: "+p.F("wrote readiness of %d suppliers and %d processes to %s (%d drills counted, %d bundles not counted)",
		len(r.Suppliers), len(r.Processes), o.output.Path, len(r.Drills), len(r.NotCounted)))
	return nil
}
