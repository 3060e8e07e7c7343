package hosting

import (
	"context"
	"errors"
	"net"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"go.temporal.io/sdk/temporal"
)

// fakeResolver answers host names from a table, counting its lookups; a name
// not in the table does not resolve.
type fakeResolver struct {
	names   map[string][]string
	lookups atomic.Int32
}

func (r *fakeResolver) LookupHost(_ context.Context, host string) ([]string, error) {
	r.lookups.Add(1)
	if a, ok := r.names[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func TestRefusedAddress(t *testing.T) {
	tests := []struct {
		ip      string
		refused bool
	}{
		{"169.254.169.254", true}, // AWS, GCP, Azure, OpenStack metadata
		{"169.254.1.1", true},
		{"::ffff:169.254.169.254", true}, // the same, IPv4-mapped
		{"fe80::1", true},
		{"fd00:ec2::254", true}, // AWS IPv6 metadata
		{"100.100.100.200", true},
		{"0.0.0.0", true},
		{"::", true},
		{"224.0.0.1", true},
		{"ff02::1", true},
		{"255.255.255.255", true},
		{"127.0.0.1", false}, // alternatives on loopback (the demo, tests)
		{"::1", false},
		{"10.20.30.40", false}, // RFC 1918: the own data centre
		{"172.16.0.5", false},
		{"192.168.1.10", false},
		{"fd12:3456::1", false}, // unique local, like RFC 1918
		{"100.100.100.201", false},
		{"203.0.113.7", false},
	}
	for _, tt := range tests {
		if got := refusedAddress(netip.MustParseAddr(tt.ip)) != ""; got != tt.refused {
			t.Errorf("%s: refused %v, want %v", tt.ip, got, tt.refused)
		}
	}
}

// TestGuardRefusesBeforeConnect resolves a name to the metadata address
// through an injected resolver and checks that the dialer's control hook —
// which runs before connect(2) — refused it: nothing is ever sent there.
func TestGuardRefusesBeforeConnect(t *testing.T) {
	res := &fakeResolver{names: map[string][]string{"metadata.exitdrill.test": {"169.254.169.254"}}}
	var refused []string
	g := &guard{resolver: res, refused: func(addr string) { refused = append(refused, addr) }}
	_, err := g.dial(t.Context(), "tcp", "metadata.exitdrill.test:80")
	if !errors.Is(err, errRefusedAddress) {
		t.Fatalf("dial error = %v, want the guard's refusal", err)
	}
	if len(refused) != 1 || refused[0] != "169.254.169.254:80" {
		t.Errorf("control hook refused %q, want exactly [169.254.169.254:80]", refused)
	}
	if res.lookups.Load() != 1 {
		t.Errorf("%d lookups through the injected resolver, want 1", res.lookups.Load())
	}
	allowed := &guard{allowPrivate: true, resolver: res}
	if err := allowed.control("tcp", "169.254.169.254:80", nil); err != nil {
		t.Errorf("with allowPrivate the hook refused: %v", err)
	}
}

// TestHostingChecksRefuseMetadata runs hosting.healthy and hosting.tls as the
// worker does against names and literals that lead to refused addresses: each
// fails at once, unretried, saying what was refused and how to allow it, and
// a name that resolves to loopback still passes.
func TestHostingChecksRefuseMetadata(t *testing.T) {
	srv := httptest.NewServer(answer(200, "ok"))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	res := &fakeResolver{names: map[string][]string{
		"metadata.exitdrill.test":    {"169.254.169.254"},
		"rebinding.exitdrill.test":   {"169.254.169.254", "127.0.0.1"},
		"alternative.exitdrill.test": {"127.0.0.1"},
	}}
	a := newRunner(func(string) (string, bool) { return "", false })
	a.Resolver = res
	tests := []struct {
		kind drill.StepKind
		url  string
		want string // "" when the step passes
	}{
		{drill.HostingHealthy, "http://metadata.exitdrill.test/latest/meta-data/", "GET http://metadata.exitdrill.test/latest/meta-data/: address refused: 169.254.169.254 is a link-local address"},
		{drill.HostingHealthy, "http://169.254.169.254/latest/meta-data/", "GET http://169.254.169.254/latest/meta-data/: address refused: 169.254.169.254 is a link-local address"},
		{drill.HostingHealthy, "http://[::ffff:169.254.169.254]/", "address refused: 169.254.169.254 is a link-local address"},
		{drill.HostingHealthy, "http://rebinding.exitdrill.test:" + port + "/health", "address refused: 169.254.169.254"},
		{drill.HostingTLS, "https://metadata.exitdrill.test/", "TLS connection to metadata.exitdrill.test:443: address refused: 169.254.169.254 is a link-local address"},
		{drill.HostingHealthy, "http://alternative.exitdrill.test:" + port + "/health", ""},
	}
	for _, tt := range tests {
		in := healthInput(drill.Health{URL: tt.url})
		in.Step.Kind = tt.kind
		out, err := a.RunStep(t.Context(), in)
		if tt.want == "" {
			if err != nil || !out.Passed {
				t.Errorf("%s %s: %v, want it to pass", tt.kind, tt.url, err)
			}
			continue
		}
		var appErr *temporal.ApplicationError
		if !errors.As(err, &appErr) || appErr.Type() != drill.ErrBadStep || !appErr.NonRetryable() {
			t.Errorf("%s %s: error %v, want a non-retryable %s", tt.kind, tt.url, err, drill.ErrBadStep)
			continue
		}
		if msg := appErr.Message(); !strings.Contains(msg, tt.want) || !strings.Contains(msg, "health.allowPrivate: true") {
			t.Errorf("%s %s: message %q, want it to contain %q and name health.allowPrivate", tt.kind, tt.url, msg, tt.want)
		}
	}
	if res.lookups.Load() == 0 {
		t.Error("the checks never asked the injected resolver")
	}
}
