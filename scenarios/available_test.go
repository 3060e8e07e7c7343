package scenarios

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// ForCatalog lists what Resolve finds by id: the catalog's own scenarios
// (not the broken one), each supplier's three outages (the catalog's
// microsoft-1-month winning over the library's), then the library's
// scenarios that fit.
func TestForCatalog(t *testing.T) {
	c, err := catalog.Load(yamldoc.OSFS{}, "testdata/owncatalog")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	titles := map[string]string{}
	for _, s := range ForCatalog(yamldoc.OSFS{}, c) {
		ids = append(ids, s.ID)
		titles[s.ID] = s.Title
		if got, err := Resolve(yamldoc.OSFS{}, s.ID, c); err != nil || got.ID != s.ID || got.Title != s.Title {
			t.Errorf("Resolve(%s) = %v, %v; want the scenario listed", s.ID, got, err)
		}
	}
	want := []string{"flood", "microsoft-1-month", "acme-1-day", "acme-1-week", "acme-1-month", "microsoft-1-day", "microsoft-1-week",
		"own-1-day", "own-1-week", "own-1-month", "us-jurisdiction-1-month"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	for id, want := range map[string]string{"acme-1-week": "Acme Hosting unavailable for one week", "microsoft-1-month": "Microsoft gone for a month, as this catalog sees it"} {
		if titles[id] != want {
			t.Errorf("%s: title %q, want %q", id, titles[id], want)
		}
	}
}
