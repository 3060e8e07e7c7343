package notify

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/netguard"
)

// chatReceiver is a real HTTP receiver that keeps the last body posted.
func chatReceiver(t *testing.T) (*httptest.Server, *atomic.Value) {
	t.Helper()
	var last atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var v map[string]any
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&v); err != nil || r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "not JSON", http.StatusBadRequest)
			return
		}
		last.Store(v)
		_, _ = w.Write([]byte("ok"))
	}))
	t.Cleanup(srv.Close)
	return srv, &last
}

func sendAs(t *testing.T, url, format string) {
	t.Helper()
	n := &Notifier{Config: &Config{Webhooks: []*Webhook{{Name: "chat", URL: url, Format: format}}}}
	in := webhookInput()
	in.Channel = "chat"
	if _, err := n.Send(t.Context(), in); err != nil {
		t.Fatalf("send as %s: %v", format, err)
	}
}

// TestSlackAndMattermostPayload: an incoming webhook's required field is
// text; it carries the subject, the instructions and the console link.
func TestSlackAndMattermostPayload(t *testing.T) {
	for _, format := range []string{FormatSlack, FormatMattermost} {
		srv, last := chatReceiver(t)
		sendAs(t, srv.URL, format)
		v, _ := last.Load().(map[string]any)
		text, _ := v["text"].(string)
		for _, want := range []string{"Step sign-off waits for you", "Issue one test permit", "https://console.gemeente.test/drills/d-1"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s text lacks %q: %q", format, want, text)
			}
		}
	}
}

// TestTeamsAdaptiveCard: a Teams workflow message is {type: message,
// attachments: [{contentType: application/vnd.microsoft.card.adaptive,
// content: card}]} and the card has type AdaptiveCard, version 1.5, a body
// of known elements and an Action.OpenUrl to the console.
func TestTeamsAdaptiveCard(t *testing.T) {
	srv, last := chatReceiver(t)
	sendAs(t, srv.URL, FormatTeams)
	raw, _ := json.Marshal(last.Load())
	var msg struct {
		Type        string `json:"type"`
		Attachments []struct {
			ContentType string `json:"contentType"`
			Content     struct {
				Schema  string `json:"$schema"`
				Type    string `json:"type"`
				Version string `json:"version"`
				Body    []struct {
					Type string `json:"type"`
					Text string `json:"text"`
				} `json:"body"`
				Actions []struct{ Type, Title, URL string } `json:"actions"`
			} `json:"content"`
		} `json:"attachments"`
	}
	if err := json.Unmarshal(raw, &msg); err != nil {
		t.Fatal(err)
	}
	if msg.Type != "message" || len(msg.Attachments) != 1 || msg.Attachments[0].ContentType != "application/vnd.microsoft.card.adaptive" {
		t.Fatalf("envelope = %s", raw)
	}
	card := msg.Attachments[0].Content
	if card.Type != "AdaptiveCard" || card.Version != "1.5" || len(card.Body) == 0 || !strings.Contains(card.Schema, "adaptive-card.json") {
		t.Errorf("card = %+v", card)
	}
	known := map[string]bool{"TextBlock": true, "FactSet": true}
	for _, e := range card.Body {
		if !known[e.Type] {
			t.Errorf("body element of type %q", e.Type)
		}
	}
	if len(card.Actions) != 1 || card.Actions[0].Type != "Action.OpenUrl" || card.Actions[0].URL != "https://console.gemeente.test/drills/d-1#vergunningen/sign-off" {
		t.Errorf("actions = %+v", card.Actions)
	}
}

// TestMetadataRefusedBeforeAnyPacket: a webhook URL naming the metadata
// address, and a mail server name that resolves to it, are refused by the
// dialer's control hook before connect(2): permanently, saying how to allow it.
func TestMetadataRefusedBeforeAnyPacket(t *testing.T) {
	var refusedAddrs []string
	onRefused := func(a string) { refusedAddrs = append(refusedAddrs, a) }
	res := &resolver{names: map[string][]string{"mail.metadata.test": {"169.254.169.254"}}}
	n := &Notifier{
		Config: &Config{
			Email:    &SMTP{Host: "mail.metadata.test", Port: 25, From: "exitdrill@gemeente.test"},
			Webhooks: []*Webhook{{Name: "meta", URL: "http://169.254.169.254/latest/meta-data/", Format: FormatSlack}},
		},
		Resolver: res, OnRefused: onRefused,
	}
	for _, channel := range []string{"meta", drill.EmailChannel} {
		in := webhookInput()
		in.Channel = channel
		_, err := n.Send(t.Context(), in)
		if !errors.Is(err, netguard.ErrRefused) || !IsPermanent(err) || !strings.Contains(err.Error(), "allowPrivate") {
			t.Errorf("%s: error = %v, want a permanent refusal naming allowPrivate", channel, err)
		}
	}
	if len(refusedAddrs) != 2 || refusedAddrs[0] != "169.254.169.254:80" || refusedAddrs[1] != "169.254.169.254:25" {
		t.Errorf("control hook refused %v, want the webhook's then the mail server's metadata address", refusedAddrs)
	}
}
