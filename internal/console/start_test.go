package console

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/engine"
)

var nonceFieldRE = regexp.MustCompile(`name="nonce" value="([^"]+)"`)

// startForm opens the start form and returns its nonce.
func (b *browser) startForm() string {
	b.t.Helper()
	p := b.get("/drills/new")
	m := nonceFieldRE.FindStringSubmatch(p.body)
	if p.status != http.StatusOK || m == nil {
		b.t.Fatalf("GET /drills/new: status %d, no nonce\n%s", p.status, p.body)
	}
	return m[1]
}

// tabletopForm is the start form for the test catalog's tabletop scenario.
func tabletopForm(tok, nonce, note string) url.Values {
	return url.Values{"csrf": {tok}, "nonce": {nonce}, "catalog": {"testdata/catalog"},
		"scenario": {"testdata/portal-tabletop.yaml"}, "note": {note}}
}

// drillsWithNonce are the ids of the drills (of any status) a form with nonce
// started.
func (tc *testConsole) drillsWithNonce(t *testing.T, nonce string) []string {
	t.Helper()
	rows, err := tc.c.o.Backend.Drills(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rows {
		if strings.HasSuffix(r.ID, "-"+nonce) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func TestStartDrillRunsToCompletion(t *testing.T) {
	tc := newTestConsole(t)
	b := tc.browser(t)
	tok := b.signIn("alice")
	if list := b.get("/drills"); !strings.Contains(list.body, `href="/drills/new"`) {
		t.Errorf("a continuity manager's drills page has no start button:\n%s", list.body)
	}
	form := b.get("/drills/new")
	if !strings.Contains(form.body, `value="testdata/catalog"`) {
		t.Errorf("the start form does not offer the console's catalog:\n%s", form.body)
	}
	nonce := b.startForm()
	p := b.post("/drills", tabletopForm(tok, nonce, "quarterly check <b>\r\nasked by the auditor"))
	id := "portal-tabletop-" + nonce
	if p.status != http.StatusSeeOther || p.location != "/drills/"+id {
		t.Fatalf("start: status %d, location %q; want 303 to /drills/%s\n%s", p.status, p.location, id, p.body)
	}
	view := b.get(p.location)
	for _, want := range []string{
		"drill " + id + " started: 1 of 2 processes impacted, mode tabletop",
		"<p>Started by alice (console continuity-manager)</p>",
		"<p class=\"drill-note\">Note: quarterly check &lt;b&gt;\nasked by the auditor</p>",
	} {
		if view.status != http.StatusOK || !strings.Contains(view.body, want) {
			t.Errorf("live view after starting: status %d, want %q in\n%s", view.status, want, view.body)
		}
	}
	if list := b.get("/drills"); !strings.Contains(list.body, `href="/drills/`+id+`"`) || !strings.Contains(list.body, `<td data-label="Scenario">portal-tabletop</td>`) {
		t.Errorf("the drills list lacks %s with its scenario:\n%s", id, list.body)
	}

	// People do the tabletop's manual steps; the drill ends recovered.
	ctx := context.Background()
	for _, st := range []struct{ step, role string }{{"approve-switch", "process-owner"}, {"confirm-service", "service-desk"}} {
		tc.waitStep(t, id, st.step)
		if _, err := tc.c.o.Backend.Complete(ctx, id, "portal-service", drill.CompleteStep{Step: st.step, Actor: "olga (console operator)",
			Role: st.role, Outcome: drill.OutcomePass}); err != nil {
			t.Fatalf("complete %s: %v", st.step, err)
		}
	}
	res := tc.result(t, id)
	if len(res.Processes) != 1 || res.Processes[0].Verdict != drill.Recovered {
		t.Fatalf("result: %+v", res.Processes)
	}
	if want := filepath.Join(reportsDir, id); res.Evidence == nil || res.Evidence.Error != "" || res.Evidence.Dir != want {
		t.Fatalf("evidence: %+v; want a bundle in %s", res.Evidence, want)
	}
	bundle, err := evidence.Load(os.DirFS(res.Evidence.Dir))
	if err != nil {
		t.Fatal(err)
	}
	wantSources := []drill.Source{{Role: "catalog", Spec: "testdata/catalog"}, {Role: "scenario", Spec: "testdata/portal-tabletop.yaml"}}
	if diff := cmp.Diff(wantSources, bundle.Sources); diff != "" {
		t.Errorf("sources in the evidence (-want +got):\n%s", diff)
	}
	var defs []string
	for _, d := range bundle.Definitions {
		defs = append(defs, d.Path)
	}
	if diff := cmp.Diff([]string{"definitions/catalog/catalog.yaml", "definitions/catalog/runbooks.yaml", "definitions/scenario/portal-tabletop.yaml"}, defs); diff != "" {
		t.Errorf("definitions in the evidence (-want +got):\n%s", diff)
	}
	// Who started the drill and why are in its evidence (the browser's CR LF
	// is a newline there), and only there: the drill has no memo.
	var started struct {
		StartedBy string `json:"startedBy"`
		Note      string `json:"note"`
	}
	if err := json.Unmarshal(bundle.Events[0].Data, &started); err != nil || bundle.Events[0].Type != evidence.EventDrillStarted {
		t.Fatalf("first event %s %s: %v", bundle.Events[0].Type, bundle.Events[0].Data, err)
	}
	want := "alice (console continuity-manager) / quarterly check <b>\nasked by the auditor"
	if got := started.StartedBy + " / " + started.Note; got != want {
		t.Errorf("drill.started: startedBy / note = %q, want %q", got, want)
	}
	if got := bundle.StartedBy + " / " + bundle.Note; got != want {
		t.Errorf("loaded bundle: startedBy / note = %q, want %q", got, want)
	}
	if _, err := evidence.Verify(os.DirFS(res.Evidence.Dir), nil); err != nil {
		t.Errorf("verify: %v", err)
	}
	desc, err := tc.eng.Client.DescribeWorkflowExecution(ctx, id, "")
	if err != nil {
		t.Fatal(err)
	}
	if memo := desc.GetWorkflowExecutionInfo().GetMemo().GetFields(); len(memo) != 0 {
		t.Errorf("the drill has a memo: %v", memo)
	}
	if view := b.get("/drills/" + id); !strings.Contains(view.body, "recovered") || !strings.Contains(view.body, "<p>Started by alice (console continuity-manager)</p>") {
		t.Errorf("finished drill's view:\n%s", view.body)
	}
}

func TestStartDrillSubmittedTwice(t *testing.T) {
	tc := newTestConsole(t)
	b := tc.browser(t)
	tok := b.signIn("alice")
	nonce := b.startForm()
	id := "portal-tabletop-" + nonce
	defer func() {
		_ = tc.c.o.Backend.Abort(context.Background(), id, drill.Abort{Actor: "test", Reason: "test over"})
	}()
	// A double click: both requests at once.
	var wg sync.WaitGroup
	pages := make([]page, 2)
	for i := range pages {
		wg.Go(func() { pages[i] = b.post("/drills", tabletopForm(tok, nonce, "double click")) })
	}
	wg.Wait()
	for i, p := range pages {
		if p.status != http.StatusSeeOther || p.location != "/drills/"+id {
			t.Errorf("submission %d: status %d, location %q; want 303 to /drills/%s\n%s", i+1, p.status, p.location, id, p.body)
		}
	}
	// Later, the browser's back button and submit again.
	p := b.post("/drills", tabletopForm(tok, nonce, "double click"))
	if p.status != http.StatusSeeOther || p.location != "/drills/"+id {
		t.Fatalf("third submission: status %d, location %q\n%s", p.status, p.location, p.body)
	}
	if view := b.get(p.location); !strings.Contains(view.body, "this form had already started drill "+id+": here it is") {
		t.Errorf("no word that the drill had already started:\n%s", view.body)
	}
	waitFor(t, id+" is listed", 10*time.Second, func() bool { return len(tc.drillsWithNonce(t, nonce)) > 0 })
	if got := tc.drillsWithNonce(t, nonce); !cmp.Equal(got, []string{id}) {
		t.Errorf("drills started by one form: %q, want just %s", got, id)
	}
	// A fresh form starts a drill of its own.
	other := b.startForm()
	if other == nonce {
		t.Fatalf("two forms share the nonce %s", nonce)
	}
}

// A drill whose step the worker cannot attempt is refused at the preflight,
// as by exitdrill run: 422 naming the step, and nothing started.
func TestStartDrillPreflight(t *testing.T) {
	tc := consoleOn(t, writeTestUsers(t), Options{Catalog: []string{"testdata/catalog", "testdata/worker-lacks"}})
	b := tc.browser(t)
	tok := b.signIn("alice")
	nonce := b.startForm()
	form := tabletopForm(tok, nonce, "")
	form.Set("catalog", "testdata/worker-lacks")
	p := b.post("/drills", form)
	want := "preflight: 1 of 2 steps cannot be attempted on the worker, nothing was started (fix the worker, or start the drill with exitdrill run --allow-inconclusive): " +
		"portal-service/switch (command): cannot run /nonexistent/exitdrill-switch-tool on this worker: /nonexistent/exitdrill-switch-tool does not exist"
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, want) || !strings.Contains(p.body, "Review the drill</button>") {
		t.Fatalf("status %d; want 422 with %q and the form:\n%s", p.status, want, p.body)
	}
	_, suffix, _ := parseNonce(nonce)
	if ids := tc.drillsWithNonce(t, suffix); len(ids) != 0 {
		t.Errorf("drills started: %v, want none", ids)
	}
}

func TestStartDrillRefused(t *testing.T) {
	tc := newTestConsole(t)
	const nonce = "20260102T030405Z-abcdef"

	for _, name := range []string{"vic", "olga"} {
		t.Run(name, func(t *testing.T) {
			b := tc.browser(t)
			tok := b.signIn(name)
			if list := b.get("/drills"); strings.Contains(list.body, "/drills/new") {
				t.Errorf("%s's drills page offers to start a drill", name)
			}
			if p := b.get("/drills/new"); p.status != http.StatusForbidden {
				t.Errorf("%s opens the start form: status %d, want 403", name, p.status)
			}
			if p := b.post("/drills", tabletopForm(tok, nonce, "")); p.status != http.StatusForbidden || !strings.Contains(p.body, "it needs continuity-manager") {
				t.Errorf("%s starts a drill: status %d; want 403 saying it needs continuity-manager\n%s", name, p.status, p.body)
			}
		})
	}

	b := tc.browser(t)
	tok := b.signIn("alice")
	t.Run("CSRF token", func(t *testing.T) {
		for _, csrf := range []string{"", "x" + tok} {
			form := tabletopForm(csrf, nonce, "")
			if csrf == "" {
				form.Del("csrf")
			}
			if p := b.post("/drills", form); p.status != http.StatusForbidden || !strings.Contains(p.body, "security token is missing or stale") {
				t.Errorf("start with token %q: status %d, want 403\n%s", csrf, p.status, p.body)
			}
		}
	})

	formNonce := b.startForm()
	for _, tt := range []struct {
		name, field, value, want string
	}{
		{"unknown scenario", "scenario", "no-such-scenario", `scenario &#34;no-such-scenario&#34; is neither a scenario id (of the library or the catalogs) nor a file in this console&#39;s scenario directories or catalogs`},
		{"scenario of another catalog", "scenario", "aws-1-day", `unknown supplier in catalog Consoletest`},
		{"no scenario", "scenario", "", "catalog and scenario are required"},
		{"missing catalog", "catalog", "testdata/nothing-here", "testdata/nothing-here"},
		{"malformed repository source", "catalog", "github:acme", "want github:OWNER/REPO/PATH@REF"},
		{"repository source without GitHub", "catalog", "github:acme/defs/catalog@main", "repository sources cannot be read here"},
		{"note too long", "note", strings.Repeat("é", 1001), "the note is 1001 characters long; at most 1000 are allowed"},
		{"control character in the note", "note", "ring\a", "the note has a control character (U&#43;0007) at character 5; only newline and tab are allowed"},
		{"no nonce", "nonce", "", "the form lacks its drill nonce"},
		{"forged nonce", "nonce", "../../x-abcdef", "the form lacks its drill nonce"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			form := tabletopForm(tok, formNonce, "keep this note")
			form.Set(tt.field, tt.value)
			p := b.post("/drills", form)
			if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, tt.want) || !strings.Contains(p.body, "Review the drill</button>") {
				t.Fatalf("status %d; want 422 with %q and the form:\n%s", p.status, tt.want, p.body)
			}
			kept := []string{`value="` + formNonce + `"`}
			if tt.field == "nonce" {
				kept = []string{`value="testdata/portal-tabletop.yaml"`, ">keep this note</textarea>"}
			} else if tt.field == "scenario" && tt.value != "" {
				kept = append(kept, `value="`+tt.value+`"`, ">keep this note</textarea>")
			}
			for _, k := range kept {
				if !strings.Contains(p.body, k) {
					t.Errorf("the form lost %s:\n%s", k, p.body)
				}
			}
		})
	}
	if got := tc.drillsWithNonce(t, formNonce); len(got) != 0 {
		t.Errorf("refused forms started %q", got)
	}
	if got := tc.drillsWithNonce(t, nonce); len(got) != 0 {
		t.Errorf("refused users started %q", got)
	}
}

func TestStartFormOffersFittingScenarios(t *testing.T) {
	tc := newTestConsole(t)
	b := tc.browser(t)
	b.signIn("alice")
	// The test catalog has none of the library's suppliers.
	if p := b.get("/drills/new"); strings.Contains(p.body, `<option value="aws-1-day">`) {
		t.Errorf("the form offers aws-1-day for a catalog without aws:\n%s", p.body)
	}
	tc.c.o.Catalog = []string{"../../examples/voorbeeldstad"}
	p := b.get("/drills/new")
	if want := `<option value="microsoft-1-month">`; !strings.Contains(p.body, want) {
		t.Errorf("the form for the example catalog lacks %s:\n%s", want, p.body)
	}
}

// The schedule form reads its catalog, scenario and note as the start form
// does (drillForm), plans the drill as exitdrill schedule create does and
// records who created the schedule.
func TestScheduleCreateForm(t *testing.T) {
	tc := newTestConsole(t)
	ctx := context.Background()
	b := tc.browser(t)
	tok := b.signIn("alice")
	if p := b.get("/schedules"); !strings.Contains(p.body, "Create schedule</button>") {
		t.Errorf("a continuity manager's schedules page has no form:\n%s", p.body)
	}
	form := url.Values{"csrf": {tok}, "catalog": {" testdata/catalog ,"}, "scenario": {" testdata/portal-tabletop.yaml "},
		"cron": {"0 9 1 */3 *"}, "note": {" quarterly "}}
	const id = "drill-portal-tabletop"
	if p := b.post("/schedules", form); p.status != http.StatusSeeOther {
		t.Fatalf("create schedule: status %d\n%s", p.status, p.body)
	}
	defer func() { _ = tc.eng.Client.ScheduleClient().GetHandle(ctx, id).Delete(ctx) }()
	d, err := tc.eng.Client.ScheduleClient().GetHandle(ctx, id).Describe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := "quarterly (created by alice (console continuity-manager))"; d.Schedule.State.Note != want {
		t.Errorf("schedule note %q, want %q", d.Schedule.State.Note, want)
	}
	act, ok := d.Schedule.Action.(*client.ScheduleWorkflowAction)
	if !ok || len(act.Args) != 1 {
		t.Fatalf("schedule action: %#v", d.Schedule.Action)
	}
	var in drill.DrillInput
	if err := engine.DataConverter.FromPayload(act.Args[0].(*commonpb.Payload), &in); err != nil {
		t.Fatal(err)
	}
	if in.StartedBy != "schedule "+id+" (created by alice (console continuity-manager))" || in.Note != "quarterly" ||
		in.Evidence.Root != reportsDir || in.Plan.Scenario.ID != "portal-tabletop" {
		t.Errorf("the drills' input: started by %q, note %q, reports %q, scenario %q", in.StartedBy, in.Note, in.Evidence.Root, in.Plan.Scenario.ID)
	}
	form.Set("scenario", "no-such-scenario")
	if p := b.post("/schedules", form); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, `value="no-such-scenario"`) {
		t.Errorf("unknown scenario: status %d; want 422 and the form with the value kept\n%s", p.status, p.body)
	}
}
