package console

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"testing"
)

// BenchmarkConsolePages300 times the management pages over 300 signed
// bundles of the example organisation (every supplier, 1 day / 1 week /
// 1 month, every mode), served over loopback HTTP as a browser asks for
// them, after one warm-up view: each bundle is verified once and then kept
// (bundleCache). Target (scripts/bench prints it): under 200 ms a page.
// The pages read no drill from Temporal, so the console has no engine.
func BenchmarkConsolePages300(b *testing.B) {
	root := b.TempDir()
	writeBundles(b, root, 300)
	c, srv := mgmtConsoleOn(b, exampleCatalog, root, &Temporal{})
	client := benchSignIn(b, srv.URL)
	for _, page := range []struct{ name, path string }{
		{"readiness", "/readiness"},
		{"cell", "/readiness/microsoft/30d"},
		{"findings", "/findings"},
	} {
		b.Run(page.name, func(b *testing.B) {
			get := func() {
				resp, err := client.Get(srv.URL + page.path)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("GET %s: %s", page.path, resp.Status)
				}
			}
			get() // the first view verifies what is not cached yet
			before := c.verified.misses
			for b.Loop() {
				get()
			}
			if c.verified.misses != before {
				b.Errorf("%d bundles verified again while none changed", c.verified.misses-before)
			}
			b.ReportMetric(float64(c.verified.misses), "verifications")
		})
	}
}

// benchSignIn signs vic in and returns a client holding the session.
func benchSignIn(b *testing.B, base string) *http.Client {
	b.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(base + "/login")
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(body)
	if m == nil {
		b.Fatal("no CSRF token on the sign-in page")
	}
	resp, err = client.PostForm(base+"/login", url.Values{"csrf": {string(m[1])}, "name": {"vic"}, "password": {testPassword}, "next": {"/readiness"}})
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		b.Fatalf("sign in: %s", resp.Status)
	}
	return client
}
