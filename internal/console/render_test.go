package console

import (
	"strings"
	"testing"
	"time"
)

// Times carry their instant for the viewer's zone (console.js) and UTC on
// hover; a missing time is empty, not "0001-01-01".
func TestWhenShowsTheInstantAndUTC(t *testing.T) {
	at := time.Date(2026, 12, 4, 4, 17, 0, 0, time.FixedZone("CET", 3600))
	got := string(when(at))
	for _, want := range []string{`datetime="2026-12-04T03:17:00Z"`, `title="2026-12-04 03:17 UTC"`, "<time "} {
		if !strings.Contains(got, want) {
			t.Errorf("when = %s, lacks %s", got, want)
		}
	}
	var none *time.Time
	if when(none) != "" || when(time.Time{}) != "" {
		t.Errorf("a missing time shows %q / %q", when(none), when(time.Time{}))
	}
}
