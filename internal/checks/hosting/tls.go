package hosting

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"go.temporal.io/sdk/temporal"
)

// defaultMinDaysLeft is how long a certificate must stay valid when the
// alternative does not say.
const defaultMinDaysLeft = 14

// TLS is hosting.tls. It connects to the host of the alternative's https
// health URL and judges its certificate: validity dates, days left, host name,
// trust and issuer. It does the verification itself (the handshake accepts any
// certificate) so that each problem gets its own plain reason instead of a
// generic x509 error.
func TLS(ctx context.Context, cfg *step.Config, in drill.StepInput) (drill.StepOutput, error) {
	alt := in.Step.Alt
	_, u, err := healthTarget(alt)
	if err != nil {
		return drill.StepOutput{}, err
	}
	if u.Scheme != "https" {
		return drill.StepOutput{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("alternative %s: hosting.tls needs an https health.url, not %s", alt.ID, alt.Health.URL), drill.ErrBadStep, nil)
	}
	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = "443"
	}
	addr := net.JoinHostPort(host, port)
	out := drill.StepOutput{Details: map[string]string{"address": addr}}
	g := newGuard(cfg, alt.Health.AllowPrivate)
	if reason := g.resolveHost(ctx, host, out.Details); reason != "" {
		out.Reason = fmt.Sprintf("TLS connection to %s: %s", addr, reason)
		return out, nil
	}
	chain, err := fetchChain(ctx, g, addr, host)
	if err != nil {
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return out, ctx.Err()
		}
		if errors.Is(err, errRefusedAddress) {
			return out, refusedStep(fmt.Sprintf("TLS connection to %s: ", addr), err)
		}
		out.Reason = fmt.Sprintf("TLS connection to %s: %s", addr, requestProblem(err, defaultRequestTimeout))
		return out, nil
	}
	want := tlsWant(alt.TLS)
	problems := judgeCertificate(chain, host, want, cfg.RootCAs, time.Now(), out.Details)
	out.Passed = len(problems) == 0
	out.Reason = strings.Join(problems, "; ")
	return out, nil
}

// tlsWant returns the alternative's certificate expectations with defaults.
func tlsWant(t *drill.TLS) drill.TLS {
	var w drill.TLS
	if t != nil {
		w = *t
	}
	if w.MinDaysLeft == 0 {
		w.MinDaysLeft = defaultMinDaysLeft
	}
	return w
}

// fetchChain completes a TLS handshake and returns the certificates the server
// presented, leaf first. It accepts any certificate: judging is done afterwards.
func fetchChain(ctx context.Context, g *guard, addr, host string) ([]*x509.Certificate, error) {
	ctx, cancel := context.WithTimeout(ctx, defaultRequestTimeout)
	defer cancel()
	cfg := &tls.Config{InsecureSkipVerify: true} //nolint:gosec // verified by judgeCertificate
	if net.ParseIP(host) == nil {
		cfg.ServerName = host
	}
	raw, err := g.dial(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	conn := tls.Client(raw, cfg)
	defer conn.Close()
	if err := conn.HandshakeContext(ctx); err != nil {
		return nil, err
	}
	certs := conn.ConnectionState().PeerCertificates
	if len(certs) == 0 {
		return nil, errors.New("the server presented no certificate")
	}
	return certs, nil
}

// judgeCertificate records the leaf's facts in details and returns the problems
// found, each a sentence a person can act on. roots are the CAs trusted (nil:
// the system's).
func judgeCertificate(chain []*x509.Certificate, host string, want drill.TLS, roots *x509.CertPool, now time.Time, details map[string]string) []string {
	leaf := chain[0]
	daysLeft := int(leaf.NotAfter.Sub(now) / (24 * time.Hour))
	details["subject"] = leaf.Subject.String()
	details["issuer"] = leaf.Issuer.String()
	details["notBefore"] = leaf.NotBefore.UTC().Format(time.RFC3339)
	details["notAfter"] = leaf.NotAfter.UTC().Format(time.RFC3339)
	details["daysLeft"] = strconv.Itoa(daysLeft)
	details["sans"] = strings.Join(certSANs(leaf), ", ")

	var problems []string
	switch {
	case now.After(leaf.NotAfter):
		problems = append(problems, fmt.Sprintf("certificate expired on %s (%s)", isoDay(leaf.NotAfter), daysAgoText(now.Sub(leaf.NotAfter))))
	case now.Before(leaf.NotBefore):
		problems = append(problems, fmt.Sprintf("certificate not valid before %s", isoDay(leaf.NotBefore)))
	case daysLeft < want.MinDaysLeft:
		problems = append(problems, fmt.Sprintf("certificate expires on %s, %d days left, want at least %d: renew it", isoDay(leaf.NotAfter), daysLeft, want.MinDaysLeft))
	}
	if err := leaf.VerifyHostname(host); err != nil {
		problems = append(problems, hostnameProblem(leaf, host))
	}
	if p := trustProblem(chain, roots, now); p != "" {
		problems = append(problems, p)
	}
	if want.Issuer != "" && !strings.Contains(strings.ToLower(leaf.Issuer.String()), strings.ToLower(want.Issuer)) {
		problems = append(problems, fmt.Sprintf("issuer %q does not contain %q", leaf.Issuer.String(), want.Issuer))
	}
	return problems
}

// trustProblem verifies the chain against the trusted roots. The validity dates
// of the leaf are judged separately, so an expired leaf is verified as of its
// last valid second: its trust is still worth knowing.
func trustProblem(chain []*x509.Certificate, roots *x509.CertPool, now time.Time) string {
	leaf := chain[0]
	at, leafInvalid := now, now.After(leaf.NotAfter) || now.Before(leaf.NotBefore)
	if leafInvalid {
		at = leaf.NotAfter.Add(-time.Second)
	}
	inter := x509.NewCertPool()
	for _, c := range chain[1:] {
		inter.AddCert(c)
	}
	_, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: at})
	if err == nil {
		return ""
	}
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &unknown) && bytes.Equal(leaf.RawIssuer, leaf.RawSubject):
		return fmt.Sprintf("certificate is self-signed by %q and not trusted", leaf.Issuer.String())
	case errors.As(err, &unknown):
		return fmt.Sprintf("certificate issuer %q is not trusted (unknown authority)", leaf.Issuer.String())
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired && leafInvalid:
		return "" // the leaf's dates are the reason already given
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "a certificate in the chain is outside its validity period: " + invalid.Detail
	}
	return "certificate chain not valid: " + err.Error()
}

// hostnameProblem names the hosts a certificate is for.
func hostnameProblem(leaf *x509.Certificate, host string) string {
	names := certSANs(leaf)
	if len(names) == 0 {
		return fmt.Sprintf("certificate names no hosts (no subject alternative names), not %q", host)
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	return fmt.Sprintf("certificate is for %s, not %q", strings.Join(quoted, ", "), host)
}

// certSANs lists a certificate's subject alternative names: DNS names, then IP
// addresses, then URIs.
func certSANs(c *x509.Certificate) []string {
	out := append([]string{}, c.DNSNames...)
	for _, ip := range c.IPAddresses {
		out = append(out, ip.String())
	}
	for _, u := range c.URIs {
		out = append(out, u.String())
	}
	return out
}

func isoDay(t time.Time) string { return t.UTC().Format(time.DateOnly) }

func daysAgoText(d time.Duration) string {
	n := int(d / (24 * time.Hour))
	switch n {
	case 0:
		return "less than a day ago"
	case 1:
		return "1 day ago"
	}
	return fmt.Sprintf("%d days ago", n)
}
