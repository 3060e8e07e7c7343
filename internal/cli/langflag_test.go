package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// TestLangNL: --lang nl and EXITDRILL_LANG=nl render a bundle's HTML report
// in Dutch, JSON stays language-neutral, the flag wins over the variable,
// and a language exitdrill does not speak is a usage error (exit 2) with
// nothing on stdout.
func TestLangNL(t *testing.T) {
	b := newCheckedBundles(t)
	t.Setenv("EXITDRILL_LANG", "")
	code, nl, errs := run(t, "render", b.d1, "--pub", b.pub, "--format", "html", "--lang", "nl")
	if code != ExitOK || !strings.Contains(nl, `<html lang="nl">`) || !strings.Contains(nl, "Rapport van de exitoefening") {
		t.Fatalf("render --lang nl: exit %d, stderr %s; the report is not in Dutch", code, errs)
	}
	_, en, _ := run(t, "render", b.d1, "--pub", b.pub, "--format", "html")
	if !strings.Contains(en, "Exit drill report") || strings.Contains(en, "Rapport van de exitoefening") {
		t.Error("render without --lang is not in English")
	}
	_, jsonEN, _ := run(t, "render", b.d1, "--pub", b.pub, "--format", "json")
	_, jsonNL, _ := run(t, "render", b.d1, "--pub", b.pub, "--format", "json", "--lang", "nl")
	if jsonEN != jsonNL || jsonEN == "" {
		t.Error("--lang nl changes the JSON report")
	}

	if code, txt, errs := run(t, "render", b.d1, "--pub", b.pub, "--format", "text", "--lang", "nl"); code != ExitOK ||
		!strings.Contains(txt, "— oefening ") || !strings.Contains(txt, "OORDEEL") || strings.Contains(txt, "VERDICT") {
		t.Errorf("render --format text --lang nl: exit %d, stderr %s; the text report is not in Dutch:\n%s", code, errs, txt)
	}
	if code, diff, errs := run(t, "diff", b.d1, b.d2, "--pub", b.pub, "--lang", "nl"); code != ExitOK ||
		!strings.Contains(diff, "oordeel te laat → hersteld") || !strings.Contains(diff, "VERANDERING") || strings.Contains(diff, "better") {
		t.Errorf("diff --lang nl: exit %d, stderr %s; the diff is not in Dutch:\n%s", code, errs, diff)
	}
	_, diffEN, _ := run(t, "diff", b.d1, b.d2, "--pub", b.pub, "--format", "json")
	_, diffNL, _ := run(t, "diff", b.d1, b.d2, "--pub", b.pub, "--format", "json", "--lang", "nl")
	if diffEN != diffNL || diffEN == "" {
		t.Error("--lang nl changes the JSON diff")
	}

	t.Setenv("EXITDRILL_LANG", "nl-NL")
	if _, out, _ := run(t, "render", b.d1, "--pub", b.pub, "--format", "html"); out != nl {
		t.Error("EXITDRILL_LANG=nl-NL does not give the Dutch report")
	}
	if _, out, _ := run(t, "render", b.d1, "--pub", b.pub, "--format", "html", "--lang", "en"); out != en {
		t.Error("--lang en does not win over EXITDRILL_LANG")
	}
	t.Setenv("EXITDRILL_LANG", "fr")
	if code, out, errs := run(t, "render", b.d1, "--pub", b.pub, "--format", "html"); code != ExitInvalid || out != "" || !strings.Contains(errs, `EXITDRILL_LANG: language "fr": allowed are en and nl`) {
		t.Errorf("EXITDRILL_LANG=fr: exit %d, stdout %d bytes, stderr %q; want 2 naming the variable", code, len(out), errs)
	}
	t.Setenv("EXITDRILL_LANG", "")
	if code, _, errs := run(t, "render", b.d1, "--pub", b.pub, "--lang", "de"); code != ExitInvalid || !strings.Contains(errs, `--lang: language "de": allowed are en and nl`) {
		t.Errorf("--lang de: exit %d, stderr %q", code, errs)
	}
}

// TestVerdictTableInDutch: the verdict table that run and status print,
// with --lang nl: Dutch headers, verdict words, durations and why.
func TestVerdictTableInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	var out bytes.Buffer
	s := &Streams{Out: &out, lang: &langFlag{value: "nl"}}
	day := drill.Duration(24 * time.Hour)
	res := &drill.DrillResult{DrillID: "d1", Scenario: drill.Info{ID: "microsoft-1-week", Duration: 7 * day, Mode: "compressed"},
		Processes: []*drill.ProcessResult{
			{Process: "vergunningen", Owner: "Parkeren", Recovered: true, Recovery: drill.Duration(150 * time.Minute), RTO: day, MTPD: 2 * day,
				Verdict: drill.Recovered, Why: "recovered in 2h30m, within RTO 1d"},
			{Process: "belastingen", Owner: "Financiën", RTO: day, MTPD: 3 * day,
				Verdict: drill.Breached, Why: "MTPD breached on day 4: not recovered while the outage lasts 7d > MTPD 3d",
				Coverage: []drill.CoverageResult{{App: "belasting-app", Result: drill.CoverNone}},
				Steps: []*drill.StepResult{{Step: "restore", Kind: drill.BackupRestore, Target: "bel-db", Status: drill.StepFailed,
					Details: map[string]string{drill.DetailRestoreSeconds: "12.5", drill.DetailBytes: "1100000000", drill.DetailBytesPerSecond: "88000000"}}}},
		},
		Started: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC), Finished: time.Date(2026, 12, 5, 9, 2, 27, 300_000_000, time.UTC)}
	renderVerdicts(s, res)
	got := out.String()
	for _, want := range []string{"Oefening d1", "(uitval van 7 dagen, modus gecomprimeerd)", "Wandkloktijd 2 min.",
		"Verloren applicaties waarvan niet is aangetoond", "niet gedekt: niets in het draaiboek", "Uitgevoerde restores (gemeten)", "| mislukt ", "12,5 s", "1,1 GB", "88,0 MB/s", "PROCES", "OORDEEL", "HERSTELDUUR", "hersteld", "doorbroken",
		"2,5 uur", "hersteld in 2,5 uur, binnen de RTO van 1 dag", "MTPD doorbroken op dag 4", "2 processen: 1 hersteld, 0 te laat, 1 doorbroken"} {
		if !strings.Contains(got, want) {
			t.Errorf("the Dutch verdict table lacks %q:\n%s", want, got)
		}
	}
	for _, notWant := range []string{"Lost applications", "Restores performed", "not covered", "failed", "compressed", "2m27.3s"} {
		if strings.Contains(got, notWant) {
			t.Errorf("the Dutch verdict table still says %q:\n%s", notWant, got)
		}
	}
}

// TestLangCheckedFirst: a language exitdrill does not speak stops a command
// before it does anything: validate exits 2 and prints no result.
func TestLangCheckedFirst(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	code, out, errs := run(t, "validate", "testdata/valid", "--lang", "fr")
	if code != ExitInvalid || out != "" || !strings.Contains(errs, `--lang: language "fr": allowed are en and nl`) {
		t.Errorf("validate --lang fr: exit %d, stdout %q, stderr %q; want 2 and nothing", code, out, errs)
	}
	if code, _, errs := run(t, "validate", "testdata/valid", "--lang", "nl"); code != ExitOK {
		t.Errorf("validate --lang nl: exit %d: %s", code, errs)
	}
}
