package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDORAROIBadCells: each kind of bad cell is refused with its exact
// place, file!sheet!cell, in both forms of the register. In the workbook the
// first data row is 4 (a title, labels, the codes); in the package's CSV, 2.
func TestDORAROIBadCells(t *testing.T) {
	const member = "roi.zip!reports/"
	tests := []struct {
		name     string
		template string
		row      int
		code     string
		value    string
		cell     string // column letter and data row 1's offset: "H" for c0080
		want     string
	}{
		{"RTO in words", "B_06.01", 1, "c0080", "vier uur", "H", `RTO "vier uur" is not a duration (allowed: a whole number of hours`},
		{"RPO negative", "B_06.01", 2, "c0090", "-4", "I", `RPO "-4" is not a duration`},
		{"criticality", "B_06.01", 3, "c0050", "misschien", "E", `criticality "misschien" is not yes, no or not assessed (allowed: eba_BT:x28 (yes)`},
		{"empty function id", "B_06.01", 2, "c0010", "", "A", `the function identifier is empty (allowed: F1, F2, ...)`},
		{"country", "B_05.01", 1, "c0080", "Ierland", "H", `country "Ierland" is not an ISO 3166-1 alpha-2 code (allowed: an ISO 3166-1 alpha-2 code such as NL`},
		{"provider twice", "B_05.01", 3, "c0010", leiAcme, "A", `provider "` + leiAcme + `" is also on `},
		{"unknown provider", "B_02.02", 1, "c0030", "LEI-UNKNOWN", "C", `provider "LEI-UNKNOWN" is not in B_05.01`},
		{"unknown function", "B_02.02", 2, "c0050", "F9", "E", `function "F9" is not in B_06.01`},
		{"type of ICT services", "B_02.02", 3, "c0060", "eba_TA:S42", "F", `type of ICT services "eba_TA:S42" is not one of Annex III (allowed: eba_TA:S01 ... eba_TA:S19 (Annex III))`},
		{"rank", "B_05.02", 2, "c0050", "tweede", "E", `rank "tweede" is not a whole number of 1 or more`},
		{"unknown recipient", "B_05.02", 2, "c0060", "LEI-NOBODY", "F", `provider "LEI-NOBODY" is not in B_05.01`},
		{"subcontracting to itself", "B_05.02", 2, "c0060", leiHyper, "F", `a provider cannot subcontract to itself`},
		{"exit plan", "B_07.01", 1, "c0080", "wellicht", "H", `existence of an exit plan "wellicht" is not yes or no`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forms := registerForms(t, sampleRegister().set(tt.template, tt.row, tt.code, tt.value))
			wantAt := map[string]string{
				"xlsx":     "roi.xlsx!" + tt.template + "!" + tt.cell + strconv.Itoa(3+tt.row),
				"xbrl-csv": member + strings.ToLower(tt.template) + ".csv!" + tt.cell + strconv.Itoa(1+tt.row),
			}
			for form, path := range forms {
				_, err := DORAROI(context.Background(), []string{path}, Options{})
				want := wantAt[form] + ": " + tt.want
				if err == nil || !strings.Contains(err.Error(), "\n"+want) {
					t.Errorf("%s: error %v\nwant a line starting %q", form, err, want)
				}
			}
		})
	}
}

// TestDORAROIPackageProblems: a zip that is no report package, or lacks a
// template the import needs, is refused before any record is made.
func TestDORAROIPackageProblems(t *testing.T) {
	dir := t.TempDir()
	reg := sampleRegister()
	delete(reg, "B_06.01")
	noFunctions := filepath.Join(dir, "roi.zip")
	writePackage(t, noFunctions, reg, nil)
	notPackage := filepath.Join(dir, "other.zip")
	writeZip(t, notPackage, map[string]string{"reports/b_05.01.csv": "c0010\n"})
	for path, want := range map[string]string{
		noFunctions: "roi.zip: the package has no table B_06.01 (allowed: reports/b_06.01.csv)",
		notPackage:  "other.zip: not an xBRL report package: it has no META-INF/reportPackage.json",
	} {
		if _, err := DORAROI(context.Background(), []string{path}, Options{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v; want %q", filepath.Base(path), err, want)
		}
	}
}

// TestDORAROIZipBomb: a report package with a member that declares a
// terabyte is refused before anything is decompressed, and names the member.
func TestDORAROIZipBomb(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, content := range map[string]string{
		"META-INF/reportPackage.json": `{"documentInfo": {"documentType": "https://xbrl.org/report-package/2023"}}`,
		"reports/report.json":         `{"documentInfo": {"documentType": "https://xbrl.org/2021/xbrl-csv"}}`,
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(content))
	}
	if _, err := zw.CreateRaw(&zip.FileHeader{Name: "reports/b_05.01.csv", Method: zip.Deflate, UncompressedSize64: 1 << 40, CompressedSize64: 2}); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	path := filepath.Join(t.TempDir(), "roi.zip")
	writeFile(t, path, b.String())
	_, err := DORAROI(context.Background(), []string{path}, Options{})
	want := "roi.zip!reports/b_05.01.csv: the member decompresses to 1024 GiB, more than the limit of 64 MiB (a zip bomb?)"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v; want %q", err, want)
	}
}
