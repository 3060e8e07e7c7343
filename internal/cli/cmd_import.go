package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/importer"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

type importOptions struct {
	Preset       string
	Mapping      string
	Organisation string
	DryRun       bool
	output       outputPath // -o/--output DIR
	format       outputFlag
}

func (o *importOptions) AddFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	var presets []string
	for _, p := range importer.Presets {
		presets = append(presets, p.Name+": "+p.Help)
	}
	f.StringVar(&o.Preset, "preset", "", "`PRESET` of the files: "+strings.Join(presets, "; "))
	f.StringVar(&o.Mapping, "mapping", "", "mapping file `MAP.yaml` (kind ImportMapping) saying which sheet and column is which key")
	f.StringVar(&o.Organisation, "organisation", "", "`NAME` of the organisation, when the files do not name it")
	f.BoolVar(&o.DryRun, "dry-run", false, "print what the import would add, change and remove; write nothing")
	o.output.AddFlags(cmd, "DIR", "catalog directory `DIR` to write or merge into (required)", "out")
	o.format.addFormat(cmd)
}

func newImportCmd(s *Streams) *cobra.Command {
	var o importOptions
	cmd := &cobra.Command{
		Use:   "import FILE... (--preset PRESET | --mapping MAP.yaml) -o DIR [--dry-run]",
		Short: "Make or update a catalog from a CMDB export, a spreadsheet or the DORA register",
		Long: `Import reads the files people already keep and writes a catalog directory
(suppliers.yaml, applications.yaml, processes.yaml), each record with a comment
naming the file, sheet and row it came from. Presets read a CMDB export
(cmdb-csv) or the DORA register of information (dora-roi); a mapping file
says which sheet and column of any CSV or XLSX file is which key.

A problem in the files is reported with its file!sheet!cell, and then nothing
is written (exit 2). What the source lacks — an MTPD or an owner in the
register — is written as a placeholder that validate names.

Importing again into the same directory merges: the records and keys the
last import wrote are updated (recorded in DIR/.exitdrill-import.json), and
everything people added by hand — backups, runbooks, exit plans, records of
their own — is kept. --dry-run prints what would change.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runImport(cmd.Context(), &o, s, args) },
	}
	o.AddFlags(cmd)
	return cmd
}

// importResult is the JSON document of import.
type importResult struct {
	Dir     string            `json:"dir"`
	DryRun  bool              `json:"dryRun"`
	Counts  map[string]int    `json:"counts"`
	Changes []importer.Change `json:"changes"`
	Todos   []string          `json:"todos"`
	Notes   []string          `json:"notes"`
	// Problems are what validate says of the written catalog: the
	// placeholders left to fill in, and anything else.
	Problems []string `json:"problems"`
}

func runImport(ctx context.Context, o *importOptions, s *Streams, files []string) error {
	if err := o.check(s); err != nil {
		return err
	}
	res, err := o.read(ctx, files)
	if err != nil {
		return importInvalid(err)
	}
	plan, err := importer.Prepare(ctx, res, o.output.Path)
	if err != nil {
		return err
	}
	out := importResult{Dir: o.output.Path, DryRun: o.DryRun, Counts: map[string]int{}, Changes: plan.Changes,
		Todos: plan.Todos, Notes: res.Notes, Problems: []string{}}
	for op, n := range plan.Counts() {
		out.Counts[string(op)] = n
	}
	if !o.DryRun {
		if err := plan.Write(); err != nil {
			return err
		}
		if _, err := catalog.Load(fsys, o.output.Path); err != nil {
			lines, ok := yamldoc.Lines(err)
			if !ok {
				return err
			}
			out.Problems = lines
		}
	}
	if o.format.json() {
		return writeJSON(s.Out, out)
	}
	printImport(s, out)
	return nil
}

// check checks the flags.
func (o *importOptions) check(s *Streams) error {
	if err := o.format.check(s); err != nil {
		return err
	}
	if err := o.output.resolve(s); err != nil {
		return err
	}
	switch {
	case (o.Preset == "") == (o.Mapping == ""):
		return withCode(ExitInvalid, errors.New("give one of --preset PRESET ("+importer.PresetNames()+") and --mapping MAP.yaml"))
	case o.output.Path == "":
		return withCode(ExitInvalid, errors.New("-o/--output DIR is required: the catalog directory to write or merge into"))
	}
	if o.Preset != "" {
		if _, ok := importer.FindPreset(o.Preset); !ok {
			return withCode(ExitInvalid, fmt.Errorf("--preset %q: allowed are %s", o.Preset, importer.PresetNames()))
		}
	}
	return o.output.notStdout("import writes a directory")
}

// read reads the files with the preset or the mapping.
func (o *importOptions) read(ctx context.Context, files []string) (*importer.Result, error) {
	opt := importer.Options{Organisation: o.Organisation}
	if o.Mapping != "" {
		return importer.FromMapping(ctx, o.Mapping, files, opt)
	}
	p, _ := importer.FindPreset(o.Preset)
	return p.Read(ctx, files, opt)
}

// importInvalid gives a problem in the files or the mapping exit code 2.
func importInvalid(err error) error {
	var bad *importer.Invalid
	if errors.As(err, &bad) {
		return withCode(ExitInvalid, err)
	}
	return invalid(err)
}

// printImport prints the changes on stdout, and notes and what is left to do
// on stderr.
func printImport(s *Streams, r importResult) {
	lp := s.printer()
	marks := map[importer.Op]string{importer.Added: "+", importer.Changed: "~", importer.Removed: "-"}
	for _, c := range r.Changes {
		mark, ok := marks[c.Op]
		if !ok {
			continue
		}
		fmt.Fprintf(s.Out, "%s %s %s", mark, lp.T(string(c.Kind)), c.ID)
		switch {
		case c.Op == importer.Added:
			fmt.Fprintf(s.Out, " (%s)\n", c.Origin)
		default:
			fmt.Fprintf(s.Out, ": %s\n", lp.Filled(strings.Join(c.Details, "; ")))
		}
	}
	counts := lp.F("%d added, %d changed, %d removed, %d unchanged", r.Counts["added"], r.Counts["changed"], r.Counts["removed"], r.Counts["unchanged"])
	if r.DryRun {
		fmt.Fprint(s.Out, lp.F("dry run: %s; nothing written to %s\n", counts, r.Dir))
	} else {
		fmt.Fprint(s.Out, lp.F("imported into %s: %s\n", r.Dir, counts))
	}
	for _, n := range r.Notes {
		fmt.Fprintln(s.Err, lp.T("note:")+" "+n)
	}
	if len(r.Problems) > 0 {
		fmt.Fprint(s.Err, lp.F("to do: %d things before the catalog validates (exitdrill validate %s):\n", len(r.Problems), r.Dir))
		for _, p := range r.Problems {
			fmt.Fprintln(s.Err, "  "+p)
		}
	} else if r.DryRun && len(r.Todos) > 0 {
		fmt.Fprint(s.Err, lp.F("to do: the import would leave %d placeholders to fill in\n", len(r.Todos)))
	}
}
