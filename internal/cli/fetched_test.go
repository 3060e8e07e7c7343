package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/forge/fakegithub"
)

// TestDrillOnFetchedFiles is issue 19's github: sources on a worker
// elsewhere: a drill is prepared from a catalog in a repository, whose exit
// plan is too large for the plan to carry. The copy the drill was prepared
// from is then removed, so that the worker sees no catalog: it fetches the
// repository at the recorded commit and passes the step on the catalog's
// own bytes. When the repository answers with other bytes for that commit,
// or not at all, the step is inconclusive, never passed or failed.
func TestDrillOnFetchedFiles(t *testing.T) {
	gh := publishServer(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the worker's cache
	complete, err := os.ReadFile("../checks/exitplan/testdata/exitplan/complete.md")
	if err != nil {
		t.Fatal(err)
	}
	// Past what a plan carries: an appendix of 300 KB.
	large := string(complete) + "\n## Appendix: interfaces\n\n" + strings.Repeat("| koppeling | StUF-ZKN | dagelijks |\n", 300_000/36)
	if len(large) <= drill.ShipFileLimit {
		t.Fatalf("the exit plan has %d bytes, want more than %d", len(large), drill.ShipFileLimit)
	}
	repo := filepath.Join(t.TempDir(), "defs")
	fakegithub.InitRepo(t, repo)
	files := map[string]string{"continuity/exitplans/zaken.md": large}
	for name, s := range catalogFiles {
		files["continuity/"+name] = s
	}
	sha := fakegithub.Commit(t, repo, time.Now(), "definitions", files)
	gh.AddRepo("voorbeeldstad", "defs", repo, true)
	srv := startDrillServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	// prepare prepares a drill as the starter on another machine does,
	// with its own cache, which it then loses.
	prepare := func(id string) drillops.Prepared {
		t.Helper()
		starter := t.TempDir()
		p, err := drillops.Prepare(ctx, drillops.Request{
			Catalogs: []string{"github:voorbeeldstad/defs/continuity@main"}, Scenario: "github:voorbeeldstad/defs/continuity/scenario.yaml@main",
			ID: id, StartedBy: "anna", Reports: os.Getenv("EXITDRILL_REPORTS"),
			Repos: &drillops.GitHub{Config: githubFlags{}.config(nil), Cache: starter}})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(starter); err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := prepare("fetched")
	st := p.Plan.Processes[0].Steps[0]
	wantRepo := drill.RepoFile{Source: "github:voorbeeldstad/defs/continuity@" + sha, Path: "continuity/exitplans/zaken.md"}
	if len(st.Files) != 1 || st.Files[0].Shipped || st.Files[0].Repo == nil || *st.Files[0].Repo != wantRepo {
		t.Fatalf("planned files %+v, want the exit plan named in the repository as %+v, not shipped", st.Files, wantRepo)
	}
	s := preflightAndDrill(ctx, t, srv, p, "the worker fetches the exit plan")
	if s.Status != drill.StepPassed {
		t.Fatalf("step %s (%s), want passed on the fetched copy", s.Status, s.Reason)
	}
	if got, want := s.Details[drill.DetailShipped], "1 file fetched from "+wantRepo.Source+": this worker does not see "; !strings.HasPrefix(got, want) {
		t.Errorf("detail %s = %q, want it to begin %q", drill.DetailShipped, got, want)
	}
	if strings.Contains(s.Reason+s.Output, "exitdrill-shipped-") {
		t.Errorf("the step names the worker's private copy: %q %q", s.Reason, s.Output)
	}

	// The same commit, read again by a worker, with other bytes: a
	// repository rewritten under the worker (or a wrong cache).
	p = prepare("rewritten")
	cache, _ := os.UserCacheDir()
	fetched := filepath.Join(cache, "exitdrill", "github", "voorbeeldstad", "defs", sha, "continuity", "exitplans", "zaken.md")
	if err := os.WriteFile(fetched, []byte("# Exit plan zaken\n\nWe will think of something.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := drillops.Start(ctx, srv.eng.Client, p.Options, p.Input); err != nil {
		t.Fatal(err)
	}
	s = stepByID(t, processByID(t, srv.result(t, "rewritten"), "zaakgericht").Steps, "exitplan-current")
	if s.Status != drill.StepInconclusive || !strings.Contains(s.Reason, drill.StaleFile) || !strings.Contains(s.Reason, "continuity/exitplans/zaken.md") || strings.Contains(s.Reason, cache) {
		t.Errorf("step on other bytes at the commit: %s (%s), want inconclusive naming the file in the repository, not the worker's cache", s.Status, s.Reason)
	}

	// The repository is gone when the worker asks for it.
	p = prepare("gone")
	if err := os.RemoveAll(filepath.Join(cache, "exitdrill", "github")); err != nil {
		t.Fatal(err)
	}
	gh.AddRepo("voorbeeldstad", "defs", t.TempDir(), true)
	if _, err := drillops.Start(ctx, srv.eng.Client, p.Options, p.Input); err != nil {
		t.Fatal(err)
	}
	s = stepByID(t, processByID(t, srv.result(t, "gone"), "zaakgericht").Steps, "exitplan-current")
	if s.Status != drill.StepInconclusive || !strings.Contains(s.Reason, "cannot fetch "+wantRepo.Source) {
		t.Errorf("step when the repository cannot be fetched: %s (%s), want inconclusive", s.Status, s.Reason)
	}
}
