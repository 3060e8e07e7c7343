package importer

import (
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in      string
		unit    time.Duration
		want    time.Duration
		problem string
	}{
		{in: "4 uur", want: 4 * time.Hour},
		{in: "4u", want: 4 * time.Hour},
		{in: "1 uur", want: time.Hour},
		{in: "2 dagen", want: 48 * time.Hour},
		{in: "1 dag", want: 24 * time.Hour},
		{in: "1 week", want: drill.Week},
		{in: "2 weken", want: 2 * drill.Week},
		{in: "1 maand", want: 30 * drill.Day},
		{in: "3 maanden", want: 90 * drill.Day},
		{in: "30 minuten", want: 30 * time.Minute},
		{in: "1 minuut", want: time.Minute},
		{in: "1,5 uur", want: 90 * time.Minute},
		{in: "1 week en 2 dagen", want: 9 * drill.Day},
		{in: "4 Hours", want: 4 * time.Hour},
		{in: "1.5 days", want: 36 * time.Hour},
		{in: "2 weeks", want: 2 * drill.Week},
		{in: "1 month", want: 30 * drill.Day},
		{in: "15 min", want: 15 * time.Minute},
		{in: "1d12h", want: 36 * time.Hour},
		{in: "4:30", want: 4*time.Hour + 30*time.Minute},
		{in: "24", unit: time.Hour, want: 24 * time.Hour},
		{in: "24", problem: "a number needs a unit"},
		{in: "vier uur", problem: "no number"},
		{in: "4 werkdagen", problem: `unknown unit "werkdagen"`},
		{in: "0 uur", problem: "not positive"},
		{in: "", problem: "empty"},
		{in: "4:75", problem: "not hours:minutes"},
		{in: "99999999999 years", problem: "too long"},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in, tt.unit)
		switch {
		case tt.problem != "" && (err == nil || err.Error() != tt.problem):
			t.Errorf("ParseDuration(%q) = %v, %v; want the problem %q", tt.in, got, err, tt.problem)
		case tt.problem == "" && (err != nil || got.Std() != tt.want):
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Acme Cloud Ltd.":          "acme-cloud-ltd",
		"Één Gemeente — Belasting": "een-gemeente-belasting",
		"  ":                       "record",
		"CTR-2024/001":             "ctr-2024-001",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseCountry(t *testing.T) {
	for in, want := range map[string]string{"eba_GA:NL": "NL", "ie": "IE", "eba_GA:qx2007": "", "": ""} {
		if got, ok := ParseCountry(in); !ok || got != want {
			t.Errorf("ParseCountry(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := ParseCountry("Nederland"); ok {
		t.Error(`ParseCountry("Nederland") accepted a name; want only codes`)
	}
}
