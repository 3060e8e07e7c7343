package console

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

var tagRE = regexp.MustCompile(`<[^>]*>`)

// text is a page's body without its tags, as a person reads it.
func text(body string) string { return html.UnescapeString(tagRE.ReplaceAllString(body, "")) }

// completeForm is the completion form of approve-switch in drill.
func completeForm(drillID, tok, nonce, outcome, note string) url.Values {
	return url.Values{"csrf": {tok}, "nonce": {nonce}, "drill": {drillID}, "process": {"portal-service"},
		"step": {"approve-switch"}, "role": {"process-owner"}, "outcome": {outcome}, "note": {note}}
}

func TestStepNoLongerWaitingSaysWhy(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "gone-drill")
	tc.waitStep(t, "gone-drill", "approve-switch")
	defer func() {
		_ = tc.c.o.Backend.Abort(context.Background(), "gone-drill", drill.Abort{Actor: "test", Reason: "test over"})
	}()
	olga := tc.browser(t)
	tok := olga.signIn("olga")

	// The inbox says when the step escalates and fails, and what comes next.
	inbox := text(olga.get("/inbox").body)
	for _, want := range []string{"Escalates ", ", fails ", "Next: confirm-service starts once you pass this step", "portal-tabletop · tabletop mode"} {
		if !strings.Contains(inbox, want) {
			t.Errorf("inbox lacks %q:\n%s", want, inbox)
		}
	}
	if strings.Contains(inbox, "Your own count of the time") {
		t.Errorf("a tabletop step's form asks for the time it took, which does not count:\n%s", inbox)
	}

	first := olga.post("/inbox", completeForm("gone-drill", tok, "nonce-1", "pass", "done"))
	if first.status != http.StatusSeeOther || first.location != "/inbox" {
		t.Fatalf("complete: status %d, location %q\n%s", first.status, first.location, first.body)
	}
	t.Run("the same form sent twice is one answer", func(t *testing.T) {
		again := olga.post("/inbox", completeForm("gone-drill", tok, "nonce-1", "pass", "done"))
		if again.status != http.StatusSeeOther || again.location != "/inbox" {
			t.Fatalf("same form again: status %d, location %q; want 303 to the inbox\n%s", again.status, again.location, again.body)
		}
		// Another tab: another form, the same answer.
		other := olga.post("/inbox", completeForm("gone-drill", tok, "nonce-2", "pass", "done"))
		if other.status != http.StatusSeeOther {
			t.Fatalf("same answer from another form: status %d; want 303\n%s", other.status, other.body)
		}
		if flash := text(olga.get("/inbox").body); !strings.Contains(flash, "portal-service/approve-switch was already completed with your answer (pass): it is recorded once") {
			t.Errorf("after the same answer again, the inbox says:\n%s", flash)
		}
	})

	t.Run("another answer says who completed it", func(t *testing.T) {
		alice := tc.browser(t)
		atok := alice.signIn("alice")
		p := alice.post("/inbox", completeForm("gone-drill", atok, "nonce-3", "fail", "my typed note"))
		body := text(p.body)
		if p.status != http.StatusConflict || !regexp.MustCompile(`already completed by olga \(console operator\) at [0-9-]+ [0-9:]+ \w+ \(pass\)`).MatchString(body) {
			t.Errorf("completing a completed step: status %d; want 409 naming olga and pass:\n%s", p.status, body)
		}
		if !strings.Contains(body, "my typed note") || strings.Contains(body, "Workflow Update") || strings.Contains(body, "runs no process") {
			t.Errorf("the refusal lost the typed note or speaks Temporal:\n%s", body)
		}
		if again := alice.get("/inbox"); again.status != http.StatusOK {
			t.Errorf("reload after the refusal: status %d", again.status)
		}
	})

	t.Run("unknown drill and process", func(t *testing.T) {
		for _, tt := range []struct {
			drill, process, want string
			status               int
		}{
			{"no-such-drill", "portal-service", "There is no drill no-such-drill.", http.StatusNotFound},
			{"gone-drill", "nope", "Drill gone-drill has no process nope.", http.StatusNotFound},
		} {
			f := completeForm(tt.drill, tok, "n", "pass", "")
			f.Set("process", tt.process)
			p := olga.post("/inbox", f)
			if p.status != tt.status || !strings.Contains(text(p.body), tt.want) {
				t.Errorf("%s/%s: status %d; want %d with %q:\n%s", tt.drill, tt.process, p.status, tt.status, tt.want, text(p.body))
			}
		}
	})
}

func TestStepFailedUnansweredSaysSo(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "limit-drill", func(p *drill.Plan) {
		for _, s := range p.Processes[0].Steps {
			if s.ID == "approve-switch" {
				s.Expected, s.Manual.Limit = drill.Duration(time.Second), drill.Duration(2*time.Second)
			}
		}
	})
	b := tc.browser(t)
	tok := b.signIn("olga")
	res := tc.result(t, "limit-drill") // approve-switch fails unanswered after 2 s
	if res.Processes[0].FailedStep != "approve-switch" {
		t.Fatalf("failed step %q, want approve-switch unanswered", res.Processes[0].FailedStep)
	}
	p := b.post("/inbox", completeForm("limit-drill", tok, "n", "pass", "late answer"))
	body := text(p.body)
	if p.status != http.StatusConflict || !regexp.MustCompile(`This step failed at [0-9-]+ [0-9:]+ \w+: nobody answered within its limit`).MatchString(body) ||
		!strings.Contains(body, "late answer") {
		t.Errorf("answering a step that failed unanswered: status %d; want 409 saying when it failed, and the typed note:\n%s", p.status, body)
	}
}

func TestStepWords(t *testing.T) {
	at := time.Date(2026, 3, 2, 4, 17, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		r    drill.StepResult
		want string
	}{
		{"completed", drill.StepResult{Status: drill.StepPassed, Actor: "omar", WallEnd: at}, "This step was already completed by omar at 2026-03-02"},
		{"reported fail", drill.StepResult{Status: drill.StepFailed, Actor: "omar", WallEnd: at}, "(fail)."},
		{"unanswered", drill.StepResult{Status: drill.StepFailed, Reason: "no answer from ops within the limit of 6h", WallEnd: at}, "This step failed at 2026-03-02"},
		{"aborted", drill.StepResult{Status: drill.StepAborted, WallEnd: at}, "the drill was aborted while it waited"},
		{"skipped", drill.StepResult{Status: drill.StepSkipped, Reason: "not run: it waits for step x, which failed", WallEnd: at}, "was skipped at"},
	} {
		if got := text(string(stepWords(&tt.r))); !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q, want it to contain %q", tt.name, got, tt.want)
		}
	}
}

func TestDrillsFilters(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "filter-drill")
	tc.waitStep(t, "filter-drill", "approve-switch")
	defer func() {
		_ = tc.c.o.Backend.Abort(context.Background(), "filter-drill", drill.Abort{Actor: "test", Reason: "test over"})
	}()
	b := tc.browser(t)
	b.signIn("vic")
	for _, tt := range []struct {
		query, want string
		status      int
		listed      bool
	}{
		{"", "Drills, newest first", http.StatusOK, true},
		{"?supplier=hoster&status=running&mode=tabletop", "tabletop", http.StatusOK, true},
		{"?mode=live", "No drill matches the filters.", http.StatusOK, false},
		{"?status=finished", "", http.StatusOK, false},
		{"?supplier=atlantis", `Unknown filter value: no supplier "atlantis" in the catalog (known: `, http.StatusBadRequest, false},
		{"?status=sleeping", `no status "sleeping" (allowed: running, finished, aborted, ended)`, http.StatusBadRequest, false},
		{"?mode=dream", `no mode "dream" (allowed: live, tabletop, compressed)`, http.StatusBadRequest, false},
		{"?page=0", `Unknown page "0": pages are numbered from 1.`, http.StatusBadRequest, false},
	} {
		p := b.get("/drills" + tt.query)
		body := text(p.body)
		if p.status != tt.status || !strings.Contains(body, tt.want) || strings.Contains(p.body, `href="/drills/filter-drill"`) != tt.listed {
			t.Errorf("GET /drills%s: status %d, listed %v; want %d with %q, listed %v:\n%s", tt.query, p.status,
				strings.Contains(p.body, `href="/drills/filter-drill"`), tt.status, tt.want, tt.listed, body)
		}
	}
}

func TestNotFoundInLayout(t *testing.T) {
	tc := newTestConsole(t)
	b := tc.browser(t)
	b.signIn("vic")
	p := b.get("/no/such/page")
	if p.status != http.StatusNotFound || !strings.Contains(p.body, `nav aria-label="Main"`) || !strings.Contains(p.body, "vic · viewer") ||
		!strings.Contains(p.body, "There is no page /no/such/page in the console") {
		t.Errorf("unknown page: status %d; want 404 in the layout with vic's menu:\n%s", p.status, p.body)
	}
	if p := b.get("/drills/no-such-drill"); p.status != http.StatusNotFound || !strings.Contains(p.body, `nav aria-label="Main"`) ||
		!strings.Contains(p.body, "There is no drill no-such-drill") {
		t.Errorf("unknown drill: status %d; want 404 in the layout:\n%s", p.status, p.body)
	}
	// A reload of the URL an error was shown at goes to the form's page.
	for path, want := range map[string]string{"/inbox/complete": "/inbox", "/drills/x/abort": "/drills/x", "/schedules/x/pause": "/schedules"} {
		if p := b.get(path); p.status != http.StatusSeeOther || p.location != want {
			t.Errorf("GET %s: status %d, location %q; want 303 to %s", path, p.status, p.location, want)
		}
	}
	// Signed out, an unknown page is not the sign-in page: a browser fetching
	// /favicon.ico beside the sign-in form would get a new form token.
	out := tc.browser(t)
	lp := out.get("/login")
	if p := out.get("/favicon.ico"); p.status != http.StatusNotFound || p.header.Get("Set-Cookie") != "" {
		t.Errorf("favicon signed out: status %d, cookies %q; want 404 and no new sign-in token", p.status, p.header.Get("Set-Cookie"))
	}
	if p := out.post("/login", url.Values{"csrf": {csrf(t, lp)}, "name": {"vic"}, "password": {testPassword}}); p.status != http.StatusSeeOther {
		t.Errorf("sign in after the favicon: status %d; want 303\n%s", p.status, p.body)
	}
}

func TestOperatorLandsOnInbox(t *testing.T) {
	tc := newTestConsole(t)
	signIn := func(name string) (page, *browser) {
		b := tc.browser(t)
		lp := b.get("/login")
		p := b.post("/login", url.Values{"csrf": {csrf(t, lp)}, "name": {name}, "password": {testPassword}, "next": {"/"}})
		if p.status != http.StatusSeeOther {
			t.Fatalf("sign in %s: status %d", name, p.status)
		}
		return b.get(p.location), b
	}
	// Nothing waits (for olga) unless a drill runs: she lands on readiness.
	if p, _ := signIn("olga"); p.location != "/readiness" && tc.c.waitingFor(tc.c.o.Users.byName["olga"]) == 0 {
		t.Errorf("olga with nothing waiting lands on %q, want /readiness", p.location)
	}
	startTabletop(t, tc.eng, "landing-drill")
	tc.waitStep(t, "landing-drill", "approve-switch")
	defer func() {
		_ = tc.c.o.Backend.Abort(context.Background(), "landing-drill", drill.Abort{Actor: "test", Reason: "test over"})
	}()
	tc.c.waits.forget()
	p, b := signIn("olga")
	if p.location != "/inbox" {
		t.Errorf("olga with a step waiting lands on %q, want /inbox", p.location)
	}
	inbox := b.get("/inbox")
	if !regexp.MustCompile(`Inbox <span class="count">[1-9][0-9]*<span class="vh"> waiting for you</span></span>`).MatchString(inbox.body) {
		t.Errorf("olga's menu does not count the steps waiting for her:\n%s", inbox.body)
	}
	if p, _ := signIn("vic"); p.location != "/readiness" {
		t.Errorf("viewer lands on %q, want /readiness", p.location)
	}
}
