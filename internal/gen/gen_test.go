package gen_test

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/gen"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// load generates a catalog into an in-memory file system and loads it.
func load(t *testing.T, o gen.Options) (*catalog.Catalog, []gen.File) {
	t.Helper()
	files, err := gen.Catalog(o)
	if err != nil {
		t.Fatalf("Catalog(%+v): %v", o, err)
	}
	fsys := fstest.MapFS{}
	for _, f := range files {
		if len(f.Data) >= yamldoc.MaxFileSize/2 {
			t.Errorf("%s is %d bytes, want well under the loader's limit of %d", f.Name, len(f.Data), yamldoc.MaxFileSize)
		}
		fsys["cat/"+f.Name] = &fstest.MapFile{Data: f.Data}
	}
	c, err := catalog.Load(fsys, "cat")
	if err != nil {
		t.Fatalf("generated catalog %+v does not load:\n%s", o, truncate(err.Error(), 4000))
	}
	return c, files
}

func TestCatalogLoadsWithoutProblems(t *testing.T) {
	for _, o := range []gen.Options{
		{Apps: gen.MinApps, Processes: 1, Suppliers: gen.MinSuppliers, Seed: 7},
		{Apps: 100, Processes: 100, Suppliers: 100, Seed: 2},
		gen.Scaled(1300, 1),
		gen.Scaled(4500, 3), // several application files
	} {
		t.Run(fmt.Sprintf("apps=%d", o.Apps), func(t *testing.T) {
			c, files := load(t, o)
			got := [3]int{len(c.Applications), len(c.Processes), len(c.Suppliers)}
			if want := [3]int{o.Apps, o.Processes, o.Suppliers}; got != want {
				t.Errorf("got apps, processes, suppliers %v, want %v", got, want)
			}
			if len(c.Runbooks) != o.Processes {
				t.Errorf("got %d runbooks, want one per process (%d)", len(c.Runbooks), o.Processes)
			}
			perFile := func(n int) int { return (n + gen.MaxPerFile - 1) / gen.MaxPerFile }
			if wantFiles := 1 + perFile(o.Apps) + 2*perFile(o.Processes); len(files) != wantFiles {
				t.Errorf("got %d files, want %d", len(files), wantFiles)
			}
			for _, p := range c.Processes {
				if n := len(p.Applications); n < 1 || n > 5 {
					t.Errorf("process %s uses %d applications, want 1 to 5", p.ID, n)
				}
			}
		})
	}
}

func TestCatalogIsDeterministic(t *testing.T) {
	o := gen.Scaled(3000, 42)
	a, err := gen.Catalog(o)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := gen.Catalog(o)
	if len(a) != len(b) {
		t.Fatalf("same seed: %d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("same seed: file %d (%s) differs between runs", i, a[i].Name)
		}
	}
	o.Seed++
	c, _ := gen.Catalog(o)
	if bytes.Equal(a[1].Data, c[1].Data) {
		t.Errorf("seeds %d and %d give the same %s", o.Seed-1, o.Seed, a[1].Name)
	}
}

func TestCatalogProportions(t *testing.T) {
	c, _ := load(t, gen.Scaled(1300, 1))
	count := map[string]int{}
	for _, a := range c.Applications {
		switch {
		case a.Model == "saas":
			count["saas"]++
		case a.Supplier == "kpn":
			count["hosted"]++
		case a.Supplier == "microsoft":
			count["cloud"]++
		case a.Supplier == "sogeti":
			count["workplace"]++
		}
	}
	// The report: ~650 of ~1,300 SaaS, ~150 at KPN, ~150 on Azure, the rest workplace.
	for kind, want := range map[string]int{"saas": 650, "hosted": 150, "cloud": 150, "workplace": 350} {
		if got := count[kind]; math.Abs(float64(got-want)) > 0.05*float64(want) {
			t.Errorf("%s applications: got %d, want about %d", kind, got, want)
		}
	}
	juris := map[string]bool{}
	for _, s := range c.Suppliers {
		juris[s.Jurisdiction] = true
	}
	for _, j := range []string{"US", "NL", "DE", "FR", "BE", "IE"} {
		if !juris[j] {
			t.Errorf("no supplier under jurisdiction %s", j)
		}
	}
}

func TestCatalogHasHiddenHyperscalerDependencies(t *testing.T) {
	c, _ := load(t, gen.Scaled(1300, 1))
	im := c.Impact(catalog.Loss{Suppliers: []string{"aws"}, Duration: drill.Duration(7 * drill.Day)})
	var via []string
	for _, pi := range im.Processes {
		for _, p := range pi.Paths {
			if p[len(p)-1].Kind == "subprocessor" {
				via = append(via, p.String())
			}
		}
	}
	if len(via) == 0 {
		t.Fatalf("losing aws impacts no process through a subprocessor; impacted: %v", im.ProcessIDs())
	}
	t.Logf("%d paths through a subprocessor, for example %s", len(via), via[0])
}

func TestLargestSupplier(t *testing.T) {
	c, _ := load(t, gen.Scaled(1300, 5))
	best, most := "", -1
	for _, k := range c.Concentration() {
		if n := len(k.DirectApps) + len(k.IndirectApps); n > most {
			best, most = k.Supplier, n
		}
	}
	if best != gen.LargestSupplier {
		t.Errorf("the loss that takes down most applications is %s's (%d), want %s", best, most, gen.LargestSupplier)
	}
}

func TestOptionsCheck(t *testing.T) {
	for _, tc := range []struct {
		o    gen.Options
		want string
	}{
		{gen.Options{Apps: 5, Processes: 1, Suppliers: 20}, "apps 5: must be between"},
		{gen.Options{Apps: 100, Processes: 0, Suppliers: 20}, "processes 0: must be at least 1"},
		{gen.Options{Apps: 100, Processes: 101, Suppliers: 20}, "processes 101: must be at most the number of applications (100)"},
		{gen.Options{Apps: 100, Processes: 10, Suppliers: 3}, "suppliers 3: must be at least"},
		{gen.Options{Apps: 100, Processes: 10, Suppliers: 101}, "suppliers 101: must be at most"},
	} {
		_, err := gen.Catalog(tc.o)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Catalog(%+v) = %v, want an error starting %q", tc.o, err, tc.want)
		}
	}
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
