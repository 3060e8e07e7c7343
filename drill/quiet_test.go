package drill

import (
	"testing"
	"time"
)

// TestQuietUntil: quiet hours that cross midnight hold a message sent in
// them until they end on the contact's clock, across a daylight-saving
// change; outside them nothing is held.
func TestQuietUntil(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ams)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	night, _ := ParseQuietHours("22:00-07:00")
	lunch, _ := ParseQuietHours("12:00-13:30")
	for _, tt := range []struct {
		q    QuietHours
		now  string
		want string // "" = not quiet
	}{
		{night, "2026-12-04 21:59", ""},
		{night, "2026-12-04 22:00", "2026-12-05 07:00"},
		{night, "2026-12-04 23:30", "2026-12-05 07:00"},
		{night, "2026-12-05 03:00", "2026-12-05 07:00"},
		{night, "2026-12-05 07:00", ""},
		{night, "2026-03-28 23:00", "2026-03-29 07:00"}, // the clocks go forward at 02:00
		{lunch, "2026-12-04 12:10", "2026-12-04 13:30"},
		{lunch, "2026-12-04 13:30", ""},
		{lunch, "2026-12-04 11:59", ""},
	} {
		got := tt.q.Until(at(tt.now), ams)
		var want time.Time
		if tt.want != "" {
			want = at(tt.want)
		}
		if !got.Equal(want) {
			t.Errorf("%s at %s: until %v, want %v", tt.q, tt.now, got, want)
		}
	}
	if got := night.Until(at("2026-03-28 23:00"), ams).Sub(at("2026-03-28 23:00")); got != 7*time.Hour {
		t.Errorf("over the change to summer time the night lasts %v, want 7h", got)
	}
	for _, bad := range []string{"", "22:00", "22:00-7:00", "24:00-07:00", "22:60-07:00", "22:00-07:00x", "+1:00-07:00", "22:00-22:00"} {
		if _, err := ParseQuietHours(bad); err == nil {
			t.Errorf("ParseQuietHours(%q) accepted", bad)
		}
	}
}
