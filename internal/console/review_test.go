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

	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
)

// reviewQuery is the query of the review of the test catalog's tabletop
// scenario.
func reviewQuery(nonce string, change map[string]string) string {
	v := url.Values{"nonce": {nonce}, "catalog": {"testdata/catalog"}, "scenario": {"testdata/portal-tabletop.yaml"}, "note": {"dry run"}}
	for k, s := range change {
		v.Set(k, s)
	}
	return v.Encode()
}

// The review shows what the drill touches before anything starts, and its
// Start button posts the same drill.
func TestStartReview(t *testing.T) {
	tc := newTestConsole(t)
	b := tc.browser(t)
	tok := b.signIn("alice")
	form := b.get("/drills/new")
	for _, want := range []string{
		`<option value="testdata/catalog" selected>testdata/catalog</option>`,
		`<optgroup label="hoster"><option value="hoster-1-day">hoster: 1 day (compressed)</option><option value="hoster-1-week">hoster: 1 week (compressed)</option><option value="hoster-1-month">hoster: 1 month (compressed)</option></optgroup>`,
		`<option value="testdata/portal-tabletop.yaml">Hoster gone, people at the table: hoster gone for 1 week (tabletop; portal-tabletop) — portal-tabletop.yaml</option>`,
		`<input type="radio" name="mode" value="compressed">`, `name="timescale"`,
	} {
		if !strings.Contains(form.body, want) {
			t.Errorf("the start form lacks %s:\n%s", want, form.body)
		}
	}
	if strings.Contains(form.body, `<input id="catalog" name="catalog"`) {
		t.Errorf("the start form takes a catalog as free text:\n%s", form.body)
	}
	nonce := b.startForm()
	p := b.get("/drills/review?" + reviewQuery(nonce, nil))
	if p.status != http.StatusOK {
		t.Fatalf("review: status %d\n%s", p.status, p.body)
	}
	id := "portal-tabletop-" + nonce
	for _, want := range []string{
		"Lost: <strong>hoster</strong> for <strong>1 week</strong>. Mode <strong>tabletop</strong>",
		"1 of 2 processes of Consoletest are impacted. Drill id <code>" + id + "</code>",
		"<h3>portal-service · &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h3>", "Applications lost: portal", "Runbook <code>portal-recovery</code>: 5 steps, 1 rollback steps.",
		"<li><code>check-dns</code> command <span class=\"tag paper\">runs on a real system</span></li>",
		"<li><strong>portal-service/check-dns</strong> (command): <code>true</code></li>",
		"<li><strong>portal-service/switch-back</strong> (command, rollback): <code>true</code></li>",
		`<input type="hidden" name="nonce" value="` + nonce + `">`, "Start drill</button>",
		`<a class="button" href="/drills/new?catalog=testdata%2Fcatalog&amp;nonce=` + nonce + `&amp;note=dry&#43;run&amp;scenario=testdata%2Fportal-tabletop.yaml">Change</a>`,
	} {
		if !strings.Contains(p.body, want) {
			t.Errorf("the review lacks %s:\n%s", want, p.body)
		}
	}
	if strings.Contains(p.body, "mail-service") {
		t.Errorf("the review lists the unaffected mail-service")
	}
	if ids := tc.drillsWithNonce(t, nonce); len(ids) != 0 {
		t.Fatalf("the review started %v", ids)
	}
	// Change opens the form as it was.
	if back := b.get("/drills/new?" + reviewQuery(nonce, nil)); !strings.Contains(back.body, `<option value="testdata/portal-tabletop.yaml" selected>`) ||
		!strings.Contains(back.body, ">dry run</textarea>") || !strings.Contains(back.body, `value="`+nonce+`"`) {
		t.Errorf("the form opened from the review lost its fields:\n%s", back.body)
	}

	// A compressed drill at a time scale of its own: the review says what
	// was changed from the scenario, and the drill runs so.
	q := reviewQuery(nonce, map[string]string{"mode": "compressed", "timescale": "720000"})
	if p := b.get("/drills/review?" + q); !strings.Contains(p.body, "set for this drill: mode compressed (scenario: tabletop), time scale 720000 (scenario: 360000)") {
		t.Errorf("the review of a compressed drill:\n%s", p.body)
	}
	start := url.Values{"csrf": {tok}}
	for k, v := range mustParseQuery(t, q) {
		start[k] = v
	}
	if p := b.post("/drills", start); p.status != http.StatusSeeOther || p.location != "/drills/"+id {
		t.Fatalf("start from the review: status %d, location %q\n%s", p.status, p.location, p.body)
	}
	res := tc.result(t, id)
	if res.Scenario.Mode != "compressed" || res.Scenario.TimeScale != 720000 || len(res.Processes) != 1 || res.Processes[0].Verdict != drill.Recovered {
		t.Errorf("the drill started from the review: mode %s, scale %v, processes %+v", res.Scenario.Mode, res.Scenario.TimeScale, res.Processes)
	}
}

func mustParseQuery(t *testing.T, q string) url.Values {
	t.Helper()
	v, err := url.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Every mistake in the start form is said on the review (and on a start
// posted without it) in words, with the form, and nothing starts.
func TestStartReviewErrors(t *testing.T) {
	tc := newTestConsole(t)
	b := tc.browser(t)
	tok := b.signIn("alice")
	nonce := b.startForm()
	for _, tt := range []struct {
		name   string
		change map[string]string
		want   string
	}{
		// The rule of `run --time-scale` (scenarios.Override): declared time
		// is scaled in tabletop and compressed mode, never in live mode.
		{"time scale for live", map[string]string{"mode": "live", "timescale": "720"},
			"a time scale is not for live mode, where time is real; allowed: a time scale with mode compressed or tabletop"},
		{"time scale not a number", map[string]string{"mode": "compressed", "timescale": "fast"}, `time scale "fast" is not a positive number; allowed: scenario seconds per wall-clock second`},
		{"time scale zero", map[string]string{"mode": "compressed", "timescale": "0"}, `time scale "0" is not a positive number`},
		// The rest of the mode and time scale is checked by Prepare
		// (scenarios.Override), as for exitdrill run, and said in its words.
		{"time scale negative", map[string]string{"mode": "compressed", "timescale": "-5"}, "scenario portal-tabletop: time scale -5 is not positive; allowed: scenario seconds per wall-clock second"},
		{"time scale not a finite number", map[string]string{"mode": "compressed", "timescale": "NaN"}, "scenario portal-tabletop: time scale NaN is not positive"},
		{"unknown mode", map[string]string{"mode": "rehearsal"}, `scenario portal-tabletop: mode "rehearsal" is not a drill mode; allowed: live, tabletop, compressed`},
		{"unknown catalog", map[string]string{"catalog": "/srv/other"}, `catalog "/srv/other" is not one of this console's catalogs (testdata/catalog)`},
		{"scenario not in the catalog", map[string]string{"scenario": "aws-1-month"}, "unknown supplier in catalog Consoletest"},
		{"no scenario", map[string]string{"scenario": ""}, "catalog and scenario are required"},
		{"no nonce", map[string]string{"nonce": ""}, "the form lacks its drill nonce"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q := reviewQuery(nonce, tt.change)
			p := b.get("/drills/review?" + q)
			if body := html.UnescapeString(p.body); p.status != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) || !strings.Contains(body, "Review the drill</button>") {
				t.Errorf("review: status %d; want 422 with %q and the form:\n%s", p.status, tt.want, p.body)
			}
			start := mustParseQuery(t, q)
			start.Set("csrf", tok)
			p = b.post("/drills", start)
			if body := html.UnescapeString(p.body); p.status != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) {
				t.Errorf("start: status %d; want 422 with %q:\n%s", p.status, tt.want, p.body)
			}
		})
	}
	if ids := tc.drillsWithNonce(t, nonce); len(ids) != 0 {
		t.Errorf("refused forms started %v", ids)
		for _, id := range ids {
			_ = tc.c.o.Backend.Abort(context.Background(), id, drill.Abort{Actor: "test", Reason: "test over"})
		}
	}
}

// noWorkerBackend sends preflights to a task queue no worker polls.
type noWorkerBackend struct{ Backend }

func (b noWorkerBackend) Preflight(ctx context.Context, opts client.StartWorkflowOptions, plan *drill.Plan) (drill.PreflightOutput, error) {
	opts.TaskQueue = "no-worker-here"
	return b.Backend.Preflight(ctx, opts, plan)
}

// The review has a worker preflight the drill, as exitdrill run does, and
// lists the steps the worker cannot attempt before Start is pressed; when no
// worker polls, it says so in words at once and still shows the drill.
func TestReviewRunsPreflight(t *testing.T) {
	tc := consoleOn(t, writeTestUsers(t), Options{Catalog: []string{"testdata/catalog", "testdata/worker-lacks"}})
	b := tc.browser(t)
	tok := b.signIn("alice")
	nonce := b.startForm()

	lacks := b.get("/drills/review?" + reviewQuery(nonce, map[string]string{"catalog": "testdata/worker-lacks"}))
	for _, want := range []string{"What the worker can attempt", "1 of 2 automated steps cannot be attempted on the worker. Start refuses the drill until they can",
		"portal-service/switch (command): cannot run /nonexistent/exitdrill-switch-tool on this worker: /nonexistent/exitdrill-switch-tool does not exist",
		"Start drill"} {
		if lacks.status != http.StatusOK || !strings.Contains(text(lacks.body), want) {
			t.Errorf("review on a worker that lacks a tool: status %d; want 200 with %q:\n%s", lacks.status, want, text(lacks.body))
		}
	}
	ready := b.get("/drills/review?" + reviewQuery(nonce, nil))
	if !regexp.MustCompile(`The worker can attempt all [1-9][0-9]* automated steps\.`).MatchString(text(ready.body)) || strings.Contains(ready.body, "cannot be attempted") {
		t.Errorf("review on a worker that has everything:\n%s", text(ready.body))
	}

	tc.c.o.Backend = noWorkerBackend{tc.c.o.Backend}
	began := time.Now()
	none := b.get("/drills/review?" + reviewQuery(nonce, nil))
	took := time.Since(began)
	for _, want := range []string{`The worker's check (preflight) could not run, so this page cannot say which steps the worker can attempt`,
		`no worker polls the task queue "no-worker-here": is`, "You can still review the drill.", "1 of 2 processes of Consoletest are impacted", "Start drill"} {
		if none.status != http.StatusOK || !strings.Contains(text(none.body), want) {
			t.Errorf("review without a worker: status %d; want 200 with %q:\n%s", none.status, want, text(none.body))
		}
	}
	if took > 5*time.Second {
		t.Errorf("the review without a worker took %s: it waited for one", took)
	}
	start := url.Values{"csrf": {tok}}
	for k, v := range mustParseQuery(t, reviewQuery(nonce, nil)) {
		start[k] = v
	}
	if p := b.post("/drills", start); p.status != http.StatusBadGateway || !strings.Contains(text(p.body), `no worker polls the task queue "no-worker-here"`) {
		t.Errorf("start without a worker: status %d; want 502 saying no worker polls:\n%s", p.status, text(p.body))
	}
	_, suffix, _ := parseNonce(nonce)
	if ids := tc.drillsWithNonce(t, suffix); len(ids) != 0 {
		t.Errorf("drills started: %v, want none", ids)
	}
}
