package console

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/checks"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/recorder"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/reports"
	"github.com/exitdrill/exitdrill/scenarios"
	"github.com/exitdrill/exitdrill/workflows"
	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

// The test users, with the password of each.
const testPassword = "correct horse battery"

var testUsers = []struct {
	name, role string
	steps      []string
}{
	{"alice", RoleManager, nil},
	{"olga", RoleOperator, []string{"process-owner", "service-desk"}},
	{"desk", RoleOperator, []string{"service-desk"}},
	{"vic", RoleViewer, nil},
}

// One embedded Temporal server (in memory) with a worker serves every test.
var (
	engineOnce sync.Once
	testEngine *engine.Engine
	engineErr  error
	reportsDir string
)

func sharedEngine(t *testing.T) *engine.Engine {
	t.Helper()
	engineOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		reportsDir, engineErr = os.MkdirTemp("", "console-reports-")
		if engineErr != nil {
			return
		}
		testEngine, engineErr = engine.Open(ctx, engine.Options{Ephemeral: true, NoUI: true, StateDir: reportsDir,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if engineErr != nil {
			return
		}
		engineErr = testEngine.StartWorker(registerHarness)
	})
	if engineErr != nil {
		t.Fatalf("embedded engine: %v", engineErr)
	}
	return testEngine
}

// registerHarness registers what the test worker runs: the workflows, the
// checks and an evidence writer that signs with harnessKey.
func registerHarness(w worker.Registry) {
	w.RegisterWorkflow(workflows.Drill)
	w.RegisterWorkflow(workflows.Process)
	w.RegisterWorkflow(workflows.HeldNotices)
	w.RegisterWorkflow(workflows.Preflight)
	checks.Register(w, checks.New(os.LookupEnv))
	rec := &recorder.Recorder{Key: harnessKey, Render: func(b *evidence.Bundle) (map[string][]byte, error) {
		r, err := reports.New(b)
		if err != nil {
			return nil, err
		}
		var h bytes.Buffer
		err = reports.Render(&h, "html", r)
		return map[string][]byte{"report.html": h.Bytes()}, err
	}}
	w.RegisterActivityWithOptions(rec.WriteEvidence, activity.RegisterOptions{Name: drill.WriteEvidenceActivity})
}

func TestMain(m *testing.M) {
	code := m.Run()
	if testEngine != nil {
		_ = testEngine.Close()
	}
	if reportsDir != "" {
		_ = os.RemoveAll(reportsDir)
	}
	os.Exit(code)
}

// testConsole is a console on loopback HTTP over the shared engine.
type testConsole struct {
	*httptest.Server
	c   *Console
	eng *engine.Engine
}

func newTestConsole(t *testing.T) *testConsole {
	t.Helper()
	return consoleOn(t, writeTestUsers(t), Options{})
}

// writeTestUsers writes the test users to a users file in a new directory
// and returns its path.
func writeTestUsers(t *testing.T) string {
	t.Helper()
	users := filepath.Join(t.TempDir(), "users")
	for _, u := range testUsers {
		if err := AddUser(users, u.name, u.role, u.steps, []byte(testPassword)); err != nil {
			t.Fatal(err)
		}
	}
	return users
}

// harnessKey signs the test worker's bundles; consoles trust it unless a
// test says otherwise.
var harnessKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))

// consoleOn serves a console over the users file at users, its sessions kept
// in users+".sessions". Users, Backend, Catalog, Reports and SessionsFile of
// o are filled in; its Logger and Now are kept. Calling it again on the same
// file is a restart of the console.
func consoleOn(t *testing.T, users string, o Options) *testConsole {
	t.Helper()
	eng := sharedEngine(t)
	us, err := LoadUsers(users)
	if err != nil {
		t.Fatal(err)
	}
	o.Users, o.Backend = us, &Temporal{Client: eng.Client, Namespace: eng.Namespace}
	o.Reports, o.SessionsFile = reportsDir, users+".sessions"
	if o.Catalog == nil {
		o.Catalog = []string{"testdata/catalog"}
	}
	if o.Scenarios == nil {
		o.Scenarios = []string{"testdata"}
	}
	if o.Trusted == nil {
		o.Trusted = &recorder.Trusted{Keys: []ed25519.PublicKey{harnessKey.Public().(ed25519.PublicKey)}, From: "the test key"}
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(c)
	t.Cleanup(srv.Close)
	return &testConsole{Server: srv, c: c, eng: eng}
}

// browser is a client with its own cookie jar that does not follow redirects.
type browser struct {
	t    *testing.T
	tc   *testConsole
	http *http.Client
}

func (tc *testConsole) browser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, tc: tc, http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// page is a response read whole.
type page struct {
	status   int
	body     string
	location string
	header   http.Header
}

func (b *browser) do(req *http.Request) page {
	b.t.Helper()
	resp, err := b.http.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return page{status: resp.StatusCode, body: string(body), location: resp.Header.Get("Location"), header: resp.Header}
}

func (b *browser) get(path string) page {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.tc.URL+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) page {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.tc.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf is the CSRF token of a page's forms.
func csrf(t *testing.T, p page) string {
	t.Helper()
	m := csrfRE.FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no CSRF token in page (status %d):\n%s", p.status, p.body)
	}
	return m[1]
}

// signIn signs a user in and returns the CSRF token of the session.
func (b *browser) signIn(name string) string {
	b.t.Helper()
	lp := b.get("/login")
	p := b.post("/login", url.Values{"csrf": {csrf(b.t, lp)}, "name": {name}, "password": {testPassword}, "next": {"/drills"}})
	if p.status != http.StatusSeeOther || p.location != "/drills" {
		b.t.Fatalf("sign in %s: status %d, location %q\n%s", name, p.status, p.location, p.body)
	}
	return csrf(b.t, b.get("/drills"))
}

// startTabletop starts a tabletop drill of the test catalog, writing its
// evidence bundle under the reports directory, with the search attributes
// drillops gives a drill; edits change its plan first.
func startTabletop(t *testing.T, eng *engine.Engine, id string, edits ...func(*drill.Plan)) {
	t.Helper()
	startTabletopAs(t, eng, engine.TaskQueue, id, drillops.Attributes, edits...)
}

// startOldTabletop starts a tabletop drill as drills were started before
// they carried their mode as a search attribute.
func startOldTabletop(t *testing.T, eng *engine.Engine, id string) {
	t.Helper()
	startTabletopAs(t, eng, engine.TaskQueue, id, func(plan *drill.Plan, scenario string) temporal.SearchAttributes {
		return temporal.NewSearchAttributes(searchattr.Scenario.ValueSet(scenario), searchattr.Status.ValueSet("running"),
			searchattr.Suppliers.ValueSet(plan.Scenario.Lost))
	})
}

// startTabletopAs is startTabletop on task queue queue (its processes
// too) with the search attributes of attrs.
func startTabletopAs(t *testing.T, eng *engine.Engine, queue, id string, attrs func(*drill.Plan, string) temporal.SearchAttributes, edits ...func(*drill.Plan)) {
	t.Helper()
	c, err := catalog.Load(yamldoc.OSFS{}, "testdata/catalog")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Resolve(yamldoc.OSFS{}, "testdata/portal-tabletop.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	var defs []evidence.Definition
	for _, f := range c.Files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		defs = append(defs, evidence.Definition{Path: "catalog/" + filepath.Base(f), Data: data})
	}
	packed, err := evidence.Pack(defs)
	if err != nil {
		t.Fatal(err)
	}
	plan := scenarios.NewPlan(id, c, sc)
	for _, edit := range edits {
		edit(plan)
	}
	in := drill.DrillInput{Plan: plan, Started: time.Now().UTC(), Definitions: packed,
		Evidence: drill.EvidenceOptions{Root: reportsDir}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err = eng.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: queue,
		TypedSearchAttributes: attrs(plan, sc.ID)}, workflows.Drill, in)
	if err != nil {
		t.Fatalf("start drill %s: %v", id, err)
	}
}

// waitFor polls cond until it holds or the time is up.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting until %s", limit, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitStep waits until step waits in drill, as the backend sees it.
func (tc *testConsole) waitStep(t *testing.T, drillID, step string) {
	t.Helper()
	waitFor(t, step+" waits in "+drillID, 30*time.Second, func() bool {
		ws, err := tc.c.o.Backend.Waiting(context.Background())
		if err != nil {
			return false
		}
		for _, w := range ws {
			if w.Drill == drillID && w.Step == step {
				return true
			}
		}
		return false
	})
}

// result waits until the drill has finished and returns its result.
func (tc *testConsole) result(t *testing.T, drillID string) *drill.DrillResult {
	t.Helper()
	var res *drill.DrillResult
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := tc.eng.Client.GetWorkflow(ctx, drillID, "").Get(ctx, &res); err != nil {
		t.Fatalf("drill %s: %v", drillID, err)
	}
	if err := engine.FillResult(ctx, tc.eng.Client, res); err != nil {
		t.Fatal(err)
	}
	return res
}
