package importer

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/exitdrill/exitdrill/internal/importer/table"
)

// roiTemplates are the templates the dora-roi preset reads; required ones
// must be in the register.
var roiTemplates = []struct {
	id       string
	required bool
}{
	{"B_01.01", false}, {"B_02.02", true}, {"B_05.01", true}, {"B_05.02", false}, {"B_06.01", true}, {"B_07.01", false},
}

// roiTable is one template of the register: its sheet and where each column
// code is.
type roiTable struct {
	*table.Sheet
	cols map[string]int // c0010 -> column index
}

// col returns the index of a column code; ok is false when the template has
// no such column.
func (t *roiTable) col(code string) (int, bool) {
	i, ok := t.cols[code]
	return i, ok
}

// get returns the cell of a column code in row, "" when there is no column.
func (t *roiTable) get(row table.Row, code string) string {
	if i, ok := t.cols[code]; ok {
		return row.Cell(i)
	}
	return ""
}

// at is the location of a column code's cell in row.
func (t *roiTable) at(row table.Row, code string) table.Loc {
	i, ok := t.cols[code]
	if !ok {
		return t.Loc(row, -1)
	}
	return t.Loc(row, i)
}

// codeRE matches a column code as the xBRL-CSV header (c0010) or the Excel
// template (c0010, B_05.01.0010, RT.05.01.0010) writes it.
var codeRE = regexp.MustCompile(`(?i)^(?:c|(?:b|rt)[_.]?\d\d\.\d\d\.)(\d{4})$`)

// columnCode returns the c-code of a header cell, "" when it is none.
func columnCode(h string) string {
	if m := codeRE.FindStringSubmatch(strings.TrimSpace(h)); m != nil {
		return "c" + m[1]
	}
	return ""
}

// newROITable finds the row of column codes among the first rows of a grid.
func newROITable(g *table.Grid, probs *Problems) *roiTable {
	sh, ok := g.FindHeader(20, func(r table.Row) bool {
		for _, c := range r.Cells {
			if columnCode(c) != "" {
				return true
			}
		}
		return false
	})
	if !ok {
		probs.Add(g.Where(), "a header row of column codes c0010, c0020, ... (or B_05.01.0010, ...)", "no row of column codes in the first 20 rows")
		return nil
	}
	t := &roiTable{Sheet: sh, cols: map[string]int{}}
	for i, h := range sh.Header {
		if c := columnCode(h); c != "" {
			t.cols[c] = i
		}
	}
	return t
}

// fold makes a template id or sheet name comparable: B_05.01, b_05_01 and
// "B_05.01 ICT providers" all start with b0501.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sheetFor reports whether a sheet holds the template id.
func sheetFor(sheet, id string) bool {
	f, want := fold(sheet), fold(id)
	return strings.HasPrefix(f, want) && (len(f) == len(want) || f[len(want)] < '0' || f[len(want)] > '9')
}

// readROIWorkbook reads the templates from the sheets of the Excel template.
func readROIWorkbook(in input, lim table.Limits, probs *Problems) map[string]*roiTable {
	wb, err := table.OpenXLSX(in.name, in.data, lim)
	if err != nil {
		probs.AddErr(table.Loc{File: in.name}, err)
		return nil
	}
	defer wb.Close()
	out := map[string]*roiTable{}
	for _, tpl := range roiTemplates {
		for _, s := range wb.Sheets() {
			if !sheetFor(s, tpl.id) {
				continue
			}
			g, err := wb.Grid(s)
			if err != nil {
				probs.AddErr(table.Loc{File: in.name, Sheet: s}, err)
				break
			}
			if t := newROITable(g, probs); t != nil {
				out[tpl.id] = t
			}
			break
		}
		if out[tpl.id] == nil && tpl.required && probs.Len() == 0 {
			probs.Add(table.Loc{File: in.name}, "a sheet per template, named as the template: B_05.01 (or b_05.01, b_05_01)",
				"the workbook has no sheet %s; its sheets are %s", tpl.id, strings.Join(wb.Sheets(), ", "))
		}
	}
	return out
}

// readROIPackage reads the templates from an xBRL-CSV report package: a zip
// (with or without one top directory) holding META-INF/reportPackage.json,
// reports/report.json, reports/parameters.csv, reports/FilingIndicators.csv
// and reports/b_XX.YY.csv [CISO §5].
func readROIPackage(in input, lim table.Limits, probs *Problems, res *Result) map[string]*roiTable {
	z, err := table.OpenZip(in.name, in.data, lim)
	if err != nil {
		probs.AddErr(table.Loc{File: in.name}, err)
		return nil
	}
	if !checkJSONDoc(z, "META-INF/reportPackage.json", "report-package", probs) ||
		!checkJSONDoc(z, "reports/report.json", "xbrl-csv", probs) {
		return nil
	}
	reported := filingIndicators(z, probs)
	if name, ok := z.Find("reports/parameters.csv"); ok {
		if g, err := z.ReadCSV(name); err == nil {
			for _, r := range g.Rows {
				if strings.EqualFold(r.Cell(0), "refPeriod") {
					res.Notes = append(res.Notes, "the register's reference period: "+r.Cell(1))
				}
			}
		}
	}
	out := map[string]*roiTable{}
	for _, tpl := range roiTemplates {
		name, ok := z.Find("reports/" + strings.ToLower(tpl.id) + ".csv")
		if !ok {
			if tpl.required && reported[tpl.id] != "false" {
				probs.Add(table.Loc{File: in.name}, "reports/"+strings.ToLower(tpl.id)+".csv", "the package has no table %s", tpl.id)
			}
			continue
		}
		g, err := z.ReadCSV(name)
		if err != nil {
			probs.AddErr(table.Loc{File: in.name, Sheet: z.Shown(name)}, err)
			continue
		}
		if t := newROITable(g, probs); t != nil {
			out[tpl.id] = t
		}
	}
	return out
}

// checkJSONDoc checks that the package member name is JSON whose
// documentInfo.documentType contains want.
func checkJSONDoc(z *table.Zip, name, want string, probs *Problems) bool {
	where := table.Loc{File: z.File, Sheet: name}
	member, ok := z.Find(name)
	if !ok {
		probs.Add(table.Loc{File: z.File}, "an xBRL-CSV report package, as the EBA's reporting rules describe it", "not an xBRL report package: it has no %s", name)
		return false
	}
	data, err := z.Read(member)
	if err != nil {
		probs.AddErr(where, err)
		return false
	}
	var doc struct {
		DocumentInfo struct {
			DocumentType string `json:"documentType"`
		} `json:"documentInfo"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		probs.Add(table.Loc{File: z.File, Sheet: z.Shown(member)}, "", "not JSON: %v", err)
		return false
	}
	if !strings.Contains(doc.DocumentInfo.DocumentType, want) {
		probs.Add(table.Loc{File: z.File, Sheet: z.Shown(member)}, "a documentType containing "+want, "documentInfo.documentType is %q", doc.DocumentInfo.DocumentType)
		return false
	}
	return true
}

// filingIndicators reads which templates the package says it reports.
func filingIndicators(z *table.Zip, probs *Problems) map[string]string {
	out := map[string]string{}
	name, ok := z.Find("reports/FilingIndicators.csv")
	if !ok {
		return out
	}
	g, err := z.ReadCSV(name)
	if err != nil {
		probs.AddErr(table.Loc{File: z.File, Sheet: z.Shown(name)}, err)
		return out
	}
	for _, r := range g.Rows {
		out[strings.ToUpper(r.Cell(0))] = strings.ToLower(r.Cell(1))
	}
	return out
}
