package cli

import (
	"bytes"
	"context"
	"errors"
	"html"
	"io"
	"log/slog"
	"net"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/console"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// scheduledInput is the drill input of a schedule on the server running on
// the state directory.
func scheduledInput(t *testing.T, state, id string) drill.DrillInput {
	t.Helper()
	ctx := context.Background()
	eng, err := engine.Open(ctx, engine.Options{StateDir: state, NoUI: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	d, err := eng.Client.ScheduleClient().GetHandle(ctx, id).Describe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var in drill.DrillInput
	action, ok := d.Schedule.Action.(*client.ScheduleWorkflowAction)
	if !ok || len(action.Args) != 1 {
		t.Fatalf("schedule %s: action %+v, want a workflow with one argument", id, d.Schedule.Action)
	}
	p, ok := action.Args[0].(*commonpb.Payload)
	if !ok || engine.DataConverter.FromPayload(p, &in) != nil {
		t.Fatalf("schedule %s: argument %v is not a drill input", id, action.Args[0])
	}
	return in
}

func TestConsoleAddUser(t *testing.T) {
	users := filepath.Join(t.TempDir(), "users")
	add := func(stdin string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Execute(context.Background(), append([]string{"console", "adduser", "--users", users}, args...),
			Streams{In: strings.NewReader(stdin), Out: &out, Err: &errb})
		return code, out.String(), errb.String()
	}
	if code, out, errs := add("s3cret-pass\n", "--name", "olga", "--role", "operator", "--step-role", "process-owner,service-desk"); code != ExitOK ||
		out != "user olga (operator) written to "+users+"\n" {
		t.Fatalf("adduser: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	data, err := os.ReadFile(users)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^olga:operator:process-owner,service-desk:\$2a\$10\$`).Match(data) || bytes.Contains(data, []byte("s3cret-pass")) {
		t.Errorf("users file:\n%s", data)
	}
	if st, _ := os.Stat(users); st.Mode().Perm() != 0o600 {
		t.Errorf("users file mode %v, want 0600", st.Mode().Perm())
	}
	for _, tt := range []struct {
		name, stdin string
		args        []string
		wantErr     string
	}{
		{"unknown role", "s3cret-pass\n", []string{"--name", "x", "--role", "admin"}, `role "admin": allowed are viewer, operator, continuity-manager`},
		{"short password", "short\n", []string{"--name", "x", "--role", "viewer"}, "at least 8 characters"},
		{"no password", "", []string{"--name", "x", "--role", "viewer"}, "no password on stdin"},
		{"bad name", "s3cret-pass\n", []string{"--name", "a:b", "--role", "viewer"}, `user name "a:b"`},
	} {
		if code, _, errs := add(tt.stdin, tt.args...); code != ExitInvalid || !strings.Contains(errs, tt.wantErr) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tt.name, code, errs, tt.wantErr)
		}
	}
}

func TestServerServesConsole(t *testing.T) {
	dir := t.TempDir()
	for _, u := range [][2]string{{"vic", "viewer"}, {"anna", "continuity-manager"}} {
		consoleUser(t, dir, u[0], u[1])
	}
	url := serveConsole(t, "server", "--state-dir", dir, "--no-ui", "--console-listen", "127.0.0.1:0", "--catalog", drillCatalog, "--scenarios", "testdata/drill/scenarios")
	resp, err := http.Get(url + "login")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Sign in") {
		t.Errorf("GET %slogin: status %d\n%s", url, resp.StatusCode, body)
	}
	t.Run("a continuity manager creates a schedule", func(t *testing.T) {
		cc := signIn(t, url, "anna")
		m := csrfRE.FindStringSubmatch(cc.get("schedules"))
		if m == nil {
			t.Fatal("no CSRF token on the schedules page")
		}
		form := neturl.Values{"csrf": {m[1]}, "catalog": {drillCatalog}, "scenario": {scenarioFile("portal-mail-compressed")}, "cron": {"0 9 1 */3 *"}}
		if resp := cc.post("schedules", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create schedule: status %d", resp.StatusCode)
		}
		var page string
		if !testkit.Poll(15*time.Second, func() bool { // the schedule list is eventually consistent
			page = cc.get("schedules")
			return strings.Contains(page, "drill-portal-mail-compressed") && strings.Contains(page, "created by anna (console continuity-manager)")
		}) {
			t.Errorf("schedules page after create:\n%s", page)
		}
		// Its drills' evidence will say who created it.
		if in := scheduledInput(t, dir, "drill-portal-mail-compressed"); in.StartedBy != "schedule drill-portal-mail-compressed (created by anna (console continuity-manager))" || in.Note != "" {
			t.Errorf("the schedule's drills start with StartedBy %q, Note %q", in.StartedBy, in.Note)
		}
		form.Set("cron", "every full moon")
		resp, err := cc.c.PostForm(url+"schedules", form)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(string(b)), `cron "every full moon": cron needs 5 fields: minute hour day month weekday; "every full moon" has 3`) {
			t.Errorf("bad cron: status %d\n%s", resp.StatusCode, b)
		}
	})
}

func TestPlainOffLoopbackWarns(t *testing.T) {
	tests := []struct {
		addr string
		tls  bool
		want bool
	}{
		{"0.0.0.0:8234", false, true},
		{"[::]:8234", false, true},
		{"192.168.1.5:8234", false, true},
		{"0.0.0.0:8234", true, false}, // --cert/--key or --secure
		{"127.0.0.1:8234", false, false},
		{"[::1]:8234", false, false},
	}
	for _, tt := range tests {
		a, err := net.ResolveTCPAddr("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := plainOffLoopback(a, tt.tls); got != tt.want {
			t.Errorf("plainOffLoopback(%s, tls %v) = %v, want %v", tt.addr, tt.tls, got, tt.want)
		}
	}
}

func TestUsersFileWarning(t *testing.T) {
	path := filepath.Join(t.TempDir(), UsersFile)
	if err := os.WriteFile(path, []byte("anna:viewer::$2a$10$x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if w := usersFileWarning(path); w != "" {
		t.Errorf("mode 0600: warning %q, want none", w)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if w := usersFileWarning(path); !strings.Contains(w, "is readable by others (mode 0644)") || !strings.Contains(w, "chmod 600 "+path) {
		t.Errorf("mode 0644: warning %q", w)
	}
}

// A catalog in a repository goes to the console's forms with
// --github-catalog; given to --catalog, which the readiness pages read from
// disk, it is refused (exit 2) rather than taken for a local path.
func TestConsoleCatalogInRepository(t *testing.T) {
	dir := t.TempDir()
	users := filepath.Join(dir, "users")
	if err := console.AddUser(users, "anna", console.RoleManager, nil, []byte("a long enough password")); err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	f := &consoleFlags{Users: users, Catalog: []string{"github:voorbeeldstad/continuity/catalog@main"}}
	_, err := startConsole(&engine.Engine{StateDir: dir}, f, &Streams{Err: &errb}, slog.New(slog.DiscardHandler))
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != ExitInvalid || !strings.Contains(err.Error(), "--github-catalog") {
		t.Errorf("--catalog github:...: %v; want exit %d pointing at --github-catalog", err, ExitInvalid)
	}
}

// --actions-repo must be OWNER/REPO, and --actions-owners needs it and a
// readable mapping: each mistake is refused (exit 2) before the console
// serves; a good pair gives the review page a publisher.
func TestConsoleActionsRepo(t *testing.T) {
	dir := t.TempDir()
	owners := filepath.Join(dir, "owners.yaml")
	if err := os.WriteFile(owners, []byte("Operations: jdevries\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		repo, owners, want string
	}{
		{"voorbeeldstad", "", "--actions-repo \"voorbeeldstad\": want OWNER/REPO"},
		{"", owners, "--actions-owners needs --actions-repo"},
		{"voorbeeldstad/continuity", filepath.Join(dir, "missing.yaml"), "--owners"},
	} {
		f := &consoleFlags{ActionsRepo: tc.repo, ActionsOwners: tc.owners}
		_, err := f.actionIssues()
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != ExitInvalid || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("--actions-repo %q --actions-owners %q: %v; want exit %d saying %q", tc.repo, tc.owners, err, ExitInvalid, tc.want)
		}
	}
	f := &consoleFlags{ActionsRepo: "voorbeeldstad/continuity", ActionsOwners: owners}
	ai, err := f.actionIssues()
	if err != nil || ai == nil || ai.Publisher == nil || ai.Repo != "voorbeeldstad/continuity" || ai.Owners["Operations"] != "jdevries" {
		t.Errorf("a good pair: %+v, %v", ai, err)
	}
	if ai, err := (&consoleFlags{}).actionIssues(); ai != nil || err != nil {
		t.Errorf("without --actions-repo: %+v, %v; want none", ai, err)
	}
}
