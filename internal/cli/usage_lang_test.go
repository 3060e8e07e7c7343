package cli

import (
	"errors"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/lang"
)

// TestUsageErrorsInDutch: the command line mistakes cobra and pflag report
// are Dutch with --lang nl or EXITDRILL_LANG=nl, what the user typed kept as
// typed; without it cobra's English, byte for byte; exit 2 either way.
func TestUsageErrorsInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	cases := []struct {
		args []string
		en   string
		nl   string
	}{
		{[]string{"validate", "--x"}, "exitdrill: unknown flag: --x\n", "exitdrill: onbekende optie: --x\n"},
		{[]string{"status", "a", "b"}, "exitdrill: accepts at most 1 arg(s), received 2\n", "exitdrill: verwacht hoogstens 1 argument(en), kreeg er 2\n"},
		{[]string{"readiness"}, "exitdrill: required flag(s) \"catalog\", \"reports\" not set\n",
			"exitdrill: verplichte optie(s) \"catalog\", \"reports\" niet opgegeven\n"},
		{[]string{"list", "--limit", "5m"}, "exitdrill: invalid argument \"5m\" for \"--limit\" flag: strconv.ParseInt: parsing \"5m\": invalid syntax\n",
			"exitdrill: ongeldige waarde \"5m\" voor optie \"--limit\": strconv.ParseInt: parsing \"5m\": invalid syntax\n"},
		{[]string{"validat"}, "exitdrill: unknown command \"validat\" for \"exitdrill\"\n\nDid you mean this?\n\tvalidate\n\n",
			"exitdrill: onbekende opdracht \"validat\" voor \"exitdrill\"\n\nBedoelde u dit?\n\tvalidate\n\n"},
		{[]string{"version", "x"}, "exitdrill: unknown command \"x\" for \"exitdrill version\"\n", "exitdrill: onbekende opdracht \"x\" voor \"exitdrill version\"\n"},
		{[]string{"list", "--limit"}, "exitdrill: flag needs an argument: --limit\n", "exitdrill: optie heeft een waarde nodig: --limit\n"},
	}
	for _, tc := range cases {
		code, _, en := run(t, tc.args...)
		if code != ExitInvalid || en != tc.en {
			t.Errorf("%v: exit %d, stderr %q; want 2, %q", tc.args, code, en, tc.en)
		}
		code, _, nl := run(t, append([]string{"--lang", "nl"}, tc.args...)...)
		if code != ExitInvalid || nl != tc.nl {
			t.Errorf("--lang nl %v: exit %d, stderr %q; want 2, %q", tc.args, code, nl, tc.nl)
		}
	}
	t.Setenv("EXITDRILL_LANG", "nl")
	if _, _, nl := run(t, "validate", "--x"); nl != "exitdrill: onbekende optie: --x\n" {
		t.Errorf("EXITDRILL_LANG=nl: stderr %q", nl)
	}
}

// TestCLIErrorsInDutch: the CLI's own errors around a drill are Dutch with
// a Dutch printer, the names and values in them as they are, and what a
// server or Go said (after the last colon) as it was written; English is
// the error's text.
func TestCLIErrorsInDutch(t *testing.T) {
	cases := []struct{ en, nl string }{
		{"temporal server at localhost:7233 did not answer within 10s: context deadline exceeded",
			"de Temporal-server op localhost:7233 antwoordde niet binnen 10 s: context deadline exceeded"},
		{"start drill d-1: workflow execution already started",
			"oefening d-1 starten: workflow execution already started"},
		{"drill d-1: objectives missed for 2 processes: betaalverkeer (not critical), digid",
			"oefening d-1: doelstellingen gemist voor 2 processen: betaalverkeer (niet kritiek), digid"},
		{"no drill \"x\" on localhost:7233: no drill id is or starts with it (exitdrill list)",
			"geen oefening \"x\" op localhost:7233: geen id van een oefening is of begint met die tekst (exitdrill list)"},
		{"--format \"xml\": allowed are text and json", "--format \"xml\": toegestaan zijn text en json"},
		{"--github \"x\": want OWNER/REPO, for example voorbeeldstad/continuity", "--github \"x\": verwacht OWNER/REPO, bijvoorbeeld voorbeeldstad/continuity"},
		{"schedule s1: time zone \"Mars/Base\": not an IANA time zone name, for example Europe/Amsterdam or UTC",
			"planning s1: tijdzone \"Mars/Base\": geen naam van een IANA-tijdzone, bijvoorbeeld Europe/Amsterdam of UTC"},
		{"--took \"2d\": bad (allowed: 15m)", "--took \"2d\": bad (toegestaan: 15m)"},
		{"preflight: 2 of 5 steps cannot be attempted on this worker: nothing was started (fix the worker, or start the drill anyway with --allow-inconclusive: those steps end inconclusive)",
			"voorcontrole: 2 van 5 stappen kunnen op deze worker niet worden geprobeerd: er is niets gestart (herstel de worker, of start de oefening toch met --allow-inconclusive: die stappen eindigen onbeslist)"},
		{"drill scale is too large to run as one drill: its input is 2003 KiB as Temporal stores it (plan, definitions and shipped files, compressed) and the summaries of its 4000 processes need about 469 KiB more (120 bytes a process), 2472 KiB in all, over Temporal's payload limit of 2048 KiB; the server would end the drill when it writes its evidence. Drill fewer processes at once: lose fewer suppliers in one scenario, or split the catalog",
			"oefening scale is te groot om als één oefening te draaien: haar invoer is 2003 KiB zoals Temporal die opslaat (plan, definities en meegestuurde bestanden, gecomprimeerd) en de samenvattingen van haar 4000 processen vragen ongeveer 469 KiB meer (120 bytes per proces), samen 2472 KiB, boven de payloadgrens van Temporal van 2048 KiB; de server zou de oefening beëindigen als ze haar bewijs schrijft. Oefen minder processen tegelijk: laat in één scenario minder leveranciers uitvallen, of splits de catalogus"},
	}
	for _, tc := range cases {
		err := withCode(ExitError, errors.New(tc.en))
		if got := errorText(lang.Dutch.Printer(), err); got != tc.nl {
			t.Errorf("%q in Dutch:\ngot  %q\nwant %q", tc.en, got, tc.nl)
		}
		if got := errorText(lang.English.Printer(), err); got != tc.en {
			t.Errorf("English %q, want %q", got, tc.en)
		}
	}
	if got := errorText(lang.Dutch.Printer(), errors.New("restic: Fatal: unable to open repository")); !strings.Contains(got, "restic: Fatal") {
		t.Errorf("a tool's words changed: %q", got)
	}
}

// TestPayloadRefusalInDutch: the refusal of a drill too large for one
// Temporal payload, as drillops writes it, is Dutch with --lang nl (the
// table's template follows the message it translates).
func TestPayloadRefusalInDutch(t *testing.T) {
	err := drillops.CheckPayload(drill.DrillInput{Plan: &drill.Plan{DrillID: "groot"}}, 1)
	if err == nil {
		t.Fatal("a drill over a 1-byte limit was let through")
	}
	got := errorText(lang.Dutch.Printer(), withCode(ExitInvalid, err))
	for _, want := range []string{"oefening groot is te groot om als één oefening te draaien", "boven de payloadgrens van Temporal van 1 KiB",
		"Oefen minder processen tegelijk"} {
		if !strings.Contains(got, want) {
			t.Errorf("in Dutch:\n%s\nlacks %q", got, want)
		}
	}
}

// TestScheduleLinesInDutch: what schedule create, pause, resume and delete
// print, in Dutch with --lang nl and unchanged in English.
func TestScheduleLinesInDutch(t *testing.T) {
	nl, en := lang.Dutch.Printer(), lang.English.Printer()
	created := "schedule %s created: %s on %s (%s %s), next drill %s\n"
	if got, want := nl.F(created, "q", "kpn-1-week", "Voorbeeldstad", "0 9 1 * *", "Europe/Amsterdam", nl.T("unknown")),
		"planning q aangemaakt: kpn-1-week van Voorbeeldstad (0 9 1 * * Europe/Amsterdam), volgende oefening onbekend\n"; got != want {
		t.Errorf("created in Dutch:\ngot  %q\nwant %q", got, want)
	}
	if got, want := en.F(created, "q", "kpn-1-week", "Voorbeeldstad", "0 9 1 * *", "UTC", en.T("unknown")),
		"schedule q created: kpn-1-week on Voorbeeldstad (0 9 1 * * UTC), next drill unknown\n"; got != want {
		t.Errorf("created in English: %q, want %q", got, want)
	}
	for what, want := range map[string]string{"paused": "planning q gepauzeerd\n", "resumed": "planning q hervat\n", "deleted": "planning q verwijderd\n"} {
		if got := nl.F("schedule %s %s\n", "q", nl.T(what)); got != want {
			t.Errorf("%s in Dutch: %q, want %q", what, got, want)
		}
		if got := en.F("schedule %s %s\n", "q", en.T(what)); got != "schedule q "+what+"\n" {
			t.Errorf("%s in English: %q", what, got)
		}
	}
}
