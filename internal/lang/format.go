package lang

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// dutchMonths are the months' names, lowercase as Dutch writes them.
var dutchMonths = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december"}

// Date writes a day: 2026-12-04 in English, 4 december 2026 in Dutch; "-"
// for the zero time.
func (p *Printer) Date(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	t = t.UTC()
	if !p.Dutch() {
		return t.Format(time.DateOnly)
	}
	return strconv.Itoa(t.Day()) + " " + dutchMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// DateTime writes a moment in UTC: 2026-12-04 09:30:00 UTC in English,
// 4 december 2026 09:30:00 UTC in Dutch; "-" for the zero time.
func (p *Printer) DateTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return p.Date(t) + " " + t.UTC().Format("15:04:05") + " UTC"
}

// Decimal writes a number with one decimal at most, with the language's
// decimal mark: 2.5 in English, 2,5 in Dutch.
func (p *Printer) Decimal(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if p.Dutch() {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Duration writes a duration for people in Dutch: 3 dagen, 1 dag 4 uur,
// 2,5 uur, 45 min, 12 s. In English it returns en, the caller's own words,
// so that English output stays what it was.
func (p *Printer) Duration(d time.Duration, en string) string {
	if !p.Dutch() {
		return en
	}
	neg := ""
	if d < 0 {
		neg, d = "-", -d
	}
	const day = 24 * time.Hour
	switch {
	case d == 0:
		return "0 s"
	case d >= day:
		d = d.Round(time.Hour)
		days, hours := int(d/day), int(d%day/time.Hour)
		s := neg + strconv.Itoa(days) + " " + pluralNL(days, "dag", "dagen")
		if hours > 0 {
			s += " " + strconv.Itoa(hours) + " uur"
		}
		return s
	case d >= time.Hour:
		return neg + p.Decimal(d.Round(6*time.Minute).Hours()) + " uur"
	case d >= time.Minute:
		return neg + strconv.Itoa(int(d.Round(time.Minute)/time.Minute)) + " min"
	case d >= time.Second:
		return neg + p.Decimal(d.Round(100*time.Millisecond).Seconds()) + " s"
	}
	return neg + strconv.FormatInt(d.Round(time.Millisecond).Milliseconds(), 10) + " ms"
}

// Clock writes a scenario-clock time or a duration as the definition
// files and the evidence write it (1d4h2m5s, 0s, 350ms) for people, to the
// second, nothing rounded, so that a step's start and end stay as exact as
// the evidence: in Dutch "1 dag 4 uur 2 min 5 s"; in English, or when s is
// not in that syntax, s as it is.
func (p *Printer) Clock(s string) string {
	d, ok := parseDuration(s)
	if !p.Dutch() || !ok {
		return s
	}
	if d == 0 {
		return "0 s"
	}
	var parts []string
	for _, u := range []struct {
		size      time.Duration
		one, many string
	}{{24 * time.Hour, "dag", "dagen"}, {time.Hour, "uur", "uur"}, {time.Minute, "min", "min"},
		{time.Second, "s", "s"}, {time.Millisecond, "ms", "ms"}} {
		if n := int64(d / u.size); n > 0 {
			parts = append(parts, strconv.FormatInt(n, 10)+" "+pluralNL(int(n), u.one, u.many))
			d -= time.Duration(n) * u.size
		}
	}
	return strings.Join(parts, " ")
}

func pluralNL(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// maxFilled is the longest text Filled translates. The templates' texts
// are short; a longer one carries what a tool or a provider said (a
// reason may quote a response), and matching it against every template,
// part by part, would take seconds for a hostile one (a 100 KB reason of
// joined parts: 31 s). It is shown as it is.
const maxFilled = 8 << 10

// Filled translates a text made by filling an English template, such as a
// finding's "what to do" (drill.KindSpec.Remedy with its {target} and
// {step}): when the text matches one of the templates the Dutch table holds
// (fillTemplates), the Dutch template is filled with the same values;
// otherwise the text is T's.
func (p *Printer) Filled(text string) string {
	if !p.Dutch() || len(text) > maxFilled {
		return text
	}
	// A text that joins a filled text with more ("{a}; also not covered:
	// {b}") is split first, so that its first part is translated too.
	for _, j := range compiledJoins() {
		if m := j.re.FindStringSubmatch(text); m != nil {
			return strings.ReplaceAll(strings.ReplaceAll(j.nl, "{a}", p.Filled(m[1])), "{b}", p.value("b", m[2]))
		}
	}
	if nl, ok := dutch[text]; ok {
		return nl
	}
	if strings.Contains(text, "; ") {
		// A text of several parts ("…; …"): a template that spans them,
		// else each part on its own.
		if out, ok := p.fill(text, true); ok {
			return out
		}
		parts := strings.Split(text, "; ")
		changed := false
		for i, part := range parts {
			if nl := p.Filled(part); nl != part {
				parts[i], changed = nl, true
			}
		}
		if changed {
			return strings.Join(parts, "; ")
		}
	}
	if out, ok := p.fill(text, false); ok {
		return out
	}
	return text
}

// fill fills the Dutch of the first template (the longest first) that
// text matches; with parts, only of templates of several parts ("…; …").
func (p *Printer) fill(text string, parts bool) (string, bool) {
	for _, ft := range compiledFills() {
		if parts && !strings.Contains(ft.en, "; ") {
			continue
		}
		m := ft.re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		out := ft.nl
		for i, name := range ft.re.SubexpNames() {
			if name != "" {
				out = strings.ReplaceAll(out, "{"+name+"}", p.value(name, m[i]))
			}
		}
		return out, true
	}
	return "", false
}

type fillTemplate struct {
	en string
	re *regexp.Regexp
	nl string
}

var placeholder = regexp.MustCompile(`\\\{([a-z]+)\\\}`)

// compiledFills are the templates of fillTemplates as patterns: each
// {name} of the English template matches any text. The longest come first:
// where two match ("beyond {a}" and "beyond {a} % of the old time"), the
// one with more fixed words is meant.
var compiledFills = sync.OnceValue(func() []fillTemplate {
	var out []fillTemplate
	keys := sortedKeys(fillTemplates)
	sort.SliceStable(keys, func(i, j int) bool { return len(keys[i]) > len(keys[j]) })
	for _, en := range keys {
		seen := map[string]bool{}
		pat := placeholder.ReplaceAllStringFunc(regexp.QuoteMeta(en), func(m string) string {
			name := m[2 : len(m)-2]
			if seen[name] {
				return "(?:.+?)" // a value given twice is taken from its first place
			}
			seen[name] = true
			return "(?P<" + name + ">.+?)"
		})
		out = append(out, fillTemplate{en: en, re: regexp.MustCompile("^" + pat + "$"), nl: fillTemplates[en]})
	}
	return out
})

// joinTemplates are the templates of fillTemplates whose {a} is itself a
// filled text (a verdict's why with what is also missing): Filled
// translates {a} again and carries {b} over.
var joinTemplates = []string{"{a}; also not covered: {b}"}

// compiledJoins are joinTemplates as patterns, {a} up to the last joining
// text.
var compiledJoins = sync.OnceValue(func() []fillTemplate {
	var out []fillTemplate
	for _, en := range joinTemplates {
		lit := strings.TrimSuffix(strings.TrimPrefix(en, "{a}"), "{b}")
		out = append(out, fillTemplate{re: regexp.MustCompile("^(.+)" + regexp.QuoteMeta(lit) + "(.+)$"), nl: fillTemplates[en]})
	}
	return out
})

// value is a template's value in Dutch: a {why} or {reason} is itself a
// filled text and translated again, a {proof} or {mode} is a word
// of the Dutch table; a duration in the definition files'
// syntax (2d, 1d4h2m, 24h) is written the Dutch way (2 dagen, 1 dag 4 uur,
// 1 dag) and a date (2026-12-05) as 5 december 2026; anything else (a name,
// an id, a path) is carried over as it is. A {val}, {flag} or {cmd} is what
// a user typed and is carried over as it is, even when it reads as a
// duration. A {list} is a list of texts joined by ", ", each translated.
func (p *Printer) value(name, v string) string {
	switch name {
	case "why", "reason":
		return p.Filled(v)
	case "proof", "mode":
		return p.T(v)
	case "val", "flag", "cmd":
		return v
	case "list":
		items := strings.Split(v, ", ")
		for i, it := range items {
			items[i] = p.Filled(it)
		}
		return strings.Join(items, ", ")
	}
	if d, ok := parseDuration(v); ok {
		return p.Duration(d, v)
	}
	if isoDate.MatchString(v) {
		if t, err := time.Parse(time.DateOnly, v); err == nil {
			return p.Date(t)
		}
	}
	return v
}

var (
	isoDate      = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	durationText = regexp.MustCompile(`^(?:\d+(?:w|d|h|m|s|ms))+$`)
	durationPart = regexp.MustCompile(`(\d+)(w|d|h|ms|m|s)`)
)

// parseDuration reads a duration as the definition files and the evidence
// write it: 30d, 1w, 1d4h2m, 90s, 350ms (d = 24h, w = 7d).
func parseDuration(s string) (time.Duration, bool) {
	if !durationText.MatchString(s) {
		return 0, false
	}
	var total time.Duration
	for _, m := range durationPart.FindAllStringSubmatch(s, -1) {
		n, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil || n > 1<<30 {
			return 0, false
		}
		unit := map[string]time.Duration{"w": 7 * 24 * time.Hour, "d": 24 * time.Hour, "h": time.Hour,
			"m": time.Minute, "s": time.Second, "ms": time.Millisecond}[m[2]]
		total += time.Duration(n) * unit
	}
	return total, true
}

// fragmentSplit cuts an English text at its placeholders ({a}, %s, %d)
// and line breaks.
var fragmentSplit = regexp.MustCompile(`\{[a-z]+\}|%[sdv]|\n`)

// EnglishFragments are the fixed words of every English text and template
// that the Dutch tables translate, three words or more, that the Dutch
// does not repeat: what must not be left in a Dutch rendering. Tests build
// their list of English leftovers from it, so that a text added in English
// is looked for too.
func EnglishFragments() []string {
	seen := map[string]bool{}
	add := func(en, nl string) {
		for _, f := range fragmentSplit.Split(en, -1) {
			f = strings.Trim(f, " .,:;()—-")
			if strings.Count(f, " ") >= 2 && !strings.Contains(nl, f) {
				seen[f] = true
			}
		}
	}
	for en, nl := range dutch {
		add(en, nl)
	}
	for en, nl := range fillTemplates {
		add(en, nl)
	}
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}
