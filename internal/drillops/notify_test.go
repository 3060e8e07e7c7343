package drillops

import (
	"testing"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

// TestNotifyOptions: a drill notifies the catalog's contacts when asked
// (--notify), or when a notifications config is given and it is not
// compressed; never when the catalog lists nobody.
func TestNotifyOptions(t *testing.T) {
	withContacts := &catalog.Catalog{Contacts: []*drill.RoleContacts{{Role: "process-owner", People: []*drill.Contact{{Name: "Anna", Email: "anna@example.nl"}}}}}
	nobody := &catalog.Catalog{}
	mode := func(m string) *scenarios.Scenario { return &scenarios.Scenario{Mode: m} }
	tests := []struct {
		name string
		r    Request
		cat  *catalog.Catalog
		sc   *scenarios.Scenario
		want bool
	}{
		{"tabletop with a config", Request{NotifyConfigured: true}, withContacts, mode(scenarios.Tabletop), true},
		{"live with a config", Request{NotifyConfigured: true}, withContacts, mode(scenarios.Live), true},
		{"compressed with a config", Request{NotifyConfigured: true}, withContacts, mode(scenarios.Compressed), false},
		{"compressed by default", Request{NotifyConfigured: true}, withContacts, mode(""), false},
		{"compressed with --notify", Request{Notify: true}, withContacts, mode(scenarios.Compressed), true},
		{"tabletop without a config", Request{}, withContacts, mode(scenarios.Tabletop), false},
		{"nobody to tell", Request{Notify: true, NotifyConfigured: true}, nobody, mode(scenarios.Live), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.r.NotifyConsole = "https://console.example.nl"
			got := tt.r.notifyOptions(tt.cat, tt.sc)
			if (got != nil) != tt.want {
				t.Fatalf("notify options %+v, want set %v", got, tt.want)
			}
			if got != nil && (got.ConsoleURL != "https://console.example.nl" || len(got.Contacts) != 1) {
				t.Errorf("notify options %+v: want the console URL and the catalog's contacts", got)
			}
		})
	}
}
