package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/reports/judge"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./reports -update rewrites it):\n%s", name, firstDiff(got, want))
	}
}

// firstDiff shows the first differing line.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return "line " + itoa(i+1) + ":\n got " + string(gl) + "\nwant " + string(wl)
		}
	}
	return "(lengths differ)"
}

// rendered renders doc in the format named through the table, failing the
// test on an error.
func rendered(t testing.TB, format string, doc any) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, format, doc); err != nil {
		t.Fatalf("Render(%s): %v", format, err)
	}
	return buf.Bytes()
}

// renderDoc renders doc in the format named.
func renderDoc(format string, doc any) ([]byte, error) {
	var buf bytes.Buffer
	err := Render(&buf, format, doc)
	return buf.Bytes(), err
}

// renderBundle renders the report of b in the format named.
func renderBundle(format string, b *evidence.Bundle) ([]byte, error) {
	r, err := New(b)
	if err != nil {
		return nil, err
	}
	return renderDoc(format, r)
}

func TestGoldenReports(t *testing.T) {
	all, err := All(fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(FormatNames(KindReport)); len(all) != n {
		t.Fatalf("All returned %d files, want %d", len(all), n)
	}
	for _, f := range Formats {
		t.Run(f.File, func(t *testing.T) {
			golden(t, f.File+".golden", all[f.File])
			again, err := renderBundle(f.Name, fixtureBundle(t))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, all[f.File]) {
				t.Errorf("Render(%q) differs from All's %s: rendering is not deterministic", f.Name, f.File)
			}
		})
	}
}

func TestRenderUnknownFormat(t *testing.T) {
	r, err := New(fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDiff(fixtureBundle(t), improved(t), judge.DefaultTolerance)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, format string
		doc          any
		want         string
	}{
		{"report", "pdf", r, `format "pdf": allowed are text, html, md, json, junit, csv`},
		{"diff", "junit", d, `format "junit": allowed are text, html, md, json`},
		{"readiness", "csv", &judge.Readiness{}, `format "csv": allowed are text, html, md, json`},
		{"not a document", "text", fixtureBundle(t), "cannot render a *evidence.Bundle"},
		{"nil", "text", (*Report)(nil), "nothing to render"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, tc.format, tc.doc); err == nil || !strings.Contains(err.Error(), tc.want) || buf.Len() > 0 {
				t.Errorf("Render(%s) = %v, wrote %d bytes; want an error %q", tc.format, err, buf.Len(), tc.want)
			}
		})
	}
}

// TestFormatsTable checks the table the command line and the console read.
func TestFormatsTable(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Formats {
		if seen[f.Name] || !strings.HasPrefix(f.Ext, ".") || f.ContentType == "" || f.File == "" || !f.Supports(KindReport) {
			t.Errorf("format %+v: want a unique name, an extension, a media type and a report file", f)
		}
		seen[f.Name] = true
		if got, ok := FormatNamed(f.Name); !ok || got.Name != f.Name {
			t.Errorf("FormatNamed(%s) = %v, %v", f.Name, got.Name, ok)
		}
	}
	if _, ok := FormatNamed("pdf"); ok {
		t.Error("FormatNamed(pdf) found a format")
	}
	for k, want := range map[Kind]string{KindReport: "text html md json junit csv", KindReadiness: "text html md json", KindDiff: "text html md json"} {
		if got := strings.Join(FormatNames(k), " "); got != want {
			t.Errorf("FormatNames(%s) = %s, want %s", k, got, want)
		}
	}
}

// TestRenderTerminal draws text tables with box-drawing lines for a
// terminal, and leaves the other formats alone.
func TestRenderTerminal(t *testing.T) {
	r, err := New(fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range FormatNames(KindReport) {
		var term, plain bytes.Buffer
		if err := Render(&term, f, r, Terminal(true)); err != nil {
			t.Fatal(err)
		}
		if err := Render(&plain, f, r, Terminal(false)); err != nil {
			t.Fatal(err)
		}
		if boxes := strings.Contains(term.String(), "┌"); boxes != (f == "text") || (f == "text") == bytes.Equal(term.Bytes(), plain.Bytes()) {
			t.Errorf("%s: box-drawing lines %v for a terminal, same as for a file %v", f, boxes, bytes.Equal(term.Bytes(), plain.Bytes()))
		}
	}
}
