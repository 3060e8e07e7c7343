package lang

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"
)

func TestNegotiate(t *testing.T) {
	for header, want := range map[string]Lang{
		"nl":                             Dutch,
		"nl-NL,nl;q=0.9,en-US;q=0.8":     Dutch,
		"nl-BE":                          Dutch,
		"en-GB,en;q=0.9,nl;q=0.8":        English,
		"de-DE,de;q=0.9":                 English,
		"":                               English,
		"fr;q=0.9,nl;q=0.8":              Dutch,
		"*":                              English,
		"nl;q=0,en;q=0.5":                English,
		"this is not a language header;": English,
	} {
		if got := Negotiate(header); got != want {
			t.Errorf("Negotiate(%q) = %s, want %s", header, got, want)
		}
	}
}

func TestParseAndFromEnv(t *testing.T) {
	for in, want := range map[string]Lang{"": English, "en": English, "EN_gb": English, "nl": Dutch, "nl-NL": Dutch, " NL ": Dutch} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	env := func(v string) func(string) string { return func(string) string { return v } }
	if l, err := FromEnv("", env("nl")); err != nil || l != Dutch {
		t.Errorf("FromEnv(\"\", nl) = %s, %v", l, err)
	}
	if l, err := FromEnv("en", env("nl")); err != nil || l != English {
		t.Errorf("FromEnv(en, nl) = %s, %v: the flag wins", l, err)
	}
	if _, err := FromEnv("", env("fr")); err == nil || err.Error() != `EXITDRILL_LANG: language "fr": allowed are en and nl` {
		t.Errorf("FromEnv(\"\", fr) error = %v", err)
	}
}

// TestDutchStyle: dates, numbers and durations the Dutch way, English as it was.
func TestDutchStyle(t *testing.T) {
	nl, en := Dutch.Printer(), English.Printer()
	day := time.Date(2026, 12, 4, 9, 30, 0, 0, time.UTC)
	for _, c := range []struct{ got, want string }{
		{nl.Date(day), "4 december 2026"},
		{nl.DateTime(day), "4 december 2026 09:30:00 UTC"},
		{en.Date(day), "2026-12-04"},
		{nl.F("%d applicaties", 1300), "1.300 applicaties"},
		{nl.F("%d processes: %d recovered, %d late, %d breached, %d tolerated, %d aborted%s. Wall time %s.\n", 1300, 1, 0, 0, 0, 0, "", "1s"),
			"1.300 processen: 1 hersteld, 0 te laat, 0 doorbroken, 0 getolereerd, 0 afgebroken. Wandkloktijd 1s.\n"},
		{en.F("%d processes: %d recovered, %d late, %d breached, %d tolerated, %d aborted%s. Wall time %s.\n", 1300, 1, 0, 0, 0, 0, "", "1s"),
			"1300 processes: 1 recovered, 0 late, 0 breached, 0 tolerated, 0 aborted. Wall time 1s.\n"},
		{nl.Duration(150*time.Minute, "2h30m"), "2,5 uur"},
		{nl.Duration(26*time.Hour, "1d2h"), "1 dag 2 uur"},
		{nl.Duration(72*time.Hour, "3d"), "3 dagen"},
		{nl.Duration(45*time.Minute, "45m"), "45 min"},
		{en.Duration(150*time.Minute, "2h30m"), "2h30m"},
		{nl.T("inconclusive"), "niet vastgesteld"},
		{nl.Filled("repair backup parkeren-db (its job, its schedule or its storage) so that a recent, complete copy exists, then run the drill again"),
			"herstel back-up parkeren-db (de taak, het schema of de opslag) zodat er een recente, volledige kopie is, en draai de oefening opnieuw"},
		{nl.Filled("a reason no template knows"), "a reason no template knows"},
		{en.Filled("fix step x or what it acts on, then run the drill again"), "fix step x or what it acts on, then run the drill again"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestFilledJoined: a verdict's why with what is also not covered is
// translated in both parts; an unknown first part stays as it is.
func TestFilledJoined(t *testing.T) {
	p := Dutch.Printer()
	for in, want := range map[string]string{
		"MTPD breached on day 4: not recovered while the outage lasts 30d > MTPD 3d; also not covered: idp": "MTPD doorbroken op dag 4: niet hersteld terwijl de uitval 30 dagen duurt, langer dan de MTPD van 3 dagen; ook niet gedekt: idp",
		"something else; also not covered: a, b":                                                            "something else; ook niet gedekt: a, b",
	} {
		if got := p.Filled(in); got != want {
			t.Errorf("Filled(%q) = %q, want %q", in, got, want)
		}
	}
	if got := English.Printer().Filled("x; also not covered: y"); got != "x; also not covered: y" {
		t.Errorf("English Filled changed the text: %q", got)
	}
}

// TestFilledDutchValues: the durations and dates a filled text carries are
// written the Dutch way, a reason of several parts is translated part by
// part, and a value that is neither (a name, a path) is carried over.
func TestFilledDutchValues(t *testing.T) {
	p := Dutch.Printer()
	for in, want := range map[string]string{
		"recovered in 1d4h2m, within RTO 2d":                  "hersteld in 1 dag 4 uur, binnen de RTO van 2 dagen",
		"recovered in 3h12m, within RTO 4h":                   "hersteld in 3,2 uur, binnen de RTO van 4 uur",
		"newest copy is 2d old at T0, older than every 24h":   "de nieuwste kopie is op T0 2 dagen oud, ouder dan het interval van 1 dag",
		"exit status 2: route-planner-alt: no such host":      "afsluitstatus 2: route-planner-alt: no such host",
		"certificate expired on 2026-11-03 (2 days ago)":      "certificaat verlopen op 3 november 2026 (2 days ago)",
		"status 503, want 200; body does not contain \"ok\"":  "status 503, verwacht 200; het antwoord bevat \"ok\" niet",
		"no backup at /srv/30d: the directory does not exist": "geen back-up op /srv/30d: de map bestaat niet",
	} {
		if got := p.Filled(in); got != want {
			t.Errorf("Filled(%q)\n got %q\nwant %q", in, got, want)
		}
	}
	for _, c := range []struct{ got, want string }{
		{p.Decimal(2.5), "2,5"},
		{p.Duration(90*time.Minute, "1h30m"), "1,5 uur"},
		{p.Duration(28*time.Hour+2*time.Minute, "1d4h2m"), "1 dag 4 uur"},
		{p.Date(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)), "5 december 2026"},
		{p.F("%d", 1300), "1.300"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestClockInDutch: a scenario-clock time or duration in the definition
// files' syntax is written in Dutch words to the second, nothing rounded;
// in English, and when it is not in that syntax, it is as given.
func TestClockInDutch(t *testing.T) {
	nl, en := Dutch.Printer(), English.Printer()
	for in, want := range map[string]string{
		"1d4h2m5s": "1 dag 4 uur 2 min 5 s",
		"2d":       "2 dagen",
		"0s":       "0 s",
		"1w1d":     "8 dagen",
		"350ms":    "350 ms",
		"1.5ms":    "1.5ms",
		"T0+2d":    "T0+2d",
	} {
		if got := nl.Clock(in); got != want {
			t.Errorf("Clock(%q) in Dutch = %q, want %q", in, got, want)
		}
		if got := en.Clock(in); got != in {
			t.Errorf("Clock(%q) in English = %q, want it as given", in, got)
		}
	}
}

// TestLongHelpFollowsItsEnglish: a command's Dutch long help is given only
// for the English text it translates; a changed English text gets none (the
// CLI then shows the short text and where to read the English), and English
// is itself.
func TestLongHelpFollowsItsEnglish(t *testing.T) {
	t.Cleanup(func() { delete(longHelp, "test cmd") })
	sum := sha256.Sum256([]byte("Test does a thing."))
	longHelp["test cmd"] = longText{en: hex.EncodeToString(sum[:8]), nl: "Test doet iets."}
	if got, ok := Dutch.Printer().LongHelp("test cmd", "Test does a thing."); !ok || got != "Test doet iets." {
		t.Errorf("Dutch of the same English: %q, %v", got, ok)
	}
	if got, ok := Dutch.Printer().LongHelp("test cmd", "Test does a thing, and more."); ok {
		t.Errorf("Dutch of a changed English: %q, want none", got)
	}
	if _, ok := Dutch.Printer().LongHelp("no such cmd", "x"); ok {
		t.Error("Dutch for a command not in the table")
	}
	if got, ok := English.Printer().LongHelp("test cmd", "Test does a thing, and more."); !ok || got != "Test does a thing, and more." {
		t.Errorf("English: %q, %v", got, ok)
	}
}
