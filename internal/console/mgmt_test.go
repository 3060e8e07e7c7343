package console

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/recorder"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/reports"
	"github.com/exitdrill/exitdrill/reports/judge/judgetest"
)

// mgmtNow is the management tests' clock.
var mgmtNow = time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)

// mgmtConsole serves a console over the management catalog
// (testdata/mgmt) and the bundles under reports, trusting the harness key,
// on the shared engine.
func mgmtConsole(t *testing.T, reports string) (*Console, *httptest.Server) {
	t.Helper()
	eng := sharedEngine(t)
	return mgmtConsoleOn(t, "testdata/mgmt", reports, &Temporal{Client: eng.Client, Namespace: eng.Namespace})
}

// mgmtConsoleOn is mgmtConsole on another catalog and backend.
func mgmtConsoleOn(t testing.TB, catalogDir, reports string, backend Backend) (*Console, *httptest.Server) {
	t.Helper()
	users := filepath.Join(t.TempDir(), "users")
	for _, u := range testUsers {
		if err := AddUser(users, u.name, u.role, u.steps, []byte(testPassword)); err != nil {
			t.Fatal(err)
		}
	}
	us, err := LoadUsers(users)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Options{Users: us, Backend: backend, Catalog: []string{catalogDir}, Reports: reports,
		Trusted: &recorder.Trusted{Keys: []ed25519.PublicKey{harnessKey.Public().(ed25519.PublicKey)}, From: "the test key"},
		Now:     func() time.Time { return mgmtNow }})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(c)
	t.Cleanup(srv.Close)
	return c, srv
}

// mgmtCatalog loads the management catalog.
func mgmtCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(yamldoc.OSFS{}, "testdata/mgmt")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// writeDrill plans d on c as a real drill is planned, lets change alter its
// result, and writes its bundle under root/name signed with key (nil:
// unsigned). It returns the bundle's directory.
func writeDrill(t testing.TB, root, name string, c *catalog.Catalog, d judgetest.Drill, key ed25519.PrivateKey, change func(*drill.DrillResult)) string {
	t.Helper()
	b := judgetest.Build(t, c, d)
	if change != nil {
		change(b.Result)
	}
	dir := filepath.Join(root, name)
	if _, err := (&recorder.Recorder{Key: key}).WriteEvidence(context.Background(), drill.EvidenceInput{Dir: dir, Plan: b.Plan, Result: b.Result}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// process returns the result of process id in res.
func process(res *drill.DrillResult, id string) *drill.ProcessResult {
	for _, p := range res.Processes {
		if p.Process == id {
			return p
		}
	}
	return nil
}

// failStep makes a process's recovery step fail, as a drill in which it
// did would record it.
func failStep(p *drill.ProcessResult, outage drill.Duration) {
	p.Steps = []*drill.StepResult{{Process: p.Process, Step: "switch", Kind: "command", Status: drill.StepFailed, Reason: "exit status 1", Measure: drill.Measured}}
	p.Recovered, p.Recovery = false, 0
	p.Verdict, p.Why = drill.Judge(false, 0, p.RTO, p.MTPD, outage)
}

var month = drill.Duration(30 * drill.Day)

// signedIn signs vic in on a console served at srv.
func signedIn(t *testing.T, c *Console, srv *httptest.Server) *browser {
	t.Helper()
	b := (&testConsole{Server: srv, c: c}).browser(t)
	b.signIn("vic")
	return b
}

var headlineRE = regexp.MustCompile(`No: (\d+) of (\d+) critical process(?:es)? (?:is|are) not shown to survive losing ([^<]*?) for 1 month`)

// The readiness page's headline for a loss counts as the drill's own
// report counts: a critical process whose MTPD outlasts the outage survives
// it by waiting. The page used to count only the processes at stake and
// said "1 of 2" proven where the report said "2 of 3" survive.
func TestReadinessHeadlineCountsAsTheReport(t *testing.T) {
	root := t.TempDir()
	cat := mgmtCatalog(t)
	dir := writeDrill(t, root, "ms-month", cat, judgetest.Drill{ID: "ms-month", Suppliers: []string{"microsoft"}, At: mgmtNow.Add(-2 * drill.Day),
		Outage: month, Recovered: []string{"klantcontact"}}, harnessKey, nil)
	bi := loadBundle(root, dir)
	if bi.Bundle == nil {
		t.Fatal(bi.Reason)
	}
	rep, err := reports.New(bi.Bundle)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Critical != 3 || rep.Summary.CriticalSurvive != 2 {
		t.Fatalf("the fixture's report counts %d of %d critical processes surviving; want 2 of 3 (archief waits the month out)",
			rep.Summary.CriticalSurvive, rep.Summary.Critical)
	}
	c, srv := mgmtConsole(t, root)
	b := signedIn(t, c, srv)
	p := b.get("/readiness/microsoft/30d")
	body := html.UnescapeString(p.body)
	m := headlineRE.FindStringSubmatch(body)
	if p.status != http.StatusOK || m == nil {
		t.Fatalf("GET /readiness/microsoft/30d: status %d, no 1-month headline in\n%s", p.status, body)
	}
	missing, critical := atoi(t, m[1]), atoi(t, m[2])
	if critical != rep.Summary.Critical || critical-missing != rep.Summary.CriticalSurvive {
		t.Errorf("console: %d of %d critical processes survive; the drill's report: %d of %d", critical-missing, critical,
			rep.Summary.CriticalSurvive, rep.Summary.Critical)
	}
	if want := "— betalingen (failed in a drill)."; m[3] != "Microsoft (Azure, Microsoft 365)" || !strings.Contains(body, m[0]+" "+want) {
		t.Errorf("headline %q: want it to name the supplier and end %q", m[0], want)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// The readiness page speaks to people: a headline per supplier by name,
// the suppliers by name in the filter, outages in words, a legend, the
// score explained, an as-of date, and every cell a link to the processes
// behind it.
func TestReadinessPageInWords(t *testing.T) {
	root := t.TempDir()
	writeDrill(t, root, "ms-week", mgmtCatalog(t), judgetest.Drill{ID: "ms-week", Suppliers: []string{"microsoft"}, At: mgmtNow.Add(-3 * drill.Day),
		Recovered: []string{"klantcontact", "betalingen"}}, harnessKey, nil)
	c, srv := mgmtConsole(t, root)
	p := signedIn(t, c, srv).get("/readiness")
	body := html.UnescapeString(p.body)
	for _, want := range []string{
		// proven for a week, only on paper for a month
		"No: 2 of 3 critical processes are not shown to survive losing Microsoft (Azure, Microsoft 365) for 1 month — klantcontact (only on paper), betalingen (only on paper).",
		"losing Visma | Raet",
		`<option value="vismaraet">Visma | Raet</option>`,
		`<th scope="col">1 day</th><th scope="col">1 week</th><th scope="col">1 month</th>`,
		"needs re-test", "nothing at stake", "paper: no valid drill",
		"Score (0–100): how much",
		`As of <time datetime="2027-03-01T12:00:00Z"`,
		`href="/readiness/microsoft/1d"`, `href="/readiness/microsoft/7d"`, `href="/readiness/microsoft/30d"`, `href="/readiness/vismaraet/30d"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("readiness page lacks %q", want)
		}
	}
	for _, bad := range []string{">1d<", ">7d<", ">30d<", "<option>vismaraet</option>"} {
		if strings.Contains(body, bad) {
			t.Errorf("readiness page shows %q: want outages and suppliers in words", bad)
		}
	}
}

// A cell's page lists the processes behind it, each with the drill and
// bundle that decided it, its scenario, mode and date; a supplier or
// outage that the matrix does not have is a 404 inside the console.
func TestReadinessCellPage(t *testing.T) {
	root := t.TempDir()
	writeDrill(t, root, "drills/ms-month", mgmtCatalog(t), judgetest.Drill{ID: "ms-month", Suppliers: []string{"microsoft"}, At: mgmtNow.Add(-2 * drill.Day),
		Outage: month, Recovered: []string{"klantcontact"}}, harnessKey, nil)
	c, srv := mgmtConsole(t, root)
	b := signedIn(t, c, srv)
	p := b.get("/readiness/microsoft/30d")
	body := html.UnescapeString(p.body)
	rows := regexp.MustCompile(`(?s)<tr>.*?</tr>`).FindAllString(body, -1)
	row := func(process string) string {
		for _, r := range rows {
			if strings.Contains(r, `data-label="Process">`+process) {
				return r
			}
		}
		return ""
	}
	for process, state := range map[string]string{"klantcontact": "proven (full)", "betalingen": "failed"} {
		r := row(process)
		for _, want := range []string{state, `<a href="/drills/ms-month">ms-month</a>`, `<a href="/reports/drills/ms-month/report.html">drills/ms-month</a>`,
			"scenario microsoft-1-month (30d outage)", "live", `<time datetime="2027-02-27T12:00:00Z"`} {
			if !strings.Contains(r, want) {
				t.Errorf("row of %s lacks %q:\n%s", process, want, r)
			}
		}
	}
	if !strings.Contains(body, "Can wait 1 month") || !strings.Contains(body, "archief") {
		t.Errorf("the 1-month page does not list archief among those that wait it out:\n%s", body)
	}
	for _, tc := range []struct{ path, want string }{
		{"/readiness/nobody/30d", `no supplier "nobody" in the catalog`},
		{"/readiness/microsoft/2w", `no outage length "2w" in the readiness matrix: it has 1d (1 day), 7d (1 week), 30d (1 month)`},
		{"/readiness/microsoft/30d%3Cscript%3E", `no outage length "30d<script>"`},
	} {
		p := b.get(tc.path)
		if p.status != http.StatusNotFound || !strings.Contains(html.UnescapeString(p.body), tc.want) || !strings.Contains(p.body, `<nav aria-label="Main">`) {
			t.Errorf("GET %s: status %d; want 404 in the console saying %q\n%s", tc.path, p.status, tc.want, p.body)
		}
		if strings.Contains(p.body, "<script>") {
			t.Errorf("GET %s: the path is shown unescaped", tc.path)
		}
	}
}

// Findings are followed over two drills of a scenario: one resolved since,
// one still open, one new; an unsigned bundle's finding is not listed.
func TestFindingsStatusesFromTwoDrills(t *testing.T) {
	root := t.TempDir()
	cat := mgmtCatalog(t)
	ms := []string{"microsoft"}
	first, second := mgmtNow.Add(-20*drill.Day), mgmtNow.Add(-2*drill.Day)
	writeDrill(t, root, "ms-1", cat, judgetest.Drill{ID: "ms-1", Suppliers: ms, At: first, Outage: month, Recovered: []string{"archief"}}, harnessKey,
		func(res *drill.DrillResult) { failStep(process(res, "klantcontact"), month) })
	writeDrill(t, root, "ms-2", cat, judgetest.Drill{ID: "ms-2", Suppliers: ms, At: second, Outage: month, Recovered: []string{"klantcontact", "archief"}}, harnessKey,
		func(res *drill.DrillResult) {
			p := process(res, "archief")
			p.Rollback = []*drill.StepResult{{Process: "archief", Step: "switch-back", Kind: "command", Rollback: true, Status: drill.StepFailed, Reason: "exit status 2"}}
		})
	writeDrill(t, root, "forged", cat, judgetest.Drill{ID: "forged", Suppliers: []string{"vismaraet"}, At: second, Outage: month}, nil, nil)
	c, srv := mgmtConsole(t, root)
	b := signedIn(t, c, srv)
	p := b.get("/findings")
	body := html.UnescapeString(p.body)
	rows := regexp.MustCompile(`(?s)<tr>.*?</tr>`).FindAllString(body, -1)
	row := func(title string) string {
		for _, r := range rows {
			if strings.Contains(r, title) {
				return r
			}
		}
		return ""
	}
	t1, t2 := `<time datetime="`+first.Format(time.RFC3339)+`"`, `<time datetime="`+second.Format(time.RFC3339)+`"`
	for _, tc := range []struct {
		title, status string
		want          []string
	}{
		{"klantcontact: step switch failed", "resolved", []string{"since <a href=\"/drills/ms-2\">ms-2</a>", `href="/reports/ms-1/report.html#step-klantcontact-switch"`}},
		{"betalingen: MTPD breached", "still open", []string{t1, t2, "Financien", "Microsoft (Azure, Microsoft 365)"}},
		{"archief: rollback step switch-back failed", "new", []string{`href="/reports/ms-2/report.html#step-archief-rollback%2Fswitch-back"`, "Informatiebeheer"}},
	} {
		r := row(tc.title)
		if !strings.Contains(r, `<span class="tag finding-`+tc.status+`">`+tc.status+`</span>`) {
			t.Errorf("finding %q: want status %s in\n%s", tc.title, tc.status, r)
		}
		for _, w := range tc.want {
			if !strings.Contains(r, w) {
				t.Errorf("finding %q lacks %q:\n%s", tc.title, w, r)
			}
		}
	}
	if strings.Contains(body, "salarissen") {
		t.Errorf("the unsigned bundle's findings are listed:\n%s", body)
	}
	// The step the finding links to is where the report shows it.
	if rp := b.get("/reports/ms-1/report.html"); !strings.Contains(rp.body, `id="step-klantcontact-switch"`) {
		t.Errorf("the report has no anchor for the step the finding links to")
	}
	if p := b.get("/findings?status=new"); strings.Contains(p.body, "betalingen: MTPD breached") || !strings.Contains(p.body, "archief: rollback step") {
		t.Errorf("status filter new: want only the new finding\n%s", p.body)
	}
	if p := b.get("/findings?status=bogus"); p.status != http.StatusBadRequest ||
		!strings.Contains(html.UnescapeString(p.body), `Unknown filter value: no finding status "bogus" (allowed: new, still open, resolved).`) {
		t.Errorf("unknown status: %d\n%s", p.status, p.body)
	}
}

// The drill page's section says what changed since the last drill of the
// scenario, by exitdrill diff's comparison.
func TestDrillChangesSinceLastDrill(t *testing.T) {
	root := t.TempDir()
	cat := mgmtCatalog(t)
	ms := []string{"microsoft"}
	writeDrill(t, root, "ms-1", cat, judgetest.Drill{ID: "ms-1", Suppliers: ms, At: mgmtNow.Add(-20 * drill.Day), Outage: month}, harnessKey, nil)
	writeDrill(t, root, "ms-2", cat, judgetest.Drill{ID: "ms-2", Suppliers: ms, At: mgmtNow.Add(-2 * drill.Day), Outage: month, Recovered: []string{"klantcontact"}}, harnessKey, nil)
	c, _ := mgmtConsole(t, root)
	if ch := c.changesFor("ms-1"); ch == nil || ch.Diff != nil || !strings.Contains(ch.None, "first verified drill of scenario microsoft-1-month") {
		t.Errorf("first drill: %+v; want nothing to compare", ch)
	}
	if ch := c.changesFor("running"); ch != nil {
		t.Errorf("a drill without a bundle: %+v, want no section", ch)
	}
	ch := c.changesFor("ms-2")
	if ch == nil || ch.Diff == nil || ch.Diff.Old.Drill != "ms-1" || ch.Diff.Better != 1 {
		t.Fatalf("changes of ms-2: %+v; want klantcontact better than in ms-1", ch)
	}
	tmpls, err := pages()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	v := newView(nil, "Drill ms-2", "drills", c.drillPage(&DrillView{ID: "ms-2", Status: "completed", Result: &drill.DrillResult{DrillID: "ms-2"}, Changes: ch}))
	if err := tmpls["drill"].ExecuteTemplate(&buf, "layout", v); err != nil {
		t.Fatal(err)
	}
	out := html.UnescapeString(buf.String())
	for _, want := range []string{"What changed since the last drill of this scenario", `Compared with <a href="/drills/ms-1">ms-1</a>`,
		"1 better, 0 worse, 2 the same", "10 % of the old time", `<span class="tag change-better">better</span>`} {
		if !strings.Contains(out, want) {
			t.Errorf("drill page lacks %q:\n%s", want, out)
		}
	}
}

// exampleCatalog is the example organisation's catalog.
const exampleCatalog = "../../examples/voorbeeldstad"

// A page of the console at the reports directory's scale: 300 signed
// bundles, each verified once.
func writeBundles(tb testing.TB, root string, n int) {
	tb.Helper()
	cat, err := catalog.Load(yamldoc.OSFS{}, exampleCatalog)
	if err != nil {
		tb.Fatal(err)
	}
	outages := []drill.Duration{drill.Duration(drill.Day), drill.Duration(drill.Week), month}
	modes := []string{"live", "tabletop", "compressed"}
	for i := range n {
		s := cat.Suppliers[i%len(cat.Suppliers)]
		var recovered []string
		for j, p := range cat.Processes {
			if (i+j)%3 != 0 {
				recovered = append(recovered, p.ID)
			}
		}
		id := "bench-" + strconv.Itoa(i)
		writeDrill(tb, root, id, cat, judgetest.Drill{ID: id, Suppliers: []string{s.ID}, At: mgmtNow.Add(-time.Duration(i) * 23 * time.Hour),
			Mode: modes[i%len(modes)], Outage: outages[(i/len(cat.Suppliers))%len(outages)], Recovered: recovered}, harnessKey,
			func(res *drill.DrillResult) {
				if len(res.Processes) > 0 && i%4 == 0 {
					p := res.Processes[0]
					failStep(p, res.Scenario.Duration)
				}
			})
	}
}

// sanity: the generated bundles verify (the benchmark would otherwise time
// the refusals).
func TestBenchBundlesVerify(t *testing.T) {
	root := t.TempDir()
	writeBundles(t, root, 6)
	entries, err := os.ReadDir(root)
	if err != nil || len(entries) != 6 {
		t.Fatalf("%d bundles written: %v", len(entries), err)
	}
	for _, e := range entries {
		if bi := loadBundle(root, filepath.Join(root, e.Name())); bi.Bundle == nil {
			t.Errorf("%s: %s", e.Name(), bi.Reason)
		}
	}
}

// In the browser at 1280×900: the readiness headline is shown, and a
// matrix cell leads to the processes behind it.
func TestBrowserReadinessCellLeadsToProcesses(t *testing.T) {
	root := t.TempDir()
	writeDrill(t, root, "ms-month", mgmtCatalog(t), judgetest.Drill{ID: "ms-month", Suppliers: []string{"microsoft"}, At: mgmtNow.Add(-2 * drill.Day),
		Outage: month, Recovered: []string{"klantcontact"}}, harnessKey, nil)
	c, srv := mgmtConsole(t, root)
	tc := &testConsole{Server: srv, c: c}
	ctx := newBrowser(t)
	err := chromedp.Do(ctx, signInActions(tc, "/readiness", "vic"), chromedp.WaitVisible(css(`ul.headlines li`)))
	var headline, path, behind string
	if err == nil {
		shot(t, ctx, "1280-management-readiness")
		headline, err = chromedp.Run(ctx, chromedp.Text(css(`ul.headlines li`)))
	}
	if err == nil {
		err = chromedp.Do(ctx, chromedp.Click(css(`.matrix a[href="/readiness/microsoft/30d"]`)), chromedp.WaitVisible(css(`table.behind`)))
	}
	if err == nil {
		shot(t, ctx, "1280-management-readiness-microsoft-30d")
	}
	if err == nil {
		path, err = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	}
	if err == nil {
		behind, err = chromedp.Run(ctx, chromedp.Text(css(`table.behind`)))
	}
	if err != nil {
		t.Fatalf("readiness in the browser: %v", err)
	}
	if !strings.HasPrefix(headline, "No: 1 of 3 critical processes is not shown to survive losing Microsoft (Azure, Microsoft 365)") {
		t.Errorf("headline %q", headline)
	}
	if path != "/readiness/microsoft/30d" || !strings.Contains(behind, "klantcontact") || !strings.Contains(behind, "betalingen") || !strings.Contains(behind, "ms-month") {
		t.Errorf("after clicking the 1-month cell: at %s, processes\n%s\nwant klantcontact and betalingen decided by ms-month", path, behind)
	}
}

// On a phone (390×844) the readiness and findings pages do not overflow
// sideways, and the matrix shows all three outage lengths for every
// supplier, stacked.
func TestBrowserManagementPagesOnPhone(t *testing.T) {
	root := t.TempDir()
	cat := mgmtCatalog(t)
	ms := []string{"microsoft"}
	writeDrill(t, root, "drills/2027/ms-1-a-long-bundle-name-that-does-not-wrap-by-itself", cat, judgetest.Drill{ID: "ms-1", Suppliers: ms,
		At: mgmtNow.Add(-20 * drill.Day), Outage: month}, harnessKey, func(res *drill.DrillResult) { failStep(process(res, "klantcontact"), month) })
	writeDrill(t, root, "ms-2", cat, judgetest.Drill{ID: "ms-2", Suppliers: ms, At: mgmtNow.Add(-2 * drill.Day), Outage: month,
		Recovered: []string{"klantcontact"}}, harnessKey, nil)
	c, srv := mgmtConsole(t, root)
	tc := &testConsole{Server: srv, c: c}
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), signInActions(tc, "/readiness", "vic"),
		chromedp.WaitVisible(css(`nav[aria-label=Main]`))); err != nil {
		t.Fatal(err)
	}
	const overflow = `document.documentElement.scrollWidth - window.innerWidth`
	// Per matrix row: the outage labels of its cells that are shown, inside the viewport.
	const shown = `Array.from(document.querySelectorAll(".matrix tbody tr")).map(function (tr) {
	  return Array.from(tr.querySelectorAll("td.cell")).filter(function (td) {
	    var r = td.getBoundingClientRect();
	    return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= window.innerWidth;
	  }).map(function (td) { return getComputedStyle(td, "::before").content.replace(/"/g, ""); }).join(",");
	})`
	for _, path := range []string{"/readiness", "/findings", "/readiness/microsoft/30d"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(tc.URL+path), chromedp.WaitVisible(css(`main h1`))); err != nil {
			t.Fatal(err)
		}
		shot(t, ctx, "390-management"+path)
		over, err := chromedp.Run(ctx, chromedp.Evaluate[int](overflow))
		if err != nil {
			t.Fatal(err)
		}
		if over > 0 {
			t.Errorf("%s at 390 px: the page is %d px wider than the viewport", path, over)
		}
		if path != "/readiness" {
			continue
		}
		rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](shown))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 {
			t.Errorf("%d matrix rows, want 2", len(rows))
		}
		for i, r := range rows {
			if r != "1 day,1 week,1 month" {
				t.Errorf("matrix row %d at 390 px shows %q; want all three outage lengths", i, r)
			}
		}
	}
}

// What the management pages say when the catalog or the reports directory
// cannot be read, or there is no catalog.
func TestManagementPagesErrors(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "reports")
	if err := os.WriteFile(notDir, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	eng := sharedEngine(t)
	backend := &Temporal{Client: eng.Client, Namespace: eng.Namespace}
	noCatalog, srvNo := mgmtConsoleOn(t, "testdata/mgmt", t.TempDir(), backend)
	noCatalog.o.Catalog = nil
	badCatalog, srvBad := mgmtConsoleOn(t, filepath.Join(t.TempDir(), "missing"), t.TempDir(), backend)
	badReports, srvReports := mgmtConsoleOn(t, "testdata/mgmt", notDir, backend)
	for _, tc := range []struct {
		c      *Console
		srv    *httptest.Server
		path   string
		status int
		want   string
	}{
		{noCatalog, srvNo, "/readiness/microsoft/30d", http.StatusNotFound, "no catalog: start the console with --catalog DIR to see readiness"},
		{noCatalog, srvNo, "/readiness", http.StatusOK, "No catalog: start the console with --catalog DIR to see readiness."},
		{badCatalog, srvBad, "/readiness", http.StatusInternalServerError, "catalog: "},
		{badCatalog, srvBad, "/readiness/microsoft/30d", http.StatusInternalServerError, "catalog: "},
		{badReports, srvReports, "/readiness", http.StatusInternalServerError, "reports: "},
		{badReports, srvReports, "/findings", http.StatusInternalServerError, "reports: "},
	} {
		p := signedIn(t, tc.c, tc.srv).get(tc.path)
		if p.status != tc.status || !strings.Contains(html.UnescapeString(p.body), tc.want) || !strings.Contains(p.body, `<nav aria-label="Main">`) {
			t.Errorf("GET %s: status %d; want %d in the console saying %q\n%s", tc.path, p.status, tc.status, tc.want, p.body)
		}
	}
	if ch := badReports.changesFor("ms-1"); ch == nil || !strings.HasPrefix(ch.None, "the evidence bundles could not be read: reports: ") {
		t.Errorf("changes over an unreadable reports directory: %+v", ch)
	}
}

// The findings page shows findingsPerPage findings a page, newest first
// (last seen), with how many there are and links to the newer and older
// pages that keep the status filter.
func TestFindingsPaging(t *testing.T) {
	root := t.TempDir()
	cat := mgmtCatalog(t)
	older, newer := mgmtNow.Add(-10*drill.Day), mgmtNow.Add(-1*drill.Day)
	// The older drill: many steps of klantcontact failed, a finding each.
	const failed = findingsPerPage + 5
	writeDrill(t, root, "ms-old", cat, judgetest.Drill{ID: "ms-old", Suppliers: []string{"microsoft"}, At: older, Outage: month,
		Recovered: []string{"klantcontact", "betalingen", "archief"}}, harnessKey, func(res *drill.DrillResult) {
		p := process(res, "klantcontact")
		p.Steps = nil
		for i := range failed {
			p.Steps = append(p.Steps, &drill.StepResult{Process: p.Process, Step: fmt.Sprintf("check-%02d", i), Kind: "command",
				Status: drill.StepFailed, Reason: "exit status 1", Measure: drill.Measured})
		}
	})
	// The newer drill, of another scenario: one finding.
	writeDrill(t, root, "visma-new", cat, judgetest.Drill{ID: "visma-new", Suppliers: []string{"vismaraet"}, At: newer, Outage: month}, harnessKey, nil)
	c, srv := mgmtConsole(t, root)
	b := signedIn(t, c, srv)

	rowRE := regexp.MustCompile(`(?s)<tr>\s*<td data-label="Finding">.*?</tr>`)
	p1 := b.get("/findings")
	rows := rowRE.FindAllString(p1.body, -1)
	total := len(rows)
	body := text(p1.body)
	m := regexp.MustCompile(`Findings 1–(\d+) of (\d+), newest first`).FindStringSubmatch(body)
	if p1.status != http.StatusOK || m == nil || m[1] != strconv.Itoa(findingsPerPage) || total != findingsPerPage {
		t.Fatalf("page 1: status %d, %d rows, count %q; want %d rows of more than a page:\n%s", p1.status, total, m, findingsPerPage, body)
	}
	all, _ := strconv.Atoi(m[2])
	if all <= findingsPerPage || all < failed+1 {
		t.Fatalf("page 1 counts %d findings, want at least %d", all, failed+1)
	}
	if !strings.Contains(rows[0], `href="/drills/visma-new"`) {
		t.Errorf("the first finding is not the newest drill's:\n%s", rows[0])
	}
	if !strings.Contains(p1.body, `<a href="/findings?page=2" rel="next">`) || strings.Contains(p1.body, `rel="prev"`) {
		t.Errorf("page 1: want a link to page 2 and none to a newer page:\n%s", p1.body)
	}
	p2 := b.get("/findings?page=2")
	rows2 := rowRE.FindAllString(p2.body, -1)
	if want := fmt.Sprintf("Findings %d–%d of %d", findingsPerPage+1, all, all); p2.status != http.StatusOK || !strings.Contains(text(p2.body), want) ||
		len(rows2) != all-findingsPerPage {
		t.Errorf("page 2: status %d, %d rows; want %d rows and %q:\n%s", p2.status, len(rows2), all-findingsPerPage, want, text(p2.body))
	}
	if !strings.Contains(p2.body, `<a href="/findings" rel="prev">`) || strings.Contains(p2.body, `rel="next"`) {
		t.Errorf("page 2: want a link back to page 1 and none further:\n%s", p2.body)
	}
	for _, r := range rows2 {
		if strings.Contains(r, "visma-new") || strings.Contains(p1.body, regexp.MustCompile(`step check-\d\d`).FindString(r)+"</a>") {
			t.Errorf("page 2 repeats a finding of page 1, or the newest drill's:\n%s", r)
		}
	}
	// The filter is kept across pages.
	if p := b.get("/findings?status=new"); !strings.Contains(p.body, `<a href="/findings?page=2&amp;status=new" rel="next">`) {
		t.Errorf("filtered page 1 does not link to the filtered page 2:\n%s", p.body)
	}
	for _, tt := range []struct{ query, want string }{
		{"?page=0", `Unknown page "0": pages are numbered from 1.`},
		{"?page=x", `Unknown page "x": pages are numbered from 1.`},
	} {
		if p := b.get("/findings" + tt.query); p.status != http.StatusBadRequest || !strings.Contains(text(p.body), tt.want) {
			t.Errorf("GET /findings%s: status %d; want 400 with %q:\n%s", tt.query, p.status, tt.want, text(p.body))
		}
	}
	if p := b.get("/findings?page=9"); p.status != http.StatusOK || !strings.Contains(text(p.body), "No findings on page 9: there are 2 pages.") {
		t.Errorf("GET /findings?page=9: status %d:\n%s", p.status, text(p.body))
	}
}
