package drill

import (
	"encoding/json"
	"time"

	"github.com/exitdrill/exitdrill/internal/yamldoc/defs"
)

// Date is a calendar day written as YYYY-MM-DD. The zero value means "not given".
type Date struct{ time.Time }

// UnmarshalScalar implements [defs.Scalar].
func (d *Date) UnmarshalScalar(s string) error {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return &defs.Error{Problem: "malformed date", Allowed: "a date written YYYY-MM-DD, for example 2026-06-01"}
	}
	d.Time = t
	return nil
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// MarshalJSON writes the date as YYYY-MM-DD.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// MarshalYAML writes the date as YYYY-MM-DD.
func (d Date) MarshalYAML() (any, error) { return d.String(), nil }

// JSONSchema implements [defs.Schemer].
func (Date) JSONSchema() map[string]any {
	return map[string]any{"type": "string", "format": "date", "description": "A date written YYYY-MM-DD."}
}

// UnmarshalJSON reads YYYY-MM-DD.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	d.Time = t
	return err
}
