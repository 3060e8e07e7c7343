package importer

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// durationWords are the Dutch and English units a register, a BIA or a CMDB
// writes durations in, with the catalog's own symbols. A month is 30 days, a
// year 365: objectives are spans, not calendar dates.
var durationWords = map[string]time.Duration{
	"s": time.Second, "sec": time.Second, "secs": time.Second, "second": time.Second, "seconds": time.Second,
	"seconde": time.Second, "seconden": time.Second,
	"m": time.Minute, "min": time.Minute, "mins": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"minuut": time.Minute, "minuten": time.Minute,
	"h": time.Hour, "hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"u": time.Hour, "uur": time.Hour, "uren": time.Hour,
	"d": drill.Day, "day": drill.Day, "days": drill.Day, "dag": drill.Day, "dagen": drill.Day,
	"etmaal": drill.Day, "etmalen": drill.Day,
	"w": drill.Week, "wk": drill.Week, "week": drill.Week, "weeks": drill.Week, "weken": drill.Week,
	"month": 30 * drill.Day, "months": 30 * drill.Day, "maand": 30 * drill.Day, "maanden": 30 * drill.Day,
	"year": 365 * drill.Day, "years": 365 * drill.Day, "jaar": 365 * drill.Day, "jaren": 365 * drill.Day,
}

// DurationAllowed says what [ParseDuration] accepts, for messages.
const DurationAllowed = `a number with a unit in Dutch or English, for example "4 uur", "2 dagen", "1 week", "30 minuten", "4 hours", "1,5 day", or 4h, 2d, 1d12h`

// ParseDuration reads a duration as people write it: "4 uur", "2 dagen",
// "1,5 hours", "1 week en 2 dagen", "4:30" (hours:minutes), or the catalog's
// 4h, 1d12h. A bare number takes unit, when unit is not zero (the register
// reports objectives in hours); without one it is refused. Zero is refused:
// callers decide what an empty or zero objective means.
func ParseDuration(s string, unit time.Duration) (drill.Duration, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return 0, errors.New("empty")
	}
	if h, m, ok := strings.Cut(s, ":"); ok {
		return clock(h, m)
	}
	var total float64
	for rest := s; ; {
		rest = strings.TrimLeft(rest, " \t,+")
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "en "), "and ")
		if rest == "" {
			break
		}
		num, after := leading(rest, func(r rune) bool { return unicode.IsDigit(r) || r == ',' || r == '.' })
		if num == "" {
			return 0, errors.New("no number")
		}
		n, err := strconv.ParseFloat(strings.Replace(num, ",", ".", 1), 64)
		if err != nil {
			return 0, errors.New("not a number: " + num)
		}
		word, after2 := leading(strings.TrimLeft(after, " \t"), unicode.IsLetter)
		size, ok := durationWords[word]
		switch {
		case word == "" && unit != 0 && strings.TrimSpace(after2) == "":
			size = unit
		case word == "":
			return 0, errors.New("a number needs a unit")
		case !ok:
			return 0, errors.New("unknown unit " + strconv.Quote(word))
		}
		total += n * float64(size)
		rest = after2
	}
	return whole(total)
}

// clock reads hours:minutes, as a spreadsheet shows a time of day.
func clock(h, m string) (drill.Duration, error) {
	hours, err1 := strconv.Atoi(strings.TrimSpace(h))
	mins, err2 := strconv.Atoi(strings.TrimSpace(m))
	if err1 != nil || err2 != nil || hours < 0 || mins < 0 || mins > 59 {
		return 0, errors.New("not hours:minutes")
	}
	return whole(float64(time.Duration(hours)*time.Hour + time.Duration(mins)*time.Minute))
}

// whole rounds to the second and refuses zero and what overflows.
func whole(ns float64) (drill.Duration, error) {
	if ns >= math.MaxInt64 || math.IsNaN(ns) {
		return 0, errors.New("too long")
	}
	d := time.Duration(ns).Round(time.Second)
	if d <= 0 {
		return 0, errors.New("not positive")
	}
	return drill.Duration(d), nil
}

// leading splits s after its longest prefix of runes for which ok holds.
func leading(s string, ok func(rune) bool) (string, string) {
	for i, r := range s {
		if !ok(r) {
			return s[:i], s[i:]
		}
	}
	return s, ""
}

// Truth values a sheet writes, in Dutch and English.
var truths = map[string]bool{
	"ja": true, "j": true, "yes": true, "y": true, "true": true, "waar": true, "1": true, "x": true,
	"nee": false, "n": false, "no": false, "false": false, "onwaar": false, "0": false,
}

// BoolAllowed says what [ParseBool] accepts.
const BoolAllowed = "ja, nee, yes, no, true, false, waar, onwaar, 1, 0, or a value the mapping's values: maps"

// ParseBool reads ja/nee, yes/no, true/false, waar/onwaar, 1/0.
func ParseBool(s string) (bool, bool) {
	v, ok := truths[strings.ToLower(strings.TrimSpace(s))]
	return v, ok
}

// Models are the catalog's service models with the names exports use.
var models = map[string]string{
	"saas": "saas", "software as a service": "saas",
	"paas": "paas", "platform as a service": "paas",
	"iaas": "iaas", "infrastructure as a service": "iaas",
	"onprem": "onprem", "on prem": "onprem", "on premise": "onprem", "on premises": "onprem",
	"on-premise": "onprem", "on-premises": "onprem", "on-prem": "onprem", "intern": "onprem",
	"eigen beheer": "onprem", "lokaal": "onprem",
}

// ModelAllowed says what [ParseModel] accepts.
const ModelAllowed = "saas, paas, iaas, onprem (also on-premise, on premises, intern, eigen beheer)"

// ParseModel reads a service model.
func ParseModel(s string) (string, bool) {
	m, ok := models[strings.ToLower(strings.Join(strings.Fields(s), " "))]
	return m, ok
}

// CountryAllowed says what [ParseCountry] accepts.
const CountryAllowed = "an ISO 3166-1 alpha-2 code such as NL, DE or US, also as the register writes it (eba_GA:NL)"

// ParseCountry reads an ISO 3166-1 alpha-2 code, also with the register's
// eba_GA: prefix. ok is true and code empty for the register's "not
// applicable" (eba_GA:qx2007) and for an empty cell.
func ParseCountry(s string) (code string, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, ":"); i >= 0 && strings.EqualFold(s[:i], "eba_GA") {
		s = s[i+1:]
	}
	if s == "" || strings.EqualFold(s, "qx2007") {
		return "", true
	}
	s = strings.ToUpper(s)
	return s, yamldoc.IsCountryCode(s)
}

// slugFold drops accents so that "Gemeentelijke Belastingen Één" becomes
// "gemeentelijke-belastingen-een".
var slugFold = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// Slug makes a catalog id of a name: lower case ASCII letters and digits,
// other runs as one '-', at most 60 bytes; "record" when nothing is left.
func Slug(s string) string {
	folded, _, err := transform.String(slugFold, s)
	if err != nil {
		folded = s
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(folded) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 60 {
				break
			}
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "record"
	}
	return strings.TrimRight(b.String(), "-")
}

// sameDuration reports whether two catalog durations are equal.
func sameDuration(a, b string) bool {
	da, err1 := drill.ParseDuration(a)
	db, err2 := drill.ParseDuration(b)
	return err1 == nil && err2 == nil && da == db
}
