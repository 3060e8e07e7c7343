package console

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// TestAckInjectButton: the drill page lists a running drill's injects; a
// user who acts in an inject's role gets an Acknowledge button, and
// pressing it records them as its acknowledger; one who does not is
// refused (403), as is a viewer; the inject nobody acknowledged says so,
// while the drill runs and in its result after it was aborted.
func TestAckInjectButton(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "inject-drill", func(p *drill.Plan) {
		p.Injects = []*drill.Inject{
			{ID: "kickoff", At: 0, To: "process-owner", Message: "The hoster's status page is down."},
			{ID: "desk", At: 0, To: "service-desk", Message: "Customers call the service desk."},
		}
	})
	tc.waitStep(t, "inject-drill", "approve-switch")

	olga := tc.browser(t)
	tok := olga.signIn("olga")
	page := olga.get("/drills/inject-drill")
	for _, want := range []string{`<section class="card injects" id="injects"`, `<li id="inject-kickoff"><strong>T0</strong> to <strong>process-owner</strong>: The hoster&#39;s status page is down.`,
		`action="/drills/inject-drill/injects/kickoff/ack"`, "not acknowledged by anyone"} {
		if !strings.Contains(page.body, want) {
			t.Fatalf("drill page lacks %q:\n%s", want, page.body)
		}
	}
	p := olga.post("/drills/inject-drill/injects/kickoff/ack", url.Values{"csrf": {tok}, "role": {"process-owner"}})
	if p.status != http.StatusSeeOther || p.location != "/drills/inject-drill" {
		t.Fatalf("ack: status %d, location %q\n%s", p.status, p.location, p.body)
	}
	page = olga.get("/drills/inject-drill")
	if !strings.Contains(page.body, `<span class="tag acknowledged">acknowledged</span> by olga (console operator)`) {
		t.Errorf("after the ack the page does not name olga:\n%s", page.body)
	}
	if p := olga.post("/drills/inject-drill/injects/kickoff/ack", url.Values{"csrf": {tok}, "role": {"process-owner"}}); p.status != http.StatusUnprocessableEntity ||
		!strings.Contains(p.body, "already acknowledged by olga (console operator)") {
		t.Errorf("second ack: status %d, want 422 with the workflow's words\n%s", p.status, p.body)
	}

	desk := tc.browser(t)
	dtok := desk.signIn("desk")
	if page := desk.get("/drills/inject-drill"); strings.Contains(page.body, `injects/kickoff/ack`) || !strings.Contains(page.body, `injects/desk/ack`) {
		t.Errorf("desk sees the buttons of the wrong injects:\n%s", page.body)
	}
	if p := desk.post("/drills/inject-drill/injects/kickoff/ack", url.Values{"csrf": {dtok}, "role": {"process-owner"}}); p.status != http.StatusForbidden {
		t.Errorf("desk acknowledging a process-owner inject: status %d, want 403", p.status)
	}
	vic := tc.browser(t)
	vtok := vic.signIn("vic")
	if p := vic.post("/drills/inject-drill/injects/desk/ack", url.Values{"csrf": {vtok}, "role": {"service-desk"}}); p.status != http.StatusForbidden {
		t.Errorf("viewer acknowledging: status %d, want 403", p.status)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := tc.c.o.Backend.Abort(ctx, "inject-drill", drill.Abort{Actor: "test", Reason: "done"}); err != nil {
		t.Fatal(err)
	}
	res := tc.result(t, "inject-drill")
	if len(res.Injects) != 2 || res.Injects[0].Status != drill.InjectAcknowledged || res.Injects[1].Status != drill.InjectDelivered {
		t.Fatalf("result injects %+v", res.Injects)
	}
	page = olga.get("/drills/inject-drill")
	if !strings.Contains(page.body, `<li id="inject-desk">`) || !strings.Contains(page.body, "not acknowledged by anyone") || strings.Contains(page.body, "/ack\"") {
		t.Errorf("finished drill page: want the injects without buttons, desk not acknowledged:\n%s", page.body)
	}
}
