package drill

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/exitdrill/exitdrill/internal/yamldoc/defs"
)

func TestDate(t *testing.T) {
	good := map[string]string{"2026-06-01": "2026-06-01", "2024-02-29": "2024-02-29"}
	for in, want := range good {
		var d Date
		if err := d.UnmarshalScalar(in); err != nil {
			t.Errorf("UnmarshalScalar(%q): %v", in, err)
			continue
		}
		if d.String() != want {
			t.Errorf("UnmarshalScalar(%q).String() = %q, want %q", in, d.String(), want)
		}
		b, err := json.Marshal(d)
		if err != nil || string(b) != `"`+want+`"` {
			t.Errorf("Marshal(%s) = %s, %v", in, b, err)
		}
		var back Date
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(d.Time) {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", b, back, err, d)
		}
		if v, err := d.MarshalYAML(); err != nil || v != want {
			t.Errorf("MarshalYAML(%s) = %v, %v", in, v, err)
		}
	}
	for _, in := range []string{"", "01-06-2026", "2026-6-1", "2026-13-01", "2025-02-29", "2026-06-01T00:00:00Z", "yesterday"} {
		var d Date
		err := d.UnmarshalScalar(in)
		var e *defs.Error
		if !errors.As(err, &e) {
			t.Errorf("UnmarshalScalar(%q) error = %v, want *defs.Error", in, err)
			continue
		}
		if e.Problem != "malformed date" || e.Allowed != "a date written YYYY-MM-DD, for example 2026-06-01" {
			t.Errorf("UnmarshalScalar(%q) = %+v", in, e)
		}
	}
	var zero Date
	if zero.String() != "" {
		t.Errorf("zero Date String() = %q, want empty", zero.String())
	}
	if err := json.Unmarshal([]byte(`""`), &zero); err != nil || !zero.IsZero() {
		t.Errorf(`Unmarshal("") = %v, %v; want the zero date`, zero, err)
	}
	if err := json.Unmarshal([]byte(`"June"`), &zero); err == nil {
		t.Errorf(`Unmarshal("June") succeeded, want an error`)
	}
}
