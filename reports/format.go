package reports

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

var errNoDrill = errors.New("reports: the bundle holds no drill plan and result")

func unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

func itoa(n int) string { return strconv.Itoa(n) }

// plural writes n followed by one or many.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

// orID is "title (id)", or the id alone.
func orID(title, id string) string {
	if title == "" || title == id {
		return id
	}
	return title + " (" + id + ")"
}

// short abbreviates a hex hash for tables; the full hash is in the JSON and
// the HTML's step detail.
func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// DataLossText is the data-loss cell of a verdict table: the age of the newest
// usable backup at T0 against the RPO.
func DataLossText(dl *drill.DataLoss) string {
	switch {
	case dl == nil:
		return "-"
	case !dl.Checked:
		return "not checked"
	case dl.Backup == "":
		return "no usable backup (RPO " + dl.RPO.String() + ")"
	case dl.Met:
		return dl.Age.String() + " <= RPO " + dl.RPO.String()
	default:
		return dl.Age.String() + " > RPO " + dl.RPO.String()
	}
}

// HumanBytes formats a byte count given as decimal text ("1073741824" is
// "1.1 GB"); text that is not a number is returned as it is.
func HumanBytes(v string) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	for _, u := range []string{"B", "KB", "MB", "GB"} {
		if f < 1000 || u == "GB" {
			return strconv.FormatFloat(f, 'f', 1, 64) + " " + u
		}
		f /= 1000
	}
	return v
}

// recoveryText is the recovery cell for people: the scenario time to
// recover, rounded, or "-".
func recoveryText(p *Process) string { return recoveryWith(p, ForPeople) }

// recoveryExact is the recovery for machines (JSON, JUnit properties): the
// scenario time to recover as recorded, or "-".
func recoveryExact(p *Process) string { return recoveryWith(p, drill.Duration.String) }

func recoveryWith(p *Process, format func(drill.Duration) string) string {
	if !p.Recovered {
		return "-"
	}
	if p.Verdict == drill.WaitedOut {
		return "would have taken " + format(p.Recovery)
	}
	return format(p.Recovery)
}

// ForPeople rounds a duration for people, to its two largest units: "1d 6h",
// "2h 5m", "4m 10s", "3.2 s", "270 ms". The exact value stays in the JSON.
func ForPeople(d drill.Duration) string {
	v := d.Std()
	neg := ""
	if v < 0 {
		neg, v = "-", -v
	}
	const day = 24 * time.Hour
	two := func(big, small time.Duration, bu, su string) string {
		v = v.Round(small)
		b, sm := v/big, (v%big)/small
		if sm == 0 {
			return neg + strconv.FormatInt(int64(b), 10) + bu
		}
		return neg + strconv.FormatInt(int64(b), 10) + bu + " " + strconv.FormatInt(int64(sm), 10) + su
	}
	switch {
	case v == 0:
		return "0 s"
	case v >= day:
		return two(day, time.Hour, "d", "h")
	case v >= time.Hour:
		return two(time.Hour, time.Minute, "h", "m")
	case v >= time.Minute:
		return two(time.Minute, time.Second, "m", "s")
	case v >= time.Second:
		return neg + strconv.FormatFloat(v.Round(100*time.Millisecond).Seconds(), 'f', -1, 64) + " s"
	}
	return neg + strconv.FormatInt(v.Round(time.Millisecond).Milliseconds(), 10) + " ms"
}

// spanForPeople names a scenario's length: "1 day", "30 days", "12 hours".
func spanForPeople(d drill.Duration) string {
	v := d.Std()
	switch {
	case v > 0 && v%(24*time.Hour) == 0:
		return plural(int(v/(24*time.Hour)), "day", "days")
	case v > 0 && v%time.Hour == 0:
		return plural(int(v/time.Hour), "hour", "hours")
	}
	return d.String()
}

// sortedKeys returns the keys of m in order, for deterministic output.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// stepName is a step's id, prefixed "rollback/" for rollback steps.
func stepName(s *Step) string {
	if s.Rollback {
		return "rollback/" + s.ID
	}
	return s.ID
}

// timeText formats a point in time in UTC for reports.
func timeText(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// legend explains the two clocks, in every human-readable format.
const legend = "Recovery is scenario time from the outage start (T0): measured for automated steps, declared for waits and tabletop sign-offs, simulated for manual steps nobody performed (compressed mode)."

// anyWaitedOut reports whether a supplier's processes waited out the outage:
// only then do the supplier tables have a "Waited out" column.
func anyWaitedOut(r *Report) bool {
	for _, s := range r.Suppliers {
		if s.Verdicts.WaitedOut > 0 {
			return true
		}
	}
	return false
}

// signedBy says who signs a bundle, or that nobody does.
func signedBy(signer string) string {
	if signer == "" {
		return "the bundle is NOT signed"
	}
	return "signed by " + signer
}
