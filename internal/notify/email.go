package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/boundedio"
)

// maxCAFile bounds the CA file read.
const maxCAFile = 1 << 20

// sendEmail sends in to in.To.Email through the config's SMTP server: the
// session upgrades with STARTTLS (a server that does not offer it is refused)
// and authenticates with AUTH PLAIN when a username is configured.
func (n *Notifier) sendEmail(ctx context.Context, in drill.NotifyInput) (drill.NotifyOutput, error) {
	out := drill.NotifyOutput{Channel: drill.EmailChannel}
	cfg := n.Config.Email
	if cfg == nil {
		return out, permanent(errors.New("email: the notifications config has no email server"))
	}
	to, err := mail.ParseAddress(in.To.Email)
	if err != nil {
		return out, permanent(fmt.Errorf("email to %s: address %q: %w", in.To.Name, in.To.Email, err))
	}
	msg, err := n.composeEmail(cfg, to.Address, in)
	if err != nil {
		return out, permanent(err)
	}
	tlsCfg, err := n.tlsConfig(ctx, cfg)
	if err != nil {
		return out, permanent(err)
	}
	port := cfg.Port
	if port == 0 {
		port = 587
	}
	conn, err := n.guard(cfg.AllowPrivate).DialContext(ctx, "tcp", net.JoinHostPort(cfg.Host, strconv.Itoa(port)))
	if err != nil {
		err = fmt.Errorf("email: connect to %s: %w", cfg.Host, err)
		if refused(err) {
			return out, permanent(err)
		}
		return out, err
	}
	_ = conn.SetDeadline(n.now().Add(n.timeout()))
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer stop()
	c, err := smtp.NewClientStartTLS(conn, tlsCfg)
	if err != nil {
		_ = conn.Close()
		if strings.Contains(err.Error(), "support STARTTLS") {
			return out, permanent(fmt.Errorf("email via %s: the server does not offer STARTTLS; exitdrill sends no mail and no password in the clear", cfg.Host))
		}
		return out, fmt.Errorf("email via %s: starttls: %w", cfg.Host, err)
	}
	defer c.Close()
	detail, err := n.session(c, cfg, to.Address, msg)
	out.Detail = detail
	if err != nil {
		err = fmt.Errorf("email to %s via %s: %w", to.Address, cfg.Host, err)
		var se *smtp.SMTPError
		if errors.As(err, &se) && se.Code >= 500 {
			return out, permanent(err)
		}
	}
	return out, err
}

// session runs the rest of an SMTP session on c, upgraded with STARTTLS,
// and returns the server's answer to DATA.
func (n *Notifier) session(c *smtp.Client, cfg *SMTP, to string, msg []byte) (string, error) {
	if cfg.Username != "" {
		password := env(n.Getenv, cfg.PasswordEnv)
		if cfg.PasswordEnv != "" && password == "" {
			return "", permanent(fmt.Errorf("environment variable %s is not set", cfg.PasswordEnv))
		}
		if err := c.Auth(sasl.NewPlainClient("", cfg.Username, password)); err != nil {
			return "", fmt.Errorf("auth plain as %s: %w", cfg.Username, err)
		}
	}
	if err := c.Mail(cfg.From, nil); err != nil {
		return "", err
	}
	if err := c.Rcpt(to, nil); err != nil {
		return "", err
	}
	w, err := c.Data()
	if err != nil {
		return "", err
	}
	if _, err := w.Write(msg); err != nil {
		return "", err
	}
	resp, err := w.CloseWithResponse()
	if err != nil {
		return "", err
	}
	_ = c.Quit()
	return "250 " + oneLine(resp.StatusText, 200), nil
}

// tlsConfig verifies the server against the config's CA file, or the
// system's roots.
func (n *Notifier) tlsConfig(ctx context.Context, cfg *SMTP) (*tls.Config, error) {
	t := &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
	if cfg.CAFile == "" {
		return t, nil
	}
	pem, err := boundedio.ReadAllRegular(ctx, cfg.CAFile, maxCAFile, "email CA file", "email.caFile")
	if err != nil {
		return nil, fmt.Errorf("email: %w", err)
	}
	t.RootCAs = x509.NewCertPool()
	if !t.RootCAs.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("email: CA file %s holds no PEM certificate", cfg.CAFile)
	}
	return t, nil
}

// composeEmail is the RFC 5322 message: a quoted-printable UTF-8 text body,
// header values stripped of line breaks so no text can add a header.
func (n *Notifier) composeEmail(cfg *SMTP, to string, in drill.NotifyInput) ([]byte, error) {
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("email: from %q: %w", cfg.From, err)
	}
	m := in.Message
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", (&mail.Address{Name: "exitdrill", Address: from.Address}).String())
	header("To", (&mail.Address{Name: oneLine(in.To.Name, 200), Address: to}).String())
	header("Subject", mime.QEncoding.Encode("utf-8", oneLine(m.Subject, 200)))
	header("Date", n.now().Format("Mon, 02 Jan 2006 15:04:05 -0700"))
	header("Message-ID", "<"+strings.NewReplacer("/", ".", " ", "").Replace(oneLine(in.Delivery, 200))+"@exitdrill>")
	header("X-Exitdrill-Event", oneLine(m.Event, 50))
	header("MIME-Version", "1.0")
	header("Content-Type", `text/plain; charset="utf-8"`)
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write([]byte(emailText(in)))
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// emailText is the message's plain text.
func emailText(in drill.NotifyInput) string {
	m := in.Message
	var b strings.Builder
	fmt.Fprintf(&b, "Dear %s,\n\n%s\n", in.To.Name, m.Text)
	if m.Instructions != "" {
		fmt.Fprintf(&b, "\nInstructions:\n%s\n", m.Instructions)
	}
	if m.Link != "" {
		fmt.Fprintf(&b, "\nOpen the step in the console: %s\n", m.Link)
	}
	if m.DrillID != "" {
		fmt.Fprintf(&b, "\nDrill %s, process %s, step %s, role %s.\n", m.DrillID, m.Process, m.Step, m.Role)
	}
	return b.String()
}
