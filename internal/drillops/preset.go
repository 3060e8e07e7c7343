package drillops

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Preset is a calendar people say rather than write as cron: a weekday of
// the first, second, third or fourth week of every month, quarter or year,
// at a time of day, such as "first Monday of the quarter at 09:00". Its cron
// (see Cron) carries the phrase as its comment, so that schedule list and the
// console show it in words. exitdrill schedule create --preset and the
// console's schedule form both read presets here.
type Preset struct {
	// Period is monthly, quarterly or yearly (PresetPeriods).
	Period string
	// Week is 1 to 4: the weekday's first to fourth occurrence.
	Week    int
	Weekday time.Weekday
	// Month is the month of a yearly preset, January unless named; "of the
	// quarter" is the first month of each quarter.
	Month        time.Month
	Hour, Minute int
}

// PresetPeriods are how often a preset repeats.
var PresetPeriods = []string{"monthly", "quarterly", "yearly"}

// presetWeeks are the words of Preset.Week, from 1.
var presetWeeks = []string{"first", "second", "third", "fourth"}

// PresetWeeks returns the words of the weeks a preset may name: first to
// fourth (the fifth occurrence of a weekday is not in every month).
func PresetWeeks() []string { return slices.Clone(presetWeeks) }

// NewPreset reads a preset from its parts as a form gives them: period
// (monthly, quarterly, yearly), week (first to fourth), weekday (Monday to
// Sunday), at (HH:MM, 24-hour) and, for yearly, month (January to December;
// "" is January). A bad part is an *InvalidError saying what is allowed.
func NewPreset(period, week, weekday, at, month string) (Preset, error) {
	var p Preset
	p.Period = strings.ToLower(strings.TrimSpace(period))
	if !slices.Contains(PresetPeriods, p.Period) {
		return Preset{}, presetError("unknown preset %q; allowed: %s", period, strings.Join(PresetPeriods, ", "))
	}
	p.Week = slices.Index(presetWeeks, strings.ToLower(strings.TrimSpace(week))) + 1
	if p.Week == 0 {
		return Preset{}, presetError("preset week %q: allowed: %s", week, strings.Join(presetWeeks, ", "))
	}
	wd, ok := parseWeekday(weekday)
	if !ok {
		return Preset{}, presetError("preset weekday %q: allowed: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday", weekday)
	}
	p.Weekday = wd
	h, m, ok := parseClock(at)
	if !ok {
		return Preset{}, presetError("preset time %q: allowed: a time of day as HH:MM, 24-hour, for example 09:00", at)
	}
	p.Hour, p.Minute = h, m
	if strings.TrimSpace(month) != "" {
		if p.Period != "yearly" {
			return Preset{}, presetError("preset month %q: only a yearly preset names a month", month)
		}
		mo, ok := parseMonth(month)
		if !ok {
			return Preset{}, presetError("preset month %q: allowed: January to December", month)
		}
		p.Month = mo
	}
	if p.Period == "yearly" && p.Month == 0 {
		p.Month = time.January
	}
	return p, nil
}

// ParsePreset reads a preset as a phrase: "WEEK WEEKDAY of the month|quarter|year
// at HH:MM" or, yearly in another month than January, "WEEK WEEKDAY of MONTH
// at HH:MM"; for example "first Monday of the quarter at 09:00" or "second
// Tuesday of March at 14:30". Case does not matter.
func ParsePreset(phrase string) (Preset, error) {
	words := strings.Fields(strings.ToLower(phrase))
	const want = `a phrase such as "first Monday of the quarter at 09:00": first|second|third|fourth WEEKDAY of the month|quarter|year (or of MONTH) at HH:MM`
	if len(words) < 6 || words[2] != "of" || words[len(words)-2] != "at" {
		return Preset{}, presetError("preset %q: allowed: %s", phrase, want)
	}
	period, month := "", ""
	switch what := words[3 : len(words)-2]; {
	case len(what) == 2 && what[0] == "the":
		period = map[string]string{"month": "monthly", "quarter": "quarterly", "year": "yearly"}[what[1]]
		if period == "" {
			return Preset{}, presetError("preset %q: %q is not a month, quarter or year; allowed: %s", phrase, what[1], want)
		}
	case len(what) == 1:
		period, month = "yearly", what[0]
	default:
		return Preset{}, presetError("preset %q: allowed: %s", phrase, want)
	}
	return NewPreset(period, words[0], words[1], words[len(words)-1], month)
}

// String is the preset as a phrase that ParsePreset reads.
func (p Preset) String() string {
	of := map[string]string{"monthly": "the month", "quarterly": "the quarter", "yearly": "the year"}[p.Period]
	if p.Period == "yearly" && p.Month > time.January {
		of = p.Month.String()
	}
	return fmt.Sprintf("%s %s of %s at %02d:%02d", presetWeeks[p.Week-1], p.Weekday, of, p.Hour, p.Minute)
}

// Cron is the preset as a schedule's cron, with the phrase as its comment.
// Temporal matches a calendar's day of the month and weekday both (not
// either, as classic cron does), so days 1-7 on a Monday are the first
// Monday.
func (p Preset) Cron() string {
	first := 1 + 7*(p.Week-1)
	months := "*"
	switch p.Period {
	case "quarterly":
		months = "1,4,7,10"
	case "yearly":
		months = strconv.Itoa(int(max(p.Month, time.January)))
	}
	return fmt.Sprintf("%d %d %d-%d %s %d # %s", p.Minute, p.Hour, first, first+6, months, int(p.Weekday), p)
}

func presetError(format string, args ...any) error {
	return &InvalidError{fmt.Errorf(format, args...)}
}

func parseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for d := time.Sunday; d <= time.Saturday; d++ {
		if name := strings.ToLower(d.String()); s == name || (len(s) >= 3 && strings.HasPrefix(name, s)) {
			return d, true
		}
	}
	return 0, false
}

func parseMonth(s string) (time.Month, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for m := time.January; m <= time.December; m++ {
		if name := strings.ToLower(m.String()); s == name || (len(s) >= 3 && strings.HasPrefix(name, s)) {
			return m, true
		}
	}
	return 0, false
}

// parseClock reads HH:MM (or H:MM), 24-hour.
func parseClock(s string) (hour, minute int, ok bool) {
	hs, ms, found := strings.Cut(strings.TrimSpace(s), ":")
	if !found || len(ms) != 2 || len(hs) == 0 || len(hs) > 2 {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}
