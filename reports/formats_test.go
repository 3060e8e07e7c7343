package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
)

func TestJUnitCounts(t *testing.T) {
	data, err := renderBundle("junit", fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	type testcase struct {
		Name    string    `xml:"name,attr"`
		Failure *struct{} `xml:"failure"`
		Skipped *struct{} `xml:"skipped"`
		Error   *struct{} `xml:"error"`
	}
	var doc struct {
		XMLName                          xml.Name `xml:"testsuites"`
		Tests, Failures, Errors, Skipped int      `xml:",attr"`
		Suites                           []struct {
			Name                             string     `xml:"name,attr"`
			Tests, Failures, Errors, Skipped int        `xml:",attr"`
			Cases                            []testcase `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(lowerAttrs(data), &doc); err != nil {
		t.Fatalf("junit.xml is not valid XML: %v", err)
	}
	want := map[string][4]int{ // tests, failures, errors, skipped
		"vergunningen": {8, 0, 0, 0}, "belastingen": {3, 0, 0, 0}, "klantcontact": {4, 4, 0, 0},
		"afval": {3, 1, 0, 1}, "jeugdzorg": {2, 0, 2, 0},
	}
	if len(doc.Suites) != len(want) {
		t.Fatalf("%d suites, want %d", len(doc.Suites), len(want))
	}
	for _, s := range doc.Suites {
		got := [4]int{s.Tests, s.Failures, s.Errors, s.Skipped}
		if got != want[s.Name] || len(s.Cases) != s.Tests {
			t.Errorf("suite %s: tests/failures/errors/skipped %v (%d cases), want %v", s.Name, got, len(s.Cases), want[s.Name])
		}
		var f, e, k int
		for _, c := range s.Cases {
			f, e, k = f+b2i(c.Failure != nil), e+b2i(c.Error != nil), k+b2i(c.Skipped != nil)
		}
		if f != s.Failures || e != s.Errors || k != s.Skipped {
			t.Errorf("suite %s: its cases hold %d failures, %d errors, %d skipped; its attributes say %d, %d, %d", s.Name, f, e, k, s.Failures, s.Errors, s.Skipped)
		}
	}
	if doc.Tests != 20 || doc.Failures != 5 || doc.Errors != 2 || doc.Skipped != 1 {
		t.Errorf("totals %d tests, %d failures, %d errors, %d skipped; want 20, 5, 2, 1", doc.Tests, doc.Failures, doc.Errors, doc.Skipped)
	}
	if !bytes.Contains(data, []byte(`name="rollback/switch-back"`)) {
		t.Error("the rollback step is not a testcase")
	}
}

// lowerAttrs lets the test's struct use Go field names for the count attributes.
func lowerAttrs(data []byte) []byte {
	r := strings.NewReplacer(` tests=`, ` Tests=`, ` failures=`, ` Failures=`, ` errors=`, ` Errors=`, ` skipped=`, ` Skipped=`)
	return []byte(r.Replace(string(data)))
}

func TestHTMLIsSelfContainedAndEscaped(t *testing.T) {
	data, err := renderBundle("html", fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	html := string(data)
	if strings.Contains(html, "<script") || strings.Contains(html, "want 4 <b>") || !strings.Contains(html, "want 4 &lt;b&gt;") {
		t.Error("markup from the catalog or a step reason reached the HTML unescaped")
	}
	if !strings.Contains(html, "Jeugdzorg &lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the escaped process name is missing")
	}
	if m := regexp.MustCompile(`(?i)<link|<img|<iframe|\ssrc=|@import|url\((?:'|")?http`).FindString(html); m != "" {
		t.Errorf("the HTML refers to an external asset: %q", m)
	}
	if strings.Contains(html, "ZgotmplZ") {
		t.Error("html/template rejected a value (ZgotmplZ in the output)")
	}
	for _, want := range []string{`id="summary"`, `<svg class="timeline"`, `id="appendix"`, "DORA art. 28(8)", "RTS 2024/1774 art. 25",
		"NIS2 art. 21(2)(c)", "BIO2 5.30.01", "BIO2 8.13.04", "ISO 22301 clause 8.5", "@media print"} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML lacks %s", want)
		}
	}
	// Every step's journal hash is in the step detail.
	b := fixtureBundle(t)
	for _, p := range b.Result.Processes {
		for _, s := range append(p.Steps, p.Rollback...) {
			if e := b.StepEvent(p.Process, s.Step, s.Rollback); e == nil || !strings.Contains(html, e.Hash) {
				t.Errorf("step %s/%s: its journal event hash is not in the report", p.Process, s.Step)
			}
		}
	}
}

func TestCSVAndJSONParse(t *testing.T) {
	b := fixtureBundle(t)
	data, err := renderBundle("csv", b)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || len(rows[0]) != len(csvHeader) || rows[3][2] != "klantcontact" || rows[3][6] != "breached" {
		t.Errorf("csv: %d rows; third process row %v", len(rows), rows[min(3, len(rows)-1)])
	}
	if cellSafe("=cmd|' /C calc'!A0") != "'=cmd|' /C calc'!A0" {
		t.Error("a formula in a cell is not neutralised")
	}
	var r Report
	data, err = renderBundle("json", b)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	if r.Summary.Critical != 4 || r.Summary.CriticalSurvive != 2 || r.Summary.DataLossMissed != 1 || len(r.Findings) != 7 {
		t.Errorf("summary %+v, %d findings", r.Summary, len(r.Findings))
	}
}

func TestMarkdownEscapes(t *testing.T) {
	data, err := renderBundle("md", fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("<script>")) || !bytes.Contains(data, []byte("&lt;script&gt;")) {
		t.Error("markup in a process name is not escaped in Markdown")
	}
	// klantcontact's verdict row has 10 cells, its coverage rows 4.
	rows := 0
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") - 1
		switch {
		case strings.HasPrefix(line, "| Klantcontact"):
			rows++
			if cells != 10 {
				t.Errorf("a verdict row has %d cells, want 10: %s", cells, line)
			}
		case strings.HasPrefix(line, "| klantcontact |"):
			rows++
			if cells != 4 {
				t.Errorf("a coverage row has %d cells, want 4: %s", cells, line)
			}
		}
	}
	if rows != 3 {
		t.Errorf("%d table rows of klantcontact, want its verdict and two coverage rows", rows)
	}
}

// TestDeclaredTookShown: a person's own figure for a manual step is shown
// beside the measure that counted, in the step details of every report.
func TestDeclaredTookShown(t *testing.T) {
	in := fixture()
	for _, p := range in.Result.Processes {
		for _, s := range p.Steps {
			if s.Step == "sign-off" {
				s.Measure, s.DeclaredTook = drill.Measured, dur(5*time.Hour)
			}
		}
	}
	b, _, err := evidence.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"md", "html", "json"} {
		data, err := renderBundle(format, b)
		if err != nil {
			t.Fatal(err)
		}
		want := "measured (declared 5h)"
		if format == "json" {
			want = `"declaredTook": "5h"`
		}
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("%s report does not show %q", format, want)
		}
	}
}
