package console

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/forge/fakegithub"
)

// githubDefs serves the test catalog from voorbeeldstad/defs at
// catalog/ on a fake GitHub and returns the fake and the commit.
func githubDefs(t *testing.T) (*fakegithub.Server, string) {
	t.Helper()
	files := map[string]string{}
	entries, err := os.ReadDir("testdata/catalog")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("testdata/catalog", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files["catalog/"+e.Name()] = string(data)
	}
	repo := filepath.Join(t.TempDir(), "defs")
	fakegithub.InitRepo(t, repo)
	sha := fakegithub.Commit(t, repo, time.Now(), "definitions", files)
	srv := fakegithub.New()
	t.Cleanup(srv.Close)
	srv.AddRepo("voorbeeldstad", "defs", repo, false)
	return srv, sha
}

// A continuity manager starts a drill from a catalog in a repository, as
// exitdrill run does: the drill's input records the source with its commit,
// and carries the catalog files read at that commit.
func TestStartDrillFromGitHub(t *testing.T) {
	srv, sha := githubDefs(t)
	gh := &drillops.GitHub{Config: forge.Config{APIURL: srv.APIURL()}, Cache: t.TempDir()}
	tc := consoleOn(t, writeTestUsers(t), Options{GitHub: gh, GitHubAllow: []string{"voorbeeldstad/defs"}})
	b := tc.browser(t)
	tok := b.signIn("alice")
	nonce := b.startForm()
	const spec = "github:voorbeeldstad/defs/catalog@main"
	form := tabletopForm(tok, nonce, "from the repository")
	form.Set("catalog", spec)
	p := b.post("/drills", form)
	id := "portal-tabletop-" + nonce
	if p.status != http.StatusSeeOther || p.location != "/drills/"+id {
		t.Fatalf("start: status %d, location %q; want 303 to /drills/%s\n%s", p.status, p.location, id, p.body)
	}
	ctx := context.Background()
	defer func() {
		_ = tc.c.o.Backend.Abort(ctx, id, drill.Abort{Actor: "test", Reason: "test over"})
	}()
	if view := b.get(p.location); !strings.Contains(view.body, "drill "+id+" started: 1 of 2 processes impacted, mode tabletop") {
		t.Errorf("live view after starting:\n%s", view.body)
	}

	in := drillInput(t, tc, id)
	want := []drill.Source{{Role: "catalog", Spec: spec, Commit: sha}, {Role: "scenario", Spec: "testdata/portal-tabletop.yaml"}}
	if diff := cmp.Diff(want, in.Sources); diff != "" {
		t.Errorf("sources in the drill's input (-want +got):\n%s", diff)
	}
	defs, err := evidence.Unpack(in.Definitions)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range defs {
		paths = append(paths, d.Path)
	}
	if diff := cmp.Diff([]string{"catalog/catalog.yaml", "catalog/runbooks.yaml", "scenario/portal-tabletop.yaml"}, paths); diff != "" {
		t.Errorf("definitions in the drill's input (-want +got):\n%s", diff)
	}
	if in.Plan.Organisation != "Consoletest" || in.StartedBy != "alice (console continuity-manager)" || in.Note != "from the repository" {
		t.Errorf("input: organisation %q, started by %q, note %q", in.Plan.Organisation, in.StartedBy, in.Note)
	}
	if n := srv.Count("GET", "/repos/voorbeeldstad/defs/tarball/"); n != 1 {
		t.Errorf("the repository was downloaded %d times, want once", n)
	}
}

// drillInput reads the input a drill started with, the first event of its
// history.
func drillInput(t *testing.T, tc *testConsole, id string) drill.DrillInput {
	t.Helper()
	it := tc.eng.Client.GetWorkflowHistory(context.Background(), id, "", false, 0)
	ev, err := it.Next()
	if err != nil {
		t.Fatal(err)
	}
	var in drill.DrillInput
	attrs := ev.GetWorkflowExecutionStartedEventAttributes()
	if attrs == nil || engine.DataConverter.FromPayloads(attrs.GetInput(), &in) != nil {
		t.Fatalf("drill %s: its first event is no drill input: %v", id, ev)
	}
	return in
}

// A catalog in a repository that the console is configured with
// (--github-catalog) is one of the start and schedule forms' choices, with
// its scenarios listed, and a drill and a schedule start from it, though
// its repository is on no allowlist; a path typed into the form is still
// refused.
func TestFormsOfferGitHubCatalogs(t *testing.T) {
	srv, sha := githubDefs(t)
	const spec = "github:voorbeeldstad/defs/catalog@main"
	gh := &drillops.GitHub{Config: forge.Config{APIURL: srv.APIURL()}, Cache: t.TempDir()}
	tc := consoleOn(t, writeTestUsers(t), Options{GitHub: gh, GitHubCatalogs: []string{spec}})
	b := tc.browser(t)
	tok := b.signIn("alice")

	if p := b.get("/drills/new"); !strings.Contains(p.body, `<option value="`+spec+`">`+spec+` (in a repository)</option>`) {
		t.Errorf("the start form does not offer the catalog in the repository:\n%s", p.body)
	}
	for _, path := range []string{"/drills/new?catalog=", "/schedules?catalog="} {
		p := b.get(path + url.QueryEscape(spec))
		for _, want := range []string{`<option value="` + spec + `" selected>`, `<option value="hoster-1-week">hoster: 1 week (compressed)</option>`,
			`<option value="testdata/portal-tabletop.yaml">`} {
			if !strings.Contains(p.body, want) {
				t.Errorf("GET %s with the repository's catalog lacks %s:\n%s", path, want, p.body)
			}
		}
	}

	nonce := b.startForm()
	review := b.get("/drills/review?" + url.Values{"nonce": {nonce}, "catalog": {spec}, "scenario": {"hoster-1-week"}}.Encode())
	if review.status != http.StatusOK || !strings.Contains(review.body, "1 of 2 processes of Consoletest are impacted") {
		t.Fatalf("review of a drill of the repository's catalog: status %d\n%s", review.status, text(review.body))
	}
	p := b.post("/drills", url.Values{"csrf": {tok}, "nonce": {nonce}, "catalog": {spec}, "scenario": {"hoster-1-week"}})
	id := "hoster-1-week-" + nonce
	if p.status != http.StatusSeeOther || p.location != "/drills/"+id {
		t.Fatalf("start: status %d, location %q; want 303 to /drills/%s\n%s", p.status, p.location, id, text(p.body))
	}
	defer func() {
		_ = tc.c.o.Backend.Abort(context.Background(), id, drill.Abort{Actor: "test", Reason: "test over"})
	}()
	if in := drillInput(t, tc, id); len(in.Sources) == 0 || in.Sources[0] != (drill.Source{Role: "catalog", Spec: spec, Commit: sha}) {
		t.Errorf("the drill's sources %+v; want the catalog %s at %s first", in.Sources, spec, sha)
	}
	tc.deleteSchedules(t, "from-the-repository")
	if p := b.post("/schedules", url.Values{"csrf": {tok}, "catalog": {spec}, "scenario": {"hoster-1-week"}, "id": {"from-the-repository"},
		"preset": {"cron"}, "cron": {"0 9 1 */3 *"}, "tz": {"UTC"}}); p.status != http.StatusSeeOther || !tc.scheduleExists(t, "from-the-repository") {
		t.Errorf("schedule from the repository's catalog: status %d\n%s", p.status, text(p.body))
	}
	if n := srv.Count("GET", "/repos/voorbeeldstad/defs/tarball/"); n != 1 {
		t.Errorf("the repository was downloaded %d times, want once", n)
	}

	// What the console was not configured with is still refused, before
	// anything is read.
	for _, tt := range []struct{ catalog, want string }{
		{"/etc", `catalog "/etc" is not one of this console's catalogs (testdata/catalog, ` + spec + `)`},
		{"testdata", `catalog "testdata" is not one of this console's catalogs`},
		{"github:voorbeeldstad/defs/other@main", "github:voorbeeldstad/defs/other@main: the repository is not on this console's allowlist"},
	} {
		f := url.Values{"csrf": {tok}, "nonce": {tc.c.newNonce()}, "catalog": {tt.catalog}, "scenario": {"hoster-1-week"}}
		if p := b.post("/drills", f); p.status != http.StatusUnprocessableEntity || !strings.Contains(text(p.body), tt.want) {
			t.Errorf("start from %s: status %d; want 422 with %q\n%s", tt.catalog, p.status, tt.want, text(p.body))
		}
	}
}
