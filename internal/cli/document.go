package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/atomicfile"
	"github.com/exitdrill/exitdrill/internal/pdf"
	"github.com/exitdrill/exitdrill/reports"
)

// documentFlags are the flags of a command that writes one document (render,
// diff, readiness): --format NAME, one of the reports' formats for its kind of
// document, and -o/--output FILE, or - for stdout (the default).
//
// The spellings of the release before keep working for one release, each
// with a line on stderr: -o FORMAT when the value names a format and no
// --format is given (-o meant the format), --out FILE (the destination), and,
// for render, -f FORMAT.
type documentFlags struct {
	Format string
	output outputPath

	kind reports.Kind
	oldF string // -f FORMAT
}

// AddFlags adds --format and -o/--output for documents of kind k, and the old
// spellings, hidden; shortF keeps -f, which render had.
func (o *documentFlags) AddFlags(cmd *cobra.Command, k reports.Kind, shortF bool) {
	o.kind = k
	f := cmd.Flags()
	f.StringVar(&o.Format, "format", "", "format `NAME`: "+orList(o.formats())+" (default text)")
	o.output.AddFlags(cmd, "FILE", "write to `FILE` instead of stdout (- is stdout)", "out")
	if shortF {
		// A flag of its own, not --format's shorthand, so that its use can be
		// told apart and reported on stderr (cobra's own deprecation notice
		// goes to stdout, which is the document).
		f.StringVarP(&o.oldF, "format-shorthand", "f", "", "deprecated: use --format")
		_ = f.MarkHidden("format-shorthand")
	}
}

// resolve settles the format and the destination, says on stderr which old
// spellings were used, and checks the format: exit 2, naming the formats
// allowed, for one that does not render this kind of document.
func (o *documentFlags) resolve(s *Streams) error {
	if o.oldF != "" {
		deprecated(s, "-f is deprecated; use --format "+o.oldF)
		if o.Format == "" {
			o.Format = o.oldF
		}
	}
	o.Format = o.output.oldFormat(s, o.Format, func(name string) bool {
		_, ok := reports.FormatNamed(name)
		return ok
	})
	if err := o.output.resolve(s); err != nil {
		return err
	}
	if o.Format == "" {
		o.Format = FormatText
	}
	if err := oneOf("--format", o.Format, o.formats()...); err != nil {
		return err
	}
	if o.Format == FormatPDF && o.toStdout() && s.IsTerminal {
		return withCode(ExitInvalid, errors.New("--format pdf writes a binary file: give -o FILE.pdf"))
	}
	return nil
}

// FormatPDF is a drill report printed to PDF from its HTML by headless
// Chromium, for the board pack.
const FormatPDF = "pdf"

// pdfTimeout bounds the printing of a report to PDF.
const pdfTimeout = 2 * time.Minute

// formats are the formats of the document's kind: the reports' own, and pdf
// for a drill's report.
func (o *documentFlags) formats() []string {
	names := reports.FormatNames(o.kind)
	if o.kind == reports.KindReport {
		names = append(names, FormatPDF)
	}
	return names
}

// toStdout reports whether the document goes to stdout.
func (o *documentFlags) toStdout() bool { return o.output.Path == "" || o.output.Path == "-" }

// write renders doc in the resolved format and writes it where -o/--output
// says: text tables with box-drawing lines on a terminal, plain ASCII when
// piped or written to a file; a file is written whole or not at all.
func (o *documentFlags) write(s *Streams, doc any) error {
	var buf bytes.Buffer
	format := o.Format
	if format == FormatPDF {
		format = "html"
	}
	l, err := s.language()
	if err != nil {
		return err
	}
	if err := reports.Render(&buf, format, doc, reports.Terminal(s.IsTerminal && o.toStdout()), reports.Language(l)); err != nil {
		return err
	}
	if o.Format == FormatPDF {
		ctx, cancel := context.WithTimeout(context.Background(), pdfTimeout)
		defer cancel()
		data, err := pdf.FromHTML(ctx, buf.Bytes())
		if err != nil {
			return err
		}
		buf.Reset()
		buf.Write(data)
	}
	if o.toStdout() {
		_, err := s.Out.Write(buf.Bytes())
		return err
	}
	if err := atomicfile.WriteFile(o.output.Path, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprint(s.Err, s.printer().F("wrote %s\n", o.output.Path))
	return nil
}

// deprecated says on stderr that an old spelling still works, for now.
func deprecated(s *Streams, msg string) { fmt.Fprintln(s.Err, "exitdrill: "+msg) }

// deprecatedOutput says that -o/--output FORMAT is now --format FORMAT.
func deprecatedOutput(s *Streams, format string) {
	deprecated(s, "--output "+format+" is deprecated; use --format "+format+" (-o now names the output file)")
}

// orList is "a, b or c".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
