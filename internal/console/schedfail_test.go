package console

import (
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// TestScheduleCreateFailures: a schedule that cannot be created is answered
// as a drill that cannot be started (prepareFailure): GitHub's failure 502
// in the forge's words, a failure of the server's own 500 with a plain
// message, its paths in the server's log only; a mistake in the form stays
// 422 (TestScheduleFormErrors). Nothing is created.
func TestScheduleCreateFailures(t *testing.T) {
	srv, _ := githubDefs(t)
	blocker := filepath.Join(t.TempDir(), "not-a-directory")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, catalog string
		cache         string
		status        int
		want          string
	}{
		{"GitHub", "github:voorbeeldstad/nothing/catalog@main", t.TempDir(), http.StatusBadGateway,
			"load catalog from github:voorbeeldstad/nothing/catalog@main: "},
		{"the server", "github:voorbeeldstad/defs/catalog@main", filepath.Join(blocker, "cache"), http.StatusInternalServerError,
			"the server could not prepare the drill"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var logged testkit.SyncBuffer
			gh := &drillops.GitHub{Config: forge.Config{APIURL: srv.APIURL()}, Cache: tt.cache}
			tc := consoleOn(t, writeTestUsers(t), Options{GitHub: gh, GitHubAllow: []string{"voorbeeldstad/*"},
				Logger: slog.New(slog.NewTextHandler(&logged, nil))})
			tc.deleteSchedules(t, "drill-portal-tabletop")
			b := tc.browser(t)
			form := scheduleFormValues(b.signIn("alice"))
			form.Set("catalog", tt.catalog)
			p := b.post("/schedules", form)
			if p.status != tt.status || !strings.Contains(text(p.body), tt.want) || !strings.Contains(p.body, "Create schedule</button>") ||
				strings.Contains(p.body, blocker) {
				t.Errorf("status %d; want %d with %q and the form, naming no path of the server:\n%s", p.status, tt.status, tt.want, text(p.body))
			}
			if tc.scheduleExists(t, "drill-portal-tabletop") {
				t.Errorf("a failed form created drill-portal-tabletop")
			}
			if log := logged.String(); tt.status == http.StatusInternalServerError &&
				(!strings.Contains(log, "console: create a schedule") || !strings.Contains(log, blocker)) {
				t.Errorf("the server's log lacks the failure:\n%s", log)
			}
		})
	}
}
