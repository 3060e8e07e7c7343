package drill

import (
	"encoding/json"
	"testing"
	"time"
)

// TestDurationJSONRoundTrip guards workflow payloads: measured durations have
// fractions of a second and must survive JSON exactly.
func TestDurationJSONRoundTrip(t *testing.T) {
	for _, d := range []Duration{0, Duration(90 * time.Second), Duration(30 * Day), Duration(1234 * time.Millisecond),
		Duration(26*time.Hour + 1500*time.Millisecond), Duration(3 * time.Nanosecond)} {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var got Duration
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("unmarshal %s: %v", b, err)
		}
		if got != d {
			t.Errorf("round trip of %v via %s = %v", time.Duration(d), b, time.Duration(got))
		}
	}
}
