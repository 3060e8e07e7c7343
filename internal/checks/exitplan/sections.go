package exitplan

import (
	"bufio"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/exitdrill/exitdrill/drill"
)

// builtinHeadings are the phrases, in English and Dutch, a heading may
// contain to count as each required section (drill.ExitSections, by key),
// compared normalised. The Dutch ones are the words of Dutch exit plan
// templates (exitstrategie, exitplan) for the same sections.
var builtinHeadings = map[string][]string{
	"triggers": {"exit triggers", "triggers for exit", "exit trigger", "triggers", "exit criteria", "termination triggers",
		"aanleiding", "aanleidingen", "exitcriteria", "vertrekcriteria", "beeindigingsgronden", "gronden voor beeindiging", "wanneer exit"},
	"alternatives": {"alternative providers", "alternative suppliers", "alternative solutions", "alternatives", "substitute providers",
		"alternatieve leveranciers", "alternatieve aanbieders", "alternatieve dienstverleners", "alternatieve oplossingen", "alternatieven", "vervangende leveranciers"},
	"data": {"data return", "data transfer", "data migration", "return of data", "data portability", "data retrieval",
		"teruggave van gegevens", "teruggave van data", "gegevensoverdracht", "overdracht van gegevens", "dataoverdracht", "datamigratie", "gegevensmigratie", "gegevensteruggave", "dataportabiliteit"},
	"transition": {"transition plan", "timeline", "transition", "migration plan", "exit plan timeline",
		"transitieplan", "transitie", "tijdlijn", "tijdpad", "overgangsplan", "migratieplan", "planning"},
	"roles": {"roles and responsibilities", "roles", "responsibilities", "raci",
		"rollen en verantwoordelijkheden", "rollen", "verantwoordelijkheden", "taken en verantwoordelijkheden", "taken en bevoegdheden"},
	"continuity": {"continuity during the exit", "business continuity during exit", "continuity during exit", "service continuity", "continuity",
		"continuiteit tijdens de exit", "continuiteit tijdens exit", "continuiteit van de dienstverlening", "bedrijfscontinuiteit", "continuiteit"},
	"tests": {"record of tests", "test history", "exit tests", "test record", "test results", "testing", "tests",
		"testresultaten", "testverslag", "testhistorie", "beproeving", "testen", "oefeningen", "oefening"},
}

// exitSection is a required section with the headings accepted for it.
type exitSection struct {
	Name     string   // canonical name, shown to the user
	Synonyms []string // phrases a heading may contain, compared normalised
}

// sectionsFor returns the required sections with the built-in headings and
// the catalog's own (exitPlanSections; nil: none).
func sectionsFor(custom *drill.ExitPlanSections) []exitSection {
	out := make([]exitSection, len(drill.ExitSections))
	for i, sec := range drill.ExitSections {
		out[i] = exitSection{Name: sec.Name, Synonyms: builtinHeadings[sec.Key]}
		if custom != nil {
			out[i].Synonyms = append(slices.Clone(sec.Headings(custom)), out[i].Synonyms...)
		}
	}
	return out
}

// heading is a Markdown heading and whether text follows it before the next
// heading of the same or a higher level.
type heading struct {
	Level   int
	Text    string
	HasBody bool
}

var atxHeading = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)

// headings returns the ATX (#) and setext (underlined) headings of a Markdown
// document, skipping fenced code blocks. A text line counts as a body only once
// the next line shows it is not a setext heading.
func headings(doc string) []heading {
	var hs []heading
	var fence, pending string
	body := func() {
		if pending != "" && len(hs) > 0 {
			hs[len(hs)-1].HasBody = true
		}
		pending = ""
	}
	sc := bufio.NewScanner(strings.NewReader(doc))
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			pending = trimmed
			body()
			fence = trimmed[:3]
		case atxHeading.MatchString(line):
			body()
			m := atxHeading.FindStringSubmatch(line)
			hs = append(hs, heading{Level: len(m[1]), Text: m[2]})
		case pending != "" && setext(trimmed) > 0:
			hs = append(hs, heading{Level: setext(trimmed), Text: pending})
			pending = ""
		case trimmed == "" || thematicBreak(trimmed):
			body()
		default:
			body()
			pending = trimmed
		}
	}
	body()
	return propagateBodies(hs)
}

// setext returns the level of a setext underline (1 for ===, 2 for ---), or 0.
func setext(trimmed string) int {
	switch {
	case trimmed == "":
		return 0
	case strings.Trim(trimmed, "=") == "":
		return 1
	case strings.Trim(trimmed, "-") == "":
		return 2
	}
	return 0
}

func thematicBreak(trimmed string) bool {
	s := strings.ReplaceAll(trimmed, " ", "")
	return len(s) >= 3 && (strings.Trim(s, "-") == "" || strings.Trim(s, "*") == "" || strings.Trim(s, "_") == "")
}

// propagateBodies gives a heading a body when one of its subsections has one.
func propagateBodies(hs []heading) []heading {
	for i := len(hs) - 1; i >= 0; i-- {
		for j := i + 1; j < len(hs) && hs[j].Level > hs[i].Level; j++ {
			if hs[j].HasBody {
				hs[i].HasBody = true
				break
			}
		}
	}
	return hs
}

// normalise lowercases a heading, drops numbering, punctuation, emphasis and
// accents (continuïteit is continuiteit), writes "&" as "and", and strips a plural s from each word, so that
// "3.2 Alternative Provider(s) & *Timeline*" compares as "alternative provider and timeline".
func normalise(s string) string {
	s = foldAccents(strings.ToLower(strings.ReplaceAll(s, "&", " and ")))
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := words[:0]
	for _, w := range words {
		if strings.IndexFunc(w, unicode.IsLetter) < 0 {
			continue // numbering such as 3 or 2.1
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = strings.TrimSuffix(w, "s")
		}
		out = append(out, w)
	}
	return " " + strings.Join(out, " ") + " "
}

// sectionResult says which required sections a document has.
type sectionResult struct {
	Missing []string // canonical names of sections without a heading
	Empty   []string // canonical names of sections whose heading has no text under it
	Found   int
}

// findSections matches a document's headings against the required sections.
func findSections(doc string, custom *drill.ExitPlanSections) sectionResult {
	hs := headings(doc)
	var r sectionResult
	for _, sec := range sectionsFor(custom) {
		match := -1
		for i, h := range hs {
			if matchesAny(normalise(h.Text), sec.Synonyms) {
				match = i
				if h.HasBody {
					break
				}
			}
		}
		switch {
		case match < 0:
			r.Missing = append(r.Missing, sec.Name)
		case !hs[match].HasBody:
			r.Empty = append(r.Empty, sec.Name)
		default:
			r.Found++
		}
	}
	return r
}

func matchesAny(norm string, synonyms []string) bool {
	for _, s := range synonyms {
		if strings.Contains(norm, normalise(s)) {
			return true
		}
	}
	return false
}

// foldAccents removes diacritics: ë, ï and é compare as e, i and e.
func foldAccents(s string) string {
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		return s
	}
	return out
}
