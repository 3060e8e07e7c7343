package importer

import (
	"strings"

	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// MappingKind is the kind of a mapping document.
const MappingKind = "ImportMapping"

// Mapping says which sheet of which file holds the suppliers, applications
// and processes, and which column is which key. It is a strict YAML document
// (apiVersion exitdrill/v1, kind ImportMapping): an unknown key is an error.
type Mapping struct {
	yamldoc.Header `yaml:",inline"`
	Organisation   string              `yaml:"organisation" doc:"The organisation the catalog describes."`
	Suppliers      *SupplierSection    `yaml:"suppliers" doc:"Where the suppliers are; without it, suppliers are made from the names the applications' supplier column gives."`
	Applications   *ApplicationSection `yaml:"applications" doc:"Where the applications are."`
	Processes      *ProcessSection     `yaml:"processes" doc:"Where the processes are."`

	Src yamldoc.Source `yaml:"-"`
}

// Where says where a section's rows are.
type Where struct {
	File      string `yaml:"file" doc:"One of the files given to import, by its name; may be left out when only one is."`
	Sheet     string `yaml:"sheet" doc:"The sheet of an XLSX workbook; default the first."`
	HeaderRow int    `yaml:"headerRow" doc:"The row that holds the column names; default the first row that is not empty."`
}

// SupplierSection maps the suppliers' sheet.
type SupplierSection struct {
	Where   `yaml:",inline"`
	Columns SupplierColumns `yaml:"columns" required:"true" doc:"Which column is which key."`

	Src yamldoc.Source `yaml:"-"`
}

// SupplierColumns maps a supplier's keys to columns.
type SupplierColumns struct {
	ID            *Column `yaml:"id" doc:"The supplier's code in the source: it identifies the supplier across imports (its catalog id is made of the name, and stays when the name changes)."`
	Name          *Column `yaml:"name"`
	Jurisdiction  *Column `yaml:"jurisdiction" doc:"ISO 3166-1 alpha-2 country; map names with values."`
	Subprocessors *Column `yaml:"subprocessors" doc:"The supplier's own suppliers, by id or name, several in one cell."`

	Src yamldoc.Source `yaml:"-"`
}

// ApplicationSection maps the applications' sheet.
type ApplicationSection struct {
	Where   `yaml:",inline"`
	Columns ApplicationColumns `yaml:"columns" required:"true" doc:"Which column is which key."`

	Src yamldoc.Source `yaml:"-"`
}

// ApplicationColumns maps an application's keys to columns.
type ApplicationColumns struct {
	ID        *Column `yaml:"id" doc:"The application's code in the source, as for suppliers."`
	Name      *Column `yaml:"name"`
	Model     *Column `yaml:"model" doc:"saas, paas, iaas or onprem; map other words with values."`
	Supplier  *Column `yaml:"supplier" doc:"The supplier that runs it, by id or name."`
	DependsOn *Column `yaml:"dependsOn" doc:"Applications it needs, by id or name, several in one cell."`

	Src yamldoc.Source `yaml:"-"`
}

// ProcessSection maps the processes' sheet.
type ProcessSection struct {
	Where   `yaml:",inline"`
	Columns ProcessColumns `yaml:"columns" required:"true" doc:"Which column is which key."`

	Src yamldoc.Source `yaml:"-"`
}

// ProcessColumns maps a process's keys to columns.
type ProcessColumns struct {
	ID           *Column `yaml:"id" doc:"The process's code in the source, as for suppliers."`
	Name         *Column `yaml:"name"`
	Owner        *Column `yaml:"owner"`
	Critical     *Column `yaml:"critical" doc:"ja/nee, yes/no, true/false; map other words (Kritiek) with values."`
	MTPD         *Column `yaml:"mtpd" doc:"A duration: 4 uur, 2 dagen, 1 week, 4h; a bare number takes unit."`
	RTO          *Column `yaml:"rto"`
	RPO          *Column `yaml:"rpo"`
	MBCO         *Column `yaml:"mbco"`
	Applications *Column `yaml:"applications" doc:"The applications it uses, by id or name, several in one cell."`

	Src yamldoc.Source `yaml:"-"`
}

// Column says where a key's value comes from: a column, by its header or
// its letter, or one value for every row.
type Column struct {
	Column string            `yaml:"column" doc:"The column's header (compared without case) or its letter (A, B, AA)."`
	Value  string            `yaml:"value" doc:"One value for every row, instead of a column."`
	Values map[string]string `yaml:"values" doc:"Cell text to catalog value, for example Kritiek: true or \"4 uur\": 4h; compared without case."`
	Split  string            `yaml:"split" doc:"What separates several names in one cell; default newlines, ';', ',' and '|'."`
	Unit   string            `yaml:"unit" enum:"s,m,h,d,w" what:"unit" doc:"The unit of a bare number in a duration column."`

	Src yamldoc.Source `yaml:"-"`
}

// ReadMapping reads and checks a mapping file.
func ReadMapping(path string) (*Mapping, error) {
	var errs yamldoc.List
	docs := yamldoc.ReadPaths(yamldoc.OSFS{}, []string{path}, []string{MappingKind}, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		errs.Add(yamldoc.Pos{File: path}, "", "", "a mapping file holds one ImportMapping document", "")
		return nil, errs.Err()
	}
	m := new(Mapping)
	yamldoc.Decode(docs[0], m, "", &errs)
	if errs.Len() == 0 {
		m.check(&errs)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// check checks what decoding cannot: every section names its records, every
// column says where its value comes from.
func (m *Mapping) check(errs *yamldoc.List) {
	if m.Suppliers == nil && m.Applications == nil && m.Processes == nil {
		errs.AddAt(m.Src, "applications", "", "the mapping maps nothing", "suppliers, applications and processes sections")
	}
	if s := m.Suppliers; s != nil {
		checkNamed(s.Columns.Src, s.Columns.ID, s.Columns.Name, errs)
		checkColumns(errs, s.Columns.ID, s.Columns.Name, s.Columns.Jurisdiction, s.Columns.Subprocessors)
	}
	if a := m.Applications; a != nil {
		checkNamed(a.Columns.Src, a.Columns.ID, a.Columns.Name, errs)
		checkColumns(errs, a.Columns.ID, a.Columns.Name, a.Columns.Model, a.Columns.Supplier, a.Columns.DependsOn)
		if a.Columns.Supplier == nil {
			errs.AddAt(a.Columns.Src, "supplier", "", "missing: every application needs its supplier", "{column: NAME} naming the column of supplier ids or names")
		}
	}
	if p := m.Processes; p != nil {
		checkNamed(p.Columns.Src, p.Columns.ID, p.Columns.Name, errs)
		checkColumns(errs, p.Columns.ID, p.Columns.Name, p.Columns.Owner, p.Columns.Critical, p.Columns.MTPD, p.Columns.RTO, p.Columns.RPO, p.Columns.MBCO, p.Columns.Applications)
		if p.Columns.Applications != nil && m.Applications == nil {
			errs.AddAt(p.Columns.Src, "applications", "", "processes name applications, but the mapping has no applications section", "an applications section")
		}
	}
}

func checkNamed(src yamldoc.Source, id, name *Column, errs *yamldoc.List) {
	if id == nil && name == nil {
		errs.AddAt(src, "name", "", "a record needs an id or a name column", "id: {column: ...} or name: {column: ...}")
	}
}

func checkColumns(errs *yamldoc.List, cols ...*Column) {
	for _, c := range cols {
		if c != nil && (c.Column == "") == (c.Value == "") {
			errs.AddAt(c.Src, "column", "", "give exactly one of column and value", "column: HEADER or LETTER, or value: TEXT")
		}
		if c != nil && c.Value != "" && strings.TrimSpace(c.Split) != "" {
			errs.AddAt(c.Src, "split", c.Split, "split is for a column", "")
		}
	}
}
