package console

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

// createTestSchedule creates a schedule of the test catalog's tabletop
// scenario through the console's backend, as the form does, and deletes it
// when the test ends.
func createTestSchedule(t *testing.T, tc *testConsole, id, cron, tz string) {
	t.Helper()
	p, err := drillops.Prepare(context.Background(), drillops.Request{Schedule: true, ID: id, Catalogs: []string{"testdata/catalog"},
		Scenario: "testdata/portal-tabletop.yaml", StartedBy: "test", Note: "kept through pauses", Reports: reportsDir})
	if err != nil {
		t.Fatal(err)
	}
	if err := tc.c.o.Backend.CreateSchedule(context.Background(), p, cron, tz); err != nil {
		t.Fatal(err)
	}
	tc.deleteSchedules(t, id)
	waitFor(t, id+" is listed", 30*time.Second, func() bool {
		it, err := tc.eng.Client.ScheduleClient().List(context.Background(), client.ScheduleListOptions{})
		for err == nil && it.HasNext() {
			e, nerr := it.Next()
			if nerr == nil && e.ID == id {
				return true
			}
			err = nerr
		}
		return false
	})
}

// The emergency stop pauses every schedule; the schedules page then shows
// the schedule paused by the stop, who and why, and no drill to come.
func TestBrowserEmergencyStopPausesSchedule(t *testing.T) {
	tc := newTestConsole(t)
	createTestSchedule(t, tc, "browser-quarterly", "0 9 1-7 1,4,7,10 1 # first Monday of the quarter at 09:00", "Europe/Amsterdam")
	startTabletop(t, tc.eng, "browser-stop")
	tc.waitStep(t, "browser-stop", "approve-switch")
	ctx := newBrowser(t)
	err := chromedp.Do(ctx,
		signInActions(tc, "/schedules", "alice"),
		chromedp.WaitVisible(css(`#s-browser-quarterly`)),
	)
	var next int
	if err == nil {
		next, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#s-browser-quarterly ~ dl .sched-next li").length`))
	}
	if err != nil || next != 3 {
		t.Fatalf("schedules page before the stop: %d next drills, want 3 (%v)", next, err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(css(`a[href="/stop-all"]`)),
		chromedp.WaitVisible(css(`#reason`)),
		chromedp.SendKeys(css(`#reason`), "supplier called: stop everything"),
		chromedp.Click(css(`input[name=confirm]`)),
		chromedp.Click(css(`button.danger[type=submit]`)),
		chromedp.WaitVisible(css(`#paused-schedules`)),
	)
	var result string
	if err == nil {
		result, err = chromedp.Run(ctx, chromedp.Text(css(`main`)))
	}
	if err != nil {
		t.Fatalf("emergency stop in the browser: %v", err)
	}
	for _, want := range []string{"Drills stopped (1)", "browser-stop", "Schedules paused (1)", "Resume browser-quarterly"} {
		if !strings.Contains(result, want) {
			t.Errorf("the stop's result lacks %q:\n%s", want, result)
		}
	}
	// The result is a page of its own (POST, redirect, GET): reloading it
	// shows the same result and sends nothing.
	path, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	var reloaded string
	if err == nil {
		err = chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(css(`#paused-schedules`)))
	}
	if err == nil {
		reloaded, err = chromedp.Run(ctx, chromedp.Text(css(`main`)))
	}
	if err != nil || path != "/stop-all/done" || !strings.Contains(reloaded, "Drills stopped (1)") || !strings.Contains(reloaded, "Resume browser-quarterly") {
		t.Errorf("the stop's result at %q, reloaded (%v):\n%s", path, err, reloaded)
	}
	if res := tc.result(t, "browser-stop"); res.Abort == nil || !res.Abort.Emergency {
		t.Errorf("browser-stop: abort %+v, want an emergency stop", res.Abort)
	}
	err = chromedp.Do(ctx, chromedp.Click(css(`a[href="/schedules"]`)), chromedp.WaitVisible(css(`#s-browser-quarterly`)))
	var card string
	if err == nil {
		card, err = chromedp.Run(ctx, chromedp.Text(css(`article.sched`)))
	}
	if err == nil {
		next, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("article.sched .sched-next li").length`))
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"paused", "by the emergency stop of alice (console continuity-manager)", "why: supplier called: stop everything",
		"no drill starts until it is resumed", "kept through pauses"} {
		if !strings.Contains(card, want) {
			t.Errorf("the paused schedule's card lacks %q:\n%s", want, card)
		}
	}
	if next != 0 || strings.Contains(card, "Next drills") {
		t.Errorf("the paused schedule shows %d next drills:\n%s", next, card)
	}
	// One click resumes it.
	err = chromedp.Do(ctx, chromedp.Click(css(`form[action="/schedules/browser-quarterly/unpause"] button`)), chromedp.WaitVisible(css(`p.flash`)))
	if err == nil {
		next, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("article.sched .sched-next li").length`))
	}
	if err != nil || next != 3 {
		t.Errorf("after Resume: %d next drills, want 3 (%v)", next, err)
	}
}

// At 390×844 the start form, the review, the schedules and the emergency
// stop (its form and its result) fit the width: nothing scrolls sideways.
func TestBrowserNarrowPagesFit(t *testing.T) {
	tc := newTestConsole(t)
	createTestSchedule(t, tc, "narrow-active-schedule-with-a-long-identifier", "30 14 * * 5", "America/Argentina/ComodRivadavia")
	createTestSchedule(t, tc, "narrow-paused", "0 9 1-7 1,4,7,10 1 # first Monday of the quarter at 09:00", "Europe/Amsterdam")
	if err := tc.c.o.Backend.PauseSchedule(context.Background(), "narrow-paused", true, "alice (console continuity-manager)",
		"a long reason that has to wrap on a telephone screen: "+strings.Repeat("y", 120)); err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), signInActions(tc, "/drills/new", "alice"), chromedp.WaitVisible(css(`#scenario`))); err != nil {
		t.Fatal(err)
	}
	nonce, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("input[name=nonce]").value`))
	if err != nil {
		t.Fatal(err)
	}
	review := "/drills/review?" + reviewQuery(nonce, map[string]string{"note": strings.Repeat("x", 150)})
	fits := func(what string) {
		t.Helper()
		sizes, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth]`))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if sizes[1] != 390 || sizes[0] > sizes[1] {
			t.Errorf("%s: scroll width %d, window width %d; want no horizontal overflow at 390", what, sizes[0], sizes[1])
		}
	}
	fits("start form")
	for _, p := range []struct{ path, wait string }{
		{review, `#review-processes`},
		{"/schedules", `#s-narrow-paused`},
		{"/schedules/narrow-paused/delete", `form[action="/schedules/narrow-paused/delete"] button`},
		{"/stop-all", `#reason`},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(tc.URL+p.path), chromedp.WaitVisible(css(p.wait))); err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		fits(p.path)
		shot(t, ctx, "390-manager"+strings.SplitN(p.path, "?", 2)[0])
	}
	startTabletop(t, tc.eng, "narrow-stop-drill-with-a-long-identifier-20260102T030405Z")
	tc.waitStep(t, "narrow-stop-drill-with-a-long-identifier-20260102T030405Z", "approve-switch")
	err = chromedp.Do(ctx,
		chromedp.Navigate(tc.URL+"/stop-all"),
		chromedp.WaitVisible(css(`#reason`)),
		chromedp.SendKeys(css(`#reason`), "narrow screens "+strings.Repeat("z", 120)),
		chromedp.Click(css(`input[name=confirm]`)),
		chromedp.Click(css(`button.danger[type=submit]`)),
		chromedp.WaitVisible(css(`#paused-schedules`)),
	)
	if err != nil {
		t.Fatalf("stop-all: %v", err)
	}
	fits("stop-all result")
	_ = tc.c.o.Backend.Abort(context.Background(), "narrow-stop-drill-with-a-long-identifier-20260102T030405Z", drill.Abort{Actor: "test", Reason: "test over"})
}
