package console

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// newBrowserIn is newBrowser for a browser whose language is acceptLang:
// it sends it as Accept-Language, as a Dutch user's browser does.
func newBrowserIn(t *testing.T, acceptLang string) context.Context {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is not installed: run scripts/setup")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"), chromedp.WindowSize(1280, 900),
		chromedp.Flag("accept-lang", acceptLang), chromedp.Flag("lang", acceptLang))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// TestBrowserConsoleInDutch: a browser that asks for Dutch (Accept-Language:
// nl) gets the sign-in page and the readiness page in Dutch; the switch in
// the header turns the console to English, stays on the same page, and is
// remembered on the next page.
func TestBrowserConsoleInDutch(t *testing.T) {
	tc := newTestConsole(t)
	ctx := newBrowserIn(t, "nl")
	text := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(tc.URL+"/readiness"), chromedp.WaitVisible(css(`#password`))); err != nil {
		t.Fatalf("sign-in page: %v", err)
	}
	htmlLang, button := text(`document.documentElement.lang`), text(`document.querySelector("form button[type=submit]").textContent.trim()`)
	if htmlLang != "nl" || button != "Aanmelden" {
		t.Fatalf("the sign-in page has lang %q and button %q; want nl and Aanmelden (is Accept-Language nl sent?)", htmlLang, button)
	}
	err := chromedp.Do(ctx,
		chromedp.SendKeys(css(`#name`), "vic"),
		chromedp.SendKeys(css(`#password`), testPassword),
		chromedp.Submit(css(`#password`)),
		chromedp.WaitVisible(css(`table.matrix`)),
	)
	if err != nil {
		t.Fatalf("readiness page: %v", err)
	}
	shot(t, ctx, "nl/readiness")
	nav, h2 := text(`document.querySelector("nav[aria-label]").textContent`), text(`document.querySelector("main h2").textContent`)
	legend, switchText := text(`document.querySelector("ul.legend").textContent`), text(`document.querySelector("a.lang").textContent`)
	for _, c := range []struct{ what, got, want string }{
		{"menu", nav, "Gereedheid"}, {"menu", nav, "Oefeningen"}, {"heading", h2, "Exitgereedheid:"},
		{"legend", legend, "alleen op papier: geen geldige oefening"}, {"switch", switchText, "English"},
	} {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("the %s reads %q, want %q in it", c.what, c.got, c.want)
		}
	}
	if strings.Contains(nav, "Readiness") || strings.Contains(legend, "paper: no valid drill") {
		t.Errorf("the Dutch page still has English: menu %q, legend %q", nav, legend)
	}

	if err := chromedp.Do(ctx, chromedp.Click(css(`a.lang`)), chromedp.WaitVisible(css(`html[lang=en] table.matrix`))); err != nil {
		t.Fatalf("the switch to English: %v", err)
	}
	if path, nav := text(`location.pathname`), text(`document.querySelector("nav[aria-label]").textContent`); path != "/readiness" || !strings.Contains(nav, "Readiness") {
		t.Errorf("after the switch: at %s with menu %q; want the readiness page in English", path, nav)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(tc.URL+"/findings"), chromedp.WaitVisible(css(`main h1`))); err != nil {
		t.Fatal(err)
	}
	if l := text(`document.documentElement.lang`); l != "en" {
		t.Errorf("the next page has lang %q: the switch was not remembered", l)
	}
}

// TestBrowserPagesInDutch: a browser that asks for Dutch gets every page of
// the console in Dutch — drills, a drill, the inbox, schedules, findings,
// catalog, reports, the start form, the emergency stop's form and the error
// page — with Dutch words of each page's fixed text and none of its English.
func TestBrowserPagesInDutch(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "nl-drill")
	tc.waitStep(t, "nl-drill", "approve-switch")
	// Aborted and finished before the next test: the emergency stop's test
	// counts the running drills.
	t.Cleanup(func() { tc.result(t, "nl-drill") })
	abortAfter(t, tc, "nl-drill")
	ctx := newBrowserIn(t, "nl")
	if err := chromedp.Do(ctx, signInActions(tc, "/drills", "alice"), chromedp.WaitVisible(css(`table.drills`))); err != nil {
		t.Fatalf("sign in: %v", err)
	}
	for _, pg := range []struct {
		path          string
		want, notWant []string
	}{
		{"/drills", []string{"Nu een oefening starten", "Oefeningen, nieuwste eerst", "Gestart door", "Leverancier", "elke status", "bezig"},
			[]string{"Start a drill now", "newest first", "Started by", "any status", "running"}},
		{"/drills/nl-drill", []string{"Status:", "modus tabletop", "stappen klaar", "Wacht op", "Een waarneming toevoegen", "Deze oefening afbreken"},
			[]string{"tabletop mode", "steps done", "Waiting for", "Add an observation", "Abort this drill"}},
		{"/inbox", []string{"Wacht op u", "Uitkomst", "als niemand antwoordt", "Stap afronden", "modus tabletop", "-" + time.Now().UTC().Format("2006") + ", "},
			[]string{"Waiting for you", "Outcome", "if nobody answers", "Complete step", "tabletop mode", "/" + time.Now().UTC().Format("2006")}},
		{"/schedules", []string{"Nieuwe planning", "Herhalen", "Planning maken"}, []string{"New schedule", "Repeat", "Create schedule", "No schedules"}},
		{"/findings", []string{"Elke bevinding van de oefeningen", "Filteren"}, []string{"Every finding", "newest first"}},
		{"/catalog", []string{"Organisatie:", "Applicaties", "Afhankelijkheden", "Verloren leverancier"}, []string{"Organisation:", "Dependency paths", "Supplier lost"}},
		{"/reports", []string{"ewijsbundels"}, []string{"Evidence bundles", "No evidence bundles"}},
		{"/drills/new", []string{"Kies wat u wilt oefenen", "Kies een scenario", "De oefening bekijken", "die van het scenario"},
			[]string{"Choose what to drill", "Choose a scenario", "Review the drill", "the scenario's"}},
		{"/readiness", []string{"Exitgereedheid:"}, []string{"Nothing at stake", "critical processes survive", "not shown to survive", "proven ("}},
		{"/stop-all", []string{"Dit stopt", "elke lopende oefening", "Ik bevestig de noodstop", "Alle oefeningen stoppen"},
			[]string{"This stops", "every running drill", "I confirm", "Stop all drills"}},
		{"/no-such-page", []string{"Niet gevonden", "Er is geen pagina /no-such-page", "Terug naar de console"}, []string{"Not Found", "There is no page", "Back to the console"}},
	} {
		var main, lang string
		err := chromedp.Do(ctx, chromedp.Navigate(tc.URL+pg.path), chromedp.WaitVisible(css(`main h1`)))
		if err == nil {
			main, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
		}
		if err == nil {
			lang, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
		}
		if err != nil {
			t.Fatalf("%s: %v", pg.path, err)
		}
		shot(t, ctx, "nl"+strings.ReplaceAll(pg.path, "/", "-"))
		if lang != "nl" {
			t.Errorf("%s has lang %q, want nl", pg.path, lang)
		}
		for _, w := range pg.want {
			if !strings.Contains(main, w) {
				t.Errorf("%s lacks %q:\n%s", pg.path, w, main)
			}
		}
		for _, w := range pg.notWant {
			if strings.Contains(main, w) {
				t.Errorf("%s still says %q:\n%s", pg.path, w, main)
			}
		}
	}
}
