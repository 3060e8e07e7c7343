package console

import (
	"context"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
)

// TestBrowserObservationAndReview: an operator adds an observation to a
// running drill from its page (a step the drill lacks is refused, saying
// so); after the drill a continuity manager records the after-action review
// with an action item on its page. The observation is in the drill's
// evidence, and the review is a signed addendum chained to that bundle.
func TestBrowserObservationAndReview(t *testing.T) {
	tc := newTestConsole(t)
	tc.c.o.SigningKey = harnessKey
	id := "aar-drill-" + time.Now().UTC().Format("150405.000")
	startTabletop(t, tc.eng, id, func(p *drill.Plan) { p.Scenario.Title = "Portal hoster gone" })
	tc.waitStep(t, id, "approve-switch")

	ctx := newBrowser(t)
	err := chromedp.Do(ctx,
		signInActions(tc, "/drills/"+id, "olga"),
		chromedp.WaitVisible(css(`#observe-form`)),
		chromedp.SendKeys(css(`#obs-step`), "portal-service/approve-switch"),
		chromedp.SendKeys(css(`#obs-text`), "the approver had to find the runbook first"),
		chromedp.Click(css(`button[name=observe]`)),
		chromedp.WaitVisible(css(`p.flash`)),
	)
	var flash, list string
	if err == nil {
		flash, err = chromedp.Run(ctx, chromedp.Text(css(`p.flash`)))
	}
	if err == nil {
		list, err = chromedp.Run(ctx, chromedp.Text(css(`#observations`)))
	}
	if err != nil {
		t.Fatalf("observe in the browser: %v", err)
	}
	if !strings.Contains(flash, "observation recorded (portal-service/approve-switch)") {
		t.Errorf("confirmation = %q", flash)
	}
	if !strings.Contains(list, "olga (console operator) at portal-service/approve-switch: the approver had to find the runbook first") {
		t.Errorf("observations on the page = %q", list)
	}
	shot(t, ctx, "observation")

	// A step the drill does not have is refused by the workflow's validator.
	err = chromedp.Do(ctx,
		chromedp.Navigate(tc.URL+"/drills/"+id),
		chromedp.WaitVisible(css(`#observe-form`)),
		chromedp.SendKeys(css(`#obs-step`), "portal-service/nope"),
		chromedp.SendKeys(css(`#obs-text`), "x"),
		chromedp.Click(css(`button[name=observe]`)),
		chromedp.WaitVisible(css(`p.error[role=alert]`)),
	)
	var body string
	if err == nil {
		body, err = chromedp.Run(ctx, chromedp.Text(css(`p.error[role=alert]`)))
	}
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, `The observation was not recorded`) || !strings.Contains(body, `process portal-service has no step "nope"`) {
		t.Errorf("a bad step: page says %q", body)
	}

	for _, step := range []string{"approve-switch", "confirm-service"} {
		tc.waitStep(t, id, step)
		role := "process-owner"
		if step == "confirm-service" {
			role = "service-desk"
		}
		if _, err := tc.c.o.Backend.Complete(context.Background(), id, "portal-service",
			drill.CompleteStep{Step: step, Actor: "desk", Role: role, Outcome: drill.OutcomePass}); err != nil {
			t.Fatalf("complete %s: %v", step, err)
		}
	}
	res := tc.result(t, id)
	if len(res.Observations) != 1 {
		t.Fatalf("drill result has observations %+v, want the one from the browser", res.Observations)
	}

	// After the drill: the review page, as a continuity manager.
	mctx := newBrowser(t)
	err = chromedp.Do(mctx,
		signInActions(tc, "/drills/"+id+"/after-action", "alice"),
		chromedp.WaitVisible(css(`#aar-form`)),
		chromedp.SendKeys(css(`#wentWell`), "the switch was approved within the hour"),
		chromedp.SendKeys(css(`#lesson`), "print the runbook for approvers"),
		chromedp.SendKeys(css(`#title`), "Put the runbook link in the approver's notification"),
		chromedp.SendKeys(css(`#owner`), "Operations"),
	)
	if err == nil {
		_, err = chromedp.Run(mctx, chromedp.Evaluate[bool](`document.getElementById("due").value = "2027-01-31"; document.getElementById("astep").value = "portal-service/approve-switch"; true`))
	}
	if err == nil {
		err = chromedp.Do(mctx, chromedp.Click(css(`button[name=record]`)), chromedp.WaitVisible(css(`#action-A1`)))
	}
	var row, review string
	if err == nil {
		row, err = chromedp.Run(mctx, chromedp.Text(css(`#action-A1`)))
	}
	if err == nil {
		review, err = chromedp.Run(mctx, chromedp.Text(css(`section[aria-labelledby=aar-h]`)))
	}
	if err != nil {
		t.Fatalf("record the review in the browser: %v", err)
	}
	for _, want := range []string{"Put the runbook link in the approver's notification", "Operations", "2027-01-31", "portal-service/approve-switch", "open"} {
		if !strings.Contains(row, want) {
			t.Errorf("action row %q lacks %q", row, want)
		}
	}
	if !strings.Contains(review, "Review, revision 1") || !strings.Contains(review, "alice") || !strings.Contains(review, "print the runbook for approvers") {
		t.Errorf("review section = %q", review)
	}
	shot(t, mctx, "after-action")

	// Readiness shows the open action beside the process and the supplier.
	err = chromedp.Do(mctx, chromedp.Navigate(tc.URL+"/readiness"), chromedp.WaitVisible(css(`table.processes`)))
	var procs, matrix string
	if err == nil {
		procs, err = chromedp.Run(mctx, chromedp.Text(css(`table.processes`)))
	}
	if err == nil {
		matrix, err = chromedp.Run(mctx, chromedp.Text(css(`table.matrix`)))
	}
	if err != nil {
		t.Fatalf("readiness: %v", err)
	}
	if !strings.Contains(procs, "open actions") || !strings.Contains(matrix, "open actions") {
		t.Errorf("readiness does not show the open action:\nprocesses %q\nmatrix %q", procs, matrix)
	}

	// On disk: the drill's bundle has the observation; the review verifies
	// against it and is signed by the console's key.
	dir := filepath.Join(reportsDir, id)
	b, err := evidence.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	obs := 0
	for _, e := range b.Events {
		if e.Type == evidence.EventObservation && e.Step == "approve-switch" {
			obs++
		}
	}
	if obs != 1 {
		t.Errorf("the bundle has %d observation events at approve-switch, want 1", obs)
	}
	v, err := evidence.VerifyReview(os.DirFS(dir+evidence.ReviewDirSuffix), os.DirFS(dir))
	if err != nil {
		t.Fatalf("the review recorded in the console does not verify: %v", err)
	}
	if v.Revisions != 1 || v.Signers[0] != evidence.SignerID(harnessKey.Public().(ed25519.PublicKey)) || len(v.Review.Actions) != 1 || v.Review.Actions[0].Step != "approve-switch" {
		t.Errorf("review = %+v, %+v", v, v.Review)
	}
}
