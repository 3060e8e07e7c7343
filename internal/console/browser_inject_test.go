package console

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/exitdrill/exitdrill/drill"
)

// TestBrowserAckInject: in a real browser, an operator who acts in the
// inject's role presses its Acknowledge button on the drill page; the page
// comes back saying so, the inject is acknowledged by them in the drill's
// workflow (its result after the drill), the other inject still says
// nobody acknowledged it, and a viewer sees no button.
func TestBrowserAckInject(t *testing.T) {
	tc := newTestConsole(t)
	id := "inject-browser-" + time.Now().UTC().Format("150405.000")
	startTabletop(t, tc.eng, id, func(p *drill.Plan) {
		p.Injects = []*drill.Inject{
			{ID: "kickoff", At: 0, To: "process-owner", Message: "The hoster's status page is down."},
			{ID: "desk", At: 0, To: "service-desk", Message: "Customers call the service desk."},
		}
	})
	tc.waitStep(t, id, "approve-switch")

	ctx := newBrowser(t)
	err := chromedp.Do(ctx,
		signInActions(tc, "/drills/"+id, "olga"),
		chromedp.WaitVisible(css(`#inject-kickoff button`)),
		chromedp.Click(css(`#inject-kickoff button`)),
		chromedp.WaitVisible(css(`p.flash`)),
	)
	var flash, kickoff, desk string
	if err == nil {
		flash, err = chromedp.Run(ctx, chromedp.Text(css(`p.flash`)))
	}
	if err == nil {
		kickoff, err = chromedp.Run(ctx, chromedp.Text(css(`#inject-kickoff`)))
	}
	if err == nil {
		desk, err = chromedp.Run(ctx, chromedp.Text(css(`#inject-desk`)))
	}
	if err != nil {
		t.Fatalf("acknowledge in the browser: %v", err)
	}
	if !strings.Contains(flash, "inject kickoff acknowledged") {
		t.Errorf("confirmation = %q", flash)
	}
	if !strings.Contains(kickoff, "acknowledged by olga (console operator)") {
		t.Errorf("the kickoff inject says %q, want acknowledged by olga", kickoff)
	}
	if !strings.Contains(desk, "not acknowledged by anyone") {
		t.Errorf("the desk inject says %q, want nobody acknowledged it", desk)
	}
	shot(t, ctx, "inject-acknowledged")

	// A viewer acts in no role: the page shows the injects, no button.
	vctx := newBrowser(t)
	var buttons int
	err = chromedp.Do(vctx,
		signInActions(tc, "/drills/"+id, "vic"),
		chromedp.WaitVisible(css(`#injects`)),
	)
	if err == nil {
		buttons, err = chromedp.Run(vctx, chromedp.Evaluate[int](`document.querySelectorAll("#injects button").length`))
	}
	if err != nil {
		t.Fatalf("the viewer's drill page: %v", err)
	}
	if buttons != 0 {
		t.Errorf("a viewer sees %d Acknowledge buttons, want none", buttons)
	}

	cx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := tc.c.o.Backend.Abort(cx, id, drill.Abort{Actor: "test", Reason: "done"}); err != nil {
		t.Fatal(err)
	}
	res := tc.result(t, id)
	if len(res.Injects) != 2 || res.Injects[0].Status != drill.InjectAcknowledged || len(res.Injects[0].Acks) != 1 ||
		res.Injects[0].Acks[0].By != "olga (console operator)" || res.Injects[1].Status != drill.InjectDelivered {
		t.Errorf("the drill's injects: %+v", res.Injects)
	}
}
