package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/lang"
)

// leftovers are the English fragments (lang.EnglishFragments: every English
// text and template the Dutch tables translate) that the English rendering
// of a document holds and its Dutch rendering still holds: English left in
// a Dutch report. found counts the fragments the English rendering holds,
// so that a test sees its list is not empty.
func leftovers(t *testing.T, format string, doc any) (left []string, found int) {
	t.Helper()
	var en, nl bytes.Buffer
	if err := Render(&en, format, doc, Language(lang.English)); err != nil {
		t.Fatal(err)
	}
	if err := Render(&nl, format, doc, Language(lang.Dutch)); err != nil {
		t.Fatal(err)
	}
	for _, f := range lang.EnglishFragments() {
		if !strings.Contains(en.String(), f) {
			continue
		}
		found++
		if strings.Contains(nl.String(), f) {
			left = append(left, f)
		}
	}
	return left, found
}

// TestNoEnglishLeftInDutch: the fixture drill's report (text, Markdown,
// HTML) and the readiness view (text, Markdown, HTML) in Dutch hold none
// of the English sentences their English rendering holds — the verdicts'
// why, the findings, the step reasons, the notifications, the readiness
// rules and score formula — as far as the Dutch tables know them.
func TestNoEnglishLeftInDutch(t *testing.T) {
	r, err := New(fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]any{"report": r, "readiness": readinessFixture(t)}
	for name, doc := range docs {
		for _, format := range []string{"text", "md", "html"} {
			left, found := leftovers(t, format, doc)
			if found < 20 {
				t.Errorf("%s %s: the English rendering holds %d known English fragments, want at least 20: the list is too short to prove anything", name, format, found)
			}
			for _, f := range left {
				t.Errorf("%s %s: the Dutch rendering still says %q", name, format, f)
			}
		}
	}
}

// TestWhyInDutch: a verdict's why is written from its code and values in
// Dutch words with Dutch durations, and in English exactly as Judge writes
// it into the evidence.
func TestWhyInDutch(t *testing.T) {
	h, d := drill.Duration(time.Hour), drill.Duration(drill.Day)
	nl := lang.Dutch.Printer()
	for _, tc := range []struct {
		recovered                   bool
		recovery, rto, mtpd, outage drill.Duration
		want                        string
	}{
		{true, 3*h + 12*drill.Duration(time.Minute), 4 * h, 2 * d, 30 * d, "hersteld in 3,2 uur, binnen de RTO van 4 uur"},
		{true, 3 * d, 2 * d, 5 * d, 30 * d, "hersteld in 3 dagen: 1 dag na de RTO van 2 dagen, binnen de MTPD van 5 dagen"},
		{false, 0, d, 3 * d, 30 * d, "MTPD doorbroken op dag 4: niet hersteld terwijl de uitval 30 dagen duurt, langer dan de MTPD van 3 dagen"},
		{true, 10 * d, d, 7 * d, 30 * d, "MTPD doorbroken op dag 8: pas hersteld na 10 dagen, bij een MTPD van 7 dagen"},
		{true, 10 * d, d, 7 * d, 2 * d, "uitgewacht: de uitval van 2 dagen eindigde binnen de MTPD van 7 dagen voordat het herstel klaar was; het herstel zou 10 dagen hebben geduurd"},
		{false, 0, d, 7 * d, 2 * d, "uitgewacht: de uitval van 2 dagen eindigde binnen de MTPD van 7 dagen voordat het proces hersteld was; het herstel werd nooit voltooid"},
	} {
		v, w := drill.Explain(tc.recovered, tc.recovery, tc.rto, tc.mtpd, tc.outage)
		if got := WhyIn(nl, w); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", w.Code, got, tc.want)
		}
		jv, jwhy := drill.Judge(tc.recovered, tc.recovery, tc.rto, tc.mtpd, tc.outage)
		if got := WhyIn(lang.English.Printer(), w); got != jwhy || v != jv {
			t.Errorf("%s: English %q (%s), Judge writes %q (%s)", w.Code, got, v, jwhy, jv)
		}
	}
}

// TestReadinessTextInDutch: exitdrill readiness --format text and md with
// --lang nl: Dutch headings, columns, cells, dates and rules; English is
// what it was.
func TestReadinessTextInDutch(t *testing.T) {
	r := readinessFixture(t)
	for format, wants := range map[string][]string{
		"text": {"exitgereedheid op 1 maart 2027", "| LEVERANCIER |", "| 1 WEEK ", "| 1 MAAND ", "1/2 aangetoond, 1 mislukt", "Waarom elke cel:",
			"Een oefening toont een cel alleen aan", "Score (0-100), monotoon in het bewijs", "NIET AANGETOOND VOOR", "24 februari 2027 (5 dagen geleden)",
			"oefening ms-sim (gecomprimeerd, microsoft-1-month, uitval van 30 dagen, 24 februari 2027): hersteld in 6 uur, binnen de RTO van 1 dag", "Meegeteld: 3 oefeningen (1 vervangen)"},
		"md": {"# Exitgereedheid — ", "## Waarom elke cel", "| Leverancier | Uitval | Proces | Waarom | Bundel |", "| 1 week |", "## Processen", "## Oefeningen die niets bewijzen"},
	} {
		var nl, en bytes.Buffer
		if err := Render(&nl, format, r, Language(lang.Dutch)); err != nil {
			t.Fatal(err)
		}
		got := nl.String()
		for _, want := range wants {
			if !strings.Contains(got, want) {
				t.Errorf("the Dutch readiness %s lacks %q", format, want)
			}
		}
		if err := Render(&en, format, r, Language(lang.English)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(en.Bytes(), rendered(t, format, r)) {
			t.Errorf("Language(English) changes the English readiness %s", format)
		}
	}
}
