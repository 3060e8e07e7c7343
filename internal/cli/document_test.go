package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const outputDeprecated = "exitdrill: --output md is deprecated; use --format md (-o now names the output file)\n"

// TestDocumentFlags: for render, diff and readiness, --format names the
// format and -o/--output the file (- or none: stdout); the spellings of the
// release before still work and say so on stderr; an unknown format is exit
// 2 naming the formats allowed, and writes nothing.
func TestDocumentFlags(t *testing.T) {
	b := newCheckedBundles(t)
	root := filepath.Dir(b.d1)
	for _, c := range []struct {
		name    string
		args    []string
		allowed string
	}{
		{"render", []string{"render", b.d2}, "text, html, md, json, junit, csv, pdf"},
		{"diff", []string{"diff", b.d1, b.d2}, "text, html, md, json"},
		// d3 and d4 are not counted (tampered, unsigned): stderr says so.
		{"readiness", []string{"readiness", "--catalog", filepath.Join(root, "catalog"), "--reports", root, "--pub", b.pub}, "text, html, md, json"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			cmd := func(more ...string) (int, string, string) {
				t.Helper()
				return run(t, append(slices.Clone(c.args), more...)...)
			}
			notes := func(errs string) string { // stderr without the not-counted line of readiness
				var keep []string
				for _, l := range strings.SplitAfter(errs, "\n") {
					if !strings.Contains(l, "bundles not counted") {
						keep = append(keep, l)
					}
				}
				return strings.Join(keep, "")
			}
			code, want, errs := cmd("--format", "md")
			if code != ExitOK || !strings.HasPrefix(want, "#") && !strings.HasPrefix(want, ">") || notes(errs) != "" {
				t.Fatalf("--format md: exit %d, stdout %.40q, stderr %q", code, want, errs)
			}
			if code, out, errs := cmd("--format", "md", "-o", "-"); code != ExitOK || out != want || notes(errs) != "" {
				t.Errorf("-o -: exit %d, stderr %q; stdout differs from the default: %v", code, errs, out != want)
			}
			file := filepath.Join(dir, c.name+".md")
			if err := os.WriteFile(file, []byte("an older version\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if code, out, errs := cmd("--format", "md", "--output", file); code != ExitOK || out != "" || notes(errs) != "wrote "+file+"\n" {
				t.Errorf("--output FILE: exit %d, stdout %q, stderr %q", code, out, errs)
			}
			if got := string(mustRead(t, file)); got != want {
				t.Errorf("the file holds %.60q, want what stdout had", got)
			}

			// The old spellings, for one release.
			if code, out, errs := cmd("-o", "md"); code != ExitOK || out != want || notes(errs) != outputDeprecated {
				t.Errorf("-o md: exit %d, stderr %q, stdout as --format md: %v", code, errs, out == want)
			}
			old := filepath.Join(dir, "old.md")
			wantErr := outputDeprecated + "exitdrill: --out is deprecated; use -o/--output FILE\nwrote " + old + "\n"
			if code, out, errs := cmd("-o", "md", "--out", old); code != ExitOK || out != "" || notes(errs) != wantErr {
				t.Errorf("-o md --out FILE: exit %d, stdout %q, stderr %q, want %q", code, out, errs, wantErr)
			}
			if got := string(mustRead(t, old)); got != want {
				t.Errorf("--out FILE holds %.60q, want what stdout had", got)
			}
			if c.name == "render" {
				if code, out, errs := cmd("-f", "md"); code != ExitOK || out != want || errs != "exitdrill: -f is deprecated; use --format md\n" {
					t.Errorf("-f md: exit %d, stderr %q, stdout as --format md: %v", code, errs, out == want)
				}
			}
			// With --format given, -o names a file, even one called like a format.
			if code, _, errs := cmd("--format", "md", "-o", filepath.Join(dir, "md")); code != ExitOK || notes(errs) != "wrote "+filepath.Join(dir, "md")+"\n" {
				t.Errorf("--format md -o DIR/md: exit %d, stderr %q", code, errs)
			}

			for _, bad := range [][]string{{"--format", "docx"}, {"--format", "docx", "-o", filepath.Join(dir, "bad")}} {
				wantErr := `--format "docx": allowed are ` + c.allowed
				if code, out, errs := cmd(bad...); code != ExitInvalid || out != "" || !strings.Contains(errs, wantErr) {
					t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(bad, " "), code, out, errs, wantErr)
				}
			}
			if c.name != "render" {
				wantErr := `--format "junit": allowed are ` + c.allowed
				if code, _, errs := cmd("-o", "junit"); code != ExitInvalid || !strings.Contains(errs, wantErr) {
					t.Errorf("-o junit: exit %d, stderr %q; want exit 2 and %q", code, errs, wantErr)
				}
			}
			// Files are renamed into place: no temporary file is left.
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			wantNames := []string{"md", "old.md", c.name + ".md"}
			slices.Sort(wantNames)
			if got, want := strings.Join(names, " "), strings.Join(wantNames, " "); got != want {
				t.Errorf("files written: %s, want %s", got, want)
			}
		})
	}
}

// TestDocumentWriteFails: a file that cannot be written is exit 1, and no
// half-written file or temporary file is left.
func TestDocumentWriteFails(t *testing.T) {
	b := newCheckedBundles(t)
	missing := filepath.Join(t.TempDir(), "no-such-dir", "r.html")
	code, out, errs := run(t, "render", b.d2, "--format", "html", "-o", missing)
	if code != ExitError || out != "" || !strings.Contains(errs, "write "+missing) {
		t.Errorf("-o into a missing directory: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestFormatFlag: the commands that print to stdout take --format; -o/--output
// FORMAT still works for one release and says so on stderr.
func TestFormatFlag(t *testing.T) {
	code, want, errs := run(t, "matrix", "--catalog", "testdata/valid", "--format", "json")
	if code != ExitOK || !strings.HasPrefix(want, "{") || errs != "" {
		t.Fatalf("--format json: exit %d, stdout %.40q, stderr %q", code, want, errs)
	}
	deprecated := "exitdrill: --output json is deprecated; use --format json (-o now names the output file)\n"
	for _, old := range [][]string{{"-o", "json"}, {"--output", "json"}, {"--format", "json", "-o", "json"}} {
		code, out, errs := run(t, append([]string{"matrix", "--catalog", "testdata/valid"}, old...)...)
		if code != ExitOK || out != want || errs != deprecated {
			t.Errorf("%s: exit %d, stderr %q, stdout as --format json: %v", strings.Join(old, " "), code, errs, out == want)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "html"}, `--format "html": allowed are text and json`},
		{[]string{"-o", "xml"}, `--output "xml": allowed are text and json`},
		{[]string{"--format", "text", "-o", "json"}, "--format text and --output json disagree: give --format only"},
	} {
		code, out, errs := run(t, append([]string{"matrix", "--catalog", "testdata/valid"}, tc.args...)...)
		if code != ExitInvalid || out != "" || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(tc.args, " "), code, out, errs, tc.want)
		}
	}
}

// TestReportOutputFlag: report names the bundle's directory with -o/--output
// DIR; --out DIR, its name before, still works and says so. (The rebuild
// itself is TestDrillWritesVerifiableEvidence's.)
func TestReportOutputFlag(t *testing.T) {
	key := filepath.Join(t.TempDir(), "missing.key")
	code, _, errs := run(t, "report", "some-drill", "--out", "a", "--signing-key", key)
	if code == ExitOK || !strings.HasPrefix(errs, "exitdrill: --out is deprecated; use -o/--output DIR\n") {
		t.Errorf("report --out: exit %d, stderr %q; want the deprecation line first", code, errs)
	}
	code, _, errs = run(t, "report", "some-drill", "--out", "a", "-o", "b", "--signing-key", key)
	if code != ExitInvalid || !strings.Contains(errs, "--out and -o/--output name different directories") {
		t.Errorf("report --out a -o b: exit %d, stderr %q", code, errs)
	}
}
