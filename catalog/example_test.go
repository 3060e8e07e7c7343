package catalog_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// exampleDir is the example organisation used by the demo; these tests keep its
// deliberate weaknesses where the README says they are.
const exampleDir = "../examples/voorbeeldstad"

func loadExample(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(yamldoc.OSFS{}, exampleDir)
	if err != nil {
		t.Fatalf("load %s: %v", exampleDir, err)
	}
	return c
}

func month() drill.Duration { return drill.Duration(30 * drill.Day) }

func TestExampleCounts(t *testing.T) {
	c := loadExample(t)
	critical := 0
	for _, p := range c.Processes {
		if p.IsCritical() {
			critical++
		}
	}
	tests := []struct {
		name    string
		got     int
		atLeast int
	}{
		{"processes", len(c.Processes), 12},
		{"applications", len(c.Applications), 25},
		{"suppliers", len(c.Suppliers), 13},
		{"critical processes", critical, 12},
		{"runbooks", len(c.Runbooks), critical},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got < tt.atLeast {
				t.Errorf("got %d %s, want at least %d", tt.got, tt.name, tt.atLeast)
			}
		})
	}
	if c.Organisation != "Gemeente Voorbeeldstad" {
		t.Errorf("organisation = %q, want Gemeente Voorbeeldstad", c.Organisation)
	}
	for _, p := range c.Processes {
		if !p.IsCritical() {
			continue
		}
		t.Run("runbook for "+p.ID, func(t *testing.T) {
			if p.Runbook == "" || c.Runbooks[p.Runbook] == nil {
				t.Errorf("critical process %s has runbook %q, want a defined runbook", p.ID, p.Runbook)
			}
		})
	}
}

func TestExampleImpact(t *testing.T) {
	c := loadExample(t)
	tests := []struct {
		name     string
		loss     catalog.Loss
		want     []string // impacted processes, in catalog order
		lastHop  string   // every path ends at this supplier
		wantPath map[string][]string
	}{
		{
			name: "microsoft",
			loss: catalog.Loss{Suppliers: []string{"microsoft"}, Duration: month()},
			want: []string{
				"crisiscommunicatie", "uitkeringen", "klantcontact", "meldingen-openbare-ruimte",
				"security-monitoring", "parkeervergunningen", "betalingen", "vergunningen-omgevingswet",
				"beleidsinformatie",
			},
			lastHop: "microsoft",
			wantPath: map[string][]string{
				"parkeervergunningen": {"parkeervergunningen -> parkeren -> microsoft"},
				// A Dutch SaaS down with Microsoft because of single sign-on.
				"uitkeringen": {"uitkeringen -> suite-sociaal -> idp -> microsoft", "uitkeringen -> sap-finance -> idp -> microsoft"},
				// The SOC runs on Microsoft Sentinel: a fourth party.
				"security-monitoring": {"security-monitoring -> siem -> accenture -> microsoft"},
			},
		},
		{
			name:    "aws reaches customer contact through salesforce",
			loss:    catalog.Loss{Suppliers: []string{"aws"}, Duration: month()},
			want:    []string{"klantcontact", "meldingen-openbare-ruimte"},
			lastHop: "aws",
			wantPath: map[string][]string{
				"klantcontact":              {"klantcontact -> crm -> salesforce -> aws"},
				"meldingen-openbare-ruimte": {"meldingen-openbare-ruimte -> crm -> salesforce -> aws"},
			},
		},
		{
			name:    "vorin",
			loss:    catalog.Loss{Suppliers: []string{"vorin"}, Duration: month()},
			want:    []string{"verkeersmanagement", "openbare-verlichting"},
			lastHop: "vorin",
		},
		{
			name:    "pinkroccade",
			loss:    catalog.Loss{Suppliers: []string{"pinkroccade"}, Duration: month()},
			want:    []string{"burgerzaken", "jeugdzorg-wmo"},
			lastHop: "pinkroccade",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im := c.Impact(tt.loss)
			if diff := cmp.Diff(tt.want, im.ProcessIDs()); diff != "" {
				t.Errorf("impacted processes (-want +got):\n%s", diff)
			}
			if got, want := im.Unaffected, len(c.Processes)-len(tt.want); got != want {
				t.Errorf("unaffected = %d, want %d", got, want)
			}
			for _, pi := range im.Processes {
				if len(pi.Paths) == 0 {
					t.Errorf("%s: no dependency path", pi.Process.ID)
				}
				var got []string
				for _, p := range pi.Paths {
					got = append(got, p.String())
					if p[0].ID != pi.Process.ID || p[len(p)-1].ID != tt.lastHop {
						t.Errorf("%s: path %s, want it from the process to %s", pi.Process.ID, p, tt.lastHop)
					}
				}
				if want, ok := tt.wantPath[pi.Process.ID]; ok {
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s paths (-want +got):\n%s", pi.Process.ID, diff)
					}
				}
			}
		})
	}
}

// unusableEntry is a Resource together with the process it was reported for.
type unusableEntry struct {
	Process string
	drill.Resource
}

func TestExampleWeaknesses(t *testing.T) {
	c := loadExample(t)
	lose := func(s string) *catalog.Impact {
		return c.Impact(catalog.Loss{Suppliers: []string{s}, Duration: month()})
	}
	unusable := func(im *catalog.Impact, prefix string) []unusableEntry {
		var out []unusableEntry
		for _, pi := range im.Processes {
			for _, r := range pi.Unusable {
				if strings.HasPrefix(r.Reason, prefix) {
					out = append(out, unusableEntry{pi.Process.ID, r})
				}
			}
		}
		return out
	}
	gaps := func(im *catalog.Impact) map[string][]string {
		out := map[string][]string{}
		for _, pi := range im.Processes {
			if len(pi.Gaps) > 0 {
				out[pi.Process.ID] = pi.Gaps
			}
		}
		return out
	}
	viaSalesforce := "held by salesforce, which depends on lost supplier aws (salesforce -> aws)"
	tests := []struct {
		name string
		got  any
		want any
	}{
		{
			name: "1 backup held by the supplier that runs the application",
			got:  unusable(lose("microsoft"), "held by lost supplier microsoft"),
			want: []unusableEntry{{"vergunningen-omgevingswet", drill.Resource{
				Kind: "backup", ID: "zaaksysteem-azurebackup", Application: "zaaksysteem",
				Supplier: "microsoft", Reason: "held by lost supplier microsoft"}}},
		},
		{
			name: "1 the Microsoft loss leaves the case system without a backup",
			got:  gaps(lose("microsoft")),
			want: map[string][]string{
				"vergunningen-omgevingswet": {"application zaaksysteem has no usable backup"},
				"beleidsinformatie":         {"application dataplatform has no usable alternative"},
			},
		},
		{
			name: "3 critical process without any alternative",
			got:  gaps(lose("pinkroccade")),
			want: map[string][]string{"jeugdzorg-wmo": {"application wmo-jeugd has no usable alternative"}},
		},
		{
			name: "4 salesforce's hyperscaler takes its backup and standby with it",
			got:  unusable(lose("aws"), "held by salesforce"),
			want: []unusableEntry{
				{"klantcontact", drill.Resource{Kind: "backup", ID: "crm-dataexport", Application: "crm", Supplier: "salesforce", Reason: viaSalesforce}},
				{"klantcontact", drill.Resource{Kind: "alternative", ID: "crm-hyperforce-eu", Application: "crm", Supplier: "salesforce", Reason: viaSalesforce}},
				{"meldingen-openbare-ruimte", drill.Resource{Kind: "backup", ID: "crm-dataexport", Application: "crm", Supplier: "salesforce", Reason: viaSalesforce}},
				{"meldingen-openbare-ruimte", drill.Resource{Kind: "alternative", ID: "crm-hyperforce-eu", Application: "crm", Supplier: "salesforce", Reason: viaSalesforce}},
			},
		},
		{
			name: "4 the aws loss leaves the CRM without an alternative",
			got:  gaps(lose("aws")),
			want: map[string][]string{
				"klantcontact":              {"application crm has no usable alternative"},
				"meldingen-openbare-ruimte": {"application crm has no usable alternative"},
			},
		},
		{
			name: "VOR-IN's standby is outside VOR-IN",
			got:  gaps(lose("vorin")),
			want: map[string][]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestExampleConcentration(t *testing.T) {
	c := loadExample(t)
	k := c.Concentration()
	if len(k) == 0 || k[0].Supplier != "microsoft" {
		t.Fatalf("most depended-on supplier = %v, want microsoft first", k)
	}
	if diff := cmp.Diff([]string{"accenture"}, k[0].ViaSubprocessor); diff != "" {
		t.Errorf("microsoft takes down via subprocessor (-want +got):\n%s", diff)
	}
	if got, want := k[0].Critical, 8; got != want {
		t.Errorf("critical processes hit by microsoft = %d, want %d", got, want)
	}
}

func TestExampleMatrix(t *testing.T) {
	c := loadExample(t)
	rows := map[string]catalog.MatrixRow{}
	for _, r := range c.Matrix(catalog.MatrixDurations) {
		rows[r.Supplier] = r
	}
	tests := []struct {
		supplier string
		want     catalog.MatrixRow
	}{
		{"microsoft", catalog.MatrixRow{
			Supplier: "microsoft", Name: "Microsoft (Azure, Microsoft 365)", Impacted: 8,
			Exceeded: []int{1, 2, 7},
			Processes: [][]string{
				{"crisiscommunicatie"},
				{"crisiscommunicatie", "uitkeringen"},
				{"crisiscommunicatie", "uitkeringen", "klantcontact", "meldingen-openbare-ruimte",
					"security-monitoring", "parkeervergunningen", "betalingen"},
			},
		}},
		{"aws", catalog.MatrixRow{
			Supplier: "aws", Name: "Amazon Web Services", Impacted: 2,
			Exceeded:  []int{0, 0, 2},
			Processes: [][]string{{}, {}, {"klantcontact", "meldingen-openbare-ruimte"}},
		}},
		{"vorin", catalog.MatrixRow{
			Supplier: "vorin", Name: "VOR-IN (eigen operationeel netwerk verkeer en openbare ruimte)", Impacted: 2,
			Exceeded:  []int{1, 1, 2},
			Processes: [][]string{{"verkeersmanagement"}, {"verkeersmanagement"}, {"verkeersmanagement", "openbare-verlichting"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.supplier, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, rows[tt.supplier]); diff != "" {
				t.Errorf("matrix row (-want +got):\n%s", diff)
			}
		})
	}
}

// TestExampleExitPlans keeps weakness 2 where the README says it is: every exit
// plan document has the seven sections and was reviewed within a year of the
// demo date, except the SAP plan.
func TestExampleExitPlans(t *testing.T) {
	c := loadExample(t)
	sections := []string{
		"Exit triggers", "Alternative providers", "Data return and transfer",
		"Transition plan and timeline", "Roles and responsibilities",
		"Continuity during the exit", "Record of tests",
	}
	demoDate := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	type finding struct {
		Stale   bool
		Missing []string
	}
	got := map[string]finding{}
	for _, a := range c.Applications {
		e := a.ExitPlan
		if e == nil {
			continue
		}
		doc, err := os.ReadFile(catalog.Resolve(e.Src.Pos.File, e.Document))
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		var f finding
		for _, s := range sections {
			if !regexp.MustCompile(`(?m)^## ` + regexp.QuoteMeta(s) + `\s*$`).Match(doc) {
				f.Missing = append(f.Missing, s)
			}
		}
		f.Stale = e.Reviewed.Before(demoDate.AddDate(-1, 0, 0))
		if f.Stale || len(f.Missing) > 0 {
			got[a.ID] = f
		}
	}
	want := map[string]finding{
		"sap-finance": {Stale: true, Missing: []string{"Roles and responsibilities", "Record of tests"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("exit plans with findings (-want +got):\n%s", diff)
	}
}
