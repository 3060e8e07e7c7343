package evidence

import (
	"crypto/ed25519"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// TestNotificationsAndInjectsJournaled: the drill's own notifications and
// its injects are journal events in time order, an acknowledged inject
// with who and when, one nobody acknowledged as delivered without acks;
// the signed bundle verifies, and an acknowledgement changed afterwards is
// detected.
func TestNotificationsAndInjectsJournaled(t *testing.T) {
	in := sample()
	res := *in.Result
	res.Notifications = []drill.Event{{At: t0, Kind: "notified", Text: "drill.started to Carla (continuity-manager) by email: delivered"}}
	res.Injects = []*drill.InjectResult{
		{Inject: drill.Inject{ID: "press", At: drill.SceneTime(2 * time.Hour), To: "process-owner", Message: "The press asks."},
			Status: drill.InjectAcknowledged, Delivered: t0.Add(10 * time.Second), Acks: []drill.Ack{{By: "anna", At: t0.Add(20 * time.Second)}}},
		{Inject: drill.Inject{ID: "council", At: drill.SceneTime(4 * time.Hour), To: "continuity-manager", Message: "A status, please."},
			Status: drill.InjectDelivered, Delivered: t0.Add(30 * time.Second)},
	}
	in.Result = &res
	b, files, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range b.Events {
		if e.Type == EventDrillNotified || e.Type == EventInject {
			got = append(got, e.Type+" "+string(e.Data))
		}
	}
	if len(got) != 3 || !strings.HasPrefix(got[0], "drill.notified") ||
		!strings.Contains(got[1], `"id":"press"`) || !strings.Contains(got[1], `"acks":[{"by":"anna","at":"2026-11-02T09:00:20Z"}]`) ||
		!strings.Contains(got[2], `"status":"delivered"`) || strings.Contains(got[2], `"acks"`) {
		t.Fatalf("journal events:\n%s", strings.Join(got, "\n"))
	}
	key := testKey(5)
	if err := Seal(b, files, key); err != nil {
		t.Fatal(err)
	}
	pub := key.Public().(ed25519.PublicKey)
	if _, err := Verify(files.FS(), pub); err != nil {
		t.Fatalf("verify: %v", err)
	}
	// Someone claims afterwards that the council inject was acknowledged.
	files[JournalFile] = []byte(strings.Replace(string(files[JournalFile]), `"status":"delivered"`, `"status":"acknowledged","acks":[{"by":"bert","at":"2026-11-02T09:00:40Z"}]`, 1))
	if _, err := Verify(files.FS(), pub); err == nil {
		t.Error("a forged acknowledgement went unnoticed")
	}
}
