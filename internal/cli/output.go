package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// Output formats accepted by --output.
const (
	FormatText = "text"
	FormatJSON = "json"
)

// outputFlag is the --output flag shared by every command that prints results.
type outputFlag struct{ Format string }

func (o *outputFlag) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&o.Format, "output", "o", FormatText, "output format: text (tables) or json (one document)")
}

func (o *outputFlag) check() error {
	if o.Format != FormatText && o.Format != FormatJSON {
		return withCode(ExitInvalid, fmt.Errorf("--output %q: allowed are text and json", o.Format))
	}
	return nil
}

func (o *outputFlag) json() bool { return o.Format == FormatJSON }

// writeJSON writes v as one indented JSON document.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// newTable returns a go-pretty table writing to w in the house style: light
// box-drawing lines on a terminal, plain ASCII when piped so that the output can
// be pasted into mail and tickets.
func newTable(s *Streams, title string) table.Writer {
	t := table.NewWriter()
	t.SetOutputMirror(s.Out)
	if s.IsTerminal {
		t.SetStyle(table.StyleLight)
		t.Style().Title.Format = text.FormatDefault
	} else {
		t.SetStyle(table.StyleDefault)
	}
	if title != "" {
		t.SetTitle(title)
	}
	return t
}

// invalid turns a definitions error into an exit-code-2 error whose message lists
// every problem.
func invalid(err error) error {
	var inv *yamldoc.Invalid
	if errors.As(err, &inv) {
		return withCode(ExitInvalid, err)
	}
	return err
}
