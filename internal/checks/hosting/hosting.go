// Package hosting checks an alternative's hosting: hosting.healthy (its health
// URL answers as expected, soon enough) and hosting.tls (its certificate is
// valid, trusted, for its host and not about to expire).
package hosting

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
)

const (
	// defaultRequestTimeout bounds one health request when the alternative
	// declares no maxLatency.
	defaultRequestTimeout = 10 * time.Second
	// maxHealthBody is how much of a health response is searched for expectBody.
	maxHealthBody = 1 << 20
)

// Healthy is hosting.healthy. It makes one request to the alternative's health
// URL and judges status, body and latency. It is one attempt: the workflow
// retries it within the runbook's retry window, so the time until the first
// healthy answer is the step's measured duration (and timeToHealthy in
// Details).
func Healthy(ctx context.Context, cfg *step.Config, in drill.StepInput) (drill.StepOutput, error) {
	h, u, err := healthTarget(in.Step.Alt)
	if err != nil {
		return drill.StepOutput{}, err
	}
	stop := step.Heartbeat(ctx, 2*time.Second) // maxLatency may exceed the heartbeat timeout
	defer stop()
	out := drill.StepOutput{Details: map[string]string{"url": h.URL}}
	prefix := "GET " + h.URL + ": "
	g := newGuard(cfg, h.AllowPrivate)
	if reason := g.resolveHost(ctx, u.Hostname(), out.Details); reason != "" {
		out.Reason = prefix + reason
		return out, nil
	}
	timeout := defaultRequestTimeout
	if h.MaxLatency > 0 {
		timeout = 2 * h.MaxLatency.Std()
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
		timeout = max(time.Until(dl), time.Millisecond)
	}
	status, body, latency, err := get(ctx, g, cfg.RootCAs, h.URL, timeout)
	if err != nil {
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return out, ctx.Err() // cancelled: the drill was aborted
		}
		if errors.Is(err, errRefusedAddress) {
			return out, refusedStep(prefix, err)
		}
		out.Reason = prefix + requestProblem(err, timeout)
		return out, nil
	}
	out.Details["status"] = strconv.Itoa(status.code)
	out.Details["latencyMs"] = strconv.FormatInt(latency.Milliseconds(), 10)
	want := h.ExpectStatus
	if want == 0 {
		want = http.StatusOK
	}
	switch {
	case status.code != want:
		out.Reason = prefix + fmt.Sprintf("status %d, want %d%s", status.code, want, status.redirect)
	case h.ExpectBody != "" && !strings.Contains(body, h.ExpectBody):
		out.Reason = prefix + fmt.Sprintf("body does not contain %q", h.ExpectBody)
	case h.MaxLatency > 0 && latency > h.MaxLatency.Std():
		out.Reason = prefix + fmt.Sprintf("answered in %s, slower than maxLatency %s", roundLatency(latency), h.MaxLatency)
	default:
		out.Passed = true
		if activity.IsActivity(ctx) {
			info := activity.GetInfo(ctx)
			out.Details["healthyAtAttempt"] = strconv.Itoa(int(info.Attempt))
			out.Details["timeToHealthy"] = time.Since(info.ScheduledTime).Round(time.Millisecond).String()
		}
	}
	return out, nil
}

// healthTarget returns the alternative's health check and its parsed URL, or a
// non-retryable error when the step cannot run as defined.
func healthTarget(alt *drill.Alternative) (*drill.Health, *url.URL, error) {
	if alt == nil || alt.Health == nil || alt.Health.URL == "" {
		id := ""
		if alt != nil {
			id = " " + alt.ID
		}
		return nil, nil, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("alternative%s has no health URL: add health.url to it in the catalog", id), drill.ErrBadStep, nil)
	}
	u, err := url.Parse(alt.Health.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, nil, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("alternative %s: health.url %q is not an http or https URL", alt.ID, alt.Health.URL), drill.ErrBadStep, nil)
	}
	return alt.Health, u, nil
}

// resolveHost looks up a host name (not an IP address) and records its addresses;
// it returns a reason when the name does not resolve.
func (g *guard) resolveHost(ctx context.Context, host string, details map[string]string) string {
	if net.ParseIP(host) != nil {
		return ""
	}
	addrs, err := g.resolver.LookupHost(ctx, host)
	if err != nil {
		var dnsErr *net.DNSError
		if errors.As(err, &dnsErr) {
			return fmt.Sprintf("name %q does not resolve (%s)", host, dnsErr.Err)
		}
		return fmt.Sprintf("name %q does not resolve (%v)", host, err)
	}
	details["addresses"] = strings.Join(addrs, ", ")
	return ""
}

type httpStatus struct {
	code     int
	redirect string // " (redirects to …)" for a 3xx answer
}

// get makes one GET request on a fresh connection, without following redirects
// (a redirect to a login page is not a healthy service), and returns the status,
// the start of the body and the time until the body was read. roots are the
// CAs trusted (nil: the system's). Every connection goes through g, and no
// proxy is used: the check measures the alternative, not a proxy.
func get(ctx context.Context, g *guard, roots *x509.CertPool, rawURL string, timeout time.Duration) (httpStatus, string, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := &http.Client{
		Transport: &http.Transport{
			DialContext:       g.dial,
			TLSClientConfig:   &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12},
			DisableKeepAlives: true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return httpStatus{}, "", 0, err
	}
	req.Header.Set("User-Agent", "exitdrill hosting.healthy")
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return httpStatus{}, "", 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxHealthBody))
	latency := time.Since(start)
	if err != nil {
		return httpStatus{}, "", 0, fmt.Errorf("reading the body: %w", err)
	}
	st := httpStatus{code: resp.StatusCode}
	if loc := resp.Header.Get("Location"); loc != "" && resp.StatusCode/100 == 3 {
		st.redirect = fmt.Sprintf(" (redirects to %s)", loc)
	}
	return st, string(body), latency, nil
}

// requestProblem says in a few words why a request got no answer.
func requestProblem(err error, timeout time.Duration) string {
	var certErr *tls.CertificateVerificationError
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, http.ErrHandlerTimeout) || isNetTimeout(err):
		return fmt.Sprintf("no answer within %s", roundLatency(timeout))
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.As(err, &certErr):
		return "certificate not accepted: " + certErr.Err.Error()
	case errors.As(err, &dnsErr):
		return fmt.Sprintf("name %q does not resolve (%s)", dnsErr.Name, dnsErr.Err)
	case errors.As(err, &opErr):
		return opErr.Err.Error()
	}
	var uErr *url.Error
	if errors.As(err, &uErr) {
		return uErr.Err.Error()
	}
	return err.Error()
}

func isNetTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// roundLatency shows a latency the way a person reads it: milliseconds below a
// second, tenths of a second (truncated) above.
func roundLatency(d time.Duration) string {
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	return d.Truncate(100 * time.Millisecond).String()
}

// refusedStep is the error of a check whose address the guard refused: the
// step cannot run as the catalog defines it, so it fails at once, unretried.
func refusedStep(prefix string, err error) error {
	var opErr *net.OpError
	msg := err.Error()
	if errors.As(err, &opErr) {
		msg = opErr.Err.Error()
	}
	return temporal.NewNonRetryableApplicationError(prefix+msg, drill.ErrBadStep, nil)
}
