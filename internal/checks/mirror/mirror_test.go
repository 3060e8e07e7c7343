package mirror

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/forge/fakegithub"
)

const forgeToken = "ghp_secretMIRRORtoken0123456789"

// mirrorWorld is a fake GitHub whose repositories are real git repositories,
// and a directory of bare mirrors of them:
//
//	sync      mirror equal to GitHub
//	lagging   mirror lacks one commit made 1h before T0 (within 24h)
//	stale     mirror lacks commits since 3 days before T0, and branch dev
//	nomirror  no mirror at all
type mirrorWorld struct {
	srv     *fakegithub.Server
	mirrors string
	t0      time.Time
}

func newMirrorWorld(t *testing.T) *mirrorWorld {
	t.Helper()
	w := &mirrorWorld{srv: fakegithub.New(), mirrors: t.TempDir(), t0: time.Now().UTC().Truncate(time.Second)}
	w.srv.Token = forgeToken
	t.Cleanup(w.srv.Close)
	origins := t.TempDir()
	old := w.t0.Add(-10 * 24 * time.Hour)
	for _, name := range []string{"lagging", "nomirror", "stale", "sync"} {
		dir := filepath.Join(origins, name)
		fakegithub.InitRepo(t, dir)
		fakegithub.Commit(t, dir, old, "first", map[string]string{"README.md": name})
		w.srv.AddRepo("voorbeeldstad", name, dir, false)
		if name == "nomirror" {
			continue
		}
		mirror := filepath.Join(w.mirrors, name+".git")
		fakegithub.Git(t, w.mirrors, "init", "-q", "--bare", mirror)
		fakegithub.Git(t, dir, "remote", "add", "mirror", mirror)
		fakegithub.Git(t, dir, "push", "-q", "mirror", "refs/heads/*:refs/heads/*")
		switch name {
		case "sync":
			fakegithub.Commit(t, dir, w.t0.Add(-2*time.Hour), "second", map[string]string{"a.txt": "2"})
			fakegithub.Git(t, dir, "push", "-q", "mirror", "refs/heads/*:refs/heads/*")
		case "lagging":
			fakegithub.Commit(t, dir, w.t0.Add(-time.Hour), "not yet mirrored", map[string]string{"a.txt": "2"})
		case "stale":
			fakegithub.Commit(t, dir, w.t0.Add(-72*time.Hour), "not mirrored", map[string]string{"a.txt": "2"})
			fakegithub.Commit(t, dir, w.t0.Add(-time.Hour), "not mirrored either", map[string]string{"a.txt": "3"})
			fakegithub.Git(t, dir, "branch", "dev")
		}
	}
	return w
}

func (w *mirrorWorld) input(f drill.Forge) drill.StepInput {
	if f.APIURL == "" {
		f.APIURL = w.srv.APIURL()
	}
	if f.Mirror == "" {
		f.Mirror = "file://" + w.mirrors + "/{repo}.git"
	}
	if f.MaxBehind == 0 {
		f.MaxBehind = drill.Duration(24 * time.Hour)
	}
	return drill.StepInput{Step: &drill.StepPlan{ID: "mirror", Kind: drill.ForgeMirror, Forge: &f}, T0: w.t0}
}

func envWith(vars map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
}

func TestForgeMirrorInSyncStaleMissing(t *testing.T) {
	w := newMirrorWorld(t)
	a := newRunner(envWith(map[string]string{"GITHUB_TOKEN": forgeToken}))
	out, err := a.RunStep(context.Background(), w.input(drill.Forge{Owner: "voorbeeldstad"}))
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrCheckFailed {
		t.Fatalf("err = %v, want a failed check", err)
	}
	for k, want := range map[string]string{
		"repositories": "4", "inSync": "2", "stale": "1", "missing": "1", "authenticated": "yes, token from GITHUB_TOKEN",
		"repo voorbeeldstad/sync":    "in sync: 1 branch equal",
		"repo voorbeeldstad/lagging": "in sync: 1 branch; 1 within maxBehind",
		"repo voorbeeldstad/stale":   "stale: dev not on the mirror, main 3d behind (2 commits missing)",
	} {
		if got := out.Details[k]; got != want {
			t.Errorf("details[%s] = %q, want %q", k, got, want)
		}
	}
	for _, want := range []string{
		"2 of 4 repositories not mirrored within maxBehind 1d: ",
		"stale voorbeeldstad/stale (dev not on the mirror, main 3d behind (2 commits missing))",
		"missing voorbeeldstad/nomirror (no mirror at file://" + w.mirrors + "/nomirror.git (",
	} {
		if !strings.Contains(out.Reason, want) {
			t.Errorf("reason = %q\nwant it to contain %q", out.Reason, want)
		}
	}
	if strings.Contains(out.Reason, "voorbeeldstad/sync") || strings.Contains(out.Reason, "lagging") {
		t.Errorf("reason names a repository that is in sync: %q", out.Reason)
	}
}

func TestForgeMirrorPassesWhenAllInSync(t *testing.T) {
	w := newMirrorWorld(t)
	// No token: the public repositories are read unauthenticated, and the details say so.
	a := newRunner(envWith(nil))
	out, err := a.RunStep(context.Background(), w.input(drill.Forge{Owner: "voorbeeldstad", Repos: []string{"sync", "voorbeeldstad/lagging"}}))
	if err != nil {
		t.Fatalf("err = %v, want a pass", err)
	}
	if !out.Passed || out.Details["inSync"] != "2" || !strings.HasPrefix(out.Details["authenticated"], "no: GITHUB_TOKEN is not set") {
		t.Errorf("out = %+v", out)
	}
	if n := w.srv.Count("", "/"); n == 0 {
		t.Error("the fake GitHub was not asked")
	}
	// A tighter maxBehind makes the lagging mirror stale.
	in := w.input(drill.Forge{Repos: []string{"voorbeeldstad/lagging"}, MaxBehind: drill.Duration(30 * time.Minute)})
	out, err = a.RunStep(context.Background(), in)
	if err == nil || !strings.Contains(out.Reason, "stale voorbeeldstad/lagging (main 1h behind (1 commit missing))") {
		t.Errorf("maxBehind 30m: err %v reason %q", err, out.Reason)
	}
}

func TestForgeMirrorErrors(t *testing.T) {
	w := newMirrorWorld(t)
	tests := []struct {
		name      string
		env       map[string]string
		fault     *fakegithub.Fault
		wantType  string
		retryable bool
		delay     time.Duration
		want      string
	}{
		{"wrong token", map[string]string{"GITHUB_TOKEN": "ghp_secretWRONG0123456789"}, nil, drill.ErrBadStep, false, 0,
			"GitHub answered 401 Bad credentials: the token in GITHUB_TOKEN is invalid or expired"},
		{"unknown owner", map[string]string{"GITHUB_TOKEN": forgeToken}, &fakegithub.Fault{Prefix: "/users/", Kind: "status", Status: 404}, drill.ErrBadStep, false, 0,
			"look up GitHub account voorbeeldstad: GitHub answered 404 Not Found: check the name"},
		{"secondary rate limit", map[string]string{"GITHUB_TOKEN": forgeToken}, &fakegithub.Fault{Prefix: "/orgs/", Kind: "secondary", RetryAfter: 42}, ErrForgeRateLimited, true, 42 * time.Second,
			"secondary rate limit"},
		{"server errors", map[string]string{"GITHUB_TOKEN": forgeToken}, &fakegithub.Fault{Prefix: "/orgs/", Kind: "status", Status: 503, Times: 10}, ErrForgeUnavailable, true, 0,
			"GitHub answered 503 Service Unavailable; temporary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w.srv.ClearFaults()
			if tt.fault != nil {
				w.srv.Inject(tt.fault)
			}
			a := newRunner(envWith(tt.env))
			_, err := a.RunStep(context.Background(), w.input(drill.Forge{Owner: "voorbeeldstad"}))
			var appErr *temporal.ApplicationError
			if !errors.As(err, &appErr) || appErr.Type() != tt.wantType || appErr.NonRetryable() == tt.retryable || appErr.NextRetryDelay() != tt.delay {
				t.Fatalf("err = %v (%#v), want type %s retryable %v delay %s", err, appErr, tt.wantType, tt.retryable, tt.delay)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q\nwant it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "ghp_secret") {
				t.Errorf("the token is in the error: %q", err)
			}
		})
	}
}

func TestForgeMirrorWithoutBlockIsBadStep(t *testing.T) {
	a := newRunner(envWith(nil))
	_, err := a.RunStep(context.Background(), drill.StepInput{Step: &drill.StepPlan{ID: "m", Kind: drill.ForgeMirror}})
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrBadStep || !appErr.NonRetryable() {
		t.Fatalf("err = %v, want a non-retryable BadStep", err)
	}
}
