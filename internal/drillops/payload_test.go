package drillops

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/internal/gen"
)

// TestCheckPayloadSaysWhatIsTooLarge: a limit below the drill's size refuses
// it as invalid input, naming the drill, each part's size and what to do;
// the default limit lets the same small drill through.
func TestCheckPayloadSaysWhatIsTooLarge(t *testing.T) {
	r := Request{Catalogs: []string{"testdata/catalog"}, Scenario: "testdata/portal-tabletop.yaml", ID: "small", Reports: t.TempDir()}
	p, err := Prepare(context.Background(), r)
	if err != nil {
		t.Fatalf("the small drill within the default limit: %v", err)
	}
	err = CheckPayload(p.Input, 1024)
	if err == nil {
		t.Fatal("a drill over a 1 KiB limit was let through")
	}
	if !IsInvalid(err) {
		t.Errorf("err %T is not invalid input (exit 2)", err)
	}
	for _, want := range []string{"drill small is too large to run as one drill", "its input is ", "the results of its ",
		"over Temporal's payload limit of 1 KiB", "the server would end the drill when it writes its evidence",
		"lose fewer suppliers in one scenario, or split the catalog"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\nlacks %q", err, want)
		}
	}
	r.PayloadLimit = 1024
	if _, err := Prepare(context.Background(), r); err == nil || !strings.Contains(err.Error(), "too large to run as one drill") {
		t.Errorf("Prepare with a 1 KiB limit: %v, want the payload refusal", err)
	}
}

// TestCheckPayloadAtScale: generated catalogs of trivial steps (the
// shape make bench-cluster drills). 1,800 processes (7,200 steps) fit.
// 2,500 processes do not: their drill's input alone is about 1.25 MiB
// compressed, and with these steps' short results (66 bytes a step) its
// evidence step's input comes to about 1.9 MiB, 7% under the 2 MiB limit;
// with steps that write as much as the example's (128 bytes), it would pass
// it and the drill would be ended at its very end. The refusal comes from Prepare, before anything starts.
func TestCheckPayloadAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and prepares catalogs of thousands of processes")
	}
	for _, tt := range []struct {
		procs int
		fits  bool
	}{{1800, true}, {2500, false}} {
		t.Run(fmt.Sprint(tt.procs), func(t *testing.T) {
			catalog, scenario := trivialCatalog(t, tt.procs)
			p, err := Prepare(context.Background(), Request{Catalogs: []string{catalog}, Scenario: scenario, ID: "scale", Reports: t.TempDir()})
			switch {
			case tt.fits && err != nil:
				t.Fatalf("%d processes: %v", tt.procs, err)
			case tt.fits && len(p.Plan.Processes) != tt.procs:
				t.Fatalf("%d processes planned, want %d", len(p.Plan.Processes), tt.procs)
			case !tt.fits && (err == nil || !IsInvalid(err) || !strings.Contains(err.Error(), fmt.Sprintf("the results of its %d steps", 4*tt.procs))):
				t.Fatalf("%d processes: err = %v, want the payload refusal naming %d steps", tt.procs, err, 4*tt.procs)
			case !tt.fits:
				t.Log(err)
			}
		})
	}
}

// trivialCatalog writes a generated catalog of procs processes with trivial
// steps and a scenario losing every supplier of it for a month, compressed.
func trivialCatalog(t *testing.T, procs int) (catalog, scenario string) {
	t.Helper()
	files, err := gen.Catalog(gen.Options{Apps: procs * 13, Processes: procs, Suppliers: 30, Seed: 1, TrivialSteps: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	catalog = filepath.Join(dir, "catalog")
	var ids []string
	for _, f := range files {
		path := filepath.Join(catalog, f.Name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(filepath.Base(f.Name), "supplier") {
			for _, m := range regexp.MustCompile(`(?m)^  - id: (\S+)$`).FindAllStringSubmatch(string(f.Data), -1) {
				ids = append(ids, m[1])
			}
		}
	}
	if len(ids) == 0 {
		t.Fatal("no suppliers in the generated catalog")
	}
	scenario = filepath.Join(dir, "all.yaml")
	sc := "apiVersion: exitdrill/v1\nkind: Scenario\nid: all\nlose: {suppliers: [" + strings.Join(ids, ", ") + "]}\nduration: 30d\nmode: compressed\ntimeScale: 3600000\n"
	if err := os.WriteFile(scenario, []byte(sc), 0o644); err != nil {
		t.Fatal(err)
	}
	return catalog, scenario
}
