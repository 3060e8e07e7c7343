package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/testkit"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// cellRow is a table row as text, with the class of each cell.
type cellRow struct {
	Cells, Classes []string
}

func tableRows(t *testing.T, section *html.Node) []cellRow {
	t.Helper()
	if section == nil {
		t.Fatal("section missing")
	}
	var rows []cellRow
	for _, tb := range testkit.Elements(section, "tbody") {
		for _, tr := range testkit.Elements(tb, "tr") {
			var r cellRow
			for _, td := range testkit.Elements(tr, "td") {
				r.Cells = append(r.Cells, testkit.Text(td))
				r.Classes = append(r.Classes, testkit.Attr(td, "class"))
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// selfContained fails unless the page loads nothing and runs nothing.
func selfContained(t *testing.T, doc *html.Node) {
	t.Helper()
	testkit.Walk(doc, func(e *html.Node) {
		switch e.Data {
		case "script", "link", "img", "iframe", "object", "embed":
			t.Errorf("the page has a <%s> element", e.Data)
		}
		for _, a := range e.Attr {
			if a.Key == "src" || strings.HasPrefix(a.Key, "on") || (a.Key == "href" && !strings.HasPrefix(a.Val, "#")) {
				t.Errorf("<%s %s=%q>: the page must load and run nothing", e.Data, a.Key, a.Val)
			}
		}
	})
}

func TestDiffHTML(t *testing.T) {
	d, err := NewDiff(fixtureBundle(t), improved(t), judge.DefaultTolerance)
	if err != nil {
		t.Fatal(err)
	}
	data, err := renderDoc("html", d)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "diff.html.golden", data)
	doc := testkit.ParseHTML(t, data)
	selfContained(t, doc)
	if got := testkit.Text(testkit.Elements(doc, "title")[0]); got != "Drill diff ms-1m-20261102 → ms-1m-20261202" {
		t.Errorf("title %q", got)
	}
	if got, want := testkit.Text(testkit.Elements(doc, "main")[0].FirstChild.NextSibling), "1 process worse (vergunningen), 2 better."; !strings.Contains(got, want) {
		t.Errorf("summary %q, want it to say %q", got, want)
	}

	// Process, change, verdict, recovery, data loss, score; a changed figure
	// says which way in words, not in colour alone. vergunningen's recovery
	// moved by less than 10 %: the same, within tolerance. The fixture names
	// jeugdzorg with a script tag: it is text, and selfContained found no
	// script element.
	want := []cellRow{
		{[]string{"vergunningen Parkeervergunningen verlenen score 90 → 80; recovery 1d4h2m → 1d6h within tolerance (±2h48m12s)", "worse", "recovered", "1d4h2m → 1d6h within tolerance (±2h48m12s)", "3h <= RPO 1d", "90 → 80 worse"},
			[]string{"", "", "ch-same", "num ch-same", "ch-same", "num ch-worse"}},
		{[]string{"belastingen Belastingaanslagen verdict late → recovered", "better", "late → recovered better", "3d1m → 1d20h better", "20h <= RPO 1d", "70 → 100 better"},
			[]string{"", "", "ch-better", "num ch-better", "ch-same", "num ch-better"}},
		{[]string{"klantcontact Klantcontact & meldingen verdict breached → late", "better", "breached → late better", "- → 2d better", "2d > RPO 4h", "0 → 40 better"},
			[]string{"", "", "ch-better", "num ch-better", "ch-same", "num ch-better"}},
		{[]string{"afval Afvalinzameling plannen tolerated", "same", "tolerated", "-", "not checked", "40"},
			[]string{"", "", "ch-same", "num ch-same", "ch-same", "num ch-same"}},
		{[]string{"jeugdzorg Jeugdzorg <script>alert(1)</script> not in the new drill", "removed", "aborted → -", "-", "-", "0 → -"},
			[]string{"", "", "", "num", "", "num"}},
	}
	got := tableRows(t, testkit.ByID(doc, "processes"))
	if len(got) != len(want) {
		t.Fatalf("%d process rows, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if strings.Join(got[i].Cells, " | ") != strings.Join(want[i].Cells, " | ") {
			t.Errorf("row %d:\n got %q\nwant %q", i, got[i].Cells, want[i].Cells)
		}
		if strings.Join(got[i].Classes, " | ") != strings.Join(want[i].Classes, " | ") {
			t.Errorf("row %d classes:\n got %q\nwant %q", i, got[i].Classes, want[i].Classes)
		}
	}

	findings := testkit.ByID(doc, "findings")
	var headings []string
	for _, h := range testkit.Elements(findings, "h3") {
		headings = append(headings, testkit.Text(h))
	}
	if want := "New findings: in the new drill only new | Resolved findings: in the old drill only resolved | Still open: in both drills still open"; strings.Join(headings, " | ") != want {
		t.Errorf("finding groups %q, want %q", strings.Join(headings, " | "), want)
	}
	tables := testkit.Elements(findings, "table")
	if len(tables) != 3 {
		t.Fatalf("%d finding tables, want 3", len(tables))
	}
	for i, n := range []int{len(d.NewFindings), len(d.Resolved), len(d.StillOpen)} {
		if rows := tableRows(t, tables[i]); len(rows) != n {
			t.Errorf("finding table %d has %d rows, want %d", i, len(rows), n)
		}
	}
	if rows := tableRows(t, tables[0]); len(rows) == 0 || !strings.Contains(rows[0].Cells[1], "vergunningen: rollback step switch-back failed") {
		t.Errorf("new findings %q", rows)
	}
	if d.Persisting != 5 || len(d.StillOpen) != 5 {
		t.Errorf("persisting %d, still open %d, want 5", d.Persisting, len(d.StillOpen))
	}
}

func TestDiffHTMLEscapes(t *testing.T) {
	evil := `<script>alert("x")</script>`
	d := &Diff{
		Old: DrillRef{Drill: "a"}, New: DrillRef{Drill: "b<i>", NotVerified: "result.json: " + evil},
		Processes:   []ProcessChange{{Process: evil, Change: ChangeAdded, Why: "not in the old drill", New: &ProcessSide{Verdict: "recovered", Recovery: "1h", DataLoss: "-", Score: 100}}},
		NewFindings: []evidence.Finding{{Severity: "high", Title: evil, Owner: evil, Hint: evil}},
	}
	data, err := renderDoc("html", d)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("<script")) || bytes.Contains(data, []byte("b<i>")) {
		t.Fatal("a name from the bundle reached the page as markup")
	}
	doc := testkit.ParseHTML(t, data)
	selfContained(t, doc)
	rows := tableRows(t, testkit.ByID(doc, "processes"))
	if len(rows) != 1 || rows[0].Cells[0] != evil+" not in the old drill" {
		t.Errorf("rows %q, want the process name as text", rows)
	}
	banner := testkit.Elements(doc, "body")[0].FirstChild.NextSibling
	if testkit.Attr(banner, "role") != "alert" || !strings.HasPrefix(testkit.Text(banner), "NOT VERIFIED: new drill b<i>: result.json: "+evil+". ") {
		t.Errorf("first element of the body: <%s role=%q> %q, want the NOT VERIFIED banner", banner.Data, testkit.Attr(banner, "role"), testkit.Text(banner))
	}
	if got := testkit.Text(testkit.Elements(doc, "title")[0]); !strings.HasPrefix(got, "NOT VERIFIED — ") {
		t.Errorf("title %q does not say NOT VERIFIED", got)
	}
}

func TestDiffNotVerified(t *testing.T) {
	d, err := NewDiff(fixtureBundle(t), improved(t), judge.DefaultTolerance)
	if err != nil {
		t.Fatal(err)
	}
	d.Old.NotVerified = "result.json: changed"
	want := "NOT VERIFIED: old drill ms-1m-20261102: result.json: changed. This was rendered from a bundle that failed verification: it may have been changed since the drill; do not rely on it."
	if got, _, _ := strings.Cut(string(rendered(t, "text", d)), "\n"); got != want {
		t.Errorf("text diff opens with\n%q, want\n%q", got, want)
	}
	if got, _, _ := strings.Cut(string(rendered(t, "md", d)), "\n"); got != "> **"+md(want)+"**" {
		t.Errorf("markdown diff opens with %q", got)
	}
	data, err := renderDoc("json", d)
	if err != nil {
		t.Fatal(err)
	}
	var back Diff
	if err := json.Unmarshal(data, &back); err != nil || back.Old.NotVerified != "result.json: changed" || back.New.NotVerified != "" {
		t.Errorf("json: old.notVerified %q, new %q, %v", back.Old.NotVerified, back.New.NotVerified, err)
	}
}

// TestReportNotVerified renders a report marked NOT VERIFIED in every format:
// each says so first, or (CSV) in every row.
func TestReportNotVerified(t *testing.T) {
	r, err := New(fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	problem := `result.json: changed: SHA-256 0123456789ab, 10 bytes; the manifest records ba9876543210, 11 bytes <script>`
	banner := notVerifiedBanner(problem)
	r.NotVerified = problem
	out := map[string][]byte{}
	for _, f := range FormatNames(KindReport) {
		if out[f], err = renderDoc(f, r); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if first, _, _ := strings.Cut(string(out["text"]), "\n"); first != banner {
		t.Errorf("text opens with %q, want %q", first, banner)
	}
	if first, _, _ := strings.Cut(string(out["md"]), "\n"); first != "> **"+md(banner)+"**" {
		t.Errorf("markdown opens with %q", first)
	}
	if bytes.Contains(out["html"], []byte("<script>")) {
		t.Error("the problem text reached the HTML as markup")
	}
	doc := testkit.ParseHTML(t, out["html"])
	first := testkit.Elements(doc, "body")[0].FirstChild.NextSibling
	if first.Data != "div" || testkit.Attr(first, "role") != "alert" || testkit.Text(first) != banner {
		t.Errorf("the HTML body opens with <%s role=%q> %q, want the banner", first.Data, testkit.Attr(first, "role"), testkit.Text(first))
	}
	var js struct {
		NotVerified string `json:"notVerified"`
	}
	if err := json.Unmarshal(out["json"], &js); err != nil || js.NotVerified != problem {
		t.Errorf("json notVerified %q (%v), want %q", js.NotVerified, err, problem)
	}
	var ju struct {
		Tests, Errors int `xml:",attr"`
		Suites        []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name  string `xml:"name,attr"`
				Error *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
				} `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(lowerAttrs(out["junit"]), &ju); err != nil {
		t.Fatal(err)
	}
	if s := ju.Suites[0]; s.Name != "evidence" || len(s.Cases) != 1 || s.Cases[0].Name != "verification" || s.Cases[0].Error == nil ||
		s.Cases[0].Error.Type != "not-verified" || s.Cases[0].Error.Message != banner {
		t.Errorf("junit's first suite %+v, want evidence/verification, an error not-verified", s)
	}
	recs, err := csv.NewReader(bytes.NewReader(out["csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h := recs[0]; h[len(h)-1] != "not_verified" || len(h) != len(csvHeader)+1 {
		t.Errorf("csv header %q, want not_verified last", h)
	}
	for _, row := range recs[1:] {
		if row[len(row)-1] != "NOT VERIFIED: "+problem {
			t.Errorf("csv row %s ends %q", row[2], row[len(row)-1])
		}
	}

	// Unmarked, Render gives what a bundle carries.
	r.NotVerified = ""
	all, err := All(fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats {
		if got, _ := renderDoc(f.Name, r); !bytes.Equal(got, all[f.File]) {
			t.Errorf("Render(%s) differs from All's %s", f.Name, f.File)
		}
	}
}
