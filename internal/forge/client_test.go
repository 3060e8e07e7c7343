package forge_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/forge/fakegithub"
)

const secret = "ghp_secretTOKEN0123456789abcdef"

// fast retries transient failures without real backoff and waits out rate
// limits in place.
var fast = forge.Retry{Attempts: 4, Backoff: 10 * time.Millisecond, MaxBackoff: 20 * time.Millisecond, MaxWait: 5 * time.Second}

func newClient(t *testing.T, srv *fakegithub.Server, token string, r forge.Retry) (*forge.Client, *[]string) {
	t.Helper()
	var notes []string
	c, err := forge.New(forge.Config{APIURL: srv.APIURL(), Token: token, Retry: r, Notify: func(m string) { notes = append(notes, m) }})
	if err != nil {
		t.Fatal(err)
	}
	return c, &notes
}

func newServer(t *testing.T) *fakegithub.Server {
	t.Helper()
	srv := fakegithub.New()
	srv.Token = secret
	t.Cleanup(srv.Close)
	return srv
}

// addRepos adds n repositories to org, each a real git repository with one commit.
func addRepos(t *testing.T, srv *fakegithub.Server, org string, n int) {
	t.Helper()
	for i := range n {
		dir := filepath.Join(t.TempDir(), fmt.Sprintf("r%d", i))
		fakegithub.InitRepo(t, dir)
		fakegithub.Commit(t, dir, time.Now(), "init", map[string]string{"README.md": "x"})
		srv.AddRepo(org, fmt.Sprintf("repo-%02d", i), dir, false)
	}
}

func TestPaginationFollowsLinkHeader(t *testing.T) {
	srv := newServer(t)
	srv.MaxPerPage = 2
	addRepos(t, srv, "voorbeeldstad", 7)
	c, _ := newClient(t, srv, secret, fast)
	repos, err := c.ListRepos(context.Background(), "voorbeeldstad")
	if err != nil {
		t.Fatal(err)
	}
	if len(repos) != 7 || repos[0].Name != "repo-00" || repos[6].Name != "repo-06" {
		t.Fatalf("got %d repos %v, want repo-00..repo-06", len(repos), repos)
	}
	if got := srv.Count("GET", "/orgs/voorbeeldstad/repos"); got != 4 {
		t.Errorf("pages requested = %d, want 4 (7 repos, 2 a page)", got)
	}
}

func TestRateLimitsAreWaitedOut(t *testing.T) {
	tests := []struct {
		name    string
		fault   fakegithub.Fault
		minWait time.Duration
	}{
		{"primary 403 remaining 0", fakegithub.Fault{Kind: "primary", ResetIn: time.Second}, 900 * time.Millisecond},
		{"secondary 403 retry-after", fakegithub.Fault{Kind: "secondary", RetryAfter: 1}, time.Second},
		{"secondary 429 retry-after", fakegithub.Fault{Kind: "secondary429", RetryAfter: 1}, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			addRepos(t, srv, "org", 1)
			f := tt.fault
			f.Prefix = "/orgs/org/repos"
			srv.Inject(&f)
			c, notes := newClient(t, srv, secret, fast)
			start := time.Now()
			repos, err := c.ListRepos(context.Background(), "org")
			if err != nil {
				t.Fatal(err)
			}
			if len(repos) != 1 {
				t.Errorf("got %d repos, want 1", len(repos))
			}
			if waited := time.Since(start); waited < tt.minWait {
				t.Errorf("retried after %s, want at least %s", waited, tt.minWait)
			}
			if srv.Count("GET", "/orgs/org/repos") != 2 {
				t.Errorf("requests = %d, want 2 (limited, then success)", srv.Count("GET", "/orgs/org/repos"))
			}
			if len(*notes) != 1 || !strings.Contains((*notes)[0], "rate limit") {
				t.Errorf("notes = %q, want one saying rate limit", *notes)
			}
		})
	}
}

func TestRateLimitReturnedWithDelayInActivityMode(t *testing.T) {
	srv := newServer(t)
	addRepos(t, srv, "org", 1)
	srv.Inject(&fakegithub.Fault{Prefix: "/orgs/org/repos", Kind: "secondary", RetryAfter: 42})
	c, _ := newClient(t, srv, secret, forge.ActivityRetry)
	_, err := c.ListRepos(context.Background(), "org")
	fe, ok := forge.AsError(err)
	if !ok || fe.Kind != forge.RateLimited || fe.Delay != 42*time.Second || !fe.Retryable() {
		t.Fatalf("err = %#v, want RateLimited with Delay 42s", err)
	}
}

func TestServerErrorThenSuccess(t *testing.T) {
	for _, status := range []int{500, 502, 503} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := newServer(t)
			addRepos(t, srv, "org", 1)
			srv.Inject(&fakegithub.Fault{Prefix: "/repos/org/repo-00/branches", Kind: "status", Status: status, Times: 2})
			c, _ := newClient(t, srv, secret, fast)
			bs, err := c.ListBranches(context.Background(), "org", "repo-00")
			if err != nil {
				t.Fatal(err)
			}
			if len(bs) != 1 || bs[0].Name != "main" || len(bs[0].SHA) != 40 {
				t.Errorf("branches = %v, want main at a commit", bs)
			}
			if n := srv.Count("GET", "/repos/org/repo-00/branches"); n != 3 {
				t.Errorf("requests = %d, want 3", n)
			}
		})
	}
}

func TestNetworkErrorIsRetriedThenReported(t *testing.T) {
	srv := newServer(t)
	url := srv.APIURL()
	srv.Close()
	c, err := forge.New(forge.Config{APIURL: url, Token: secret, Retry: forge.Retry{Attempts: 2, Backoff: time.Millisecond, MaxBackoff: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListRepos(context.Background(), "org")
	fe, ok := forge.AsError(err)
	if !ok || fe.Kind != forge.Transient || !strings.Contains(err.Error(), "cannot reach GitHub") {
		t.Fatalf("err = %v, want a transient 'cannot reach GitHub'", err)
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("error shows the token: %v", err)
	}
}

func TestClientErrorsSayWhatToFixAndAreNotRetried(t *testing.T) {
	tests := []struct {
		name   string
		token  string
		status int
		kind   forge.Kind
		want   string
	}{
		{"401 wrong token", "ghp_wrongTOKEN", 0, forge.Unauthorized, "GitHub answered 401 Bad credentials: the token in GITHUB_TOKEN is invalid or expired"},
		{"401 no token", "", 401, forge.Unauthorized, "this needs a token; set GITHUB_TOKEN"},
		{"403", secret, 403, forge.Forbidden, "GitHub answered 403 Forbidden: the token in GITHUB_TOKEN is not allowed to read the repository"},
		{"404", secret, 404, forge.NotFound, "GitHub answered 404 Not Found: check the name"},
		{"422", secret, 422, forge.Invalid, "GitHub answered 422 Unprocessable Entity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			addRepos(t, srv, "org", 1)
			if tt.status != 0 {
				srv.Inject(&fakegithub.Fault{Prefix: "/repos/org/repo-00/branches", Kind: "status", Status: tt.status})
			}
			c, notes := newClient(t, srv, tt.token, fast)
			_, err := c.ListBranches(context.Background(), "org", "repo-00")
			fe, ok := forge.AsError(err)
			if !ok || fe.Kind != tt.kind || fe.Retryable() {
				t.Fatalf("err = %v (%#v), want non-retryable %s", err, fe, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q\nwant it to contain %q", err, tt.want)
			}
			if n := srv.Count("GET", "/repos/org/repo-00/branches"); n != 1 {
				t.Errorf("requests = %d, want 1 (not retried)", n)
			}
			for _, text := range append(*notes, err.Error(), fmt.Sprintf("%+v", err)) {
				if strings.Contains(text, secret) || strings.Contains(text, "ghp_wrongTOKEN") {
					t.Errorf("token in output: %q", text)
				}
			}
		})
	}
}

func TestNewRejectsCredentialsInURL(t *testing.T) {
	_, err := forge.New(forge.Config{APIURL: "https://x:" + secret + "@github.example.nl/api/v3"})
	if err == nil || strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), "carries credentials") {
		t.Fatalf("err = %v, want a refusal that does not show the secret", err)
	}
	for _, bad := range []string{"ftp://x", "not a url", "/relative"} {
		if _, err := forge.New(forge.Config{APIURL: bad}); err == nil {
			t.Errorf("New(%q) accepted", bad)
		}
	}
}

func TestFetchMaterialisesCommitAndCaches(t *testing.T) {
	srv := newServer(t)
	dir := filepath.Join(t.TempDir(), "continuity")
	fakegithub.InitRepo(t, dir)
	first := fakegithub.Commit(t, dir, time.Now().Add(-time.Hour), "v1", map[string]string{
		"defs/catalog.yaml": "v1", "defs/exitplans/a.md": "plan", "other/x.txt": "no",
	})
	fakegithub.Git(t, dir, "tag", "v1")
	head := fakegithub.Commit(t, dir, time.Now(), "v2", map[string]string{"defs/catalog.yaml": "v2"})
	srv.AddRepo("voorbeeldstad", "continuity", dir, true)
	c, _ := newClient(t, srv, secret, fast)
	cache := t.TempDir()
	ctx := context.Background()

	tests := []struct {
		spec, wantSHA, want string
	}{
		{"github:voorbeeldstad/continuity/defs/catalog.yaml@main", head, "v2"},
		{"github:voorbeeldstad/continuity/defs/catalog.yaml@v1", first, "v1"},
		{"github:voorbeeldstad/continuity/defs/catalog.yaml@" + first, first, "v1"},
		{"github:voorbeeldstad/continuity/defs/catalog.yaml", head, "v2"},
	}
	for _, tt := range tests {
		sp, err := forge.ParseSpec(tt.spec)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Fetch(ctx, sp, cache)
		if err != nil {
			t.Fatalf("Fetch(%s): %v", tt.spec, err)
		}
		if got.Commit != tt.wantSHA {
			t.Errorf("%s: commit %s, want %s", tt.spec, got.Commit, tt.wantSHA)
		}
		b, err := os.ReadFile(got.Path)
		if err != nil || string(b) != tt.want {
			t.Errorf("%s: %s holds %q (%v), want %q", tt.spec, got.Path, b, err, tt.want)
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(got.Path), "exitplans", "a.md")); err != nil {
			t.Errorf("%s: the catalog's exit plan is not beside it: %v", tt.spec, err)
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(got.Path), "..", "other", "x.txt")); err == nil {
			t.Errorf("%s: files outside the catalog's directory were extracted", tt.spec)
		}
	}
	if n := srv.Count("GET", "/repos/voorbeeldstad/continuity/tarball/"); n != 2 {
		t.Errorf("tarball downloads = %d, want 2 (one per commit; the rest from the cache)", n)
	}

	sp, _ := forge.ParseSpec("github:voorbeeldstad/continuity/nope.yaml@main")
	if _, err := c.Fetch(ctx, sp, cache); err == nil || !strings.Contains(err.Error(), `"nope.yaml" does not exist at commit `+head) {
		t.Errorf("missing path: err = %v", err)
	}
	sp, _ = forge.ParseSpec("github:voorbeeldstad/continuity/defs@no-such-branch")
	if _, err := c.Fetch(ctx, sp, cache); err == nil || !strings.Contains(err.Error(), "422") {
		t.Errorf("unknown ref: err = %v, want GitHub's 422", err)
	}
	anon, _ := newClient(t, srv, "", fast)
	if _, err := anon.Fetch(ctx, sp, cache); err == nil || !strings.Contains(err.Error(), "for a private repository set GITHUB_TOKEN") {
		t.Errorf("private without token: err = %v", err)
	}
}

func TestParseSpec(t *testing.T) {
	good := map[string]forge.Spec{
		"github:o/r":                 {Owner: "o", Repo: "r"},
		"github:o/r@main":            {Owner: "o", Repo: "r", Ref: "main"},
		"github:o/r/a/b.yaml@v1.2":   {Owner: "o", Repo: "r", Path: "a/b.yaml", Ref: "v1.2"},
		"github:o/r.x/dir@feature/x": {Owner: "o", Repo: "r.x", Path: "dir", Ref: "feature/x"},
	}
	for in, want := range good {
		got, err := forge.ParseSpec(in)
		if err != nil || got != want {
			t.Errorf("ParseSpec(%q) = %+v, %v; want %+v", in, got, err, want)
		}
		if got.String() != in {
			t.Errorf("String() = %q, want %q", got.String(), in)
		}
	}
	for _, bad := range []string{"github:", "github:o", "github:o/r/../x", "github:o/r@", "github:o/r@a..b", "gitlab:o/r", "github:-o/r"} {
		if _, err := forge.ParseSpec(bad); err == nil {
			t.Errorf("ParseSpec(%q) accepted", bad)
		}
	}
}
