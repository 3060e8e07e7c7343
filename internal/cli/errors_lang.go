package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/exitdrill/exitdrill/internal/importer"
	"github.com/exitdrill/exitdrill/internal/importer/table"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/internal/yamldoc/defs"
)

// errorText is the error a command ended with, as the CLI prints it, in
// the printer's language. The problems of validate and import are written
// from their parts (where, key, value, problem, what is allowed), with the
// file:line:column or file!sheet!cell as it is; a problem or an allowed
// text the Dutch tables do not know stays English. Any other error is
// err.Error(), in Dutch line by line (linesIn).
func errorText(p *lang.Printer, err error) string {
	msg := err.Error()
	if !p.Dutch() {
		return msg
	}
	var inv *yamldoc.Invalid
	if errors.As(err, &inv) && strings.HasSuffix(msg, inv.Error()) {
		return strings.TrimSuffix(msg, inv.Error()) + invalidIn(p, inv)
	}
	var bad *importer.Invalid
	if errors.As(err, &bad) && strings.HasSuffix(msg, bad.Error()) {
		return strings.TrimSuffix(msg, bad.Error()) + importInvalidIn(p, bad)
	}
	return linesIn(p, msg)
}

// linesIn is an error's text line by line in the printer's language: each
// line a text of the Dutch tables, or filled from one of their templates
// (cobra's and pflag's mistakes, the CLI's own errors), with the names and
// values in it as they are; a line the tables do not know, such as what a
// server or a tool said, stays as it was written.
func linesIn(p *lang.Printer, msg string) string {
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		lines[i] = p.Filled(l)
	}
	return strings.Join(lines, "\n")
}

// invalidIn is defs.Invalid.Error in the printer's language.
func invalidIn(p *lang.Printer, inv *defs.Invalid) string {
	lines := make([]string, len(inv.Problems))
	for i, e := range inv.Problems {
		var b strings.Builder
		b.WriteString(e.Pos.String() + ": ")
		if e.Key != "" {
			b.WriteString(e.Key + ": ")
		}
		if e.Value != "" {
			b.WriteString(p.F("value %q: ", clipText(e.Value, 80)))
		}
		b.WriteString(p.Filled(e.Problem))
		if e.Allowed != "" {
			b.WriteString(p.F(" (allowed: %s)", p.Filled(e.Allowed)))
		}
		lines[i] = b.String()
	}
	if len(lines) == 1 {
		return p.F("invalid definitions, %d problem:\n%s", 1, lines[0])
	}
	return p.F("invalid definitions, %d problems:\n%s", len(lines), strings.Join(lines, "\n"))
}

// importInvalidIn is importer.Invalid.Error in the printer's language.
func importInvalidIn(p *lang.Printer, bad *importer.Invalid) string {
	var b strings.Builder
	if len(bad.Problems) == 1 {
		b.WriteString(p.F("the source has %d problem; nothing was written:", 1))
	} else {
		b.WriteString(p.F("the source has %d problems; nothing was written:", len(bad.Problems)))
	}
	for i, e := range bad.Problems {
		if i == importer.MaxShown {
			b.WriteString(p.F("\n... and %d more", len(bad.Problems)-importer.MaxShown))
			break
		}
		b.WriteString("\n" + tableErrorIn(p, e))
	}
	return b.String()
}

// tableErrorIn is table.Error.Error in the printer's language.
func tableErrorIn(p *lang.Printer, e *table.Error) string {
	s := e.Loc.String() + ": " + p.Filled(e.Problem)
	if e.Allowed != "" {
		s += p.F(" (allowed: %s)", p.Filled(e.Allowed))
	}
	return s
}

// clipText is defs' truncation of a value: at most n bytes, then "...".
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return fmt.Sprint(s[:n], "...")
}
