package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// writeFiles writes name -> content into a new temporary directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// importInto reads, prepares and writes an import into dir and loads the
// catalog there.
func importInto(t *testing.T, res *Result, dir string) (*Plan, *catalog.Catalog, error) {
	t.Helper()
	plan, err := Prepare(context.Background(), res, dir)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	if err := plan.Write(); err != nil {
		t.Fatalf("Write: %v", err)
	}
	c, err := loadCatalog(dir)
	return plan, c, err
}

func loadCatalog(dir string) (*catalog.Catalog, error) {
	return catalog.Load(yamldoc.OSFS{}, dir)
}

// A ServiceNow business application export and its relationship export.
const serviceNowApps = `Number,Name,Vendor,Install type,Business criticality
APM0001001,Parkeervergunningen,Microsoft,PaaS,1 - most critical
APM0001002,Klantcontact,Salesforce,SaaS,2 - somewhat critical
APM0001003,Identity Provider,Microsoft,Cloud,1 - most critical
`

const serviceNowRels = `Parent,Type,Child
Parkeervergunningen,Depends on::Used by,Identity Provider
Klantcontact,Depends on::Used by,Identity Provider
Klantcontact,Runs on::Runs,srv-lnx-042
Identity Provider,Contains::Contained by,Parkeervergunningen
`

// A TOPdesk asset export: Dutch headers, ';' as Excel in Dutch writes it,
// Windows-1252 ("Gemeentelijke Basisadministratie" with an é).
var topdesk = "Naam;Leverancier;Hostingmodel;Afhankelijk van;Land leverancier\r\n" +
	"Burgerzaken;Centric;on-premise;DigiD koppeling;NL\r\n" +
	"DigiD koppeling;Logius;SaaS;;NL\r\n" +
	"Caf\xe9 rooster;Centric;SaaS;Burgerzaken, DigiD koppeling;NL\r\n"

func TestCMDBServiceNow(t *testing.T) {
	in := writeFiles(t, map[string]string{"business_apps.csv": serviceNowApps, "cmdb_rel_ci.csv": serviceNowRels})
	res, err := CMDB(context.Background(), []string{filepath.Join(in, "business_apps.csv"), filepath.Join(in, "cmdb_rel_ci.csv")}, Options{Organisation: "Gemeente Voorbeeldstad"})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "catalog")
	_, c, err := importInto(t, res, out)
	if err != nil {
		t.Fatalf("the imported catalog does not validate: %v", err)
	}
	type app struct{ ID, Name, Model, Supplier, DependsOn string }
	var got []app
	for _, a := range c.Applications {
		got = append(got, app{a.ID, a.Name, a.Model, a.Supplier, strings.Join(a.DependsOn, ",")})
	}
	want := []app{
		{"parkeervergunningen", "Parkeervergunningen", "paas", "microsoft", "identity-provider"},
		{"klantcontact", "Klantcontact", "saas", "salesforce", "identity-provider"},
		{"identity-provider", "Identity Provider", "", "microsoft", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("applications (-want +got):\n%s", diff)
	}
	if len(c.Suppliers) != 2 || c.Organisation != "Gemeente Voorbeeldstad" {
		t.Errorf("suppliers %d, organisation %q; want 2 and Gemeente Voorbeeldstad", len(c.Suppliers), c.Organisation)
	}
	data, _ := os.ReadFile(filepath.Join(out, "applications.yaml"))
	for _, s := range []string{"# import: from business_apps.csv row 2", `# import: Install type "Cloud" is none of the catalog's models`} {
		if !strings.Contains(string(data), s) {
			t.Errorf("applications.yaml lacks %q:\n%s", s, data)
		}
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "2 relations skipped") {
		t.Errorf("notes %q; want one saying 2 relations were skipped", res.Notes)
	}
}

func TestCMDBTopdesk(t *testing.T) {
	in := writeFiles(t, map[string]string{"topdesk.csv": topdesk})
	res, err := CMDB(context.Background(), []string{filepath.Join(in, "topdesk.csv")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, c, err := importInto(t, res, filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatalf("the imported catalog does not validate: %v", err)
	}
	cafe := c.Applications[2]
	if cafe.ID != "cafe-rooster" || cafe.Name != "Café rooster" || strings.Join(cafe.DependsOn, ",") != "burgerzaken,digid-koppeling" {
		t.Errorf("third application %+v; want cafe-rooster named Café rooster depending on burgerzaken and digid-koppeling", cafe)
	}
	if s := c.Suppliers[0]; s.ID != "centric" || s.Jurisdiction != "NL" {
		t.Errorf("first supplier %+v; want centric in NL", s)
	}
}

func TestCMDBErrors(t *testing.T) {
	tests := []struct {
		name, csv, want string
	}{
		{"no vendor column", "Name,Owner\nA,B\n", `apps.csv row 1: not an application export: the header row has Name, Owner (allowed: an application name column`},
		{"unknown dependency", "Name,Vendor,Depends on\nAlpha,V,Betta\nBeta,V,\n", `apps.csv!C2: depends on: application "Betta" is not the id or name of any application (did you mean "Beta"?) (allowed: Alpha, Beta)`},
		{"bad country", "Name,Vendor,Vendor country\nA,V,Holland\n", `apps.csv!C2: country "Holland" is not an ISO 3166-1 alpha-2 code`},
		{"twice", "Name,Vendor\nA,V\na,W\n", `apps.csv!A3: application "a" is also on apps.csv row 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := writeFiles(t, map[string]string{"apps.csv": tt.csv})
			_, err := CMDB(context.Background(), []string{filepath.Join(in, "apps.csv")}, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v; want one containing %q", err, tt.want)
			}
		})
	}
}
