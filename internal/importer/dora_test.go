package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// registerForms writes the register in both forms and returns their paths.
func registerForms(t *testing.T, reg register) map[string]string {
	t.Helper()
	dir := t.TempDir()
	forms := map[string]string{"xbrl-csv": filepath.Join(dir, "roi.zip"), "xlsx": filepath.Join(dir, "roi.xlsx")}
	writePackage(t, forms["xbrl-csv"], reg, nil)
	writeWorkbook(t, forms["xlsx"], reg)
	return forms
}

// TestDORAROIImpact imports the register in both forms. The catalog names
// what the register lacks (owners, MTPDs) and nothing else; once people fill
// those in, a second import keeps them, the catalog validates, and a month
// without Hyperscale — a fourth party, Acme's subcontractor in B_05.02 —
// hits exactly the functions Acme's SaaS supports.
func TestDORAROIImpact(t *testing.T) {
	for form, path := range registerForms(t, sampleRegister()) {
		t.Run(form, func(t *testing.T) {
			ctx := context.Background()
			res, err := DORAROI(ctx, []string{path}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "bank")
			_, _, err = importInto(t, res, out)
			got, _ := yamldoc.Lines(err)
			p := filepath.Join(out, "processes.yaml")
			want := []string{}
			for _, id := range []string{"betalingsverkeer", "rapportage", "klantportaal"} {
				want = append(want, "processes["+id+"].owner: required key has no value",
					`processes[`+id+`].mtpd: value "TODO": a placeholder to fill in: the source exitdrill import read has no value for it (allowed: `+"a positive whole number with a unit s, m, h, d (24h) or w (7d), for example 90s, 15m, 4h, 2d, 1w, 30d, or a sum such as 1d12h)")
			}
			if diff := cmp.Diff(want, withoutPositions(got, p)); diff != "" {
				t.Errorf("validate's problems after the import (-want +got):\n%s", diff)
			}

			edit(t, p, `owner: ""`, "owner: Directie Betalingen")
			edit(t, p, "mtpd: TODO", "mtpd: 1d")
			replaceAll(t, p, `owner: ""`, "owner: Directie Operaties")
			replaceAll(t, p, "mtpd: TODO", "mtpd: 7d")
			res, err = DORAROI(ctx, []string{path}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			plan, c, err := importInto(t, res, out)
			if err != nil {
				t.Fatalf("after filling in the TODOs and importing again, the catalog does not validate: %v", err)
			}
			if n := plan.Counts()[Unchanged]; n != len(plan.Changes) {
				t.Errorf("the second import of the same register changed %d of %d records", len(plan.Changes)-n, len(plan.Changes))
			}
			checkBank(t, out)

			sc, err := scenarios.Resolve(yamldoc.OSFS{}, "hyperscale-inc-1-month", c)
			if err != nil {
				t.Fatal(err)
			}
			im := c.Impact(sc.Loss())
			type hit struct{ Process, Path, Level, RTO, MTPD string }
			var hits []hit
			for _, pi := range im.Processes {
				hits = append(hits, hit{pi.Process.ID, pi.Paths[0].String(), string(pi.Assessment.Level), pi.Process.RTO.String(), pi.Process.MTPD.String()})
			}
			wantHits := []hit{
				{"betalingsverkeer", "betalingsverkeer -> acme-cloud-ltd-saas -> acme-cloud-ltd -> hyperscale-inc", "must-recover", "4h", "1d"},
				{"klantportaal", "klantportaal -> acme-cloud-ltd-saas -> acme-cloud-ltd -> hyperscale-inc", "must-recover", "8h", "7d"},
			}
			if diff := cmp.Diff(wantHits, hits); diff != "" {
				t.Errorf("impact of a month without Hyperscale (-want +got):\n%s", diff)
			}
			if strings.Join(im.Down, ",") != "acme-cloud-ltd,hyperscale-inc" || im.Unaffected != 1 {
				t.Errorf("down %v, unaffected %d; want acme-cloud-ltd and hyperscale-inc down, rapportage unaffected", im.Down, im.Unaffected)
			}
		})
	}
}

// checkBank checks what the register says about suppliers and applications.
func checkBank(t *testing.T, out string) {
	t.Helper()
	c, err := loadCatalog(out)
	if err != nil {
		t.Fatal(err)
	}
	if c.Organisation != "Voorbeeld Bank N.V." {
		t.Errorf("organisation %q; want the entity of B_01.01", c.Organisation)
	}
	type sup struct{ ID, Name, Jurisdiction, Subprocessors string }
	var sups []sup
	for _, s := range c.Suppliers {
		sups = append(sups, sup{s.ID, s.Name, s.Jurisdiction, strings.Join(s.Subprocessors, ",")})
	}
	wantSups := []sup{
		{"acme-cloud-ltd", "Acme Cloud Ltd", "IE", "hyperscale-inc"},
		{"hyperscale-inc", "Hyperscale Inc.", "US", ""},
		{"nl-hosting-b-v", "NL Hosting B.V.", "NL", ""},
	}
	if diff := cmp.Diff(wantSups, sups); diff != "" {
		t.Errorf("suppliers (-want +got):\n%s", diff)
	}
	type app struct{ ID, Model, Supplier string }
	var apps []app
	for _, a := range c.Applications {
		apps = append(apps, app{a.ID, a.Model, a.Supplier})
	}
	if diff := cmp.Diff([]app{{"acme-cloud-ltd-saas", "saas", "acme-cloud-ltd"}, {"nl-hosting-b-v-iaas", "iaas", "nl-hosting-b-v"}}, apps); diff != "" {
		t.Errorf("applications (-want +got):\n%s", diff)
	}
	for _, p := range c.Processes {
		if p.ID == "rapportage" && (p.IsCritical() || p.RTO.String() != "2d" || p.RPO.String() != "1d") {
			t.Errorf("rapportage critical %v, rto %s, rpo %s; want not critical, 2d and 1d (48 and 24 hours)", p.IsCritical(), p.RTO, p.RPO)
		}
	}
	data, _ := os.ReadFile(filepath.Join(out, "applications.yaml"))
	for _, s := range []string{"exit plan: yes (", `alternative providers: yes, "NL Hosting B.V."`, "exit plan: none, says", "TODO: the register holds no backups"} {
		if !strings.Contains(string(data), s) {
			t.Errorf("applications.yaml lacks %q:\n%s", s, data)
		}
	}
}

// withoutPositions drops "FILE:line:col: " from problems in file, leaving
// the key and the problem; problems elsewhere are kept whole.
func withoutPositions(lines []string, file string) []string {
	out := []string{}
	for _, l := range lines {
		if rest, ok := strings.CutPrefix(l, file+":"); ok {
			if _, after, ok := strings.Cut(rest, ": "); ok {
				l = after
			}
		}
		out = append(out, l)
	}
	return out
}

func replaceAll(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, strings.ReplaceAll(string(data), old, new))
}
