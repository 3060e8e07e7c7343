package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// Kind is a kind of document the formats render.
type Kind string

// Kinds of document, each with the type Render takes for it.
const (
	KindReport    Kind = "report"    // a drill's report: *Report, made by New
	KindReadiness Kind = "readiness" // the exit-readiness view: *judge.Readiness
	KindDiff      Kind = "diff"      // what changed between two drills: *Diff, made by NewDiff
)

// Format is one output format: its name on the command line, the extension
// and media type of what it writes, and its renderer for each kind of
// document it supports.
type Format struct {
	Name        string // text, html, md, json, junit, csv
	Ext         string // the file name extension, with its dot: ".txt"
	ContentType string // the media type, as HTTP sends it
	// File is the name of a drill's report in this format in an evidence
	// bundle's reports/ directory.
	File string

	report    renderer[*Report]
	readiness renderer[*judge.Readiness]
	diff      renderer[*Diff]
}

// renderer renders a document with the settings of Render.
type renderer[T any] func(doc T, set settings) ([]byte, error)

// Formats is every output format, in the order help texts list them: the one
// table that Render, FormatNames, All and the command line read.
var Formats = []Format{
	{Name: "text", Ext: ".txt", ContentType: "text/plain; charset=utf-8", File: "report.txt",
		report: localTables(textReport), readiness: localTables(readinessText), diff: localTables(diffText)},
	{Name: "html", Ext: ".html", ContentType: "text/html; charset=utf-8", File: "report.html",
		report: localized(htmlReport), readiness: localized(readinessHTML), diff: localized(diffHTML)},
	{Name: "md", Ext: ".md", ContentType: "text/markdown; charset=utf-8", File: "report.md",
		report: localized(markdownReport), readiness: localized(readinessMarkdown), diff: localized(diffMarkdown)},
	{Name: "json", Ext: ".json", ContentType: "application/json", File: "report.json",
		report: plain(jsonReport), readiness: plain(readinessJSON), diff: plain(diffJSON)},
	{Name: "junit", Ext: ".xml", ContentType: "application/xml", File: "junit.xml",
		report: plain(junitReport)},
	{Name: "csv", Ext: ".csv", ContentType: "text/csv; charset=utf-8", File: "verdicts.csv",
		report: plain(csvReport)},
}

// localTables adapts a text renderer that draws tables in the style asked
// for and writes in the language asked for (Language).
func localTables[T any](f func(T, table.Style, *lang.Printer) []byte) renderer[T] {
	return func(doc T, set settings) ([]byte, error) { return f(doc, set.style, set.lang.Printer()), nil }
}

// plain adapts the renderer of a format without text tables.
func plain[T any](f func(T) ([]byte, error)) renderer[T] {
	return func(doc T, _ settings) ([]byte, error) { return f(doc) }
}

// localized adapts the renderer of a format written for people in the
// language asked for (Language).
func localized[T any](f func(T, *lang.Printer) ([]byte, error)) renderer[T] {
	return func(doc T, set settings) ([]byte, error) { return f(doc, set.lang.Printer()) }
}

// Supports reports whether f renders documents of kind k.
func (f Format) Supports(k Kind) bool {
	switch k {
	case KindReport:
		return f.report != nil
	case KindReadiness:
		return f.readiness != nil
	case KindDiff:
		return f.diff != nil
	}
	return false
}

// FormatNames are the names of the formats that render documents of kind k,
// in table order: text, html, md, json, junit, csv for a drill's report;
// text, html, md, json for readiness and diff.
func FormatNames(k Kind) []string {
	var out []string
	for _, f := range Formats {
		if f.Supports(k) {
			out = append(out, f.Name)
		}
	}
	return out
}

// FormatNamed returns the format called name, whatever it renders.
func FormatNamed(name string) (Format, bool) {
	i := slices.IndexFunc(Formats, func(f Format) bool { return f.Name == name })
	if i < 0 {
		return Format{}, false
	}
	return Formats[i], true
}

// An Option changes how Render renders.
type Option func(*settings)

type settings struct {
	style table.Style
	lang  lang.Lang
}

// Terminal draws the text format's tables with box-drawing lines, as a
// terminal shows them, when on; otherwise, and by default, they are plain
// ASCII, for files, pipes and mail. The other formats ignore it.
func Terminal(on bool) Option {
	return func(s *settings) {
		if on {
			s.style = table.StyleLight
		} else {
			s.style = table.StyleDefault
		}
	}
}

// Render writes doc to w in the format named: doc is a drill's *Report, the
// *judge.Readiness view or a *Diff of two drills. A format that does not
// render that kind of document is an error that lists those that do.
// Rendering is deterministic: the same document gives the same bytes.
func Render(w io.Writer, format string, doc any, opts ...Option) error {
	set := settings{style: table.StyleDefault}
	for _, o := range opts {
		o(&set)
	}
	k, err := kindOf(doc)
	if err != nil {
		return err
	}
	f, ok := FormatNamed(format)
	if !ok || !f.Supports(k) {
		return fmt.Errorf("format %q: allowed are %s", format, strings.Join(FormatNames(k), ", "))
	}
	var data []byte
	switch d := doc.(type) {
	case *Report:
		data, err = f.report(d, set)
	case *judge.Readiness:
		data, err = f.readiness(d, set)
	case *Diff:
		data, err = f.diff(d, set)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

var errNoDocument = errors.New("reports: nothing to render")

// kindOf is the kind of doc.
func kindOf(doc any) (Kind, error) {
	switch d := doc.(type) {
	case *Report:
		if d != nil {
			return KindReport, nil
		}
	case *judge.Readiness:
		if d != nil {
			return KindReadiness, nil
		}
	case *Diff:
		if d != nil {
			return KindDiff, nil
		}
	default:
		return "", fmt.Errorf("reports: cannot render a %T: want a *Report, *judge.Readiness or *Diff", doc)
	}
	return "", errNoDocument
}

// All renders a drill's report of b in every format that renders one, by file
// name (report.txt, report.html, report.md, report.json, junit.xml,
// verdicts.csv). The bundle writer puts them under reports/ before sealing;
// the bytes depend on b alone.
func All(b *evidence.Bundle) (map[string][]byte, error) {
	r, err := New(b)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(Formats))
	for _, f := range Formats {
		if !f.Supports(KindReport) {
			continue
		}
		var buf bytes.Buffer
		if err := Render(&buf, f.Name, r); err != nil {
			return nil, fmt.Errorf("%s: %w", f.File, err)
		}
		out[f.File] = buf.Bytes()
	}
	return out, nil
}
