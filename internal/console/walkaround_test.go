package console

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestLocalPath(t *testing.T) {
	tests := []struct{ next, want string }{
		{"/drills", "/drills"},
		{"/drills/ms-1m?tab=steps", "/drills/ms-1m?tab=steps"},
		{"/drills/", "/drills/"},
		{"//evil.example/", "/"},
		{"/\\evil.example", "/"},
		{"/x/../\\evil.example", "/"}, // cleaned by http.Redirect to /\evil.example: //evil.example in a browser
		{"/\t/evil.example", "/"},     // browsers drop the tab: //evil.example
		{"/\n/evil.example", "/"},
		{"/x/..//evil.example", "/"},
		{"/./drills", "/"},
		{"https://evil.example/", "/"},
		{"evil.example", "/"},
		{"/drills#x", "/"},
		{"", "/"},
	}
	for _, tt := range tests {
		if got := localPath(tt.next); got != tt.want {
			t.Errorf("localPath(%q) = %q, want %q", tt.next, got, tt.want)
		}
	}
}

// TestConsoleCannotBeWalkedAround signs in through the real console with
// hostile next parameters and aborts a drill that does not exist (the
// reports' Cache-Control is checked where a drill has written one:
// TestTabletopDrillFromTheInbox).
func TestConsoleCannotBeWalkedAround(t *testing.T) {
	tc := newTestConsole(t)
	for _, next := range []string{"/x/../\\evil.example", "/\t/evil.example", "/\\evil.example"} {
		b := tc.browser(t)
		lp := b.get("/login")
		p := b.post("/login", url.Values{"csrf": {csrf(t, lp)}, "name": {"vic"}, "password": {testPassword}, "next": {next}})
		if p.status != http.StatusSeeOther || p.location != "/" {
			t.Errorf("sign in with next=%q: status %d, location %q; want 303 to /", next, p.status, p.location)
		}
	}
	b := tc.browser(t)
	tok := b.signIn("alice")
	p := b.post("/drills/no-such-drill/abort", url.Values{"csrf": {tok}, "reason": {"test"}})
	if p.status != http.StatusNotFound || !strings.Contains(p.body, "no running drill") {
		t.Errorf("abort of an unknown drill: status %d, want 404 saying no running drill\n%s", p.status, p.body)
	}
}
