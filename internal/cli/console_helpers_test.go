package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	neturl "net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/testkit"
)

// consoleUser adds a user with role and the password "console-pass" to the
// users file of state directory dir.
func consoleUser(t *testing.T, dir, name, role string) {
	t.Helper()
	var out, errb bytes.Buffer
	if code := Execute(context.Background(), []string{"console", "adduser", "--users", filepath.Join(dir, UsersFile), "--name", name, "--role", role},
		Streams{In: strings.NewReader("console-pass\n"), Out: &out, Err: &errb}); code != ExitOK {
		t.Fatalf("adduser %s: %s", name, errb.String())
	}
}

// serveConsole runs an exitdrill command that serves the web console
// (server or console, with args) until the test ends, and returns the
// console's URL as the command prints it.
func serveConsole(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var sout, serr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Execute(ctx, args, Streams{In: strings.NewReader(""), Out: &sout, Err: &serr})
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != ExitOK && code != ExitInterrupted {
			t.Errorf("%s exit %d; stderr:\n%s", args[0], code, serr.String())
		}
	})
	// server says "Web console:  URL", console "exitdrill console: URL".
	re := regexp.MustCompile(`(?:Web console:  |exitdrill console: )(http://127\.0\.0\.1:\d+/)`)
	var url string
	if !testkit.Poll(60*time.Second, func() bool {
		m := re.FindStringSubmatch(sout.String())
		if m != nil {
			url = m[1]
		}
		return m != nil
	}) {
		t.Fatalf("no console URL; stdout:\n%s\nstderr:\n%s", sout.String(), serr.String())
	}
	return url
}

// consoleClient is a browser-like client of the console at url, signed in
// as name (password "console-pass").
type consoleClient struct {
	t   *testing.T
	url string
	c   *http.Client
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func signIn(t *testing.T, url, name string) *consoleClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	cc := &consoleClient{t: t, url: url, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	m := csrfRE.FindStringSubmatch(cc.get("login"))
	if m == nil {
		t.Fatal("no CSRF token on the login page")
	}
	if resp := cc.post("login", neturl.Values{"csrf": {m[1]}, "name": {name}, "password": {"console-pass"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: status %d", name, resp.StatusCode)
	}
	return cc
}

// get returns the body of the page at path.
func (cc *consoleClient) get(path string) string {
	cc.t.Helper()
	resp, err := cc.c.Get(cc.url + path)
	if err != nil {
		cc.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	return string(b)
}

// post posts form to path; the body is closed.
func (cc *consoleClient) post(path string, form neturl.Values) *http.Response {
	cc.t.Helper()
	resp, err := cc.c.PostForm(cc.url+path, form)
	if err != nil {
		cc.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}
