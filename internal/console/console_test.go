package console

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/workflows"
)

func TestUnauthenticatedGoesToLogin(t *testing.T) {
	tc := newTestConsole(t)
	b := tc.browser(t)
	for _, path := range []string{"/", "/readiness", "/drills", "/drills/new", "/drills/x", "/inbox", "/schedules", "/reports", "/catalog", "/stop-all", "/stop-all/done",
		"/findings", "/readiness/hoster/30d"} {
		p := b.get(path)
		if want := "/login?next=" + url.QueryEscape(path); p.status != http.StatusSeeOther || p.location != want {
			t.Errorf("GET %s: status %d, location %q; want 303 to %q", path, p.status, p.location, want)
		}
	}
	p := b.post("/inbox/complete", url.Values{"drill": {"x"}, "process": {"p"}, "step": {"s"}})
	if p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/login") {
		t.Errorf("POST /inbox/complete: status %d, location %q; want 303 to the login page", p.status, p.location)
	}
	lp := b.get("/login")
	if lp.status != http.StatusOK || !strings.Contains(lp.body, `type="password"`) {
		t.Errorf("GET /login: status %d\n%s", lp.status, lp.body)
	}
}

func TestLogin(t *testing.T) {
	tc := newTestConsole(t)

	t.Run("cookie flags", func(t *testing.T) {
		b := tc.browser(t)
		lp := b.get("/login")
		req, _ := http.NewRequest(http.MethodPost, tc.URL+"/login", strings.NewReader(url.Values{"csrf": {csrf(t, lp)}, "name": {"vic"}, "password": {testPassword}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := b.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var got *http.Cookie
		for _, c := range resp.Cookies() {
			if c.Name == sessionCookie {
				got = c
			}
		}
		if got == nil || !got.HttpOnly || got.SameSite != http.SameSiteStrictMode || got.Secure {
			t.Errorf("session cookie = %+v; want HttpOnly, SameSite=Strict, not Secure on plain HTTP", got)
		}
	})

	t.Run("secure option", func(t *testing.T) {
		tc.c.o.Secure = true
		defer func() { tc.c.o.Secure = false }()
		b := tc.browser(t)
		lp := b.get("/login")
		if sc := lp.header.Get("Set-Cookie"); !strings.Contains(sc, "Secure") || !strings.Contains(sc, "HttpOnly") {
			t.Errorf("login cookie with Secure option: %q", sc)
		}
	})

	t.Run("form without its token", func(t *testing.T) {
		b := tc.browser(t)
		p := b.post("/login", url.Values{"name": {"alice"}, "password": {testPassword}})
		if p.status != http.StatusForbidden || b.get("/drills").status != http.StatusSeeOther {
			t.Errorf("login without CSRF token: status %d; want 403 and no session", p.status)
		}
	})

	t.Run("wrong password, then rate limit", func(t *testing.T) {
		tc.c.logins = newLimiter(loginBurst, loginRefillEvery, time.Now) // the earlier subtests signed in
		b := tc.browser(t)
		for i := range loginBurst + 1 {
			lp := b.get("/login")
			p := b.post("/login", url.Values{"csrf": {csrf(t, lp)}, "name": {"alice"}, "password": {"wrong"}})
			want := http.StatusUnauthorized
			if i == loginBurst {
				want = http.StatusTooManyRequests
			}
			if p.status != want {
				t.Fatalf("attempt %d: status %d, want %d", i+1, p.status, want)
			}
			if want == http.StatusTooManyRequests && (p.header.Get("Retry-After") == "" || !strings.Contains(p.body, "Too many sign-in attempts")) {
				t.Errorf("rate-limited answer: Retry-After %q\n%s", p.header.Get("Retry-After"), p.body)
			}
		}
		// Even the right password waits now.
		lp := b.get("/login")
		if p := b.post("/login", url.Values{"csrf": {csrf(t, lp)}, "name": {"alice"}, "password": {testPassword}}); p.status != http.StatusTooManyRequests {
			t.Errorf("right password while limited: status %d, want 429", p.status)
		}
		tc.c.logins = newLimiter(loginBurst, loginRefillEvery, time.Now) // let the other subtests sign in
	})

	t.Run("open redirect refused", func(t *testing.T) {
		b := tc.browser(t)
		lp := b.get("/login")
		p := b.post("/login", url.Values{"csrf": {csrf(t, lp)}, "name": {"vic"}, "password": {testPassword}, "next": {"//evil.example/"}})
		if p.status != http.StatusSeeOther || p.location != "/" {
			t.Errorf("next=//evil.example/: location %q, want /", p.location)
		}
	})

	t.Run("sign out", func(t *testing.T) {
		b := tc.browser(t)
		tok := b.signIn("vic")
		if p := b.post("/logout", url.Values{"csrf": {tok}}); p.status != http.StatusSeeOther {
			t.Fatalf("logout: status %d", p.status)
		}
		if p := b.get("/drills"); p.status != http.StatusSeeOther {
			t.Errorf("after sign out: status %d, want 303 to login", p.status)
		}
	})
}

func TestEveryPageRenders(t *testing.T) {
	tc := newTestConsole(t)
	for _, u := range testUsers {
		b := tc.browser(t)
		b.signIn(u.name)
		for _, path := range []string{"/readiness", "/drills", "/inbox", "/schedules", "/reports", "/catalog", "/readiness?owner=Operations&supplier=hoster",
			"/findings", "/readiness/hoster/30d"} {
			p := b.get(path)
			if p.status != http.StatusOK || !strings.Contains(p.body, "</html>") {
				t.Errorf("%s GET %s: status %d\n%s", u.name, path, p.status, p.body)
			}
			if csp := p.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("%s: CSP %q", path, csp)
			}
		}
		stop := b.get("/stop-all")
		manager := u.role == RoleManager
		if (stop.status == http.StatusOK) != manager || strings.Contains(b.get("/drills").body, "Emergency stop") != manager {
			t.Errorf("%s (%s): emergency stop page status %d; want it for continuity managers only", u.name, u.role, stop.status)
		}
	}
	b := tc.browser(t)
	b.signIn("vic")
	if p := b.get("/drills/no-such-drill"); p.status != http.StatusNotFound {
		t.Errorf("unknown drill: status %d, want 404", p.status)
	}
	if p := b.get("/assets/console.css"); p.status != http.StatusOK || !strings.HasPrefix(p.header.Get("Content-Type"), "text/css") {
		t.Errorf("css: status %d, type %q", p.status, p.header.Get("Content-Type"))
	}
}

func TestCatalogNamesAreEscaped(t *testing.T) {
	tc := newTestConsole(t)
	b := tc.browser(t)
	b.signIn("vic")
	for _, path := range []string{"/catalog", "/readiness"} {
		p := b.get(path)
		if p.status != http.StatusOK {
			t.Fatalf("GET %s: status %d\n%s", path, p.status, p.body)
		}
		if strings.Contains(p.body, "<script>alert") || !strings.Contains(p.body, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") {
			t.Errorf("GET %s: the process name is not shown escaped:\n%s", path, p.body)
		}
	}
	cat := b.get("/catalog").body
	for _, want := range []string{"review overdue", "portal-service -&gt; portal -&gt; hoster", "Consoletest"} {
		if !strings.Contains(cat, want) {
			t.Errorf("catalog page lacks %q", want)
		}
	}
}

func TestCSRFTokenRequired(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "csrf-drill")
	tc.waitStep(t, "csrf-drill", "approve-switch")
	b := tc.browser(t)
	tok := b.signIn("alice")
	for _, form := range []url.Values{
		{"reason": {"no token"}},
		{"reason": {"wrong token"}, "csrf": {"x" + tok}},
	} {
		if p := b.post("/drills/csrf-drill/abort", form); p.status != http.StatusForbidden {
			t.Errorf("abort with %v: status %d, want 403", form, p.status)
		}
	}
	form := url.Values{"drill": {"csrf-drill"}, "process": {"portal-service"}, "step": {"approve-switch"}, "role": {"process-owner"}, "outcome": {"pass"}}
	if p := b.post("/inbox/complete", form); p.status != http.StatusForbidden {
		t.Errorf("complete without token: status %d, want 403", p.status)
	}
	// Nothing happened: the drill runs and the step still waits.
	tc.waitStep(t, "csrf-drill", "approve-switch")
	form.Set("csrf", tok)
	if p := b.post("/drills/csrf-drill/abort", url.Values{"csrf": {tok}, "reason": {"test over"}}); p.status != http.StatusSeeOther {
		t.Errorf("abort with token: status %d\n%s", p.status, p.body)
	}
	if res := tc.result(t, "csrf-drill"); res.Abort == nil || res.Abort.Actor != "alice (console continuity-manager)" || res.Abort.Reason != "test over" {
		t.Errorf("abort record = %+v; want alice's, reason test over", res.Abort)
	}
}

func TestTabletopDrillFromTheInbox(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "inbox-drill")
	tc.waitStep(t, "inbox-drill", "approve-switch")
	step := url.Values{"drill": {"inbox-drill"}, "process": {"portal-service"}, "step": {"approve-switch"}, "role": {"process-owner"}}
	with := func(v url.Values, kv ...string) url.Values {
		out := url.Values{}
		for k, vs := range v {
			out[k] = vs
		}
		for i := 0; i < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}

	t.Run("viewer", func(t *testing.T) {
		b := tc.browser(t)
		tok := b.signIn("vic")
		inbox := b.get("/inbox")
		if !strings.Contains(inbox.body, "approve-switch") || strings.Contains(inbox.body, "Complete step") {
			t.Errorf("viewer's inbox: want the waiting step listed without a complete button:\n%s", inbox.body)
		}
		if p := b.post("/inbox/complete", with(step, "csrf", tok, "outcome", "pass")); p.status != http.StatusForbidden {
			t.Errorf("viewer completes: status %d, want 403", p.status)
		}
		if p := b.post("/drills/inbox-drill/abort", url.Values{"csrf": {tok}, "reason": {"x"}}); p.status != http.StatusForbidden {
			t.Errorf("viewer aborts: status %d, want 403", p.status)
		}
		tc.waitStep(t, "inbox-drill", "approve-switch") // nothing changed
	})

	t.Run("operator without the step's role", func(t *testing.T) {
		b := tc.browser(t)
		tok := b.signIn("desk")
		if strings.Contains(b.get("/inbox").body, "Complete step") {
			t.Errorf("desk sees a complete button for a process-owner step")
		}
		if p := b.post("/inbox/complete", with(step, "csrf", tok, "outcome", "pass")); p.status != http.StatusForbidden {
			t.Errorf("desk completes a process-owner step: status %d, want 403", p.status)
		}
		if p := b.post("/drills/inbox-drill/abort", url.Values{"csrf": {tok}, "reason": {"x"}}); p.status != http.StatusForbidden {
			t.Errorf("operator aborts: status %d, want 403", p.status)
		}
		tc.waitStep(t, "inbox-drill", "approve-switch")
	})

	b := tc.browser(t)
	tok := b.signIn("olga")
	t.Run("validation errors come back to the form", func(t *testing.T) {
		for _, tt := range []struct{ name, outcome, took, want string }{
			{"unknown outcome", "maybe", "", `Choose the outcome: pass or fail (the form sent "maybe").`},
			{"bad duration", "pass", "soon", `Your own count of the time, "soon": malformed duration. Write it like 25m`},
			{"step of another process", "pass", "", "Drill inbox-drill has no process nope."},
		} {
			f := with(step, "csrf", tok, "outcome", tt.outcome, "took", tt.took)
			if tt.name == "step of another process" {
				f.Set("process", "nope")
			}
			p := b.post("/inbox/complete", f)
			want := http.StatusUnprocessableEntity
			if tt.name == "step of another process" {
				want = http.StatusNotFound
			}
			if p.status != want || !strings.Contains(p.body, tt.want) || !strings.Contains(p.body, "Complete step") {
				t.Errorf("%s: status %d; want %d with %q and the form:\n%s", tt.name, p.status, want, tt.want, p.body)
			}
		}
		tc.waitStep(t, "inbox-drill", "approve-switch")
	})

	t.Run("operator completes both steps", func(t *testing.T) {
		inbox := b.get("/inbox")
		if !strings.Contains(inbox.body, "Complete step") || !strings.Contains(inbox.body, "Confirm that the portal answers on the standby host.") {
			t.Fatalf("olga's inbox lacks the step:\n%s", inbox.body)
		}
		p := b.post("/inbox/complete", with(step, "csrf", tok, "outcome", "pass", "note", "standby answers <on> 443"))
		if p.status != http.StatusSeeOther || p.location != "/inbox" {
			t.Fatalf("complete: status %d, location %q\n%s", p.status, p.location, p.body)
		}
		if after := b.get("/inbox"); !strings.Contains(after.body, "portal-service/approve-switch passed by olga (console operator)") {
			t.Errorf("no confirmation after completing:\n%s", after.body)
		}
		tc.waitStep(t, "inbox-drill", "confirm-service")
		live := b.get("/drills/inbox-drill/live")
		if live.status != http.StatusOK || strings.Contains(live.body, "<html") || !strings.Contains(live.body, "approve-switch") || !strings.Contains(live.body, "service-desk") {
			t.Errorf("live fragment: status %d\n%s", live.status, live.body)
		}
		p = b.post("/inbox/complete", with(step, "csrf", tok, "step", "confirm-service", "role", "service-desk", "outcome", "pass", "took", "50m"))
		if p.status != http.StatusSeeOther {
			t.Fatalf("complete confirm-service: status %d\n%s", p.status, p.body)
		}
	})

	res := tc.result(t, "inbox-drill")
	if len(res.Processes) != 1 || res.Processes[0].Verdict != drill.Recovered {
		t.Fatalf("drill result: %+v", res.Processes)
	}
	got := map[string]*drill.StepResult{}
	for _, s := range res.Processes[0].Steps {
		got[s.Step] = s
	}
	if s := got["approve-switch"]; s == nil || s.Actor != "olga (console operator)" || s.Role != "process-owner" || s.Note != "standby answers <on> 443" {
		t.Errorf("approve-switch in the evidence: %+v", s)
	}
	if s := got["confirm-service"]; s == nil || s.Actor != "olga (console operator)" || s.Role != "service-desk" {
		t.Errorf("confirm-service in the evidence: %+v", s)
	}
	view := b.get("/drills/inbox-drill")
	if !strings.Contains(view.body, "recovered") || !strings.Contains(view.body, "standby answers &lt;on&gt; 443") {
		t.Errorf("finished drill view:\n%s", view.body)
	}
	if list := b.get("/drills"); !strings.Contains(list.body, `href="/drills/inbox-drill"`) {
		t.Errorf("drill list lacks inbox-drill:\n%s", list.body)
	}

	t.Run("reports and readiness", func(t *testing.T) {
		if res.Evidence == nil || res.Evidence.Error != "" {
			t.Fatalf("evidence: %+v", res.Evidence)
		}
		rp := b.get("/reports")
		if !strings.Contains(rp.body, "inbox-drill") || !strings.Contains(rp.body, "verified") {
			t.Fatalf("reports page:\n%s", rp.body)
		}
		if p := b.get("/reports/inbox-drill/report.html"); p.status != http.StatusOK || !strings.Contains(p.body, "inbox-drill") ||
			p.header.Get("Content-Type") != "text/html; charset=utf-8" || p.header.Get("Cache-Control") != "no-store" {
			t.Errorf("HTML report: status %d, type %q, Cache-Control %q (want no-store)", p.status, p.header.Get("Content-Type"), p.header.Get("Cache-Control"))
		}
		if p := b.get("/reports/inbox-drill/bundle.tar.gz"); p.status != http.StatusOK || !strings.HasPrefix(p.body, "\x1f\x8b") ||
			p.header.Get("Cache-Control") != "no-store" {
			t.Errorf("bundle download: status %d, %d bytes, Cache-Control %q (want no-store)", p.status, len(p.body), p.header.Get("Cache-Control"))
		}
		if p := b.get("/reports/..%2F..%2Fetc/bundle.tar.gz"); p.status != http.StatusNotFound {
			t.Errorf("bundle outside the reports: status %d, want 404", p.status)
		}
		rd := b.get("/readiness")
		// A tabletop drill proves the plan only, and the page links the
		// bundle behind each verdict.
		if !strings.Contains(rd.body, `<span class="tag proven">proven (plan only)</span> recovered`) || !strings.Contains(rd.body, "hoster") ||
			!strings.Contains(rd.body, `<a href="/reports/inbox-drill/report.html">inbox-drill</a>`) {
			t.Errorf("readiness page lacks the recovered process, proven plan only, linked to its bundle:\n%s", rd.body)
		}
		if f := b.get("/readiness?owner=Communications"); strings.Contains(f.body, "portal-service") {
			t.Errorf("owner filter Communications still lists portal-service")
		}
	})
}

func TestEmergencyStop(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "stop-a")
	startTabletop(t, tc.eng, "stop-b")
	tc.waitStep(t, "stop-a", "approve-switch")
	tc.waitStep(t, "stop-b", "approve-switch")
	ctx := context.Background()
	sched := tc.eng.Client.ScheduleClient()
	if _, err := sched.Create(ctx, client.ScheduleOptions{
		ID: "every-3-min", Spec: client.ScheduleSpec{CronExpressions: []string{"*/3 * * * *"}},
		Action: &client.ScheduleWorkflowAction{ID: "every-3-min", Workflow: workflows.Drill, TaskQueue: engine.TaskQueue, Args: []any{drill.DrillInput{}}},
	}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the schedule is listed", 30*time.Second, func() bool {
		it, err := sched.List(ctx, client.ScheduleListOptions{})
		return err == nil && it.HasNext()
	})
	b := tc.browser(t)
	tok := b.signIn("alice")
	if p := b.get("/stop-all"); !strings.Contains(p.body, "stop-a") || !strings.Contains(p.body, "stop-b") {
		t.Errorf("confirmation page does not list the running drills:\n%s", p.body)
	}
	if p := b.post("/stop-all", url.Values{"csrf": {tok}, "reason": {"fire"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("stop-all without confirmation: status %d, want 422", p.status)
	}
	if p := b.get("/stop-all/done"); p.status != http.StatusOK || !strings.Contains(text(p.body), "This session sent no emergency stop in the last hour") {
		t.Errorf("the result page before any stop: status %d\n%s", p.status, text(p.body))
	}
	// POST, redirect, GET: the stop answers 303 to its result page.
	post := b.post("/stop-all", url.Values{"csrf": {tok}, "reason": {"fire in the data centre"}, "confirm": {"yes"}})
	if post.status != http.StatusSeeOther || post.location != "/stop-all/done" {
		t.Fatalf("stop-all: status %d, location %q; want 303 to /stop-all/done\n%s", post.status, post.location, post.body)
	}
	// The result lists the drills stopped and the schedules paused, each
	// with its resume button.
	result := func(p page) {
		t.Helper()
		if p.status != http.StatusOK {
			t.Errorf("GET /stop-all/done: status %d, want 200", p.status)
		}
		for _, want := range []string{`<a href="/drills/stop-a">stop-a</a>`, `<a href="/drills/stop-b">stop-b</a>`, "Schedules paused (1)",
			`<form method="post" action="/schedules/every-3-min/unpause">`, "Resume every-3-min</button>", "fire in the data centre"} {
			if !strings.Contains(p.body, want) {
				t.Errorf("stop-all result lacks %q:\n%s", want, p.body)
			}
		}
	}
	result(b.get(post.location))
	for _, id := range []string{"stop-a", "stop-b"} {
		res := tc.result(t, id)
		if res.Abort == nil || !res.Abort.Emergency || res.Abort.Actor != "alice (console continuity-manager)" {
			t.Errorf("%s: abort %+v; want an emergency stop by alice", id, res.Abort)
		}
	}
	d, err := sched.GetHandle(ctx, "every-3-min").Describe(ctx)
	if err != nil || !d.Schedule.State.Paused || d.Schedule.State.Note != "emergency stop by alice (console continuity-manager): fire in the data centre" {
		t.Errorf("schedule after the emergency stop: %v, %+v; want paused with the stop's actor and reason", err, d)
	}

	// Reloading the result stops and pauses nothing again: a drill started
	// since keeps running, a schedule resumed since stays active, and the
	// page still shows the stop as it was sent.
	if p := b.post("/schedules/every-3-min/unpause", url.Values{"csrf": {tok}}); p.status != http.StatusSeeOther {
		t.Fatalf("resume: status %d\n%s", p.status, p.body)
	}
	startTabletop(t, tc.eng, "stop-c")
	tc.waitStep(t, "stop-c", "approve-switch")
	defer func() { _ = tc.c.o.Backend.Abort(ctx, "stop-c", drill.Abort{Actor: "test", Reason: "test over"}) }()
	reload := b.get("/stop-all/done")
	result(reload)
	if strings.Contains(reload.body, "stop-c") {
		t.Errorf("the reloaded result names a drill started after the stop:\n%s", reload.body)
	}
	time.Sleep(time.Second) // an abort would have reached it by now
	if v, err := tc.c.o.Backend.Drill(ctx, "stop-c"); err != nil || !v.Running || (v.Progress != nil && v.Progress.Abort != nil) {
		t.Errorf("stop-c after reloading the result: %v, running %v; want running, never aborted", err, v != nil && v.Running)
	}
	if d, err := sched.GetHandle(ctx, "every-3-min").Describe(ctx); err != nil || d.Schedule.State.Paused {
		t.Errorf("the resumed schedule after reloading the result: %v, paused %v; want active", err, d != nil && d.Schedule.State.Paused)
	}
	// Another manager's session has no result to show.
	other := tc.browser(t)
	other.signIn("alice")
	if p := other.get("/stop-all/done"); strings.Contains(p.body, `href="/drills/stop-a"`) || !strings.Contains(text(p.body), "sent no emergency stop") {
		t.Errorf("another session sees this session's stop:\n%s", text(p.body))
	}
}

func TestSchedules(t *testing.T) {
	tc := newTestConsole(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := tc.eng.Client.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID: "console-sched", Spec: client.ScheduleSpec{CronExpressions: []string{"0 9 1 */3 *"}},
		Action: &client.ScheduleWorkflowAction{ID: "console-sched", Workflow: workflows.Drill, TaskQueue: engine.TaskQueue, Args: []any{drill.DrillInput{}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	viewer := tc.browser(t)
	vtok := viewer.signIn("vic")
	p := viewer.get("/schedules")
	if !strings.Contains(p.body, "console-sched") || !strings.Contains(p.body, "0 9 1 */3 *") || strings.Contains(p.body, "Pause</button>") {
		t.Errorf("viewer's schedules page: want the schedule and no buttons:\n%s", p.body)
	}
	if p := viewer.post("/schedules/console-sched/delete", url.Values{"csrf": {vtok}}); p.status != http.StatusForbidden {
		t.Errorf("viewer deletes: status %d, want 403", p.status)
	}
	b := tc.browser(t)
	tok := b.signIn("alice")
	paused := func() bool {
		d, err := tc.eng.Client.ScheduleClient().GetHandle(ctx, "console-sched").Describe(ctx)
		return err == nil && d.Schedule.State.Paused
	}
	if p := b.post("/schedules/console-sched/pause", url.Values{"csrf": {tok}, "reason": {"audit week"}}); p.status != http.StatusSeeOther || !paused() {
		t.Errorf("pause: status %d, paused %v", p.status, paused())
	}
	if p := b.post("/schedules/console-sched/unpause", url.Values{"csrf": {tok}}); p.status != http.StatusSeeOther || paused() {
		t.Errorf("unpause: status %d, paused %v", p.status, paused())
	}
	if p := b.post("/schedules/console-sched/delete", url.Values{"csrf": {tok}, "confirm": {"yes"}}); p.status != http.StatusSeeOther {
		t.Errorf("delete: status %d", p.status)
	}
	waitFor(t, "the schedule is gone", 10*time.Second, func() bool {
		_, err := tc.eng.Client.ScheduleClient().GetHandle(ctx, "console-sched").Describe(ctx)
		return err != nil
	})
}
