package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/atomicfile"
	"github.com/exitdrill/exitdrill/internal/gen"
)

func newGenCmd(s *Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gen",
		Short: "Generate test material (large catalogs for scale tests)",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newGenCatalogCmd(s))
	return cmd
}

type genCatalogOptions struct {
	Apps, Processes, Suppliers int
	Seed                       int64
	output                     outputPath // -o/--output DIR (--out DIR before)
	Force                      bool
	TrivialSteps               bool
}

func (o *genCatalogOptions) AddFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.IntVar(&o.Apps, "apps", 1300, "number of applications")
	f.IntVar(&o.Processes, "processes", 0, "number of business processes, each with a runbook (default: 100 per 1,300 applications)")
	f.IntVar(&o.Suppliers, "suppliers", 0, fmt.Sprintf("number of suppliers, at least %d (default: 30 per 1,300 applications)", gen.MinSuppliers))
	f.Int64Var(&o.Seed, "seed", 1, "random seed: the same seed and sizes give the same files")
	o.output.AddFlags(cmd, "DIR", "directory `DIR` to write the catalog into (created if missing; required)", "out")
	f.BoolVar(&o.Force, "force", false, "write into a non-empty directory, replacing files generated before")
	f.BoolVar(&o.TrivialSteps, "trivial-steps", false, "runbooks of steps that do next to nothing, to measure the drill engine itself")
}

func newGenCatalogCmd(s *Streams) *cobra.Command {
	var o genCatalogOptions
	cmd := &cobra.Command{
		Use:   "catalog -o DIR [--apps N] [--processes N] [--suppliers N] [--seed N]",
		Short: "Write a large valid catalog shaped like the source report's city",
		Long: `Catalog writes a deterministic, valid catalog for scale tests: about half the
applications SaaS (at vendors running on hyperscalers), a tenth each at a hosting
provider and on a cloud platform, the rest workplace applications; backups held
by various suppliers, alternatives, dependencies on an identity provider and
shared platforms, processes with objectives, and a runbook per process. The
files (suppliers.yaml, applications-NNN.yaml, processes-NNN.yaml,
runbooks-NNN.yaml) are each written to a temporary name and then renamed, so
no file is ever half-written.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, name := range []string{"processes", "suppliers"} {
				if v, _ := cmd.Flags().GetInt(name); cmd.Flags().Changed(name) && v <= 0 {
					return withCode(ExitInvalid, fmt.Errorf("--%s %d: must be positive", name, v))
				}
			}
			return runGenCatalog(&o, s)
		},
	}
	o.AddFlags(cmd)
	return cmd
}

// options returns the generator options; zero processes or suppliers mean the
// report's proportions.
func (o *genCatalogOptions) options() gen.Options {
	g := gen.Scaled(o.Apps, o.Seed)
	if o.Processes != 0 {
		g.Processes = o.Processes
	}
	if o.Suppliers != 0 {
		g.Suppliers = o.Suppliers
	}
	g.TrivialSteps = o.TrivialSteps
	return g
}

func runGenCatalog(o *genCatalogOptions, s *Streams) error {
	g := o.options()
	if err := o.output.resolve(s); err != nil {
		return err
	}
	if err := o.output.notStdout("the catalog is a directory of files"); err != nil {
		return err
	}
	if o.output.Path == "" {
		return withCode(ExitInvalid, errors.New("-o/--output: the directory to write the catalog into is required"))
	}
	if err := g.Check(); err != nil {
		return withCode(ExitInvalid, fmt.Errorf("--%w", err)) // Check names the option as the flag does
	}
	files, err := gen.Catalog(g)
	if err != nil {
		return err
	}
	if err := writeGenerated(o.output.Path, files, o.Force); err != nil {
		return err
	}
	fmt.Fprint(s.Out, s.printer().F("wrote %d files to %s: %d applications, %d processes, %d suppliers, %d bytes (seed %d)\n",
		len(files), o.output.Path, g.Apps, g.Processes, g.Suppliers, gen.Size(files), g.Seed))
	return nil
}

// writeGenerated writes files into dir. A non-empty dir is refused unless force;
// then earlier generated files that this generation does not write again are
// removed, so that a smaller catalog does not inherit stale applications.
func writeGenerated(dir string, files []gen.File, force bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read output directory: %w", err)
	}
	if len(entries) > 0 && !force {
		return withCode(ExitInvalid, fmt.Errorf("-o/--output %s: directory is not empty (%d entries); use --force to replace the generated files in it", dir, len(entries)))
	}
	keep := map[string]bool{}
	for _, f := range files {
		keep[f.Name] = true
	}
	for _, e := range entries {
		if name := e.Name(); !keep[name] && e.Type().IsRegular() && isGenerated(filepath.Join(dir, name)) {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return fmt.Errorf("remove stale generated file: %w", err)
			}
		}
	}
	for _, f := range files {
		// Hidden temporary files: the loader skips them.
		if err := atomicfile.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// isGenerated reports whether the file at path is a YAML file an earlier run of
// gen catalog wrote.
func isGenerated(path string) bool {
	if !strings.HasSuffix(path, ".yaml") {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(gen.Header))
	_, err = io.ReadFull(f, head)
	return err == nil && bytes.Equal(head, []byte(gen.Header))
}
