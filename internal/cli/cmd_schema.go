package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/runbooks"
	"github.com/exitdrill/exitdrill/scenarios"
)

func init() { register(newSchemaCmd) }

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
	Write string
}

func (o *schemaOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Write, "write", "", "write catalog.json, scenario.json and runbook.json into this directory instead")
}

func newSchemaCmd(s *Streams) *cobra.Command {
	var o schemaOptions
	cmd := &cobra.Command{
		Use:   "schema catalog|scenario|runbook",
		Short: "Print the JSON Schema of a definition kind, for editors",
		Long: `Schema prints the JSON Schema of catalog, scenario or runbook documents. Point
yaml-language-server at it (for example in VS Code with the YAML extension) by
starting a file with

  # yaml-language-server: $schema=./schema/catalog.json

and the editor completes keys and flags mistakes as you type. The schemas are
generated from the same definitions the validator enforces.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if o.Write != "" {
				return cobra.NoArgs(cmd, args)
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
	if o.Write == "" {
		b, err := schemaJSON(args[0])
		if err != nil {
			return err
		}
		_, err = s.Out.Write(b)
		return err
	}
	if err := os.MkdirAll(o.Write, 0o755); err != nil {
		return err
	}
	for name := range schemaKinds {
		b, err := schemaJSON(name)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(filepath.Join(o.Write, name+".json"), b); err != nil {
			return err
		}
	}
	fmt.Fprintf(s.Out, "wrote catalog.json, scenario.json, runbook.json to %s\n", o.Write)
	return nil
}

// writeFileAtomic writes data to a temporary file beside name and renames it, so
// a reader never sees a half-written file.
func writeFileAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
