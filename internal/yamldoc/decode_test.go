package yamldoc_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// decode parses src and decodes its first document into out, returning every
// problem rendered, at most 50 of them so that a failing test prints a short
// diff.
func decode(t *testing.T, src string, out any) []string {
	t.Helper()
	var errs yamldoc.List
	docs := yamldoc.Parse("t.yaml", []byte(src), &errs)
	if len(docs) > 0 {
		yamldoc.Decode(docs[0], out, "", &errs)
	}
	var got []string
	for i, e := range errs.Errors() {
		if i == 50 {
			got = append(got, fmt.Sprintf("... %d more", errs.Len()-i))
			break
		}
		got = append(got, e.Error())
	}
	return got
}

// allocated runs f and returns how many bytes it allocated in all, an upper
// bound of how much memory it held at any time.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const memoryLimit = 200 << 20

// lols is a type that nests without end, so that the classic billion laughs
// can expand as far as the decoder lets it.
type lols []lols

type laughs struct {
	Lol lols `yaml:"lol"`
}

// billionLaughs returns the classic bomb: nine levels of ten aliases, 10^10
// nodes once expanded, under key. The innermost laughs are empty lists, so
// that they fit lols.
func billionLaughs(key string) string {
	var b strings.Builder
	b.WriteString("defs:\n  - &l0 [[], [], [], [], [], [], [], [], [], []]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "  - &l%d [%s]\n", i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 10), ", "))
	}
	fmt.Fprintf(&b, "%s: *l9\n", key)
	return b.String()
}

func TestBillionLaughs(t *testing.T) {
	type doc struct {
		Defs []lols `yaml:"defs"`
		Lol  lols   `yaml:"lol"`
	}
	var got []string
	start := time.Now()
	mem := allocated(func() { got = decode(t, billionLaughs("lol"), new(doc)) })
	want := []string{"t.yaml: document expands to more than 100000 nodes (YAML alias expansion)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if mem > memoryLimit {
		t.Errorf("decoding allocated %d MB, want less than %d MB", mem>>20, memoryLimit>>20)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("decoding took %v", d)
	}
}

// TestBillionLaughsCatalog decodes the classic bomb into a catalog: nothing in
// the format nests lists in lists, so it is refused by type before anything is
// expanded.
func TestBillionLaughsCatalog(t *testing.T) {
	src := "apiVersion: exitdrill/v1\nkind: Catalog\n" + strings.Replace(billionLaughs("suppliers"), "defs:", "x-defs:", 1)
	var got []string
	mem := allocated(func() { got = decode(t, src, new(catalog.Document)) })
	want := []string{"t.yaml:3:1: x-defs: value \"x-defs\": unknown key (allowed: keys: apiVersion, kind, organisation, suppliers, applications, processes, contacts, exitPlanSections)"}
	for i := range 10 {
		want = append(want, fmt.Sprintf("t.yaml:13:%d: suppliers[%d]: expected a mapping, found a list (allowed: keys: id, name, jurisdiction, subprocessors, contract)", 10+5*i, i))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if mem > memoryLimit {
		t.Errorf("decoding allocated %d MB, want less than %d MB", mem>>20, memoryLimit>>20)
	}
}

// catalogBomb returns aliases shaped like the catalog: fan applications of fan
// backups of fan verification queries, fan^3 queries once expanded.
func catalogBomb(fan int) string {
	var b strings.Builder
	b.WriteString("apiVersion: exitdrill/v1\nkind: Catalog\nsuppliers: [{id: own}]\napplications:\n")
	b.WriteString("  - &app\n    id: a\n    supplier: own\n    backups:\n      - &backup\n        id: b\n        kind: pgdump\n        location: x\n        heldBy: own\n")
	fmt.Fprintf(&b, "        verify: [&q {query: select 1}%s]\n", strings.Repeat(", *q", fan-1))
	b.WriteString(strings.Repeat("      - *backup\n", fan-1))
	b.WriteString(strings.Repeat("  - *app\n", fan-1))
	return b.String()
}

func TestCatalogBomb(t *testing.T) {
	src := catalogBomb(200) // 8 million queries from 3 kB
	var got []string
	start := time.Now()
	mem := allocated(func() { got = decode(t, src, new(catalog.Document)) })
	want := []string{"t.yaml: document expands to more than 100000 nodes (YAML alias expansion)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if mem > memoryLimit {
		t.Errorf("decoding allocated %d MB, want less than %d MB", mem>>20, memoryLimit>>20)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("decoding took %v", d)
	}
}

// TestCatalogBombManyDocuments repeats a bomb in many documents and files: the
// alias budget is shared by all of them, so the total stays bounded.
func TestCatalogBombManyDocuments(t *testing.T) {
	doc := catalogBomb(50) // 125,000 queries, just over the budget on its own
	fsys := fstest.MapFS{}
	for i := range 10 {
		fsys[fmt.Sprintf("c/%d.yaml", i)] = &fstest.MapFile{Data: []byte(strings.Repeat(doc+"---\n", 20))}
	}
	var err error
	mem := allocated(func() { _, err = catalog.Load(fsys, "c") })
	if err == nil || !strings.Contains(err.Error(), "document expands to more than 100000 nodes (YAML alias expansion)") {
		t.Errorf("Load error = %.300v, want the alias expansion refused", err)
	}
	if mem > memoryLimit {
		t.Errorf("loading allocated %d MB, want less than %d MB", mem>>20, memoryLimit>>20)
	}
}

// TestRecursiveAlias decodes an alias that refers to the list holding it.
// yaml.v3 accepts it; the decoder must not follow it for ever.
func TestRecursiveAlias(t *testing.T) {
	var got []string
	start := time.Now()
	mem := allocated(func() { got = decode(t, "lol: &a [*a, *a]\n", new(laughs)) })
	path := "lol" + strings.Repeat("[0]", yamldoc.MaxDepth-1)
	want := []string{
		"t.yaml: document expands to more than 100000 nodes (YAML alias expansion)",
		"t.yaml:1:10: " + path[:200] + "...: values nest more than 100 levels deep",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if mem > memoryLimit || time.Since(start) > 5*time.Second {
		t.Errorf("decoding allocated %d MB in %v", mem>>20, time.Since(start))
	}
	// In a catalog nothing recurses: the list is refused where a mapping belongs.
	got = decode(t, "apiVersion: exitdrill/v1\nkind: Catalog\nsuppliers: &a [*a]\n", new(catalog.Document))
	want = []string{"t.yaml:3:16: suppliers[0]: expected a mapping, found a list (allowed: keys: id, name, jurisdiction, subprocessors, contract)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("catalog problems (-want +got):\n%s", diff)
	}
}

// TestDeepNesting feeds nesting just below and far above yaml.v3's depth limit.
func TestDeepNesting(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "9000 nested lists",
			src:  "apiVersion: exitdrill/v1\nkind: Catalog\nsuppliers: " + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + "\n",
			want: []string{"t.yaml:3:13: suppliers[0]: expected a mapping, found a list (allowed: keys: id, name, jurisdiction, subprocessors, contract)"},
		},
		{
			name: "9000 nested mappings",
			src:  "apiVersion: exitdrill/v1\nkind: Catalog\norganisation: " + strings.Repeat("{a: ", 9000) + "x" + strings.Repeat("}", 9000) + "\n",
			want: []string{"t.yaml:3:15: organisation: expected a string, found a mapping (allowed: a string)"},
		},
		{
			name: "a million nested lists",
			src:  "apiVersion: exitdrill/v1\nkind: Catalog\nsuppliers: " + strings.Repeat("[", 1<<20) + "\n",
			want: []string{"t.yaml:3: YAML syntax error: exceeded max depth of 10000"},
		},
		{
			name: "a million nested block lists",
			src:  "apiVersion: exitdrill/v1\nkind: Catalog\nsuppliers:\n" + strings.Repeat("- ", 1<<20) + "\n",
			// yaml.v3 points at the key whose value nests too deeply.
			want: []string{"t.yaml:3: YAML syntax error: exceeded max depth of 10000"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got := decode(t, tt.src, new(catalog.Document))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
