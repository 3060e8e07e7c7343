package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// Headers of a webhook request. The signature covers the timestamp and the
// body ("TIMESTAMP.BODY"), so a receiver that refuses timestamps older than a
// few minutes refuses a replayed request; the delivery id lets it drop the
// repeats of one delivery's retries.
const (
	HeaderSignature = "X-Exitdrill-Signature"
	HeaderTimestamp = "X-Exitdrill-Timestamp"
	HeaderDelivery  = "X-Exitdrill-Delivery"
	HeaderEvent     = "X-Exitdrill-Event"
)

// maxAnswer bounds how much of a receiver's answer is read.
const maxAnswer = 4 << 10

// Sign returns the X-Exitdrill-Signature value of body sent at timestamp
// (Unix seconds): sha256= and the hex HMAC-SHA256 of "TIMESTAMP.BODY".
func Sign(secret []byte, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(timestamp + "."))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a received webhook request's signature and that its
// timestamp lies within tolerance of now; receivers written in Go can use it.
func Verify(secret []byte, h http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	ts := h.Get(HeaderTimestamp)
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%s %q is not Unix seconds", HeaderTimestamp, ts)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("%s is %s away from now, more than %s: a replay or a wrong clock", HeaderTimestamp, d.Round(time.Second), tolerance)
	}
	if !hmac.Equal([]byte(h.Get(HeaderSignature)), []byte(Sign(secret, ts, body))) {
		return errors.New("signature does not match")
	}
	return nil
}

// sendWebhook posts in to the webhook w.
func (n *Notifier) sendWebhook(ctx context.Context, w *Webhook, in drill.NotifyInput) (drill.NotifyOutput, error) {
	out := drill.NotifyOutput{Channel: w.Name}
	raw := w.URL
	if w.URLEnv != "" {
		if raw = env(n.Getenv, w.URLEnv); raw == "" {
			return out, permanent(fmt.Errorf("webhook %s: environment variable %s is not set", w.Name, w.URLEnv))
		}
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return out, permanent(fmt.Errorf("webhook %s: the URL is not an http or https URL", w.Name))
	}
	now := n.now()
	body, err := payload(w.format(), in, now)
	if err != nil {
		return out, permanent(fmt.Errorf("webhook %s: %w", w.Name, err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return out, permanent(fmt.Errorf("webhook %s: %w", w.Name, scrub(err)))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "exitdrill-notify")
	req.Header.Set(HeaderDelivery, in.Delivery)
	req.Header.Set(HeaderEvent, in.Message.Event)
	if w.SecretEnv != "" {
		secret := env(n.Getenv, w.SecretEnv)
		if secret == "" {
			return out, permanent(fmt.Errorf("webhook %s: environment variable %s is not set", w.Name, w.SecretEnv))
		}
		ts := strconv.FormatInt(now.Unix(), 10)
		req.Header.Set(HeaderTimestamp, ts)
		req.Header.Set(HeaderSignature, Sign([]byte(secret), ts, body))
	}
	resp, err := n.httpClient(w.AllowPrivate).Do(req)
	if err != nil {
		err = fmt.Errorf("webhook %s: %w", w.Name, scrub(err))
		if refused(err) {
			return out, permanent(err)
		}
		return out, err
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	out.Detail = "HTTP " + strconv.Itoa(resp.StatusCode)
	if resp.StatusCode/100 == 2 {
		return out, nil
	}
	err = fmt.Errorf("webhook %s: the receiver answered HTTP %d: %s", w.Name, resp.StatusCode, oneLine(string(answer), 200))
	if resp.StatusCode/100 == 4 && resp.StatusCode != http.StatusRequestTimeout && resp.StatusCode != http.StatusTooManyRequests {
		return out, permanent(err)
	}
	return out, err
}

// httpClient is a client that dials through the guard and follows no
// redirect: a redirect could lead the signed body anywhere.
func (n *Notifier) httpClient(allowPrivate bool) *http.Client {
	g := n.guard(allowPrivate)
	return &http.Client{
		Timeout:       n.timeout(),
		Transport:     &http.Transport{DialContext: g.DialContext, ForceAttemptHTTP2: true, TLSHandshakeTimeout: n.timeout()},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// scrub drops the URL from an HTTP client error: Slack and Teams webhook
// URLs carry their token in the path.
func scrub(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}
