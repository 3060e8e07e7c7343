package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// receiver is a real HTTP receiver on loopback that checks a generic
// webhook's signature as a user's receiver would, computing the HMAC itself
// (not with this package's Sign), and refuses stale timestamps.
type receiver struct {
	secret string
	mu     sync.Mutex
	bodies [][]byte
	heads  []http.Header
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	ts := r.Header.Get("X-Exitdrill-Timestamp")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || time.Since(time.Unix(sec, 0)).Abs() > 5*time.Minute {
		http.Error(w, "stale or missing timestamp", http.StatusUnauthorized)
		return
	}
	mac := hmac.New(sha256.New, []byte(rc.secret))
	mac.Write([]byte(ts + "." + string(body)))
	want := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(r.Header.Get("X-Exitdrill-Signature")), []byte(want)) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	rc.mu.Lock()
	rc.bodies, rc.heads = append(rc.bodies, body), append(rc.heads, r.Header.Clone())
	rc.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func webhookNotifier(url, secret string) *Notifier {
	return &Notifier{
		Config: &Config{Webhooks: []*Webhook{{Name: "ops", URL: url, SecretEnv: "HOOK_SECRET"}}},
		Getenv: envMap{"HOOK_SECRET": secret}.get,
	}
}

func webhookInput() drill.NotifyInput {
	in := waitingInput()
	in.Channel = "ops"
	return in
}

// TestGenericWebhookSigned: the receiver accepts the signed body, which
// follows the documented schema; a wrong secret is refused with 401, which
// the notifier reports as permanent, without the secret; a request whose
// timestamp is ten minutes old is refused as a replay.
func TestGenericWebhookSigned(t *testing.T) {
	rc := &receiver{secret: "the-shared-secret"}
	srv := httptest.NewServer(rc)
	t.Cleanup(srv.Close)

	out, err := webhookNotifier(srv.URL, "the-shared-secret").Send(t.Context(), webhookInput())
	if err != nil || out.Detail != "HTTP 204" {
		t.Fatalf("Send = %+v, %v; want HTTP 204", out, err)
	}
	if len(rc.bodies) != 1 {
		t.Fatalf("receiver accepted %d bodies, want 1", len(rc.bodies))
	}
	var g Generic
	dec := json.NewDecoder(strings.NewReader(string(rc.bodies[0])))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		t.Fatalf("body does not follow the schema: %v", err)
	}
	if g.Schema != GenericSchema || g.Event != drill.NotifyWaiting || g.Step != "sign-off" || g.Expected != "4h" ||
		g.Instructions != "Issue one test permit" || g.Delivery == "" || g.Link == "" {
		t.Errorf("body = %+v", g)
	}
	if h := rc.heads[0]; h.Get("X-Exitdrill-Delivery") != g.Delivery || h.Get("X-Exitdrill-Event") != drill.NotifyWaiting {
		t.Errorf("headers = %v", h)
	}

	_, err = webhookNotifier(srv.URL, "not-the-secret").Send(t.Context(), webhookInput())
	if err == nil || !IsPermanent(err) || !strings.Contains(err.Error(), "401") {
		t.Errorf("wrong secret: error = %v, want a permanent HTTP 401", err)
	}
	if err != nil && strings.Contains(err.Error(), "not-the-secret") {
		t.Errorf("error shows the secret: %v", err)
	}

	old := webhookNotifier(srv.URL, "the-shared-secret")
	old.Now = func() time.Time { return time.Now().Add(-10 * time.Minute) }
	if _, err := old.Send(t.Context(), webhookInput()); err == nil {
		t.Error("a ten-minute-old signed request was accepted")
	}
	if len(rc.bodies) != 1 {
		t.Errorf("receiver accepted %d bodies, want still 1", len(rc.bodies))
	}
}

// TestVerify holds the exported Verify to the receiver's own computation.
func TestVerify(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	body := []byte(`{"schema":"exitdrill.notification/v1"}`)
	h := http.Header{}
	h.Set(HeaderTimestamp, "1800000000")
	h.Set(HeaderSignature, Sign([]byte("k"), "1800000000", body))
	if err := Verify([]byte("k"), h, body, now, 5*time.Minute); err != nil {
		t.Errorf("Verify of a good request: %v", err)
	}
	if err := Verify([]byte("other"), h, body, now, 5*time.Minute); err == nil {
		t.Error("Verify accepted a wrong secret")
	}
	if err := Verify([]byte("k"), h, append(body, ' '), now, 5*time.Minute); err == nil {
		t.Error("Verify accepted a changed body")
	}
	if err := Verify([]byte("k"), h, body, now.Add(time.Hour), 5*time.Minute); err == nil {
		t.Error("Verify accepted a replay an hour later")
	}
}

// TestWebhookURLNotInErrors: Slack and Teams URLs carry a token; an error
// names the channel, never the URL.
func TestWebhookURLNotInErrors(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/services/T000/B000/XXXXsecrettoken"
	srv.Close() // nothing listens any more
	n := &Notifier{Config: &Config{Webhooks: []*Webhook{{Name: "chat", URL: url, Format: FormatSlack}}}, Timeout: 2 * time.Second}
	in := webhookInput()
	in.Channel = "chat"
	_, err := n.Send(t.Context(), in)
	if err == nil || strings.Contains(err.Error(), "secrettoken") || !strings.Contains(err.Error(), "chat") {
		t.Errorf("error = %v, want one that names the channel chat and not the URL", err)
	}
}
