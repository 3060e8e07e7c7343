package hosting

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step/steptest"
	"go.temporal.io/sdk/temporal"
)

// testCA is a certificate authority made for one test.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

// certSpec describes a server certificate to issue.
type certSpec struct {
	cn        string
	notBefore time.Time
	notAfter  time.Time
	dns       []string
	ips       []net.IP
}

// loopbackCert is valid for 90 days for 127.0.0.1 and localhost.
func loopbackCert() certSpec {
	now := time.Now()
	return certSpec{cn: "alt.voorbeeldstad.test", notBefore: now.Add(-time.Hour), notAfter: now.Add(90*24*time.Hour + time.Hour),
		dns: []string{"localhost"}, ips: []net.IP{net.IPv4(127, 0, 0, 1)}}
}

var certSerial int64

func certTemplate(spec certSpec) *x509.Certificate {
	certSerial++
	return &x509.Certificate{
		SerialNumber: big.NewInt(certSerial), Subject: pkix.Name{CommonName: spec.cn},
		NotBefore: spec.notBefore, NotAfter: spec.notAfter, DNSNames: spec.dns, IPAddresses: spec.ips,
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func newCA(t *testing.T, cn string) *testCA {
	t.Helper()
	key := newKey(t)
	tmpl := certTemplate(certSpec{cn: cn, notBefore: time.Now().Add(-365 * 24 * time.Hour), notAfter: time.Now().Add(10 * 365 * 24 * time.Hour)})
	tmpl.IsCA, tmpl.BasicConstraintsValid, tmpl.KeyUsage, tmpl.ExtKeyUsage = true, true, x509.KeyUsageCertSign, nil
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testCA{cert: cert, key: key}
}

func (ca *testCA) pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.cert)
	return p
}

// issue signs a server certificate; a nil CA makes it self-signed.
func (ca *testCA) issue(t *testing.T, spec certSpec) tls.Certificate {
	t.Helper()
	key := newKey(t)
	tmpl := certTemplate(spec)
	parent, signer := tmpl, any(key)
	if ca != nil {
		parent, signer = ca.cert, ca.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, signer)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// tlsServer serves h over HTTPS on loopback with the given certificate.
func tlsServer(t *testing.T, cert tls.Certificate, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.Config.ErrorLog = quietLog() // handshakes the client aborts are expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func tlsInput(rawURL string, want *drill.TLS) drill.StepInput {
	return drill.StepInput{Step: &drill.StepPlan{ID: "cert", Kind: drill.HostingTLS, Target: "alt", App: "app",
		Alt: &drill.Alternative{ID: "alt", Supplier: "leaseweb", Health: &drill.Health{URL: rawURL}, TLS: want}}}
}

func TestHostingTLS(t *testing.T) {
	ca := newCA(t, "exitdrill test CA")
	rogue := newCA(t, "Rogue CA")
	now := time.Now()
	expired := loopbackCert()
	expired.notBefore, expired.notAfter = now.Add(-100*24*time.Hour), now.Add(-10*24*time.Hour-time.Hour)
	soon := loopbackCert()
	soon.notAfter = now.Add(5*24*time.Hour + time.Hour)
	otherHost := loopbackCert()
	otherHost.dns, otherHost.ips = []string{"other.example", "www.other.example"}, nil
	selfSigned := loopbackCert()
	selfSigned.cn = "Evil Corp Root"

	tests := []struct {
		name    string
		cert    tls.Certificate
		want    *drill.TLS
		reason  string
		details map[string]string
	}{
		{name: "valid", cert: ca.issue(t, loopbackCert()),
			details: map[string]string{"issuer": "CN=exitdrill test CA", "subject": "CN=alt.voorbeeldstad.test", "sans": "localhost, 127.0.0.1",
				"daysLeft": "90", "notAfter": loopbackCert().notAfter.UTC().Format(time.RFC3339)[:10]}},
		{name: "issuer as expected", cert: ca.issue(t, loopbackCert()), want: &drill.TLS{Issuer: "exitdrill test", MinDaysLeft: 30}},
		{name: "expired", cert: ca.issue(t, expired),
			reason: fmt.Sprintf("certificate expired on %s (10 days ago)", expired.notAfter.UTC().Format(time.DateOnly))},
		{name: "too few days left", cert: ca.issue(t, soon),
			reason: fmt.Sprintf("certificate expires on %s, 5 days left, want at least 14: renew it", soon.notAfter.UTC().Format(time.DateOnly))},
		{name: "too few days left for the alternative's policy", cert: ca.issue(t, loopbackCert()), want: &drill.TLS{MinDaysLeft: 120},
			reason: fmt.Sprintf("certificate expires on %s, 90 days left, want at least 120: renew it", loopbackCert().notAfter.UTC().Format(time.DateOnly))},
		{name: "wrong host name", cert: ca.issue(t, otherHost),
			reason: `certificate is for "other.example", "www.other.example", not "127.0.0.1"`},
		{name: "self-signed", cert: (*testCA)(nil).issue(t, selfSigned),
			reason: `certificate is self-signed by "CN=Evil Corp Root" and not trusted`},
		{name: "unknown issuer", cert: rogue.issue(t, loopbackCert()),
			reason: `certificate issuer "CN=Rogue CA" is not trusted (unknown authority)`},
		{name: "other issuer than expected", cert: ca.issue(t, loopbackCert()), want: &drill.TLS{Issuer: "Let's Encrypt"},
			reason: `issuer "CN=exitdrill test CA" does not contain "Let's Encrypt"`},
		{name: "expired, for another host and from an unknown issuer", cert: rogue.issue(t, certSpec{cn: "old", notBefore: expired.notBefore,
			notAfter: expired.notAfter, dns: []string{"old.example"}}),
			reason: fmt.Sprintf(`certificate expired on %s (10 days ago); certificate is for "old.example", not "127.0.0.1"; certificate issuer "CN=Rogue CA" is not trusted (unknown authority)`,
				expired.notAfter.UTC().Format(time.DateOnly))},
	}
	a := newRunner(func(string) (string, bool) { return "", false })
	a.RootCAs = ca.pool()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := tlsServer(t, tt.cert, http.NotFoundHandler())
			out, got := steptest.Reason(t, a, tlsInput(srv.URL+"/health", tt.want))
			if got != tt.reason {
				t.Errorf("reason:\n got %q\nwant %q", got, tt.reason)
			}
			for k, want := range tt.details {
				v := out.Details[k]
				if k == "notAfter" && len(v) >= 10 {
					v = v[:10]
				}
				if v != want {
					t.Errorf("Details[%q] = %q, want %q", k, v, want)
				}
			}
			if out.Details["address"] != srv.Listener.Addr().String() {
				t.Errorf("Details[address] = %q, want %q", out.Details["address"], srv.Listener.Addr())
			}
		})
	}
}

func TestHostingTLSByName(t *testing.T) {
	ca := newCA(t, "exitdrill test CA")
	srv := tlsServer(t, ca.issue(t, loopbackCert()), http.NotFoundHandler())
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	a := newRunner(func(string) (string, bool) { return "", false })
	a.RootCAs = ca.pool()
	out, got := steptest.Reason(t, a, tlsInput("https://localhost:"+port+"/", nil))
	if got != "" {
		t.Fatalf("reason %q, want a pass", got)
	}
	if out.Details["addresses"] == "" {
		t.Errorf("no resolved addresses in %v", out.Details)
	}
}

func TestHostingTLSConnectionRefused(t *testing.T) {
	addr := closedPort(t)
	a := newRunner(func(string) (string, bool) { return "", false })
	_, got := steptest.Reason(t, a, tlsInput("https://"+addr+"/health", nil))
	if want := "TLS connection to " + addr + ": connection refused"; got != want {
		t.Errorf("reason:\n got %q\nwant %q", got, want)
	}
}

func TestHostingTLSNeedsHTTPS(t *testing.T) {
	a := newRunner(func(string) (string, bool) { return "", false })
	_, err := a.RunStep(t.Context(), tlsInput("http://127.0.0.1:18081/health", nil))
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrBadStep || !appErr.NonRetryable() {
		t.Fatalf("error = %v, want a non-retryable %s", err, drill.ErrBadStep)
	}
	if want := "alternative alt: hosting.tls needs an https health.url, not http://127.0.0.1:18081/health"; appErr.Message() != want {
		t.Errorf("message %q, want %q", appErr.Message(), want)
	}
}
