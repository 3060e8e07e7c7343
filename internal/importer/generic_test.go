package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// bia writes a BIA workbook as a continuity team keeps it: Dutch headers,
// words for durations, "Kritiek" for critical.
func bia(t *testing.T, path string, processes [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheets := map[string][][]any{
		"Leveranciers": {{"Code", "Leverancier", "Land", "Onderaannemers"},
			{"L1", "Microsoft", "Verenigde Staten", ""},
			{"L2", "Centric", "Nederland", "Microsoft"}},
		"Applicaties": {{"Applicatie", "Leverancier", "Hosting", "Afhankelijk van"},
			{"Zaaksysteem", "Centric", "Cloud", "Identity"},
			{"Identity", "L1", "SaaS", ""}},
		"Processen": processes,
	}
	for _, name := range []string{"Leveranciers", "Applicaties", "Processen"} {
		if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, row := range sheets[name] {
			if err := f.SetSheetRow(name, fmt.Sprintf("A%d", i+1), &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

var biaProcesses = [][]any{
	{"Code", "Proces", "Eigenaar", "Kritiek", "MTPD", "RTO", "RPO", "Applicaties"},
	{"P1", "Vergunningen verlenen", "Directie Dienstverlening", "Kritiek", "1 week", "2 dagen", 24, "Zaaksysteem"},
	{"P2", "Inkoop", "Directie Financiën", "Niet kritiek", "1 maand", "1 week", 48, "Zaaksysteem; Identity"},
}

const biaMapping = `apiVersion: exitdrill/v1
kind: ImportMapping
organisation: Gemeente Voorbeeldstad
suppliers:
  sheet: Leveranciers
  columns:
    id: {column: Code}
    name: {column: Leverancier}
    jurisdiction: {column: Land, values: {Nederland: NL, Verenigde Staten: US}}
    subprocessors: {column: Onderaannemers}
applications:
  sheet: Applicaties
  columns:
    name: {column: Applicatie}
    supplier: {column: B}
    model: {column: Hosting, values: {Cloud: saas}}
    dependsOn: {column: Afhankelijk van}
processes:
  sheet: Processen
  columns:
    id: {column: Code}
    name: {column: Proces}
    owner: {column: Eigenaar}
    critical: {column: Kritiek, values: {Kritiek: "true", Niet kritiek: "false"}}
    mtpd: {column: MTPD}
    rto: {column: RTO}
    rpo: {column: RPO, unit: h}
    applications: {column: Applicaties}
`

func TestMappingXLSX(t *testing.T) {
	dir := writeFiles(t, map[string]string{"map.yaml": biaMapping})
	bia(t, filepath.Join(dir, "bia.xlsx"), biaProcesses)
	res, err := FromMapping(context.Background(), filepath.Join(dir, "map.yaml"), []string{filepath.Join(dir, "bia.xlsx")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, c, err := importInto(t, res, filepath.Join(t.TempDir(), "catalog"))
	if err != nil {
		t.Fatalf("the imported catalog does not validate: %v", err)
	}
	var got []string
	for _, s := range c.Suppliers {
		got = append(got, fmt.Sprintf("supplier %s %s %v", s.ID, s.Jurisdiction, s.Subprocessors))
	}
	for _, a := range c.Applications {
		got = append(got, fmt.Sprintf("application %s %s %s %v", a.ID, a.Model, a.Supplier, a.DependsOn))
	}
	for _, p := range c.Processes {
		got = append(got, fmt.Sprintf("process %s %q critical=%v mtpd=%s rto=%s rpo=%s %v", p.ID, p.Owner, p.IsCritical(), p.MTPD, p.RTO, p.RPO, p.Applications))
	}
	want := []string{
		"supplier microsoft US []",
		"supplier centric NL [microsoft]",
		"application zaaksysteem saas centric [identity]",
		"application identity saas microsoft []",
		`process vergunningen-verlenen "Directie Dienstverlening" critical=true mtpd=7d rto=2d rpo=1d [zaaksysteem]`,
		`process inkoop "Directie Financiën" critical=false mtpd=30d rto=7d rpo=2d [zaaksysteem identity]`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("catalog (-want +got):\n%s", diff)
	}
}

func TestMappingErrors(t *testing.T) {
	badRTO := [][]any{biaProcesses[0], {"P1", "Vergunningen", "Directie", "Kritiek", "1 week", "vier uur", 24, "Zaaksysteem"}}
	tests := []struct {
		name, mapping string
		processes     [][]any
		want          string
	}{
		{"a duration in words", biaMapping, badRTO, `bia.xlsx!Processen!F2: RTO "vier uur" is not a duration (no number) (allowed: a number with a unit in Dutch or English`},
		{"a word the values do not map", strings.Replace(biaMapping, `Niet kritiek: "false"`, `Niet: "false"`, 1), biaProcesses,
			`bia.xlsx!Processen!D3: critical "Niet kritiek" is not yes or no (allowed: ja, nee`},
		{"an unknown key", strings.Replace(biaMapping, "  columns:\n    name: {column: Applicatie}", "  colums:\n    name: {column: Applicatie}", 1), biaProcesses,
			`map.yaml:13:3: applications.colums: value "colums": unknown key (allowed: keys: file, sheet, headerRow, columns)`},
		{"a column that is not there", strings.Replace(biaMapping, "{column: Eigenaar}", "{column: Owner}", 1), biaProcesses,
			`bia.xlsx!Processen row 1: no column "Owner" (mapped at map.yaml:23:21) (allowed: a header of this row (Code, Proces, Eigenaar,`},
		{"an unknown supplier", strings.Replace(biaMapping, "{column: B}", "{column: Hosting}", 1), biaProcesses,
			`bia.xlsx!Applicaties!C2: supplier: supplier "Cloud" is not the id or name of any supplier`},
		{"a unit that is none", strings.Replace(biaMapping, "unit: h", "unit: uur", 1), biaProcesses,
			`map.yaml:27:30: processes.columns.rpo.unit: value "uur": unknown unit (allowed: s, m, h, d, w)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"map.yaml": tt.mapping})
			bia(t, filepath.Join(dir, "bia.xlsx"), tt.processes)
			_, err := FromMapping(context.Background(), filepath.Join(dir, "map.yaml"), []string{filepath.Join(dir, "bia.xlsx")}, Options{})
			if err == nil || !strings.Contains(strings.ReplaceAll(err.Error(), dir+"/", ""), tt.want) {
				t.Errorf("error %v\nwant one containing %s", err, tt.want)
			}
		})
	}
}
