package console

import (
	"context"
	"errors"

	"github.com/exitdrill/exitdrill/internal/forge"
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

// TestStartReadsOnlyConfiguredSources: the start and schedule forms refuse a
// catalog, scenario or github: source the console was not configured with,
// before reading anything.
func TestStartReadsOnlyConfiguredSources(t *testing.T) {
	tc := consoleOn(t, writeTestUsers(t), Options{GitHub: refusingRepos{t}, GitHubAllow: []string{"voorbeeldstad/defs"}})
	b := tc.browser(t)
	tok := b.signIn("alice")
	tests := []struct{ catalog, scenario, want string }{
		{"/root", "testdata/portal-tabletop.yaml", `catalog &#34;/root&#34; is not one of this console&#39;s catalogs`},
		{"testdata/catalog", "/etc/passwd", `scenario &#34;/etc/passwd&#34; is neither a scenario id (of the library or the catalogs) nor a file in this console&#39;s scenario directories or catalogs`},
		{"testdata/catalog", "testdata/../../../../etc/hostname", `is neither a scenario id`},
		{"github:someone/else/catalog@main", "testdata/portal-tabletop.yaml", "github:someone/else/catalog@main: the repository is not on this console&#39;s allowlist"},
	}
	for _, tt := range tests {
		form := url.Values{"csrf": {tok}, "nonce": {tc.c.newNonce()}, "catalog": {tt.catalog}, "scenario": {tt.scenario}}
		if p := b.post("/drills", form); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, tt.want) {
			t.Errorf("start %s / %s: status %d, want 422 with %q\n%s", tt.catalog, tt.scenario, p.status, tt.want, p.body)
		}
		sched := url.Values{"csrf": {tok}, "catalog": {tt.catalog}, "scenario": {tt.scenario}, "cron": {"0 9 1 */3 *"}}
		if p := b.post("/schedules", sched); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, tt.want) {
			t.Errorf("schedule %s / %s: status %d, want 422 with %q", tt.catalog, tt.scenario, p.status, tt.want)
		}
	}
}

// refusingRepos fails the test when anything is fetched from GitHub.
type refusingRepos struct{ t *testing.T }

func (r refusingRepos) Fetch(_ context.Context, spec forge.Spec) (forge.Fetched, error) {
	r.t.Errorf("fetched %+v from GitHub, which the console should have refused first", spec)
	return forge.Fetched{}, errors.New("refused")
}
