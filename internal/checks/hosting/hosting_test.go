package hosting

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step/steptest"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
)

func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func healthInput(h drill.Health) drill.StepInput {
	return drill.StepInput{Step: &drill.StepPlan{ID: "alt-up", Kind: drill.HostingHealthy, Target: "parkeren-own", App: "parkeren",
		Alt: &drill.Alternative{ID: "parkeren-own", Supplier: "own", Health: &h}}}
}

func answer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func TestHostingHealthy(t *testing.T) {
	slow := func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(1200 * time.Millisecond)
		io.WriteString(w, "ok")
	}
	hang := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}
	redirect := func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/login", http.StatusFound) }
	tests := []struct {
		name    string
		handler http.HandlerFunc
		health  drill.Health // URL is set to the test server's /health
		want    string       // reason after "GET <url>: ", "" when healthy
	}{
		{name: "healthy", handler: answer(200, "status: ok\n"), health: drill.Health{ExpectBody: "ok", MaxLatency: drill.Duration(time.Second)}},
		{name: "expected status other than 200", handler: answer(204, ""), health: drill.Health{ExpectStatus: 204}},
		{name: "server error", handler: answer(500, "database down"), health: drill.Health{ExpectStatus: 200, ExpectBody: "ok"},
			want: "status 500, want 200"},
		{name: "wrong body", handler: answer(200, "starting"), health: drill.Health{ExpectBody: "ok"},
			want: `body does not contain "ok"`},
		{name: "redirect is not healthy", handler: redirect, health: drill.Health{},
			want: "status 302, want 200 (redirects to /login)"},
		{name: "slower than maxLatency", handler: slow, health: drill.Health{ExpectBody: "ok", MaxLatency: drill.Duration(time.Second)},
			want: "answered in 1.2s, slower than maxLatency 1s"},
		{name: "no answer within twice maxLatency", handler: hang, health: drill.Health{MaxLatency: drill.Duration(100 * time.Millisecond)},
			want: "no answer within 200ms"},
	}
	a := newRunner(func(string) (string, bool) { return "", false })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(tt.handler)
			t.Cleanup(srv.Close)
			h := tt.health
			h.URL = srv.URL + "/health"
			out, got := steptest.Reason(t, a, healthInput(h))
			want := ""
			if tt.want != "" {
				want = "GET " + h.URL + ": " + tt.want
			}
			if got != want {
				t.Errorf("reason:\n got %q\nwant %q", got, want)
			}
			if out.Details["url"] != h.URL {
				t.Errorf("Details[url] = %q, want %q", out.Details["url"], h.URL)
			}
			if tt.name == "healthy" {
				if out.Details["status"] != "200" {
					t.Errorf("Details[status] = %q, want 200", out.Details["status"])
				}
				if ms, err := strconv.Atoi(out.Details["latencyMs"]); err != nil || ms > 1000 {
					t.Errorf("Details[latencyMs] = %q, want a latency below maxLatency", out.Details["latencyMs"])
				}
			}
		})
	}
}

// TestHostingHealthyAfterRetries drives the retry the way the workflow does: one
// RunStep per attempt until the alternative answers healthy.
func TestHostingHealthyAfterRetries(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			answer(503, "starting")(w, r)
			return
		}
		answer(200, "ok")(w, r)
	}))
	t.Cleanup(srv.Close)
	a := newRunner(func(string) (string, bool) { return "", false })
	in := healthInput(drill.Health{URL: srv.URL + "/health", ExpectBody: "ok"})
	var reasons []string
	for attempt := 1; attempt <= 5; attempt++ {
		_, got := steptest.Reason(t, a, in)
		if got == "" {
			break
		}
		reasons = append(reasons, got)
	}
	unhealthy := "GET " + srv.URL + "/health: status 503, want 200"
	if want := []string{unhealthy, unhealthy}; strings.Join(reasons, "\n") != strings.Join(want, "\n") {
		t.Errorf("failed attempts:\n got %q\nwant %q", reasons, want)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("the endpoint got %d requests, want 3", n)
	}
}

// TestHostingHealthyInActivity runs the check as a Temporal activity, where it
// reports the attempt that was healthy and the time since the step was scheduled.
func TestHostingHealthyInActivity(t *testing.T) {
	srv := httptest.NewServer(answer(200, "ok"))
	t.Cleanup(srv.Close)
	a := newRunner(func(string) (string, bool) { return "", false })
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivityWithOptions(a.RunStep, activity.RegisterOptions{Name: drill.RunStepActivity})
	val, err := env.ExecuteActivity(drill.RunStepActivity, healthInput(drill.Health{URL: srv.URL + "/health", ExpectBody: "ok"}))
	if err != nil {
		t.Fatal(err)
	}
	var out drill.StepOutput
	if err := val.Get(&out); err != nil {
		t.Fatal(err)
	}
	if out.Details["healthyAtAttempt"] != "1" || out.Attempt != 1 {
		t.Errorf("healthyAtAttempt %q, attempt %d; want 1 and 1", out.Details["healthyAtAttempt"], out.Attempt)
	}
	if _, err := time.ParseDuration(out.Details["timeToHealthy"]); err != nil {
		t.Errorf("Details[timeToHealthy] = %q: %v", out.Details["timeToHealthy"], err)
	}
}

func TestHostingHealthyUnreachable(t *testing.T) {
	a := newRunner(func(string) (string, bool) { return "", false })
	t.Run("connection refused", func(t *testing.T) {
		u := "http://" + closedPort(t) + "/health"
		_, got := steptest.Reason(t, a, healthInput(drill.Health{URL: u}))
		if want := "GET " + u + ": connection refused"; got != want {
			t.Errorf("reason:\n got %q\nwant %q", got, want)
		}
	})
	t.Run("name does not resolve", func(t *testing.T) {
		const host = "parkeren-alt.exitdrill.invalid" // RFC 6761: never resolves
		var dnsErr *net.DNSError
		if _, err := net.LookupHost(host); !errors.As(err, &dnsErr) || !dnsErr.IsNotFound {
			t.Skipf("this machine's resolver does not answer NXDOMAIN for %s: %v", host, err)
		}
		u := "http://" + host + "/health"
		_, got := steptest.Reason(t, a, healthInput(drill.Health{URL: u}))
		if want := fmt.Sprintf("GET %s: name %q does not resolve (no such host)", u, host); got != want {
			t.Errorf("reason:\n got %q\nwant %q", got, want)
		}
	})
	t.Run("host name resolves", func(t *testing.T) {
		srv := httptest.NewServer(answer(200, "ok"))
		t.Cleanup(srv.Close)
		_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
		out, got := steptest.Reason(t, a, healthInput(drill.Health{URL: "http://localhost:" + port + "/health"}))
		if got != "" {
			t.Fatalf("reason %q, want healthy", got)
		}
		if !strings.Contains(out.Details["addresses"], "127.0.0.1") {
			t.Errorf("Details[addresses] = %q, want it to list 127.0.0.1", out.Details["addresses"])
		}
	})
}

func TestHostingHealthyHTTPS(t *testing.T) {
	ca := newCA(t, "exitdrill test CA")
	srv := tlsServer(t, ca.issue(t, loopbackCert()), answer(200, "ok"))
	in := healthInput(drill.Health{URL: srv.URL + "/health", ExpectBody: "ok"})

	trusting := newRunner(func(string) (string, bool) { return "", false })
	trusting.RootCAs = ca.pool()
	if _, got := steptest.Reason(t, trusting, in); got != "" {
		t.Errorf("with the test CA trusted: reason %q, want healthy", got)
	}
	system := newRunner(func(string) (string, bool) { return "", false })
	_, got := steptest.Reason(t, system, in)
	if want := "GET " + srv.URL + "/health: certificate not accepted: x509: certificate signed by unknown authority"; got != want {
		t.Errorf("with the system roots:\n got %q\nwant %q", got, want)
	}
}

func TestHostingHealthyBadStep(t *testing.T) {
	tests := []struct {
		alt  *drill.Alternative
		want string
	}{
		{&drill.Alternative{ID: "x"}, "alternative x has no health URL: add health.url to it in the catalog"},
		{&drill.Alternative{ID: "x", Health: &drill.Health{URL: "ftp://127.0.0.1/health"}}, `alternative x: health.url "ftp://127.0.0.1/health" is not an http or https URL`},
	}
	a := newRunner(func(string) (string, bool) { return "", false })
	for _, tt := range tests {
		in := healthInput(drill.Health{})
		in.Step.Alt = tt.alt
		_, err := a.RunStep(t.Context(), in)
		var appErr *temporal.ApplicationError
		if !errors.As(err, &appErr) || appErr.Type() != drill.ErrBadStep || !appErr.NonRetryable() {
			t.Fatalf("error = %v, want a non-retryable %s", err, drill.ErrBadStep)
		}
		if appErr.Message() != tt.want {
			t.Errorf("message %q, want %q", appErr.Message(), tt.want)
		}
	}
}
