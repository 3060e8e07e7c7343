package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/jedib0t/go-pretty/v6/table"
)

// tableStyle is the style of text goldens: plain ASCII, as in files.
var tableStyle = table.StyleDefault

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

func TestGoldenReports(t *testing.T) {
	all, err := All(fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(formats) {
		t.Fatalf("All returned %d files, want %d", len(all), len(formats))
	}
	for _, f := range formats {
		t.Run(f.file, func(t *testing.T) {
			golden(t, f.file+".golden", all[f.file])
			again, err := Render(fixtureBundle(t), f.name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, all[f.file]) {
				t.Errorf("Render(%q) differs from All's %s: rendering is not deterministic", f.name, f.file)
			}
		})
	}
}

func TestRenderUnknownFormat(t *testing.T) {
	if _, err := Render(fixtureBundle(t), "pdf"); err == nil || !bytes.Contains([]byte(err.Error()), []byte("allowed are text, html")) {
		t.Errorf("Render(pdf) = %v, want an error naming the formats", err)
	}
}
