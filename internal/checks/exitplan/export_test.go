package exitplan

import (
	"archive/zip"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step/steptest"
)

// exportInput builds an exitplan.export step over exports in dir.
func exportInput(dir string, exports ...*drill.Export) drill.StepInput {
	return drill.StepInput{Step: &drill.StepPlan{ID: "exports", Kind: drill.ExitPlanExport, Target: "crm", App: "crm", BaseDir: dir,
		ExitPlan: &drill.ExitPlan{Document: "plan.md", Owner: "KCC", Target: "own", Exports: exports}}}
}

// exportDetail is the detail a readable export gets: its hash, records and size.
func exportDetail(t *testing.T, file string, records int) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("sha256=%x records=%d bytes=%d", sha256.Sum256(b), records, len(b))
}

var (
	crediteuren = []string{"crediteur", "naam", "iban", "openstaand"}
	pages       = []string{"path", "title", "updated"}
	contacts    = []string{"contact_id", "name", "channel", "created"}
	personen    = []string{"bsn", "geslachtsnaam", "geboortedatum", "adres"}
)

func TestExportFormats(t *testing.T) {
	const dir = "testdata/export"
	tests := []struct {
		name    string
		export  drill.Export
		want    string // reason shown, "" when the export passes
		records int    // records reported when the file parsed
	}{
		{name: "csv", export: drill.Export{Path: "valid.csv", Format: "csv", MinRecords: 6, Columns: crediteuren}, records: 6},
		{name: "csv with semicolons", export: drill.Export{Path: "semicolon.csv", Format: "csv", MinRecords: 5, Columns: crediteuren}, records: 5},
		{name: "json array", export: drill.Export{Path: "valid.json", Format: "json", MinRecords: 5, Columns: pages}, records: 5},
		{name: "json object with one array", export: drill.Export{Path: "wrapped.json", Format: "json", MinRecords: 5, Columns: pages}, records: 5},
		{name: "jsonl", export: drill.Export{Path: "valid.jsonl", Format: "jsonl", MinRecords: 5, Columns: contacts}, records: 5},
		{name: "xml", export: drill.Export{Path: "valid.xml", Format: "xml", MinRecords: 5, Columns: personen}, records: 5},
		{name: "csv with a malformed row", export: drill.Export{Path: "malformed.csv", Format: "csv", Columns: crediteuren},
			want: "malformed.csv: line 7: wrong number of fields (3, header has 4)", records: -1},
		{name: "too few records", export: drill.Export{Path: "few.csv", Format: "csv", MinRecords: 5, Columns: crediteuren},
			want: "few.csv: 3 records, want at least 5", records: 3},
		{name: "csv without a declared column", export: drill.Export{Path: "missing-column.csv", Format: "csv", MinRecords: 5, Columns: crediteuren},
			want: `missing-column.csv: header lacks column "iban" (header: crediteur, naam, openstaand)`, records: 5},
		{name: "jsonl records without a declared field", export: drill.Export{Path: "missing-field.jsonl", Format: "jsonl", Columns: contacts},
			want: `missing-field.jsonl: column "channel" missing in 2 of 5 records (first: line 3)`, records: 5},
		{name: "xml records without a declared element", export: drill.Export{Path: "missing-element.xml", Format: "xml", MinRecords: 2, Columns: personen},
			want: `missing-element.xml: column "geboortedatum" missing in 1 of 2 records (first: line 3)`, records: 2},
		{name: "json syntax error", export: drill.Export{Path: "bad.json", Format: "json"},
			want: "bad.json: line 4: invalid character '}' looking for beginning of object key string", records: -1},
		{name: "json array of non-objects", export: drill.Export{Path: "not-objects.json", Format: "json"},
			want: "not-objects.json: record 2 is a string, not an object", records: -1},
		{name: "jsonl line that is not an object", export: drill.Export{Path: "bad.jsonl", Format: "jsonl"},
			want: "bad.jsonl: line 3: an array, not a JSON object", records: -1},
		{name: "xml not well-formed", export: drill.Export{Path: "bad.xml", Format: "xml"},
			want: "bad.xml: line 5: element <adres> closed by </address>", records: -1},
		{name: "unsupported format", export: drill.Export{Path: "data.xlsx", Format: "xlsx"},
			want: `data.xlsx: format "xlsx" is not an open format exitdrill reads (csv, json, jsonl, xml, ods): export the data as one of those`, records: -1},
		{name: "missing file", export: drill.Export{Path: "absent.csv", Format: "csv"},
			want: "absent.csv: not found (looked for testdata/export/absent.csv): produce the export or correct its path", records: -2},
	}
	a := newRunner(func(string) (string, bool) { return "", false })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := tt.export
			out, got := steptest.Reason(t, a, exportInput(dir, &ex))
			if got != tt.want {
				t.Errorf("reason:\n got %q\nwant %q", got, tt.want)
			}
			checkExportDetail(t, out, filepath.Join(dir, ex.Path), ex.Path, tt.records)
		})
	}
}

// checkExportDetail asserts the detail of one export: hash, records and size
// when it parsed (records >= 0), hash and size only when it did not (-1), none
// when it could not be read (-2).
func checkExportDetail(t *testing.T, out drill.StepOutput, file, key string, records int) {
	t.Helper()
	got, ok := out.Details[key]
	switch {
	case records == -2:
		if ok {
			t.Errorf("Details[%q] = %q for an unreadable export", key, got)
		}
	case records == -1:
		want := strings.Replace(exportDetail(t, file, 0), " records=0", "", 1)
		if got != want {
			t.Errorf("Details[%q] = %q, want %q", key, got, want)
		}
	default:
		if want := exportDetail(t, file, records); got != want {
			t.Errorf("Details[%q] = %q, want %q", key, got, want)
		}
	}
}

func TestExportSeveralFilesNameEachProblem(t *testing.T) {
	a := newRunner(func(string) (string, bool) { return "", false })
	_, got := steptest.Reason(t, a, exportInput("testdata/export",
		&drill.Export{Path: "valid.csv", Format: "csv", MinRecords: 1},
		&drill.Export{Path: "few.csv", Format: "csv", MinRecords: 5},
		&drill.Export{Path: "malformed.csv", Format: "csv"}))
	want := "few.csv: 3 records, want at least 5; malformed.csv: line 7: wrong number of fields (3, header has 4)"
	if got != want {
		t.Errorf("reason:\n got %q\nwant %q", got, want)
	}
	_, got = steptest.Reason(t, a, exportInput("testdata/export"))
	if want := "the exit plan lists no exports: add exitPlan.exports with the application's data in an open format"; got != want {
		t.Errorf("reason without exports:\n got %q\nwant %q", got, want)
	}
}

// odsRow is a row of a test spreadsheet: its cells, or a raw XML row.
type odsRow struct {
	cells []string
	raw   string
}

// writeODS builds an OpenDocument spreadsheet the way office suites do: a
// stored mimetype first, then content.xml with the table, including the
// repeated empty cells and rows that spreadsheets append.
func writeODS(t *testing.T, file string, rows []odsRow, mimetype string) {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:body><office:spreadsheet><table:table table:name="Export">
<table:table-column table:number-columns-repeated="4"/>
`)
	for _, r := range rows {
		if r.raw != "" {
			b.WriteString(r.raw + "\n")
			continue
		}
		b.WriteString("<table:table-row>")
		for _, c := range r.cells {
			fmt.Fprintf(&b, `<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>`, c)
		}
		b.WriteString(`<table:table-cell table:number-columns-repeated="1020"/></table:table-row>` + "\n")
	}
	b.WriteString(`<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table><table:table table:name="Notes"><table:table-row><table:table-cell><text:p>ignored</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>`)

	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err == nil {
		_, err = w.Write([]byte(mimetype))
	}
	if err == nil {
		w, err = zw.Create("content.xml")
	}
	if err == nil {
		_, err = w.Write([]byte(b.String()))
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
}

func TestExportODS(t *testing.T) {
	header := odsRow{cells: crediteuren}
	rec := func(id string) odsRow {
		return odsRow{cells: []string{id, "Drukkerij De Pers", "NL20INGB0001234567", "1830.25"}}
	}
	spaced := odsRow{raw: `<table:table-row><table:table-cell><text:p>100900</text:p></table:table-cell>` +
		`<table:table-cell><text:p>Van<text:s text:c="2"/>Dam</text:p><text:p>B.V.</text:p></table:table-cell>` +
		`<table:table-cell table:number-columns-repeated="1"/><table:table-cell office:value-type="float" office:value="12.5"/></table:table-row>` +
		`<table:table-row><table:table-cell table:number-columns-repeated="1024"/></table:table-row>`}
	tooWide := odsRow{cells: []string{"100999", "Extra", "NL20INGB0001234567", "1.00", "unexpected"}}
	const mime = "application/vnd.oasis.opendocument.spreadsheet"
	tests := []struct {
		name    string
		rows    []odsRow
		mime    string
		columns []string
		want    string
		records int
	}{
		{name: "valid", rows: []odsRow{header, rec("100001"), rec("100002"), spaced, rec("100003"), rec("100004")}, mime: mime,
			columns: crediteuren, records: 5},
		{name: "row wider than the header", rows: []odsRow{header, rec("100001"), tooWide, rec("100002")}, mime: mime,
			want: "export.ods: content.xml: row 3: 5 cells, header has 4", records: -1},
		{name: "missing column", rows: []odsRow{{cells: []string{"crediteur", "naam"}}, {cells: []string{"1", "A"}}}, mime: mime,
			columns: crediteuren, want: `export.ods: header lacks columns "iban", "openstaand" (header: crediteur, naam)`, records: 1},
		{name: "empty table", mime: mime, want: "export.ods: content.xml: the first table is empty: no header row", records: -1},
		{name: "not a spreadsheet", rows: []odsRow{header}, mime: "application/vnd.oasis.opendocument.text",
			want: `export.ods: not an ODS file: its mimetype is "application/vnd.oasis.opendocument.text", want ` + mime, records: -1},
	}
	a := newRunner(func(string) (string, bool) { return "", false })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeODS(t, filepath.Join(dir, "export.ods"), tt.rows, tt.mime)
			ex := &drill.Export{Path: "export.ods", Format: "ods", MinRecords: 1, Columns: tt.columns}
			out, got := steptest.Reason(t, a, exportInput(dir, ex))
			if got != tt.want {
				t.Errorf("reason:\n got %q\nwant %q", got, tt.want)
			}
			checkExportDetail(t, out, filepath.Join(dir, "export.ods"), "export.ods", tt.records)
		})
	}
	t.Run("not a zip", func(t *testing.T) {
		_, got := steptest.Reason(t, a, exportInput("testdata/export", &drill.Export{Path: "valid.csv", Format: "ods"}))
		want := "valid.csv: not an ODS file (not a zip archive): zip: not a valid zip file"
		if got != want {
			t.Errorf("reason:\n got %q\nwant %q", got, want)
		}
	})
}

func TestExportODSCellText(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.ods")
	writeODS(t, file, []odsRow{{raw: `<table:table-row><table:table-cell><text:p>a<text:s text:c="2"/>b</text:p><text:p>c</text:p></table:table-cell>` +
		`<table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="12.5"/></table:table-row>`}},
		"application/vnd.oasis.opendocument.spreadsheet")
	rs := newRecordSet(nil)
	if err := readODS(&source{ctx: t.Context(), file: file, lim: limitsOf(nil)}, rs); err != nil {
		t.Fatal(err)
	}
	want := []string{"a  b\nc", "", "", "12.5"}
	if strings.Join(rs.header, "|") != strings.Join(want, "|") {
		t.Errorf("header = %q, want %q", rs.header, want)
	}
}
