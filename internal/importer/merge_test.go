package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMergeKeepsHandMadeAdditions imports a CMDB export, edits the catalog
// the way people do (a backup, a supplier and an application of their own, a
// dependency on it, a process), changes the export and imports again: the
// dry run says what changes and writes nothing; the import updates what came
// from the export and keeps every addition.
func TestMergeKeepsHandMadeAdditions(t *testing.T) {
	ctx := context.Background()
	in := writeFiles(t, map[string]string{"business_apps.csv": serviceNowApps, "cmdb_rel_ci.csv": serviceNowRels})
	paths := []string{filepath.Join(in, "business_apps.csv"), filepath.Join(in, "cmdb_rel_ci.csv")}
	res, err := CMDB(ctx, paths, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "catalog")
	if _, _, err := importInto(t, res, out); err != nil {
		t.Fatal(err)
	}

	edit(t, filepath.Join(out, "suppliers.yaml"), "suppliers:\n", "suppliers:\n  - id: own # our data centre\n    name: Eigen rekencentrum\n    jurisdiction: NL\n")
	edit(t, filepath.Join(out, "applications.yaml"), "    dependsOn: [identity-provider]\n  # import: from business_apps.csv row 3",
		"    dependsOn: [identity-provider, archief]\n    backups:\n      - {id: parkeren-db, kind: directory, location: /srv/backup/parkeren, heldBy: own, every: 24h}\n  # import: from business_apps.csv row 3")
	writeFile(t, filepath.Join(out, "own.yaml"), "apiVersion: exitdrill/v1\nkind: Catalog\napplications:\n  - {id: archief, supplier: own}\n")
	writeFile(t, filepath.Join(out, "processes.yaml"), "apiVersion: exitdrill/v1\nkind: Catalog\nprocesses:\n"+
		"  - {id: vergunningen, owner: Directie Parkeren, mtpd: 7d, rto: 2d, rpo: 24h, applications: [parkeervergunningen]}\n")
	if _, err := loadCatalog(out); err != nil {
		t.Fatalf("the edited catalog does not validate: %v", err)
	}

	// The export changes: Klantcontact moves to Microsoft (Salesforce is
	// gone), Parkeervergunningen to IaaS, the identity provider is retired
	// and a case system at Centric arrives.
	writeFile(t, paths[0], `Number,Name,Vendor,Install type
APM0001001,Parkeervergunningen,Microsoft,IaaS
APM0001002,Klantcontact,Microsoft,SaaS
APM0001004,Zaaksysteem,Centric,SaaS
`)
	writeFile(t, paths[1], "Parent,Type,Child\nZaaksysteem,Depends on::Used by,Klantcontact\n")
	res, err = CMDB(ctx, paths, Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	plan, err := Prepare(ctx, res, out)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range plan.Changes {
		got = append(got, string(c.Op)+" "+string(c.Kind)+" "+c.ID+": "+strings.Join(c.Details, "; "))
	}
	want := []string{
		"unchanged supplier microsoft: ",
		"added supplier centric: ",
		"removed supplier salesforce: no longer in the source",
		"changed application parkeervergunningen: model: paas -> iaas; dependsOn: [identity-provider, archief] -> [archief]",
		"changed application klantcontact: supplier: salesforce -> microsoft; dependsOn: removed (the source no longer gives it)",
		"added application zaaksysteem: ",
		"removed application identity-provider: no longer in the source",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the dry run's changes (-want +got):\n%s", diff)
	}
	if after := snapshot(t, out); !cmp.Equal(before, after) {
		t.Errorf("preparing an import changed the directory:\n%s", cmp.Diff(before, after))
	}

	if err := plan.Write(); err != nil {
		t.Fatal(err)
	}
	c, err := loadCatalog(out)
	if err != nil {
		t.Fatalf("the merged catalog does not validate: %v", err)
	}
	var ids []string
	for _, s := range c.Suppliers {
		ids = append(ids, s.ID)
	}
	for _, a := range c.Applications {
		ids = append(ids, a.ID+"("+a.Supplier+")")
	}
	for _, p := range c.Processes {
		ids = append(ids, p.ID)
	}
	wantIDs := []string{"own", "microsoft", "centric", "parkeervergunningen(microsoft)", "klantcontact(microsoft)", "zaaksysteem(centric)", "archief(own)", "vergunningen"}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("records after the merge (-want +got):\n%s", diff)
	}
	park := c.Applications[0]
	if park.Model != "iaas" || len(park.Backups) != 1 || park.Backups[0].ID != "parkeren-db" || strings.Join(park.DependsOn, ",") != "archief" {
		t.Errorf("parkeervergunningen %+v; want iaas, the backup made by hand and the dependency on archief", park)
	}
	data, _ := os.ReadFile(filepath.Join(out, "suppliers.yaml"))
	if !strings.Contains(string(data), "- id: own # our data centre") {
		t.Errorf("the comment written by hand is gone:\n%s", data)
	}
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s lacks %q:\n%s", path, old, data)
	}
	writeFile(t, path, strings.Replace(string(data), old, new, 1))
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot reads every file of dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = string(data)
	}
	return m
}
