package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImport runs exitdrill import as a user would: a CMDB export into a new
// directory that validate accepts; a dry run of a changed export that says
// what changes and writes nothing; a bad cell that exits 2 and writes nothing.
func TestImport(t *testing.T) {
	in := t.TempDir()
	apps := filepath.Join(in, "business_apps.csv")
	write := func(content string) {
		t.Helper()
		if err := os.WriteFile(apps, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Number,Name,Vendor,Install type,Depends on\nAPM1,Parkeren,Microsoft,PaaS,Identity\nAPM2,Identity,Microsoft,SaaS,\n")
	dir := filepath.Join(t.TempDir(), "catalog")

	code, out, errs := run(t, "import", apps, "--preset", "cmdb-csv", "-o", dir, "--organisation", "Gemeente Voorbeeldstad")
	if code != ExitOK || !strings.Contains(out, "+ application parkeren (business_apps.csv row 2)") ||
		!strings.Contains(out, "imported into "+dir+": 3 added, 0 changed, 0 removed, 0 unchanged") {
		t.Fatalf("import: exit %d, stdout %q, stderr %q; want 0 and three records added", code, out, errs)
	}
	if code, out, errs := run(t, "validate", dir); code != ExitOK || !strings.Contains(out, "valid: 1 suppliers, 2 applications") {
		t.Fatalf("validate of the import: exit %d, stdout %q, stderr %q", code, out, errs)
	}

	write("Number,Name,Vendor,Install type,Depends on\nAPM1,Parkeren,Microsoft,IaaS,Identity\nAPM2,Identity,Microsoft,SaaS,\n")
	before := readDir(t, dir)
	code, out, errs = run(t, "import", apps, "--preset", "cmdb-csv", "-o", dir, "--dry-run")
	if code != ExitOK || !strings.Contains(out, "~ application parkeren: model: paas -> iaas") ||
		!strings.Contains(out, "dry run: 0 added, 1 changed, 0 removed, 2 unchanged; nothing written to "+dir) {
		t.Errorf("dry run: exit %d, stdout %q, stderr %q; want the change and nothing written", code, out, errs)
	}
	if after := readDir(t, dir); after != before {
		t.Errorf("the dry run changed the directory")
	}

	write("Number,Name,Vendor,Vendor country\nAPM1,Parkeren,Microsoft,Amerika\n")
	code, out, errs = run(t, "import", apps, "--preset", "cmdb-csv", "-o", dir)
	if code != ExitInvalid || out != "" || !strings.Contains(errs, `business_apps.csv!D2: country "Amerika" is not an ISO 3166-1 alpha-2 code`) {
		t.Errorf("bad cell: exit %d, stdout %q, stderr %q; want 2 and the cell", code, out, errs)
	}
	if after := readDir(t, dir); after != before {
		t.Errorf("a refused import changed the directory")
	}
}

func TestImportUsage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "x.csv", "-o", dir}, "give one of --preset PRESET (cmdb-csv, dora-roi) and --mapping MAP.yaml"},
		{[]string{"import", "x.csv", "--preset", "cmdb-csv", "--mapping", "m.yaml", "-o", dir}, "give one of --preset"},
		{[]string{"import", "x.csv", "--preset", "sap", "-o", dir}, `--preset "sap": allowed are cmdb-csv, dora-roi`},
		{[]string{"import", "x.csv", "--preset", "cmdb-csv"}, "-o/--output DIR is required"},
		{[]string{"import", "missing.csv", "--preset", "cmdb-csv", "-o", dir}, "missing.csv: cannot read the file"},
	} {
		code, out, errs := run(t, tt.args...)
		if code != ExitInvalid || out != "" || !strings.Contains(errs, tt.want) {
			t.Errorf("exitdrill %s: exit %d, stdout %q, stderr %q; want 2 and %q", strings.Join(tt.args, " "), code, out, errs, tt.want)
		}
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("a refused import made %s", dir)
	}
}

// readDir reads every file of dir into one string.
func readDir(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(e.Name() + "\n" + string(data))
	}
	return b.String()
}
