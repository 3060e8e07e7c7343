package checks

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/stamp"
	"go.temporal.io/sdk/temporal"
)

// treeRepos stands for GitHub in these tests: a source at a commit is a
// directory tree of the test's (internal/cli's TestDrillOnFetchedFiles
// fetches through the GitHub adapter itself).
type treeRepos struct {
	root   string // the repository's root at commit
	commit string
	err    error
	asked  int
}

func (r *treeRepos) Fetch(_ context.Context, spec forge.Spec) (forge.Fetched, error) {
	r.asked++
	if r.err != nil {
		return forge.Fetched{}, r.err
	}
	return forge.Fetched{Path: filepath.Join(r.root, filepath.FromSlash(spec.Path)), Commit: r.commit, Root: r.root}, nil
}

// hangingRepos is a GitHub that accepts the connection and never answers.
type hangingRepos struct{}

func (hangingRepos) Fetch(ctx context.Context, _ forge.Spec) (forge.Fetched, error) {
	<-ctx.Done()
	return forge.Fetched{}, ctx.Err()
}

// TestFetchedExitPlan is the worker's choice for an exit plan of a github:
// source that the plan does not carry: fetched at the drill's commit when
// the worker does not see the catalog, and the step runs on those bytes;
// inconclusive, never run, when it cannot fetch the source, finds other
// bytes there, is not set up to fetch, or the plan names the file outside
// the repository.
func TestFetchedExitPlan(t *testing.T) {
	complete, err := os.ReadFile("exitplan/testdata/exitplan/complete.md")
	if err != nil {
		t.Fatal(err)
	}
	const sha = "0123456789abcdef0123456789abcdef01234567"
	repo := t.TempDir()
	doc := filepath.Join(repo, "continuity", "exitplans", "zaken.md")
	if err := os.MkdirAll(filepath.Dir(doc), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, complete, 0o644); err != nil {
		t.Fatal(err)
	}
	planned, err := stamp.Of(context.Background(), doc, stamp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	catalog := filepath.Join(t.TempDir(), "gone", "continuity") // the starter's copy, not on this worker
	planned.Path = filepath.Join(catalog, "exitplans", "zaken.md")
	planned.Repo = &drill.RepoFile{Source: "github:voorbeeldstad/defs/continuity@" + sha, Path: "continuity/exitplans/zaken.md"}
	st := exitPlanStep(catalog, "exitplans/zaken.md")
	st.Files = []drill.FileStamp{planned}
	in := drill.StepInput{DrillID: "d", Process: "p", Step: st, T0: time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)}
	tmp := emptyTemp(t)
	a := New(func(string) (string, bool) { return "", false })

	// Not set up to fetch: inconclusive, saying how to set it up.
	wantInconclusiveWith(t, a, in, drill.StaleFile+": this worker cannot see "+catalog+", and is not set up to fetch the step's files from "+planned.Repo.Source)

	repos := &treeRepos{root: repo, commit: sha}
	a.Repos = repos
	out, err := a.RunStep(context.Background(), in)
	if err != nil || !out.Passed {
		t.Fatalf("fetched copy: %+v, %v; want a pass on the repository's bytes", out, err)
	}
	if got, want := out.Details[drill.DetailShipped], "1 file fetched from "+planned.Repo.Source+": this worker does not see "+catalog; got != want {
		t.Errorf("detail %s = %q, want %q", drill.DetailShipped, got, want)
	}
	wantEmpty(t, tmp)

	// Other bytes at the commit.
	if err := os.WriteFile(doc, []byte("# Exit plan\n\nWe will think of something.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wantInconclusiveWith(t, a, in, drill.StaleFile+": this worker cannot see "+catalog+", and "+planned.Repo.Source+":continuity/exitplans/zaken.md (for "+planned.Path+") has sha256 ")
	if err := os.WriteFile(doc, complete, 0o644); err != nil {
		t.Fatal(err)
	}

	// A FIFO or a device at the path (a tree fetched by hand, a link): never
	// read, and never blocks.
	for name, make := range map[string]func(string) error{
		"fifo":   func(p string) error { return syscall.Mkfifo(p, 0o644) },
		"device": func(p string) error { return os.Symlink("/dev/zero", p) },
	} {
		if err := os.Remove(doc); err != nil {
			t.Fatal(err)
		}
		if err := make(doc); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		wantInconclusiveWith(t, a, in, planned.Repo.Source+":continuity/exitplans/zaken.md cannot be read at the drill's commit")
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: the step took %s", name, took)
		}
	}
	if err := os.Remove(doc); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, complete, 0o644); err != nil {
		t.Fatal(err)
	}

	// GitHub does not answer, or answers with another commit.
	repos.err = errors.New("GitHub answered 404 Not Found")
	wantInconclusiveWith(t, a, in, drill.StaleFile+": this worker cannot see "+catalog+", and cannot fetch "+planned.Repo.Source+": GitHub answered 404 Not Found")
	repos.err, repos.commit = nil, strings.Repeat("f", 40)
	wantInconclusiveWith(t, a, in, "gave commit "+repos.commit)
	repos.commit = sha

	// GitHub that never answers: inconclusive within the fetch's own
	// budget, not a step that runs into its timeout (its failure).
	saved := fetchTimeout
	fetchTimeout = 300 * time.Millisecond
	a.Repos = hangingRepos{}
	start := time.Now()
	wantInconclusiveWith(t, a, in, "cannot fetch "+planned.Repo.Source+": no answer within 300ms")
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("a repository that does not answer held the step %s", took)
	}
	fetchTimeout, a.Repos = saved, repos
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if got := fetchBudget(ctx); got > time.Second || got < 900*time.Millisecond {
		t.Errorf("fetch budget %s with 2s of the step left, want half of it", got)
	}

	// A plan that names a file outside the repository, or a source not
	// pinned to a commit, is never fetched.
	outside := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(outside, complete, 0o600); err != nil {
		t.Fatal(err)
	}
	asked := repos.asked
	for _, bad := range []drill.RepoFile{
		{Source: planned.Repo.Source, Path: "../" + filepath.Base(filepath.Dir(outside)) + "/secret"},
		{Source: planned.Repo.Source, Path: outside},
		{Source: planned.Repo.Source, Path: "continuity/./exitplans/zaken.md"},
		{Source: "github:voorbeeldstad/defs/continuity@main", Path: "continuity/exitplans/zaken.md"},
		{Source: "/etc@" + sha, Path: "passwd"},
	} {
		hostile := *st
		hostile.Files = []drill.FileStamp{planned}
		hostile.Files[0].Repo = &bad
		in.Step = &hostile
		wantInconclusiveWith(t, a, in, "the plan names "+planned.Path+" in a repository wrongly")
	}
	if repos.asked != asked {
		t.Errorf("the worker fetched %d times for plans naming files wrongly, want none", repos.asked-asked)
	}
	wantEmpty(t, tmp)
}

// wantInconclusiveWith is wantInconclusive for a reason that contains want.
func wantInconclusiveWith(t *testing.T, a *Activities, in drill.StepInput, want string) {
	t.Helper()
	_, err := a.RunStep(context.Background(), in)
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrInconclusive || !appErr.NonRetryable() || !strings.Contains(appErr.Message(), want) {
		t.Errorf("RunStep error %v, want inconclusive with %q", err, want)
	}
}
