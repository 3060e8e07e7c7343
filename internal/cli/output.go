package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// Output formats accepted by --format of the commands that print results.
const (
	FormatText = "text"
	FormatJSON = "json"
)

// outputFlag is the --format flag shared by every command that prints results
// to stdout. -o/--output FORMAT, its name before, works for one release with a
// line on stderr: -o now names the file a command writes (render, diff,
// readiness).
type outputFlag struct {
	Format string
	old    string // -o/--output FORMAT
	warned bool
}

func (o *outputFlag) AddFlags(cmd *cobra.Command) {
	o.addFormat(cmd)
	cmd.Flags().StringVarP(&o.old, "output", "o", "", "deprecated: use --format")
	_ = cmd.Flags().MarkHidden("output")
}

// addFormat adds --format only, for a command whose -o/--output names what
// it writes (run: see outputPath.oldFormat).
func (o *outputFlag) addFormat(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Format, "format", "", "output format `NAME`: text (tables, the default) or json (one document)")
}

// isFormat reports whether name is one of --format's values.
func (o *outputFlag) isFormat(name string) bool { return name == FormatText || name == FormatJSON }

// check checks the format, saying on stderr when it was given the old way.
func (o *outputFlag) check(s *Streams) error {
	if o.old != "" {
		if !o.isFormat(o.old) {
			return withCode(ExitInvalid, fmt.Errorf("--output %q: allowed are text and json", o.old))
		}
		if o.Format != "" && o.Format != o.old {
			return withCode(ExitInvalid, fmt.Errorf("--format %s and --output %s disagree: give --format only", o.Format, o.old))
		}
		if !o.warned {
			deprecatedOutput(s, o.old)
			o.warned = true
		}
	}
	if f := o.format(); !o.isFormat(f) {
		return withCode(ExitInvalid, fmt.Errorf("--format %q: allowed are text and json", f))
	}
	return nil
}

// format is the format asked for, the new way or the old, or text.
func (o *outputFlag) format() string {
	switch {
	case o.Format != "":
		return o.Format
	case o.old != "":
		return o.old
	}
	return FormatText
}

func (o *outputFlag) json() bool { return o.format() == FormatJSON }

// writeJSON writes v as one indented JSON document.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// newTable returns a go-pretty table writing to w in the house style: light
// box-drawing lines on a terminal, plain ASCII when piped so that the output can
// be pasted into mail and tickets. A table is at least as wide as its title,
// which go-pretty would otherwise wrap inside a word ("shows t|hese").
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
		t.Style().Size.WidthMin = utf8.RuneCountInString(title) + 4 // borders and padding
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
