package drill

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/yamldoc/defs"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		problem string // the error, empty when in is valid
	}{
		{in: "90s", want: 90 * time.Second},
		{in: "15m", want: 15 * time.Minute},
		{in: "4h", want: 4 * time.Hour},
		{in: "2d", want: 48 * time.Hour},
		{in: "1w", want: 7 * 24 * time.Hour},
		{in: "30d", want: 30 * 24 * time.Hour},
		{in: "1d12h", want: 36 * time.Hour},
		{in: "1w2d3h4m5s", want: 9*24*time.Hour + 3*time.Hour + 4*time.Minute + 5*time.Second},
		{in: "0d1h", want: time.Hour},     // a zero part is fine when the sum is positive
		{in: "1h1h", want: 2 * time.Hour}, // parts add up
		{in: "15250w", want: 15250 * Week},
		{in: "", problem: "empty duration"},
		{in: "0s", problem: "duration must be positive"},
		{in: "0", problem: "duration must be positive"},
		{in: "0d0h", problem: "duration must be positive"},
		{in: "-1d", problem: "duration must be positive"},
		{in: "1x", problem: "malformed duration: unknown or missing unit"},
		{in: "15", problem: "malformed duration: unknown or missing unit"},
		{in: "1H", problem: "malformed duration: unknown or missing unit"},
		{in: "1.5h", problem: "malformed duration: unknown or missing unit"},
		{in: "1d ", problem: "malformed duration: unknown or missing unit"},
		{in: "1 d", problem: "malformed duration: unknown or missing unit"},
		{in: "1month", problem: "malformed duration: unknown or missing unit"},
		{in: "d", problem: "malformed duration"},
		{in: "TODO", problem: "a placeholder to fill in: the source exitdrill import read has no value for it"},
		{in: "+1d", problem: "malformed duration"},
		{in: " 1d", problem: "malformed duration"},
		{in: "99999999999999999999d", problem: "duration out of range"},
		{in: "15251w", problem: "duration out of range"},
		{in: "106752d", problem: "duration out of range"},
		{in: "106751d1d", problem: "duration out of range"},
		{in: "9223372036s1d", problem: "duration out of range"},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		switch {
		case tt.problem == "" && err != nil:
			t.Errorf("ParseDuration(%q) error %q, want %v", tt.in, err, tt.want)
		case tt.problem == "" && got.Std() != tt.want:
			t.Errorf("ParseDuration(%q) = %v, want %v", tt.in, got.Std(), tt.want)
		case tt.problem != "" && (err == nil || err.Error() != tt.problem):
			t.Errorf("ParseDuration(%q) = %v, %v, want error %q", tt.in, got.Std(), err, tt.problem)
		case tt.problem != "" && got != 0:
			t.Errorf("ParseDuration(%q) = %v with an error, want 0", tt.in, got.Std())
		}
	}
}

func TestDurationString(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{90 * time.Second, "1m30s"},
		{15 * time.Minute, "15m"},
		{4 * time.Hour, "4h"},
		{48 * time.Hour, "2d"},
		{Week, "7d"}, // days read better than weeks for an MTPD
		{30 * Day, "30d"},
		{36 * time.Hour, "1d12h"},
		{Day + time.Second, "1d1s"},
		{0, "0s"},
		{-time.Hour, "0s"},
		{1500 * time.Millisecond, "2s"}, // measured times are shown to the second
	}
	for _, tt := range tests {
		if got := Duration(tt.d).String(); got != tt.want {
			t.Errorf("Duration(%v).String() = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// TestDurationRoundTrip checks that what String writes, ParseDuration reads back
// as the same duration.
func TestDurationRoundTrip(t *testing.T) {
	for _, s := range []string{"90s", "15m", "4h", "2d", "1w", "30d", "1d12h", "1w2d3h4m5s", "15250w", "59s", "23h59m59s"} {
		d, err := ParseDuration(s)
		if err != nil {
			t.Fatalf("ParseDuration(%q): %v", s, err)
		}
		back, err := ParseDuration(d.String())
		if err != nil || back != d {
			t.Errorf("ParseDuration(%q).String() = %q, which reads back as %v, %v; want %v", s, d.String(), back.Std(), err, d.Std())
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var j Duration
		if err := json.Unmarshal(b, &j); err != nil || j != d {
			t.Errorf("JSON round trip of %q via %s = %v, %v; want %v", s, b, j.Std(), err, d.Std())
		}
	}
}

func TestDurationJSON(t *testing.T) {
	for in, want := range map[string]Duration{`"0s"`: 0, `""`: 0, `"1d"`: Duration(Day)} {
		var d Duration = 1
		if err := json.Unmarshal([]byte(in), &d); err != nil || d != want {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", in, d.Std(), err, want.Std())
		}
	}
	for _, in := range []string{`"1x"`, `3600`, `"-1d"`} {
		var d Duration
		if err := json.Unmarshal([]byte(in), &d); err == nil {
			t.Errorf("Unmarshal(%s) = %v, want an error", in, d.Std())
		}
	}
	if b, err := json.Marshal(Duration(0)); err != nil || string(b) != `"0s"` {
		t.Errorf("Marshal(0) = %s, %v; want \"0s\"", b, err)
	}
}

func TestDurationUnmarshalScalar(t *testing.T) {
	var d Duration
	err := d.UnmarshalScalar("2 days")
	var e *defs.Error
	if !errors.As(err, &e) {
		t.Fatalf("UnmarshalScalar error is %T, want *defs.Error", err)
	}
	if e.Problem != "malformed duration: unknown or missing unit" || e.Allowed != DurationAllowed {
		t.Errorf("UnmarshalScalar error = %+v, want the problem and the allowed syntax", e)
	}
	if err := d.UnmarshalScalar("1d12h"); err != nil || d.Std() != 36*time.Hour {
		t.Errorf("UnmarshalScalar(1d12h) = %v, %v; want 36h", d.Std(), err)
	}
	if d.IsZero() || !Duration(0).IsZero() {
		t.Errorf("IsZero wrong")
	}
}
