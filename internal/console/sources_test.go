package console

import (
	"context"
	"strings"
	"testing"
)

// TestCheckSourcesScenarioIDs lets a form name the scenarios of the
// console's catalogs by id (SUPPLIER-1-day|1-week|1-month of their
// suppliers), and still refuses what is neither an id nor an allowed file.
func TestCheckSourcesScenarioIDs(t *testing.T) {
	c := &Console{o: Options{Catalog: []string{"testdata/catalog"}}}
	for _, tt := range []struct{ scenario, want string }{
		{"hoster-1-day", ""},
		{"mailer-1-month", ""},
		{"microsoft-1-week", ""},
		{"hoster-1-year", "is neither a scenario id (of the library or the catalogs) nor a file"},
		{"../portal-tabletop.yaml", "is neither a scenario id"},
	} {
		got := c.checkSources(context.Background(), []string{"testdata/catalog"}, tt.scenario)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("checkSources(%s) = %q, want %q", tt.scenario, got, tt.want)
		}
	}
}
