package importer

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/exitdrill/exitdrill/internal/importer/table"
)

// FuzzMerge merges an import into whatever a person may have left in
// applications.yaml: any bytes are refused with an error or merged, never a
// panic.
func FuzzMerge(f *testing.F) {
	f.Add([]byte("apiVersion: exitdrill/v1\nkind: Catalog\napplications:\n  - {id: parkeervergunningen, dependsOn: [x, identity-provider]}\n  - foo\n"))
	f.Add([]byte("kind: Catalog\napplications: 3\n---\nkind: Catalog\napplications: [*a]\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Add([]byte("apiVersion: exitdrill/v1\nkind: Catalog\napplications:\n  - &x {id: klantcontact, supplier: *x}\n"))
	in := f.TempDir()
	apps := filepath.Join(in, "business_apps.csv")
	if err := os.WriteFile(apps, []byte(serviceNowApps), 0o644); err != nil {
		f.Fatal(err)
	}
	res, err := CMDB(context.Background(), []string{apps}, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "applications.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		plan, err := Prepare(context.Background(), res, dir)
		if err != nil {
			return
		}
		_, _ = plan.contents()
	})
}

// FuzzTables reads any bytes as CSV and as an XLSX workbook.
func FuzzTables(f *testing.F) {
	f.Add([]byte("Name;Vendor\n\"a\nb\";c\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := table.Limits{Rows: 1000, CellBytes: 1024}
		_, _ = table.ReadCSV("f.csv", "", data, lim)
		if wb, err := table.OpenXLSX("f.xlsx", data, lim); err == nil {
			for _, s := range wb.Sheets() {
				_, _ = wb.Grid(s)
			}
			wb.Close()
		}
	})
}
