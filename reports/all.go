package reports

import (
	"fmt"
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/evidence"
)

// format is one report format: its name on the command line, its file name in
// a bundle's reports/ directory, and its renderer.
type format struct {
	name, file string
	render     func(*Report) ([]byte, error)
}

var formats = []format{
	{"text", "report.txt", textReport},
	{"html", "report.html", htmlReport},
	{"md", "report.md", markdownReport},
	{"json", "report.json", jsonReport},
	{"junit", "junit.xml", junitReport},
	{"csv", "verdicts.csv", csvReport},
}

// FormatNames are the names Render accepts: text, html, md, json, junit, csv.
func FormatNames() []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = f.name
	}
	return out
}

// Render renders b in the format named (see FormatNames).
func Render(b *evidence.Bundle, name string) ([]byte, error) {
	f, err := formatNamed(name)
	if err != nil {
		return nil, err
	}
	return render(b, f.render)
}

// RenderReport renders r, made by New, in the format named (see FormatNames):
// for a report whose fields the caller set, such as NotVerified.
func RenderReport(r *Report, name string) ([]byte, error) {
	f, err := formatNamed(name)
	if err != nil {
		return nil, err
	}
	return f.render(r)
}

func formatNamed(name string) (format, error) {
	i := slices.IndexFunc(formats, func(f format) bool { return f.name == name })
	if i < 0 {
		return format{}, fmt.Errorf("format %q: allowed are %s", name, strings.Join(FormatNames(), ", "))
	}
	return formats[i], nil
}

// All renders every format of b by file name (report.txt, report.html,
// report.md, report.json, junit.xml, verdicts.csv). The bundle writer puts them
// under reports/ before sealing; the bytes depend on b alone.
func All(b *evidence.Bundle) (map[string][]byte, error) {
	r, err := New(b)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(formats))
	for _, f := range formats {
		data, err := f.render(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.file, err)
		}
		out[f.file] = data
	}
	return out, nil
}

func render(b *evidence.Bundle, f func(*Report) ([]byte, error)) ([]byte, error) {
	r, err := New(b)
	if err != nil {
		return nil, err
	}
	return f(r)
}
