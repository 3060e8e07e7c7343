package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// TestGoldenDutchReport: the board pack in Dutch. The fixture's report in
// HTML with Language(lang.Dutch) is testdata/report.nl.html.golden
// (refresh with -update); the verdicts, the headings, the dates and the
// findings' what to do are in Dutch, and the English report is unchanged by
// the option's absence.
func TestGoldenDutchReport(t *testing.T) {
	r, err := New(fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	var nl, en bytes.Buffer
	if err := Render(&nl, "html", r, Language(lang.Dutch)); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.nl.html.golden", nl.Bytes())
	if err := Render(&en, "html", r, Language(lang.English)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(en.Bytes(), rendered(t, "html", r)) {
		t.Error("Language(English) changes the English report")
	}
	got := nl.String()
	for _, want := range []string{`<html lang="nl">`, "Rapport van de exitoefening", ">hersteld<", ">te laat<", ">doorbroken<", ">getolereerd<",
		"Herstel tegen de doelstellingen", "Bijlage: bewijs en regelgeving", "Wat te doen:", "MTPD doorbroken op dag",
		"<title>restore (backup.restore) geslaagd: 20 s → 1 min 1 s, 41 s gemeten</title>"} {
		if !strings.Contains(got, want) {
			t.Errorf("the Dutch report lacks %q", want)
		}
	}
	for _, notWant := range []string{"Recovery against objectives", "What to do:", ">recovered<", ">breached<", "Top findings", " passed: ", " measured</title>"} {
		if strings.Contains(got, notWant) {
			t.Errorf("the Dutch report still says %q", notWant)
		}
	}
}

// TestAppendixAndRemediesInDutch: every text of the regulation appendix,
// and every step kind's what to do and remarks, has a Dutch translation.
func TestAppendixAndRemediesInDutch(t *testing.T) {
	p := lang.Dutch.Printer()
	texts := []string{coverageNote}
	for _, q := range requirements {
		texts = append(texts, q.Asks)
	}
	for _, it := range evidenceItems(&Report{}) {
		texts = append(texts, it.Name, it.Where)
	}
	for _, text := range texts {
		if p.T(text) == text {
			t.Errorf("no Dutch for %q", text)
		}
	}
	for _, k := range drill.Kinds() {
		spec, _ := k.Spec()
		s := &drill.StepResult{Step: "stap-1", Target: "doel-1"}
		for _, text := range []string{spec.Remedy, spec.Remarks.Hint} {
			if text == "" {
				continue
			}
			filled := drill.Fill(text, s)
			if got := p.Filled(filled); got == filled {
				t.Errorf("%s: no Dutch for %q", k, text)
			} else if strings.Contains(text, "{target}") && !strings.Contains(got, "doel-1") {
				t.Errorf("%s: the Dutch %q lost the target", k, got)
			}
		}
	}
}

// TestMarkdownInDutch: the Markdown report with Language(lang.Dutch) is in
// Dutch, and without it what it was.
func TestMarkdownInDutch(t *testing.T) {
	r, err := New(fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	var nl bytes.Buffer
	if err := Render(&nl, "md", r, Language(lang.Dutch)); err != nil {
		t.Fatal(err)
	}
	got := nl.String()
	for _, want := range []string{"# Oefening ", "## Oordelen", "| hersteld |", "| te laat |", "| doorbroken |", "## Bevindingen", "Gestart 2 november 2026", "gedurende 30 dagen"} {
		if !strings.Contains(got, want) {
			t.Errorf("the Dutch Markdown lacks %q", want)
		}
	}
	for _, notWant := range []string{"## Verdicts", "| recovered |", "What to do"} {
		if strings.Contains(got, notWant) {
			t.Errorf("the Dutch Markdown still says %q", notWant)
		}
	}
}

// TestReadinessInDutch: the readiness page with Language(lang.Dutch) has
// Dutch headings and matrix columns; English is unchanged without it.
func TestReadinessInDutch(t *testing.T) {
	r := readinessFixture(t)
	var nl bytes.Buffer
	if err := Render(&nl, "html", r, Language(lang.Dutch)); err != nil {
		t.Fatal(err)
	}
	got := nl.String()
	for _, want := range []string{`<html lang="nl">`, "Exitgereedheid", "Leveranciers × duur van de uitval", ">1 maand<", "Waarom elke cel",
		"Nee: voor 1 van 2 kritieke processen is niet aangetoond dat ze het verlies van microsoft gedurende 1 week overleven",
		"Niets op het spel: het verlies van own gedurende 1 maand", "2/2 aangetoond (2 alleen de automatisering)", "mislukt in een oefening"} {
		if !strings.Contains(got, want) {
			t.Errorf("the Dutch readiness page lacks %q", want)
		}
	}
	for _, notWant := range []string{"Why each cell", "No: 1 of 2", "Nothing at stake:", "2/2 proven", "failed in a drill"} {
		if strings.Contains(got, notWant) {
			t.Errorf("the Dutch readiness page still says %q", notWant)
		}
	}
}

// TestGoldenDutchText: the text report (exitdrill report --format text
// --lang nl) in Dutch is testdata/report.nl.txt.golden (refresh with
// -update): the verdicts in the catalog's words, Dutch durations and dates,
// Dutch headings; English is what it was without the option.
func TestGoldenDutchText(t *testing.T) {
	r, err := New(fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	var nl, en bytes.Buffer
	if err := Render(&nl, "text", r, Language(lang.Dutch)); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.nl.txt.golden", nl.Bytes())
	if err := Render(&en, "text", r, Language(lang.English)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(en.Bytes(), rendered(t, "text", r)) {
		t.Error("Language(English) changes the English text report")
	}
	got := nl.String()
	for _, want := range []string{"— oefening ms-1m-20261102", "gedurende 30 dagen, modus gecomprimeerd", "Gestart 2 november 2026 09:00:00 UTC, wandkloktijd 2 min",
		"| hersteld ", "| te laat ", "| doorbroken ", "| getolereerd ", "| afgebroken ", "1 dag 4 uur", "3 uur <= RPO 1 dag", "niet gecontroleerd",
		"5 processen: 1 hersteld, 1 te laat, 1 doorbroken, 1 getolereerd, 1 afgebroken.", "Onbeschikbare leveranciers", "| kritiek ", "WAT TE DOEN",
		"Bewijs: journaal van 34 gebeurtenissen", "de bundel is NIET ondertekend", "AFGEBROKEN door a.de.vries"} {
		if !strings.Contains(got, want) {
			t.Errorf("the Dutch text report lacks %q", want)
		}
	}
	for _, notWant := range []string{"| recovered ", "| breached ", "WHAT TO DO", "Unavailable suppliers", "Evidence:", "wall time", "compressed mode", "No findings"} {
		if strings.Contains(got, notWant) {
			t.Errorf("the Dutch text report still says %q", notWant)
		}
	}
}

// TestDiffInDutch: the diff of two drills in Dutch — text (golden
// testdata/diff.nl.txt.golden, refresh with -update), Markdown and HTML —
// with the catalog's verdict words and Dutch dates; JSON is the same in
// both languages, and English is what it was.
func TestDiffInDutch(t *testing.T) {
	d, err := NewDiff(fixtureBundle(t), improved(t), judge.DefaultTolerance)
	if err != nil {
		t.Fatal(err)
	}
	render := func(format string, l lang.Lang) string {
		var b bytes.Buffer
		if err := Render(&b, format, d, Language(l)); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	golden(t, "diff.nl.txt.golden", []byte(render("text", lang.Dutch)))
	for _, f := range []string{"text", "md", "html", "json"} {
		if render(f, lang.English) != string(rendered(t, f, d)) {
			t.Errorf("Language(English) changes the %s diff", f)
		}
	}
	if render("json", lang.Dutch) != render("json", lang.English) {
		t.Error("Language(Dutch) changes the JSON diff")
	}
	for f, wants := range map[string][]string{
		"text": {"2 november 2026", "2 beter, 1 slechter, 1 gelijk", "Tolerantie: een herstelduur telt pas", "| slechter ", "oordeel te laat → hersteld",
			"te laat, 3 dagen, score 70", "Bevindingen: 1 nieuw, 2 opgelost", "opgelost  middel"},
		"md":   {"# Oefening ", "**2 beter, 1 slechter, 1 gelijk.**", "| Verandering |", "## Bevindingen", "- nieuw: **middel**", "herstelduur 1 dag 4 uur 2 min → 1 dag 6 uur binnen de tolerantie"},
		"html": {`<html lang="nl">`, "Wat veranderde tussen twee oefeningen", "processen beter", "Nieuwe bevindingen", ">slechter<", ">hersteld"},
	} {
		got := render(f, lang.Dutch)
		for _, want := range wants {
			if !strings.Contains(got, want) {
				t.Errorf("the Dutch %s diff lacks %q", f, want)
			}
		}
		for _, notWant := range []string{" better", " worse", ">better<", ">worse<", "still open", "What changed", "Findings", "verdict late", ">recovered"} {
			if strings.Contains(got, notWant) {
				t.Errorf("the Dutch %s diff still says %q", f, notWant)
			}
		}
	}
}
