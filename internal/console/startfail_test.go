package console

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/testkit"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// TestPrepareFailure: a mistake in what was asked is 422 in its own words;
// a failure of GitHub 502 in the forge's; anything else 500 with a plain
// message that names none of the server's paths.
func TestPrepareFailure(t *testing.T) {
	var defs yamldoc.List
	defs.Add(yamldoc.Pos{File: "catalog.yaml", Line: 3, Col: 4}, "processes[p].rto", "40d", "rto is longer than mtpd 30d", "")
	secret := "/srv/exitdrill/state/reports/x"
	for _, tt := range []struct {
		name   string
		err    error
		status int
		want   string
	}{
		{"a mistake in the request", fmt.Errorf("prepare: %w", &drillops.InvalidError{Err: errors.New("drill id \"a b\": not an id")}), http.StatusUnprocessableEntity, `drill id "a b": not an id`},
		{"a mistake in the definitions", defs.Err(), http.StatusUnprocessableEntity, "catalog.yaml:3:4: processes[p].rto"},
		{"GitHub", fmt.Errorf("load catalog from github:o/r/c@main: %w", &forge.Error{Kind: forge.Transient}), http.StatusBadGateway, "load catalog from github:o/r/c@main"},
		{"the server's disk", fmt.Errorf("free space where the evidence goes (%s): %w", secret, &os.PathError{Op: "statfs", Path: secret, Err: errors.New("input/output error")}),
			http.StatusInternalServerError, "the server could not prepare the drill"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, msg := prepareFailure(tt.err)
			if status != tt.status || !strings.Contains(msg, tt.want) {
				t.Errorf("prepareFailure = %d %q, want %d and %q", status, msg, tt.status, tt.want)
			}
			if status == http.StatusInternalServerError && strings.Contains(msg, secret) {
				t.Errorf("the 500 message names the server's path: %q", msg)
			}
		})
	}
}

// TestStartDrillServerFailure: a drill the server cannot prepare for a
// reason of its own (here the cache of repository sources is unusable: a
// file stands where its directory should be) is 500 with a plain message
// and the form; the error, with its paths, goes to the server's log.
func TestStartDrillServerFailure(t *testing.T) {
	srv, _ := githubDefs(t)
	blocker := filepath.Join(t.TempDir(), "not-a-directory")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	var logged testkit.SyncBuffer
	gh := &drillops.GitHub{Config: forge.Config{APIURL: srv.APIURL()}, Cache: filepath.Join(blocker, "cache")}
	tc := consoleOn(t, writeTestUsers(t), Options{GitHub: gh, GitHubAllow: []string{"voorbeeldstad/defs"},
		Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	b := tc.browser(t)
	tok := b.signIn("alice")
	nonce := b.startForm()
	form := tabletopForm(tok, nonce, "")
	form.Set("catalog", "github:voorbeeldstad/defs/catalog@main")
	for _, p := range []page{b.get("/drills/review?" + reviewQuery(nonce, map[string]string{"catalog": form.Get("catalog")})), b.post("/drills", form)} {
		if p.status != http.StatusInternalServerError || !strings.Contains(p.body, "the server could not prepare the drill") ||
			!strings.Contains(p.body, "Review the drill</button>") || strings.Contains(p.body, blocker) {
			t.Errorf("status %d; want 500 with the plain message and the form, naming no path:\n%s", p.status, p.body)
		}
	}
	if log := logged.String(); !strings.Contains(log, "console: prepare a drill") || !strings.Contains(log, blocker) {
		t.Errorf("the server's log lacks the failure:\n%s", log)
	}
	if ids := tc.drillsWithNonce(t, nonce); len(ids) != 0 {
		t.Errorf("a failed preparation started %v", ids)
	}
}
