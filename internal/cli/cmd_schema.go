package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/atomicfile"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/runbooks"
	"github.com/exitdrill/exitdrill/scenarios"
)

// schemaKinds maps the schema command's argument to the document type and kind.
var schemaKinds = map[string]struct {
	typ   reflect.Type
	kind  string
	title string
}{
	"catalog":  {reflect.TypeFor[catalog.Document](), catalog.Kind, "exitdrill catalog: suppliers, applications, processes"},
	"scenario": {reflect.TypeFor[scenarios.Scenario](), scenarios.Kind, "exitdrill scenario: an outage to drill"},
	"runbook":  {reflect.TypeFor[runbooks.Runbook](), runbooks.Kind, "exitdrill runbook: the steps that recover a process"},
}

type schemaOptions struct {
	// output is -o/--output: with a kind, the FILE its schema is written to
	// (- is stdout, the default); without, the DIR all three are written
	// into. --write DIR was its name before.
	output outputPath
}

func (o *schemaOptions) AddFlags(cmd *cobra.Command) {
	o.output.AddFlags(cmd, "DIR", "write the schema to `FILE` (- is stdout); without a kind, write catalog.json, scenario.json and runbook.json into the directory DIR", "write")
}

func newSchemaCmd(s *Streams) *cobra.Command {
	var o schemaOptions
	cmd := &cobra.Command{
		Use:   "schema catalog|scenario|runbook [-o FILE] | schema -o DIR",
		Short: "Print the JSON Schema of a definition kind, for editors",
		Long: `Schema prints the JSON Schema of catalog, scenario or runbook documents (-o FILE
writes it to a file), or, given no kind, writes all three into the directory
-o DIR. Point yaml-language-server at them (for example in VS Code with the YAML
extension) by starting a file with

  # yaml-language-server: $schema=./schema/catalog.json

and the editor completes keys and flags mistakes as you type. The schemas are
generated from the same definitions the validator enforces.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if o.output.Path != "" && o.output.Path != "-" || o.output.old != "" {
				return cobra.MaximumNArgs(1)(cmd, args)
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runSchema(&o, s, args) },
	}
	o.AddFlags(cmd)
	return cmd
}

// schemaJSON renders the schema of one kind.
func schemaJSON(name string) ([]byte, error) {
	k, ok := schemaKinds[name]
	if !ok {
		names := make([]string, 0, len(schemaKinds))
		for n := range schemaKinds {
			names = append(names, n)
		}
		slices.Sort(names)
		return nil, withCode(ExitInvalid, fmt.Errorf("unknown schema %q (allowed: %s)", name, strings.Join(names, ", ")))
	}
	b, err := json.MarshalIndent(yamldoc.Schema(k.typ, k.kind, k.title), "", "  ")
	return append(b, '\n'), err
}

func runSchema(o *schemaOptions, s *Streams, args []string) error {
	if o.output.old != "" && len(args) > 0 {
		return withCode(ExitInvalid, errors.New("--write DIR writes every kind: give no kind, or -o FILE for one"))
	}
	if err := o.output.resolve(s); err != nil {
		return err
	}
	if len(args) == 1 {
		return writeSchema(s, args[0], o.output.Path)
	}
	dir := o.output.Path
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name := range schemaKinds {
		b, err := schemaJSON(name)
		if err != nil {
			return err
		}
		if err := atomicfile.WriteFile(filepath.Join(dir, name+".json"), b, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprint(s.Out, s.printer().F("wrote catalog.json, scenario.json, runbook.json to %s\n", dir))
	return nil
}

// writeSchema writes the schema of one kind to file, or to stdout when file
// is "" or -.
func writeSchema(s *Streams, kind, file string) error {
	b, err := schemaJSON(kind)
	if err != nil {
		return err
	}
	if file == "" || file == "-" {
		_, err = s.Out.Write(b)
		return err
	}
	if err := atomicfile.WriteFile(file, b, 0o644); err != nil {
		return err
	}
	fmt.Fprint(s.Err, s.printer().F("wrote %s\n", file))
	return nil
}
