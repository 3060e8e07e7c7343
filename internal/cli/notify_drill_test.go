package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/notify"
)

// TestRunNotifiesContacts: a compressed drill started with --notify and a
// notifications config tells the catalog's contact of the manual step's role
// through a signed webhook (a real receiver on loopback that checks the
// signature), and the step's evidence records the delivery; the same drill
// without --notify tells nobody.
func TestRunNotifiesContacts(t *testing.T) {
	const secret = "s3cret-for-the-test"
	var mu sync.Mutex
	var got []map[string]any
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err := notify.Verify([]byte(secret), r.Header, body, time.Now(), 5*time.Minute); err != nil {
			t.Errorf("webhook: %v", err)
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Errorf("webhook body: %v", err)
		}
		mu.Lock()
		got = append(got, m)
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(recv.Close)

	dir := t.TempDir()
	cat := filepath.Join(dir, "catalog")
	if err := os.MkdirAll(cat, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"catalog.yaml", "runbooks.yaml"} {
		b, err := os.ReadFile(filepath.Join(drillCatalog, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(cat, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, text string) string {
		t.Helper()
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return name
	}
	write(filepath.Join(cat, "contacts.yaml"), `apiVersion: exitdrill/v1
kind: Catalog
organisation: Drilltest
contacts:
  - role: process-owner
    people: [{name: Anna de Vries, webhook: ops}]
`)
	cfg := write(filepath.Join(dir, "notify.yaml"), `apiVersion: exitdrill/v1
kind: NotifyConfig
consoleURL: https://console.example.test
webhooks:
  - {name: ops, url: "`+recv.URL+`/hook", secretEnv: EXITDRILL_TEST_WEBHOOK_SECRET}
`)
	// The worker reads its config when it registers, as `exitdrill worker` does.
	t.Setenv(notify.EnvConfig, cfg)
	t.Setenv("EXITDRILL_TEST_WEBHOOK_SECRET", secret)
	s := startDrillServer(t)

	code, _, errs := s.cmd(t, "run", "--catalog", cat, "--scenario", scenarioFile("portal-compressed"), "--id", "quiet", "--notify-config", cfg, "-o", filepath.Join(dir, "quiet"))
	if code != ExitOK {
		t.Fatalf("run without --notify: exit %d\n%s", code, errs)
	}
	if len(got) != 0 {
		t.Errorf("a compressed drill without --notify told someone: %v", got)
	}

	code, _, errs = s.cmd(t, "run", "--catalog", cat, "--scenario", scenarioFile("portal-compressed"), "--id", "told", "--notify", "--notify-config", cfg, "-o", filepath.Join(dir, "told"))
	if code != ExitOK {
		t.Fatalf("run --notify: exit %d\n%s", code, errs)
	}
	mu.Lock()
	defer mu.Unlock()
	// The role also hears that the drill started and ended (the drill's
	// own notices), in that order around the step.
	var events []string
	var waiting map[string]any
	for _, m := range got {
		events = append(events, fmt.Sprint(m["event"]))
		if m["event"] == drill.NotifyWaiting {
			waiting = m
		}
	}
	if want := []string{drill.NotifyDrillStarted, drill.NotifyWaiting, drill.NotifyDrillEnded}; !slices.Equal(events, want) {
		t.Fatalf("webhook received %q, want %q", events, want)
	}
	if waiting["step"] != "approve-switch" || waiting["link"] != "https://console.example.test/drills/told" {
		t.Fatalf("webhook received %v; want the step.waiting of approve-switch linking to the drill", waiting)
	}
	res := s.result(t, "told")
	events = nil
	for _, p := range res.Processes {
		for _, st := range p.Steps {
			for _, e := range st.Events {
				events = append(events, st.Step+": "+e.Kind+": "+e.Text)
			}
		}
	}
	if want := "approve-switch: notified: step.waiting to Anna de Vries (process-owner) by ops: delivered"; len(events) != 1 || !strings.HasPrefix(events[0], want) {
		t.Errorf("step events %q, want one starting %q", events, want)
	}
	if len(res.Notifications) != 2 || res.Notifications[0].Kind != "notified" || !strings.HasPrefix(res.Notifications[1].Text, "drill.ended to Anna de Vries (process-owner) by ops: delivered") {
		t.Errorf("drill notifications %+v, want drill.started and drill.ended delivered to Anna", res.Notifications)
	}
}
