package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/exitdrill/exitdrill/internal/testkit"
)

// mailServer is a real SMTP server (go-smtp) on loopback that offers
// STARTTLS with a certificate of a CA made for the test, accepts AUTH PLAIN
// for one user, and keeps the messages it receives.
type mailServer struct {
	addr   string
	caFile string
	user   string
	pass   string

	mu   sync.Mutex
	got  []received
	auth []string // "user:ok" or "user:refused", in order
}

// received is one message as the server took it.
type received struct {
	from, to string
	tls      bool
	data     []byte
}

// resolver resolves the names of a test to fixed addresses.
type resolver struct {
	names   map[string][]string
	lookups atomic.Int64
}

func (r *resolver) LookupHost(_ context.Context, host string) ([]string, error) {
	r.lookups.Add(1)
	if a, ok := r.names[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// startMailServer starts the server for host name; offerTLS false makes it
// a server that offers no STARTTLS.
func startMailServer(t *testing.T, name string, offerTLS bool) *mailServer {
	t.Helper()
	dir := t.TempDir()
	ca := testkit.NewCA(t, "notify test CA")
	certPEM, keyPEM, err := ca.Issue(&x509.Certificate{Subject: pkix.Name{CommonName: name}, DNSNames: []string{name},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	ms := &mailServer{caFile: ca.WriteCA(t, dir, "ca.pem"), user: "exitdrill", pass: "s3cret-smtp-password"}
	s := smtp.NewServer(ms)
	s.Domain = name
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	if offerTLS {
		s.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ms.addr = l.Addr().String()
	go func() { _ = s.Serve(l) }()
	t.Cleanup(func() { _ = s.Close() })
	return ms
}

func (ms *mailServer) messages() []received {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return append([]received(nil), ms.got...)
}

// NewSession implements smtp.Backend.
func (ms *mailServer) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &mailSession{ms: ms, c: c}, nil
}

type mailSession struct {
	ms     *mailServer
	c      *smtp.Conn
	authed bool
	from   string
	to     string
}

func (s *mailSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *mailSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		s.ms.mu.Lock()
		defer s.ms.mu.Unlock()
		if user != s.ms.user || pass != s.ms.pass {
			s.ms.auth = append(s.ms.auth, user+":refused")
			return errors.New("invalid credentials")
		}
		s.ms.auth = append(s.ms.auth, user+":ok")
		s.authed = true
		return nil
	}), nil
}

func (s *mailSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return &smtp.SMTPError{Code: 530, Message: "authenticate first"}
	}
	s.from = from
	return nil
}

func (s *mailSession) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = to; return nil }

func (s *mailSession) Data(r io.Reader) error {
	b, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return err
	}
	_, isTLS := s.c.TLSConnectionState()
	s.ms.mu.Lock()
	s.ms.got = append(s.ms.got, received{from: s.from, to: s.to, tls: isTLS, data: b})
	s.ms.mu.Unlock()
	return nil
}

func (s *mailSession) Reset()        {}
func (s *mailSession) Logout() error { return nil }

func (ms *mailServer) logins() []string {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return append([]string(nil), ms.auth...)
}
