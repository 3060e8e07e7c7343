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
