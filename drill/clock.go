package drill

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/internal/yamldoc/defs"
)

// Day and Week are the calendar units of the definition files: a day is 24 hours,
// a week 7 days. Outage scenarios are stated in days, so there are no months.
const (
	Day  = 24 * time.Hour
	Week = 7 * Day
)

// DurationAllowed describes the accepted duration syntax for error messages.
const DurationAllowed = "a positive whole number with a unit s, m, h, d (24h) or w (7d), for example 90s, 15m, 4h, 2d, 1w, 30d, or a sum such as 1d12h"

// Duration is a positive span of time written as 90s, 15m, 4h, 2d, 1w or 30d, or a
// sum such as 1d12h. The zero value means "not given".
type Duration time.Duration

// Std returns the duration as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// IsZero reports whether the duration was not given.
func (d Duration) IsZero() bool { return d == 0 }

var units = []struct {
	sym  string
	size time.Duration
}{{"w", Week}, {"d", Day}, {"h", time.Hour}, {"m", time.Minute}, {"s", time.Second}}

// Placeholder is what exitdrill import writes for a required duration its
// source has no value for (an MTPD: the DORA register of information has
// none). It is no duration, so that validate names every one still left.
const Placeholder = "TODO"

// ParseDuration parses the definition-file duration syntax.
func ParseDuration(s string) (Duration, error) {
	orig := s
	if s == "" {
		return 0, errors.New("empty duration")
	}
	if strings.HasPrefix(s, "-") || s == "0" {
		return 0, errors.New("duration must be positive")
	}
	if s == Placeholder {
		return 0, errors.New("a placeholder to fill in: the source exitdrill import read has no value for it")
	}
	var total time.Duration
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 {
			return 0, errors.New("malformed duration")
		}
		n, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil {
			return 0, errors.New("duration out of range")
		}
		s = s[i:]
		j := 0
		for j < len(s) && (s[j] < '0' || s[j] > '9') {
			j++
		}
		size, ok := unitSize(s[:j])
		if !ok {
			return 0, errors.New("malformed duration: unknown or missing unit")
		}
		s = s[j:]
		if n > math.MaxInt64/int64(size) || total > time.Duration(math.MaxInt64)-time.Duration(n)*size {
			return 0, errors.New("duration out of range")
		}
		total += time.Duration(n) * size
	}
	if total <= 0 {
		return 0, errors.New("duration must be positive")
	}
	_ = orig
	return Duration(total), nil
}

func unitSize(sym string) (time.Duration, bool) {
	for _, u := range units {
		if u.sym == sym {
			return u.size, true
		}
	}
	return 0, false
}

// String formats the duration in the definition-file syntax, using days rather
// than weeks (an MTPD of 7d reads better than 1w): 30d, 2d, 1d12h, 90s. Measured
// durations are shown to the second; below a second, in Go's syntax ("350ms").
func (d Duration) String() string {
	if d <= 0 {
		return "0s"
	}
	v := time.Duration(d)
	if v < time.Second {
		return v.String()
	}
	v = v.Round(time.Second)
	var b strings.Builder
	for _, u := range units[1:] {
		if n := v / u.size; n > 0 {
			b.WriteString(strconv.FormatInt(int64(n), 10))
			b.WriteString(u.sym)
			v -= n * u.size
		}
	}
	return b.String()
}

// UnmarshalScalar implements [defs.Scalar].
func (d *Duration) UnmarshalScalar(s string) error {
	v, err := ParseDuration(s)
	if err != nil {
		return &defs.Error{Problem: err.Error(), Allowed: DurationAllowed}
	}
	*d = v
	return nil
}

// MarshalJSON writes the duration in the definition-file syntax, or, when it
// has a fraction of a second (a measured time), in Go's syntax ("1.25s"), so
// that every value survives a round trip exactly.
func (d Duration) MarshalJSON() ([]byte, error) {
	if time.Duration(d)%time.Second != 0 {
		return json.Marshal(time.Duration(d).String())
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads either syntax MarshalJSON writes.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "0s" || s == "" {
		*d = 0
		return nil
	}
	if v, err := ParseDuration(s); err == nil {
		*d = v
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration %q: %w", s, err)
	}
	*d = Duration(v)
	return nil
}

// MarshalYAML writes the duration in the definition-file syntax.
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }

// JSONSchema implements [defs.Schemer].
func (Duration) JSONSchema() map[string]any {
	return map[string]any{
		"type":        "string",
		"pattern":     `^([0-9]+[smhdw])+$`,
		"description": "Duration: " + DurationAllowed + ".",
	}
}
