package cli

import (
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/exitdrill/exitdrill/internal/testkit"
)

// mailbox is a real SMTP server (go-smtp) on loopback for the host name
// localhost: STARTTLS with a certificate of a CA made for the test, AUTH
// PLAIN for one user; it keeps the messages it receives.
type mailbox struct {
	addr, caFile, user, pass string

	mu  sync.Mutex
	got []mailed
}

// mailed is one message as the server took it.
type mailed struct {
	to, subject, body string
	tls               bool
}

func startMailbox(t *testing.T) *mailbox {
	t.Helper()
	ca := testkit.NewCA(t, "cli test CA")
	certPEM, keyPEM, err := ca.Issue(&x509.Certificate{Subject: pkix.Name{CommonName: "localhost"}, DNSNames: []string{"localhost"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	mb := &mailbox{caFile: ca.WriteCA(t, t.TempDir(), "ca.pem"), user: "exitdrill", pass: "s3cret-smtp-password"}
	s := smtp.NewServer(mb)
	s.Domain = "localhost"
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	s.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mb.addr = l.Addr().String()
	go func() { _ = s.Serve(l) }()
	t.Cleanup(func() { _ = s.Close() })
	return mb
}

// messages are the messages received so far.
func (mb *mailbox) messages() []mailed {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	return append([]mailed(nil), mb.got...)
}

// NewSession implements smtp.Backend.
func (mb *mailbox) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &mailboxSession{mb: mb, c: c}, nil
}

type mailboxSession struct {
	mb     *mailbox
	c      *smtp.Conn
	authed bool
	to     string
}

func (s *mailboxSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *mailboxSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.mb.user || pass != s.mb.pass {
			return errors.New("invalid credentials")
		}
		s.authed = true
		return nil
	}), nil
}

func (s *mailboxSession) Mail(string, *smtp.MailOptions) error {
	if !s.authed {
		return &smtp.SMTPError{Code: 530, Message: "authenticate first"}
	}
	return nil
}

func (s *mailboxSession) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = to; return nil }

// Data parses the message: its subject and body as a mail client reads them.
func (s *mailboxSession) Data(r io.Reader) error {
	m, err := mail.ReadMessage(io.LimitReader(r, 1<<20))
	if err != nil {
		return err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		return err
	}
	body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil {
		return err
	}
	_, isTLS := s.c.TLSConnectionState()
	s.mb.mu.Lock()
	s.mb.got = append(s.mb.got, mailed{to: s.to, subject: subject, body: string(body), tls: isTLS})
	s.mb.mu.Unlock()
	return nil
}

func (s *mailboxSession) Reset()        {}
func (s *mailboxSession) Logout() error { return nil }

// sent lists the messages as "TO: SUBJECT".
func sent(ms []mailed) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.to+": "+m.subject)
	}
	return out
}
