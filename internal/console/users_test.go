package console

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseUsersErrors(t *testing.T) {
	const hash = "$2a$04$Tk5j0Q7bS2cS2Q5v1m8c3u1pW7oK0xQmCkq8m6sYb1U2bQvZ4e8xS"
	tests := []struct{ name, text, want string }{
		{"fields", "alice:viewer:" + hash, "users:1: want NAME:ROLE:STEPROLES:HASH, got 3 fields"},
		{"role", "# c\nalice:admin::" + hash, `users:2: user alice: role "admin": allowed are viewer, operator, continuity-manager`},
		{"hash", "alice:viewer::plain", "users:1: user alice: the password hash is not a bcrypt hash"},
		{"twice", "alice:viewer::" + hash + "\nalice:operator::" + hash, "users:2: user alice is defined twice"},
		{"name", "a b:viewer::" + hash, `users:1: user name "a b"`},
	}
	for _, tt := range tests {
		_, err := ParseUsers("users", []byte(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestAddUserReplacesAndAuthenticates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	if err := AddUser(path, "olga", RoleOperator, []string{"process-owner"}, []byte("first-password")); err != nil {
		t.Fatal(err)
	}
	if err := AddUser(path, "vic", RoleViewer, nil, []byte("viewer-password")); err != nil {
		t.Fatal(err)
	}
	if err := AddUser(path, "olga", RoleManager, nil, []byte("second-password")); err != nil {
		t.Fatal(err)
	}
	us, err := LoadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	if us.Len() != 2 {
		t.Errorf("%d users, want 2", us.Len())
	}
	if _, ok := us.Authenticate("olga", "first-password"); ok {
		t.Error("the replaced password still works")
	}
	u, ok := us.Authenticate("olga", "second-password")
	if !ok || u.Role != RoleManager || !u.ActsAs("service-desk") {
		t.Errorf("olga = %+v, %v; want a continuity manager who acts in any step role", u, ok)
	}
	if _, ok := us.Authenticate("nobody", "second-password"); ok {
		t.Error("an unknown user signs in")
	}
	v, _ := us.Authenticate("vic", "viewer-password")
	if v.Can(RoleOperator) || v.ActsAs("process-owner") || !v.Can(RoleViewer) {
		t.Errorf("viewer rights wrong: %+v", v)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "password") {
		t.Errorf("a password is in the users file:\n%s", data)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("users file: %v, %v; want mode 0600", fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("%d files beside the users file, want none (no temporary file left)", len(entries)-1)
	}
}

func TestLimiterRefills(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLimiter(2, time.Minute, func() time.Time { return now })
	for i, want := range []bool{true, true, false} {
		if ok, _ := l.allow("a"); ok != want {
			t.Errorf("attempt %d: allowed %v, want %v", i+1, ok, want)
		}
	}
	if ok, _ := l.allow("b"); !ok {
		t.Error("another address is limited too")
	}
	now = now.Add(time.Minute)
	if ok, _ := l.allow("a"); !ok {
		t.Error("no attempt after a minute")
	}
	if ok, wait := l.allow("a"); ok || wait != time.Minute {
		t.Errorf("second attempt after a minute: allowed %v, wait %s; want refused, 1m", ok, wait)
	}
	now = now.Add(30 * time.Second) // a refused attempt takes no token
	if ok, wait := l.allow("a"); ok || wait != 30*time.Second {
		t.Errorf("half a minute later: allowed %v, wait %s; want refused, 30s", ok, wait)
	}
}

// TestLimiterForgets bounds the limiter's memory: past maxBuckets addresses it
// drops those whose bucket has refilled.
func TestLimiterForgets(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLimiter(2, time.Minute, func() time.Time { return now })
	for i := range maxBuckets + 1 {
		l.allow(fmt.Sprint("10.0.", i/256, ".", i%256))
	}
	now = now.Add(time.Minute) // every bucket is full again
	l.allow("a")
	if len(l.b) != 1 {
		t.Errorf("limiter holds %d addresses, want 1", len(l.b))
	}
}

func TestSessionsExpire(t *testing.T) {
	now := time.Unix(0, 0)
	s := newSessions(func() time.Time { return now })
	tok, ss := s.create(&User{Name: "vic", Role: RoleViewer})
	if s.get(tok) != ss || !ss.validCSRF(ss.csrf) || ss.validCSRF("") || ss.validCSRF(ss.csrf+"x") {
		t.Fatal("fresh session or its CSRF check is wrong")
	}
	now = now.Add(sessionTTL + time.Second)
	if s.get(tok) != nil {
		t.Error("an expired session is still valid")
	}
}
