package drillops

import (
	"context"
	"testing"

	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

// A drill starts with its mode as a search attribute, the mode it runs in
// (the form's or --mode's when given), so that the console's mode filter is
// a visibility query; a schedule's drills carry it too.
func TestPrepareSetsModeAttribute(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    Request
		want string
	}{
		{"the scenario's", Request{}, "tabletop"},
		{"overridden", Request{Mode: "compressed"}, "compressed"},
		{"a schedule's", Request{Schedule: true, Mode: "live"}, "live"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.r.Catalogs, tt.r.Scenario = []string{"testdata/catalog"}, "testdata/portal-tabletop.yaml"
			p, err := Prepare(context.Background(), tt.r)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := p.Options.TypedSearchAttributes.GetKeyword(searchattr.Mode)
			if !ok || got != tt.want || p.Plan.Scenario.Mode != tt.want {
				t.Errorf("%s attribute %q (set %v), plan's mode %q; want %q", searchattr.ModeName, got, ok, p.Plan.Scenario.Mode, tt.want)
			}
		})
	}
}
