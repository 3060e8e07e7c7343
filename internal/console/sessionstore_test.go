package console

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/testkit"
)

// logBuffer collects a console's log lines; the server writes from its own
// goroutines.
type logBuffer struct{ testkit.SyncBuffer }

func (l *logBuffer) logger() *slog.Logger { return slog.New(slog.NewTextHandler(l, nil)) }

// sessionCookieOf is the session cookie the browser holds for tc.
func (b *browser) sessionCookieOf() string {
	b.t.Helper()
	u, _ := url.Parse(b.tc.URL)
	for _, c := range b.http.Jar.Cookies(u) {
		if c.Name == sessionCookie {
			return c.Value
		}
	}
	b.t.Fatal("the browser holds no session cookie")
	return ""
}

// storedSessions reads the sessions file as JSON, independently of the
// console's reader.
func storedSessionsIn(t *testing.T, path string) []storedSession {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f sessionsFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("sessions file %s: %v\n%s", path, err, data)
	}
	if f.Version != 1 {
		t.Errorf("sessions file version %d, want 1", f.Version)
	}
	return f.Sessions
}

// signedInAs says whether the browser's session shows the drills page to
// name with role.
func (b *browser) signedInAs(name, role string) bool {
	b.t.Helper()
	p := b.get("/drills")
	return p.status == http.StatusOK && strings.Contains(p.body, name+" · "+role)
}

func TestSessionsSurviveRestart(t *testing.T) {
	users := writeTestUsers(t)
	file := users + ".sessions"
	tc := consoleOn(t, users, Options{})
	b := tc.browser(t)
	tok := b.signIn("alice")
	cookie := b.sessionCookieOf()

	fi, err := os.Stat(file)
	if err != nil {
		t.Fatalf("no sessions file after sign-in: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("sessions file mode %v, want 0600", fi.Mode().Perm())
	}
	raw, _ := os.ReadFile(file)
	for what, secret := range map[string]string{"cookie value": cookie, "CSRF token": tok} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the sessions file holds the %s:\n%s", what, raw)
		}
	}
	sum := sha256.Sum256([]byte(cookie))
	got := storedSessionsIn(t, file)
	if len(got) != 1 || got[0].Key != hex.EncodeToString(sum[:]) || got[0].User != "alice" || got[0].Role != RoleManager || got[0].Via != viaPassword {
		t.Fatalf("stored sessions = %+v; want alice's, keyed by the SHA-256 of the cookie", got)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".*tmp*")); len(left) != 0 {
		t.Errorf("temporary files left beside the sessions file: %v", left)
	}

	tc.Close()
	b.tc = consoleOn(t, users, Options{}) // the restart
	p := b.get("/drills")
	if p.status != http.StatusOK || !strings.Contains(p.body, "alice · "+RoleManager) {
		t.Fatalf("after restart: status %d, location %q; want alice still signed in", p.status, p.location)
	}
	if got := csrf(t, p); got != tok {
		t.Errorf("CSRF token after restart %q, want the one from before %q", got, tok)
	}
	if p := b.post("/logout", url.Values{"csrf": {"x" + tok}}); p.status != http.StatusForbidden {
		t.Errorf("sign-out with a wrong CSRF token after restart: status %d, want 403", p.status)
	}
	if p := b.post("/logout", url.Values{"csrf": {tok}}); p.status != http.StatusSeeOther || p.location != "/login" {
		t.Fatalf("sign-out with the CSRF token from before the restart: status %d, location %q; want 303 to /login", p.status, p.location)
	}
	if got := storedSessionsIn(t, file); len(got) != 0 {
		t.Errorf("after sign-out the sessions file holds %+v; want none", got)
	}

	// The old cookie, replayed after another restart, signs nobody in.
	b.tc.Close()
	b.tc = consoleOn(t, users, Options{})
	b.http.Jar.SetCookies(mustURL(t, b.tc.URL), []*http.Cookie{{Name: sessionCookie, Value: cookie, Path: "/"}})
	if p := b.get("/drills"); p.status != http.StatusSeeOther {
		t.Errorf("signed-out cookie after restart: status %d, want 303 to the login page", p.status)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestSessionsDroppedAtRestart(t *testing.T) {
	later := func() time.Time { return time.Now().Add(sessionTTL + time.Minute) }
	removeVic := func(t *testing.T, users string) {
		data, err := os.ReadFile(users)
		if err != nil {
			t.Fatal(err)
		}
		var keep []string
		for _, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
			if !strings.HasPrefix(l, "vic:") {
				keep = append(keep, l)
			}
		}
		if err := os.WriteFile(users, []byte(strings.Join(keep, "\n")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	setUser := func(name, role string, steps ...string) func(*testing.T, string) {
		return func(t *testing.T, users string) {
			if err := AddUser(users, name, role, steps, []byte(testPassword)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tt := range []struct {
		name, user, role string
		change           func(*testing.T, string)
		now              func() time.Time
		wantLog          string
	}{
		{name: "expired", user: "vic", role: RoleViewer, now: later, wantLog: "kept=0 dropped=2"},
		{name: "user removed", user: "vic", role: RoleViewer, change: removeVic,
			wantLog: `msg="console: session not restored" user=vic reason="no longer in the users file"`},
		{name: "demoted", user: "olga", role: RoleOperator, change: setUser("olga", RoleViewer, "process-owner", "service-desk"),
			wantLog: `msg="console: session not restored" user=olga reason="role changed in the users file"`},
		{name: "step role taken away", user: "olga", role: RoleOperator, change: setUser("olga", RoleOperator, "service-desk"),
			wantLog: `msg="console: session not restored" user=olga reason="role changed in the users file"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			users := writeTestUsers(t)
			tc := consoleOn(t, users, Options{})
			b, other := tc.browser(t), tc.browser(t)
			b.signIn(tt.user)
			other.signIn("alice") // unchanged: stays signed in
			if !b.signedInAs(tt.user, tt.role) {
				t.Fatalf("%s is not signed in before the restart", tt.user)
			}
			tc.Close()
			if tt.change != nil {
				tt.change(t, users)
			}
			var log logBuffer
			tc = consoleOn(t, users, Options{Logger: log.logger(), Now: tt.now})
			b.tc, other.tc = tc, tc
			if p := b.get("/drills"); p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/login") {
				t.Errorf("%s after restart: status %d, location %q; want 303 to the login page", tt.user, p.status, p.location)
			}
			if !strings.Contains(log.String(), tt.wantLog) {
				t.Errorf("log lacks %q:\n%s", tt.wantLog, log.String())
			}
			stored := storedSessionsIn(t, users+".sessions")
			for _, s := range stored {
				if s.User == tt.user {
					t.Errorf("the sessions file still holds %s's session after the restart: %+v", tt.user, stored)
				}
			}
			if tt.now == nil && !other.signedInAs("alice", RoleManager) {
				t.Errorf("alice, unchanged, was signed out by the restart")
			}
		})
	}
}

func TestSessionsFileUnreadable(t *testing.T) {
	for _, tt := range []struct {
		name    string
		prepare func(t *testing.T, file string)
		wantErr string
	}{
		{"not JSON", func(t *testing.T, file string) { writeFile(t, file, "{\"version\": 1, \"sessions\": [") }, "not a sessions file: unexpected end of JSON input"},
		{"another version", func(t *testing.T, file string) { writeFile(t, file, `{"version": 9, "sessions": []}`) }, "sessions file version 9, want 1"},
		{"a directory", func(t *testing.T, file string) {
			if err := os.Mkdir(file, 0o700); err != nil {
				t.Fatal(err)
			}
		}, "is a directory"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			users := writeTestUsers(t)
			file := users + ".sessions"
			tt.prepare(t, file)
			var log logBuffer
			tc := consoleOn(t, users, Options{Logger: log.logger()})
			want := `level=WARN msg="console: sessions file unreadable, starting with no sessions" file=` + file
			if l := log.String(); !strings.Contains(l, want) || !strings.Contains(l, tt.wantErr) {
				t.Errorf("log lacks %q with %q:\n%s", want, tt.wantErr, l)
			}
			b := tc.browser(t)
			if p := b.get("/drills"); p.status != http.StatusSeeOther {
				t.Errorf("somebody is signed in: status %d", p.status)
			}
			b.signIn("vic") // sign-in still works
			if !b.signedInAs("vic", RoleViewer) {
				t.Error("vic could not sign in")
			}
			if fi, _ := os.Stat(file); fi.IsDir() {
				if !strings.Contains(log.String(), `msg="console: sessions file not written: a restart will sign some users out" file=`+file) {
					t.Errorf("failed write not logged:\n%s", log.String())
				}
				return
			}
			if got := storedSessionsIn(t, file); len(got) != 1 || got[0].User != "vic" {
				t.Errorf("sessions file after sign-in over a corrupt one = %+v; want vic's session", got)
			}
		})
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestSessionsUseWrittenLazily: using a session moves its expiry, but the file
// is rewritten for that at most once every saveEvery.
func TestSessionsUseWrittenLazily(t *testing.T) {
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	s := newSessions(func() time.Time { return now })
	s.path = filepath.Join(t.TempDir(), "sessions")
	tok, _ := s.create(&User{Name: "vic", Role: RoleViewer, hash: []byte("x")})
	lastSeen := func() time.Time {
		t.Helper()
		got := storedSessionsIn(t, s.path)
		if len(got) != 1 {
			t.Fatalf("stored sessions = %+v; want one", got)
		}
		return got[0].LastSeen
	}
	start := now
	now = now.Add(30 * time.Second)
	if s.get(tok) == nil {
		t.Fatal("session lost")
	}
	if got := lastSeen(); !got.Equal(start) {
		t.Errorf("last seen written after 30 s: %s, want still %s", got, start)
	}
	now = now.Add(saveEvery)
	s.get(tok)
	if got := lastSeen(); !got.Equal(now) {
		t.Errorf("last seen after %s: %s, want %s", saveEvery+30*time.Second, got, now)
	}
	now = now.Add(sessionTTL + time.Second)
	if s.get(tok) != nil {
		t.Fatal("an expired session is still valid")
	}
	if got := storedSessionsIn(t, s.path); len(got) != 0 {
		t.Errorf("expired session still in the file: %+v", got)
	}
}

func TestOIDCSessionsSurviveRestart(t *testing.T) {
	prov := newFakeProvider(t)
	users := writeTestUsers(t)
	oidcOpts := func(roles map[string]string) *OIDC {
		return &OIDC{Issuer: prov.URL, ClientID: "exitdrill", ClientSecret: "s3cret",
			RedirectURL: "http://127.0.0.1/login/oidc/callback", RoleClaim: "groups", Roles: roles}
	}
	mapping := map[string]string{"bcm": RoleManager, "ops": RoleOperator}
	tc := consoleOn(t, users, Options{})
	cfg := oidcOpts(mapping)
	cfg.RedirectURL = tc.URL + "/login/oidc/callback"
	sso, err := newSSO(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	tc.c.sso = sso
	prov.next(map[string]any{"sub": "u-1", "preferred_username": "omar", "groups": []string{"ops"}})
	b := tc.browser(t)
	start := b.get("/login/oidc")
	req, _ := http.NewRequest(http.MethodGet, start.location, nil)
	auth := b.do(req)
	req, _ = http.NewRequest(http.MethodGet, auth.location, nil)
	if cb := b.do(req); cb.status != http.StatusOK || !strings.Contains(cb.body, "Signed in as omar (operator).") {
		t.Fatalf("single sign-on: status %d\n%s", cb.status, cb.body)
	}
	got := storedSessionsIn(t, users+".sessions")
	if len(got) != 1 || got[0].User != "omar" || got[0].Via != viaOIDC || got[0].Issuer != prov.URL {
		t.Fatalf("stored sessions = %+v; want omar's, via oidc from %s", got, prov.URL)
	}
	tc.Close()

	b.tc = consoleOn(t, users, Options{OIDC: oidcOpts(mapping)})
	if !b.signedInAs("omar", RoleOperator) {
		t.Fatal("omar (single sign-on) was signed out by a restart")
	}
	b.tc.Close()

	// The operator mapping is gone: the session goes with it.
	var log logBuffer
	b.tc = consoleOn(t, users, Options{OIDC: oidcOpts(map[string]string{"bcm": RoleManager}), Logger: log.logger()})
	if p := b.get("/drills"); p.status != http.StatusSeeOther {
		t.Errorf("after the role mapping changed: status %d, want 303 to the login page", p.status)
	}
	if want := `user=omar reason="role no longer mapped for single sign-on"`; !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
}
