package judge

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// Tolerance is how far a recovery time may move from one drill to the next
// and still be the same recovery: the larger of Percent of the old time and
// Min. Timing jitter (2h5s → 2h10s) is no change; only a change beyond the
// tolerance counts as better or worse. The zero Tolerance still ignores a
// change under a second.
type Tolerance struct {
	// Percent is a share of the old recovery time, 0-100.
	Percent float64
	// Min is the least tolerance, whatever the old time.
	Min drill.Duration
}

// DefaultTolerance is the tolerance of a diff unless one is given: the larger
// of 10 % of the old recovery time and 5 minutes.
var DefaultTolerance = Tolerance{Percent: 10, Min: drill.Duration(5 * time.Minute)}

// ToleranceAllowed describes the tolerance syntax for error messages.
const ToleranceAllowed = "a percentage of the old recovery time (10%), a duration (15m; " + drill.DurationAllowed +
	") or both, comma-separated (10%,5m): the larger wins"

// ParseTolerance reads a tolerance as a user writes it: "10%", "15m" or
// both, comma-separated ("10%,5m"). What is not given is zero: "15m" alone
// tolerates 15 minutes whatever the old time, and "0%" tolerates nothing.
func ParseTolerance(s string) (Tolerance, error) {
	var t Tolerance
	var percent, min bool
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		switch {
		case part == "":
			return Tolerance{}, errors.New("empty tolerance")
		case strings.HasSuffix(part, "%"):
			p, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(part, "%")), 64)
			if err != nil || math.IsNaN(p) || p < 0 || p > 100 {
				return Tolerance{}, fmt.Errorf("%q: a percentage is a number from 0 to 100", part)
			}
			if percent {
				return Tolerance{}, fmt.Errorf("%q: a second percentage", part)
			}
			t.Percent, percent = p, true
		default:
			d, err := drill.ParseDuration(part)
			if err != nil {
				return Tolerance{}, fmt.Errorf("%q: %w", part, err)
			}
			if min {
				return Tolerance{}, fmt.Errorf("%q: a second duration", part)
			}
			t.Min, min = d, true
		}
	}
	return t, nil
}

// Of is the tolerance around an old recovery time, to the whole second.
func (t Tolerance) Of(old drill.Duration) drill.Duration {
	share := time.Duration(float64(old.Std()) * t.Percent / 100).Truncate(time.Second)
	return drill.Duration(max(share, t.Min.Std()))
}

// Within reports whether a recovery time that moved from before to after
// stays within the tolerance, and the tolerance it was held to. A change of
// less than a second is always within.
func (t Tolerance) Within(before, after drill.Duration) (bool, drill.Duration) {
	tol := t.Of(before)
	d := after.Std() - before.Std()
	if d < 0 {
		d = -d
	}
	return d < time.Second || d <= tol.Std(), tol
}

// String is the tolerance in the syntax ParseTolerance reads: "10%,5m".
func (t Tolerance) String() string {
	var parts []string
	if t.Percent > 0 || t.Min == 0 {
		parts = append(parts, strconv.FormatFloat(t.Percent, 'f', -1, 64)+"%")
	}
	if t.Min > 0 {
		parts = append(parts, t.Min.String())
	}
	return strings.Join(parts, ",")
}

// Text is the tolerance's rule in words, for the reports: "a recovery time
// counts as better or worse only beyond the larger of 10 % of the old time
// and 5m".
func (t Tolerance) Text() string {
	const beyond = "a recovery time counts as better or worse only beyond "
	pct := strconv.FormatFloat(t.Percent, 'f', -1, 64) + " % of the old time"
	switch {
	case t.Percent > 0 && t.Min > 0:
		return beyond + "the larger of " + pct + " and " + t.Min.String()
	case t.Min > 0:
		return beyond + t.Min.String()
	case t.Percent > 0:
		return beyond + pct
	}
	return "none: a recovery time that moved by a second or more counts as better or worse"
}
