package drillops

import (
	"fmt"
	"strconv"
	"strings"
)

// cronFields names the five fields of a schedule's cron, with the values
// each takes, in the words its errors use.
var cronFields = []struct {
	name     string
	lo, hi   int
	names    []string // accepted names, the first for lo
	examples string
}{
	{"minute", 0, 59, nil, "0-59"},
	{"hour", 0, 23, nil, "0-23"},
	{"day", 1, 31, nil, "1-31 (day of the month)"},
	{"month", 1, 12, []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}, "1-12 or jan-dec"},
	{"weekday", 0, 7, []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}, "0-7 or sun-sat (0 and 7 are Sunday)"},
}

// cronShorthands are the @ words a cron may be instead of its five fields.
var cronShorthands = map[string]string{
	"@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
	"@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *",
}

// CheckCron checks the cron of a schedule and says what is wrong in words:
// five fields (minute hour day month weekday), each *, a value, a range
// a-b, a list a,b and an optional step /n, then an optional "# comment"; or
// one of @yearly, @monthly, @weekly, @daily. Temporal reads more (seconds,
// years, @every, a TZ= prefix), which a drill schedule does not need: its
// time zone is given apart. The error is an *InvalidError.
func CheckCron(expr string) error {
	spec, _, _ := strings.Cut(expr, "#")
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return cronError(expr, "the cron is empty; it needs 5 fields: minute hour day month weekday, for example \"0 9 1 */3 *\"")
	}
	if strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=") {
		return cronError(expr, "a cron here names no time zone: remove the TZ= prefix and choose the schedule's time zone")
	}
	if strings.HasPrefix(spec, "@") {
		if _, ok := cronShorthands[spec]; ok {
			return nil
		}
		return cronError(expr, "unknown shorthand "+strconv.Quote(spec)+"; allowed: @yearly, @monthly, @weekly, @daily, or 5 fields: minute hour day month weekday")
	}
	fields := strings.Fields(spec)
	if len(fields) != len(cronFields) {
		return cronError(expr, fmt.Sprintf("cron needs 5 fields: minute hour day month weekday; %q has %d", spec, len(fields)))
	}
	for i, f := range fields {
		if err := checkCronField(i, f); err != nil {
			return cronError(expr, err.Error())
		}
	}
	return nil
}

func cronError(expr, msg string) error {
	return &InvalidError{fmt.Errorf("cron %q: %s", strings.TrimSpace(expr), msg)}
}

// checkCronField checks field i of a cron: a comma-separated list of *, n or
// a-b, each with an optional /step.
func checkCronField(i int, field string) error {
	f := cronFields[i]
	bad := func(part, why string) error {
		return fmt.Errorf("the %s field %q: %s; allowed: %s, *, ranges a-b, lists a,b and steps */n", f.name, part, why, f.examples)
	}
	for _, part := range strings.Split(field, ",") {
		rng, step, hasStep := strings.Cut(part, "/")
		if hasStep {
			n, err := strconv.Atoi(step)
			if err != nil || n < 1 {
				return bad(part, "the step after / must be a whole number of at least 1")
			}
		}
		if rng == "*" {
			continue
		}
		from, to, isRange := strings.Cut(rng, "-")
		a, err := cronValue(i, from)
		if err != nil {
			return bad(part, err.Error())
		}
		if isRange {
			b, err := cronValue(i, to)
			if err != nil {
				return bad(part, err.Error())
			}
			if b < a {
				return bad(part, "the range ends before it starts")
			}
		}
	}
	return nil
}

// cronValue reads one value of field i: a number in its range or a name.
func cronValue(i int, s string) (int, error) {
	f := cronFields[i]
	for j, n := range f.names {
		if strings.EqualFold(s, n) {
			return f.lo + j, nil
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		if s == "" {
			return 0, fmt.Errorf("a value is missing")
		}
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if n < f.lo || n > f.hi {
		return 0, fmt.Errorf("%d is out of range", n)
	}
	return n, nil
}
