package drill

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	// The zone database in the binary: a worker in a container from scratch
	// has none, and quiet hours must mean the same on every worker.
	_ "time/tzdata"

	"github.com/exitdrill/exitdrill/internal/yamldoc/defs"
)

// QuietAllowed describes the quiet hours syntax for error messages.
const QuietAllowed = `a span of local time HH:MM-HH:MM, for example "22:00-07:00" (it may cross midnight; from and to differ)`

// QuietHours is the daily span of a contact's local time in which they are
// not disturbed, written "22:00-07:00"; it may cross midnight. The zero
// value means none. The contact's Timezone says whose clock.
type QuietHours struct {
	// From and To are minutes after local midnight; From != To when set.
	From, To int
	set      bool
}

// IsZero reports whether no quiet hours were given.
func (q QuietHours) IsZero() bool { return !q.set }

// ParseQuietHours parses "HH:MM-HH:MM".
func ParseQuietHours(s string) (QuietHours, error) {
	clock := func(t string) (int, bool) {
		if len(t) != 5 || t[2] != ':' {
			return 0, false
		}
		for _, i := range []int{0, 1, 3, 4} {
			if t[i] < '0' || t[i] > '9' {
				return 0, false
			}
		}
		h, m := int(t[0]-'0')*10+int(t[1]-'0'), int(t[3]-'0')*10+int(t[4]-'0')
		return h*60 + m, h < 24 && m < 60
	}
	from, to, cut := strings.Cut(s, "-")
	f, okf := clock(from)
	t, okt := clock(to)
	if !cut || !okf || !okt {
		return QuietHours{}, fmt.Errorf("malformed quiet hours %q", s)
	}
	q := QuietHours{From: f, To: t, set: true}
	if q.From == q.To {
		return QuietHours{}, fmt.Errorf("quiet hours %q are empty (from equals to)", s)
	}
	return q, nil
}

// String writes the quiet hours as HH:MM-HH:MM.
func (q QuietHours) String() string {
	if !q.set {
		return ""
	}
	return fmt.Sprintf("%02d:%02d-%02d:%02d", q.From/60, q.From%60, q.To/60, q.To%60)
}

// UnmarshalScalar implements [defs.Scalar].
func (q *QuietHours) UnmarshalScalar(s string) error {
	v, err := ParseQuietHours(s)
	if err != nil {
		return &defs.Error{Problem: err.Error(), Allowed: QuietAllowed}
	}
	*q = v
	return nil
}

// MarshalJSON writes the quiet hours as HH:MM-HH:MM.
func (q QuietHours) MarshalJSON() ([]byte, error) { return json.Marshal(q.String()) }

// UnmarshalJSON reads HH:MM-HH:MM (or "" for none).
func (q *QuietHours) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		*q = QuietHours{}
		return nil
	}
	v, err := ParseQuietHours(s)
	*q = v
	return err
}

// MarshalYAML writes the quiet hours as HH:MM-HH:MM.
func (q QuietHours) MarshalYAML() (any, error) { return q.String(), nil }

// JSONSchema implements [defs.Schemer].
func (QuietHours) JSONSchema() map[string]any {
	return map[string]any{
		"type":        "string",
		"pattern":     `^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$`,
		"description": "Quiet hours: " + QuietAllowed + ", on the clock of the contact's timezone.",
	}
}

// Until returns when the quiet hours that hold at now end, in loc, or the
// zero time when now is outside them. A wall time that a daylight-saving
// change skips ends them at the first instant after the change.
func (q QuietHours) Until(now time.Time, loc *time.Location) time.Time {
	if !q.set {
		return time.Time{}
	}
	local := now.In(loc)
	mins := local.Hour()*60 + local.Minute()
	var quiet bool
	if q.From < q.To {
		quiet = mins >= q.From && mins < q.To
	} else {
		quiet = mins >= q.From || mins < q.To
	}
	if !quiet {
		return time.Time{}
	}
	y, m, d := local.Date()
	if mins >= q.To { // the span crosses midnight: it ends tomorrow
		d++
	}
	end := time.Date(y, m, d, q.To/60, q.To%60, 0, 0, loc)
	if !end.After(now) { // cannot happen but for odd zone data: never hold for nothing
		return time.Time{}
	}
	return end
}

// QuietUntil returns when c's quiet hours that hold at now end, or the zero
// time when c has none or now is outside them. The catalog checks the
// timezone at load; one the worker does not know is an error.
func (c *Contact) QuietUntil(now time.Time) (time.Time, error) {
	if c.QuietHours.IsZero() {
		return time.Time{}, nil
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.Time{}, fmt.Errorf("timezone %q of %s: %w", c.Timezone, c.Name, err)
	}
	return c.QuietHours.Until(now, loc), nil
}
