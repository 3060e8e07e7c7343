package drillops

import (
	"testing"
	"time"
)

func TestDrillID(t *testing.T) {
	at := time.Date(2026, 1, 2, 4, 4, 5, 0, time.FixedZone("CET", 3600))
	for _, tt := range []struct{ scenario, want string }{
		{"microsoft-1-month", "microsoft-1-month-20260102T030405Z"},
		{"acme 1/week (draft)", "acme-1-week-draft--20260102T030405Z"},
		{"v2.1_test", "v2.1_test-20260102T030405Z"},
	} {
		if got := DrillID(tt.scenario, at); got != tt.want {
			t.Errorf("DrillID(%q) = %q, want %q", tt.scenario, got, tt.want)
		}
	}
}
