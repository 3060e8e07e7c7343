package console

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.temporal.io/sdk/converter"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/drillops"
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
	if attrs == nil || converter.GetDefaultDataConverter().FromPayloads(attrs.GetInput(), &in) != nil {
		t.Fatalf("drill %s: its first event is no drill input: %v", id, ev)
	}
	return in
}
