package console

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/exitdrill/exitdrill/drill"
)

// abortAfter aborts a test's drill when the test ends.
func abortAfter(t *testing.T, tc *testConsole, id string) {
	t.Cleanup(func() {
		_ = tc.c.o.Backend.Abort(context.Background(), id, drill.Abort{Actor: "test", Reason: "test over"})
	})
}

func TestBrowserRejectedCompletionKeepsNote(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "browser-reject")
	tc.waitStep(t, "browser-reject", "approve-switch")
	abortAfter(t, tc, "browser-reject")
	ctx := newBrowser(t)
	form := `form[id="browser-reject/portal-service/approve-switch"]`
	// The outcome is left out (the browser would insist: its required is
	// removed, as an old page or another client would send it).
	err := chromedp.Do(ctx, signInActions(tc, "/inbox", "olga"), chromedp.WaitVisible(css(form+` button[name=complete]`)))
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll("input[name=outcome]").forEach(function (e) { e.required = false; }); true`))
	}
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(css(form+` textarea[name=note]`), "standby answers, checked twice"),
		chromedp.Click(css(form+` button[name=complete]`)),
		chromedp.WaitVisible(css(form+` p.error`)),
	)
	var msg, note, path string
	if err == nil {
		msg, err = chromedp.Run(ctx, chromedp.Text(css(form+` p.error`)))
	}
	if err == nil {
		note, err = chromedp.Run(ctx, chromedp.Value(css(form+` textarea[name=note]`)))
	}
	if err == nil {
		path, err = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	}
	if err != nil {
		t.Fatalf("rejected completion in the browser: %v", err)
	}
	if !strings.Contains(msg, "Choose the outcome: pass or fail") || note != "standby answers, checked twice" || path != "/inbox" {
		t.Errorf("after the refusal at %s: message %q, note %q; want what to fix and the note as typed, at /inbox", path, msg, note)
	}
	tc.waitStep(t, "browser-reject", "approve-switch") // nothing was recorded
}

func TestBrowserCompletedStepNamesWhoCompletedIt(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "browser-taken")
	tc.waitStep(t, "browser-taken", "approve-switch")
	abortAfter(t, tc, "browser-taken")
	ctx := newBrowser(t)
	form := `form[id="browser-taken/portal-service/approve-switch"]`
	err := chromedp.Do(ctx, signInActions(tc, "/inbox", "olga"), chromedp.WaitVisible(css(form+` button[name=complete]`)))
	if err != nil {
		t.Fatal(err)
	}
	// Someone else answers while the page is open.
	if _, err := tc.c.o.Backend.Complete(context.Background(), "browser-taken", "portal-service",
		drill.CompleteStep{Step: "approve-switch", Actor: "omar", Role: "process-owner", Outcome: drill.OutcomePass}); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(css(form+` input[name=outcome][value=fail]`)),
		chromedp.SendKeys(css(form+` textarea[name=note]`), "portal down for me"),
		chromedp.Click(css(form+` button[name=complete]`)),
		chromedp.WaitVisible(css(`div.error[role=alert]`)),
	)
	var msg string
	if err == nil {
		msg, err = chromedp.Run(ctx, chromedp.Text(css(`div.error[role=alert]`)))
	}
	if err != nil {
		t.Fatalf("completing a completed step in the browser: %v", err)
	}
	if !regexp.MustCompile(`already completed by omar at .+ \(pass\)`).MatchString(msg) || !strings.Contains(msg, "portal down for me") {
		t.Errorf("the page says %q; want who completed the step, when, with what, and the note as typed", msg)
	}
}

func TestBrowserSignedOutLiveView(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "browser-expire")
	tc.waitStep(t, "browser-expire", "approve-switch")
	abortAfter(t, tc, "browser-expire")
	ctx := newBrowser(t)
	err := chromedp.Do(ctx, signInActions(tc, "/drills/browser-expire", "vic"), chromedp.WaitVisible(css(`#drill-status`)))
	if err != nil {
		t.Fatal(err)
	}
	// The session ends (as after 8 hours without use).
	tc.c.sessions.mu.Lock()
	for _, ss := range tc.c.sessions.m {
		ss.expires = time.Now().Add(-time.Minute)
	}
	tc.c.sessions.mu.Unlock()
	var msg, href string
	err = chromedp.Do(ctx, chromedp.WaitVisible(css(`p.signed-out`)))
	if err == nil {
		msg, err = chromedp.Run(ctx, chromedp.Text(css(`p.signed-out`)))
	}
	if err == nil {
		href, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("p.signed-out a").getAttribute("href")`))
	}
	if err != nil {
		t.Fatalf("the live view after the session ended: %v", err)
	}
	if !strings.HasPrefix(msg, "Signed out — sign in again") || href != "/login?next=%2Fdrills%2Fbrowser-expire" {
		t.Errorf("signed-out prompt %q linking %q; want a sign-in link back to the drill", msg, href)
	}
}

func TestBrowserPhoneHasNoHorizontalOverflow(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "browser-phone-drill-with-a-long-identifier")
	tc.waitStep(t, "browser-phone-drill-with-a-long-identifier", "approve-switch")
	abortAfter(t, tc, "browser-phone-drill-with-a-long-identifier")
	ctx := newBrowserSized(t, 390, 844)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), signInActions(tc, "/inbox", "olga"),
		chromedp.WaitVisible(css(`nav[aria-label=Main]`))); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/inbox", "/drills", "/drills/browser-phone-drill-with-a-long-identifier", "/reports"} {
		var sizes []int
		err := chromedp.Do(ctx, chromedp.Navigate(tc.URL+path), chromedp.WaitVisible(css(`main h1`)))
		if err == nil {
			sizes, err = chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth]`))
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		t.Logf("%s at 390×844: scrollWidth %d, innerWidth %d", path, sizes[0], sizes[1])
		shot(t, ctx, "390-operator"+path)
		if sizes[0] > sizes[1] {
			t.Errorf("%s at 390×844: the page is %d px wide in a %d px window", path, sizes[0], sizes[1])
		}
	}
}
