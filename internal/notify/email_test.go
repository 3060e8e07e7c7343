package notify

import (
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
)

const mailHost = "mail.exitdrill.test"

// mailNotifier is a Notifier for the mail server ms, its password in the
// (test's) environment variable SMTP_PW set to password.
func mailNotifier(t *testing.T, ms *mailServer, password string) *Notifier {
	t.Helper()
	host, port, _ := net.SplitHostPort(ms.addr)
	p, _ := strconv.Atoi(port)
	return &Notifier{
		Config: &Config{Email: &SMTP{Host: mailHost, Port: p, From: "exitdrill@gemeente.test", Username: ms.user,
			PasswordEnv: "SMTP_PW", CAFile: ms.caFile}},
		Getenv:   envMap{"SMTP_PW": password}.get,
		Resolver: &resolver{names: map[string][]string{mailHost: {host}}},
	}
}

type envMap map[string]string

func (m envMap) get(k string) string { return m[k] }

func waitingInput() drill.NotifyInput {
	return drill.NotifyInput{
		Channel: drill.EmailChannel, Delivery: "d-1/vergunningen/sign-off/step.waiting/email/anna",
		To: drill.Contact{Name: "Anna de Vries", Email: "anna@gemeente.test"},
		Message: drill.Message{Event: drill.NotifyWaiting, DrillID: "d-1", Process: "vergunningen", Step: "sign-off",
			Role: "process-owner", Subject: "Step sign-off waits for you (process-owner)",
			Text: "The drill d-1 waits for process-owner.", Instructions: "Issue one test permit",
			Link: "https://console.gemeente.test/drills/d-1#vergunningen/sign-off", Expected: drill.Duration(4 * 3600e9)},
	}
}

// TestEmailThroughSTARTTLSAndAuth sends a waiting notice to a real SMTP
// server on loopback: the session upgrades with STARTTLS (verified against
// the test's CA), authenticates with AUTH PLAIN, and the server receives a
// message that parses with the subject, recipient, instructions and link.
func TestEmailThroughSTARTTLSAndAuth(t *testing.T) {
	ms := startMailServer(t, mailHost, true)
	n := mailNotifier(t, ms, ms.pass)
	out, err := n.Send(t.Context(), waitingInput())
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if !strings.HasPrefix(out.Detail, "250") || out.Channel != drill.EmailChannel {
		t.Errorf("output = %+v, want channel email and a 250 answer", out)
	}
	got := ms.messages()
	if len(got) != 1 {
		t.Fatalf("server received %d messages, want 1", len(got))
	}
	r := got[0]
	if !r.tls || r.from != "exitdrill@gemeente.test" || r.to != "anna@gemeente.test" {
		t.Errorf("received tls=%v from=%q to=%q, want TLS from exitdrill@gemeente.test to anna@gemeente.test", r.tls, r.from, r.to)
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(r.data)))
	if err != nil {
		t.Fatalf("parse the received message: %v", err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != "Step sign-off waits for you (process-owner)" {
		t.Errorf("subject = %q (%v)", subject, err)
	}
	if to, err := msg.Header.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != "anna@gemeente.test" {
		t.Errorf("To = %v (%v)", to, err)
	}
	body := decodeQP(t, msg.Body)
	for _, want := range []string{"Dear Anna de Vries", "Issue one test permit", "https://console.gemeente.test/drills/d-1#vergunningen/sign-off"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
}

func decodeQP(t *testing.T, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(newQPReader(r))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEmailWrongPassword: the server refuses the login; the error says so,
// is retryable (a password may be rotated) and never holds the password.
func TestEmailWrongPassword(t *testing.T) {
	ms := startMailServer(t, mailHost, true)
	n := mailNotifier(t, ms, "wrong-password-value")
	_, err := n.Send(t.Context(), waitingInput())
	if err == nil {
		t.Fatal("Send with a wrong password succeeded")
	}
	if strings.Contains(err.Error(), "wrong-password-value") {
		t.Errorf("error shows the password: %v", err)
	}
	if auth := ms.logins(); len(ms.messages()) != 0 || len(auth) != 1 || auth[0] != "exitdrill:refused" {
		t.Errorf("server: %d messages, auth %v; want none and one refused login", len(ms.messages()), auth)
	}
}

// TestEmailRefusesServerWithoutSTARTTLS: a server that does not offer
// STARTTLS gets neither the password nor the message, permanently.
func TestEmailRefusesServerWithoutSTARTTLS(t *testing.T) {
	ms := startMailServer(t, mailHost, false)
	n := mailNotifier(t, ms, ms.pass)
	_, err := n.Send(t.Context(), waitingInput())
	if err == nil || !IsPermanent(err) || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("error = %v, want a permanent refusal naming STARTTLS", err)
	}
	if len(ms.logins()) != 0 || len(ms.messages()) != 0 {
		t.Errorf("server saw auth %v and %d messages, want none", ms.logins(), len(ms.messages()))
	}
}

// TestEmailHeaderInjection: a subject with a line break adds no header.
func TestEmailHeaderInjection(t *testing.T) {
	ms := startMailServer(t, mailHost, true)
	in := waitingInput()
	in.Message.Subject = "late\r\nBcc: mallory@evil.test"
	in.To.Name = "Anna\r\nBcc: mallory@evil.test"
	if _, err := mailNotifier(t, ms, ms.pass).Send(t.Context(), in); err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(ms.messages()[0].data)))
	if err != nil {
		t.Fatal(err)
	}
	if bcc := msg.Header.Get("Bcc"); bcc != "" {
		t.Errorf("the message has a Bcc header %q", bcc)
	}
}

func newQPReader(r io.Reader) io.Reader { return quotedprintable.NewReader(r) }
