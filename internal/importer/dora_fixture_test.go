package importer

import (
	"archive/zip"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// register is a register of information as tables: template id -> rows, the
// first of them the column codes.
type register map[string][][]string

// LEIs of the entity and the three providers (made up, of the right shape).
const (
	leiBank  = "724500BANKVOORBEELD1"
	leiAcme  = "5493001KJTIIGC8Y1R12"
	leiHyper = "529900HNOAA1KXQJUQ27"
	leiHost  = "724500VKKSH9QOLTFR81"
)

// codes returns the column codes c0010 ... up to n columns.
func codes(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("c%04d", (i+1)*10)
	}
	return out
}

// sampleRegister is a small bank's register: Acme Cloud (IE) runs the
// payments and the customer portal as SaaS on Hyperscale (US), its
// subcontractor of rank 2; NL Hosting runs reporting on IaaS.
func sampleRegister() register {
	return register{
		"B_01.01": {codes(6), {leiBank, "Voorbeeld Bank N.V.", "eba_GA:NL", "eba_CT:x12", "DNB", "2025-12-31"}},
		"B_05.01": {codes(12),
			{leiAcme, "eba_qCO:qx2000", "", "", "Acme Cloud Ltd", "Acme Cloud Ltd", "eba_CT:x212", "eba_GA:IE", "eba_CU:EUR", "120000", "", ""},
			{leiHyper, "eba_qCO:qx2000", "", "", "Hyperscale Inc.", "Hyperscale Inc.", "eba_CT:x212", "eba_GA:US", "eba_CU:EUR", "", "", ""},
			{leiHost, "eba_qCO:qx2000", "", "", "NL Hosting B.V.", "NL Hosting B.V.", "eba_CT:x212", "eba_GA:NL", "eba_CU:EUR", "40000", "", ""},
		},
		"B_05.02": {codes(7),
			{"CTR-001", "eba_TA:S19", leiAcme, "eba_qCO:qx2000", "1", "", ""},
			{"CTR-001", "eba_TA:S19", leiHyper, "eba_qCO:qx2000", "2", leiAcme, "eba_qCO:qx2000"},
			{"CTR-002", "eba_TA:S17", leiHost, "eba_qCO:qx2000", "1", "", ""},
		},
		"B_06.01": {codes(10),
			{"F1", "eba_TA:x28", "Betalingsverkeer", leiBank, "eba_BT:x28", "payments", "2025-06-01", "4", "1", "eba_ZZ:x793"},
			{"F2", "eba_TA:x250", "Rapportage", leiBank, "eba_BT:x29", "", "2025-06-01", "48", "24", "eba_ZZ:x791"},
			{"F3", "eba_TA:x262", "Klantportaal", leiBank, "eba_BT:x28", "", "2025-06-01", "8", "2", "eba_ZZ:x792"},
		},
		"B_02.02": {codes(18),
			{"CTR-001", leiBank, leiAcme, "eba_qCO:qx2000", "F1", "eba_TA:S19", "2024-01-01", "9999-12-31", "", "90", "180", "eba_GA:IE", "eba_GA:IE", "eba_BT:x28", "eba_GA:IE", "eba_GA:IE", "eba_ZZ:x793", "eba_ZZ:x797"},
			{"CTR-001", leiBank, leiAcme, "eba_qCO:qx2000", "F3", "eba_TA:S19", "2024-01-01", "9999-12-31", "", "90", "180", "eba_GA:IE", "eba_GA:IE", "eba_BT:x28", "eba_GA:IE", "eba_GA:IE", "eba_ZZ:x792", "eba_ZZ:x796"},
			{"CTR-002", leiBank, leiHost, "eba_qCO:qx2000", "F2", "eba_TA:S17", "2023-01-01", "9999-12-31", "", "30", "90", "eba_GA:NL", "eba_GA:NL", "eba_BT:x28", "eba_GA:NL", "eba_GA:NL", "eba_ZZ:x791", "eba_ZZ:x795"},
		},
		"B_07.01": {codes(12),
			{"CTR-001", leiAcme, "eba_qCO:qx2000", "eba_TA:S19", "eba_ZZ:x960", "eba_ZZ:x963", "2025-03-01", "eba_BT:x28", "eba_ZZ:x966", "eba_ZZ:x793", "eba_BT:x28", "NL Hosting B.V."},
			{"CTR-002", leiHost, "eba_qCO:qx2000", "eba_TA:S17", "eba_ZZ:x962", "", "2025-02-01", "eba_BT:x29", "eba_ZZ:x798", "eba_ZZ:x791", "eba_BT:x29", ""},
		},
	}
}

// set replaces the cell at a template's row (1 is the first data row) and
// column code.
func (r register) set(template string, row int, code, value string) register {
	i := slices.Index(r[template][0], code)
	r[template][row][i] = value
	return r
}

func csvOf(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			if strings.ContainsAny(c, ",\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// writePackage writes the register as an xBRL-CSV report package, under the
// top directory the EBA's naming gives it.
func writePackage(t *testing.T, path string, reg register, extra map[string]string) {
	t.Helper()
	files := map[string]string{
		"META-INF/reportPackage.json": `{"documentInfo": {"documentType": "https://xbrl.org/report-package/2023"}}`,
		"reports/report.json":         `{"documentInfo": {"documentType": "https://xbrl.org/2021/xbrl-csv", "extends": ["http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json"]}}`,
		"reports/parameters.csv":      "name,value\nentityID,rs:" + leiBank + ".CON\nrefPeriod,2025-12-31\nbaseCurrency,iso4217:EUR\n",
	}
	indicators := "templateID,reported\n"
	for id, rows := range reg {
		files["reports/"+strings.ToLower(id)+".csv"] = csvOf(rows)
		indicators += id + ",true\n"
	}
	files["reports/FilingIndicators.csv"] = indicators
	for k, v := range extra {
		files[k] = v
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create("LEI_" + leiBank + ".CON_NL_DOR_DORA_ROI/" + n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// writeWorkbook writes the register as the Excel template does: a sheet per
// template with a title row, a row of labels and then the row of codes.
func writeWorkbook(t *testing.T, path string, reg register) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	ids := make([]string, 0, len(reg))
	for id := range reg {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if _, err := f.NewSheet(id); err != nil {
			t.Fatal(err)
		}
		rows := reg[id]
		put := func(n int, cells []string) {
			vals := make([]any, len(cells))
			for i, c := range cells {
				vals[i] = c
				if n, err := strconv.Atoi(c); err == nil && n < 1e6 {
					vals[i] = n // objectives and ranks are numbers in a workbook
				}
			}
			if err := f.SetSheetRow(id, fmt.Sprintf("A%d", n), &vals); err != nil {
				t.Fatal(err)
			}
		}
		put(1, []string{id + " — template of the register of information"})
		labels := make([]string, len(rows[0]))
		for i := range labels {
			labels[i] = "column " + rows[0][i]
		}
		put(2, labels)
		for i, r := range rows {
			put(3+i, r)
		}
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// writeZip writes a zip of name -> content.
func writeZip(t *testing.T, path string, files map[string]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for n, c := range files {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
