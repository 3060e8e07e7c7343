package cli

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/notify"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// TestStatusShowsDeferredNotifications: the receiver is down for the
// drill's end summary's one attempt (503), so the drill hands it to its
// HeldNotices workflow, which delivers it after the evidence was signed.
// status shows that later outcome, from the engine, saying it is not in
// the evidence.
func TestStatusShowsDeferredNotifications(t *testing.T) {
	var mu sync.Mutex
	refused := false
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		var m map[string]any
		_ = json.Unmarshal(body, &m)
		mu.Lock()
		defer mu.Unlock()
		if m["event"] == drill.NotifyDrillEnded && !refused {
			refused = true
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(recv.Close)
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cat := write("catalog.yaml", `apiVersion: exitdrill/v1
kind: Catalog
organisation: Heldtest
suppliers: [{id: hoster, jurisdiction: NL}]
applications: [{id: portal, supplier: hoster}]
processes:
  - {id: portal-service, owner: Operations, mtpd: 7d, rto: 2d, rpo: 1d, applications: [portal], runbook: portal-recovery}
contacts:
  - {role: continuity-manager, people: [{name: Carla, webhook: ops}]}
---
apiVersion: exitdrill/v1
kind: Runbook
id: portal-recovery
steps:
  - {id: switch, action: command, command: ["true"], covers: [portal]}
`)
	scenario := write("scenario.yaml", peopleScenario)
	cfg := write("notify.yaml", `apiVersion: exitdrill/v1
kind: NotifyConfig
webhooks:
  - {name: ops, url: "`+recv.URL+`/hook", secretEnv: EXITDRILL_TEST_HOOK_SECRET}
`)
	t.Setenv(notify.EnvConfig, cfg)
	t.Setenv("EXITDRILL_TEST_HOOK_SECRET", peopleHookSecret)
	s := startDrillServer(t)
	if code, out, errs := s.cmd(t, "run", "--detach", "--catalog", cat, "--scenario", scenario, "--id", "held", "--notify-config", cfg,
		"--reports", filepath.Join(dir, "reports")); code != ExitOK {
		t.Fatalf("run --detach: exit %d\n%s\n%s", code, out, errs)
	}
	res := s.result(t, "held")
	deferred := false
	for _, e := range res.Notifications {
		deferred = deferred || (e.Kind == "notify-deferred" && strings.Contains(e.Text, "workflow held#held-notices-1 retries it"))
	}
	if !deferred {
		t.Fatalf("the drill's notifications %+v, want the end summary deferred to held#held-notices-1", res.Notifications)
	}
	want := "notified: drill.ended to Carla (continuity-manager) by ops: delivered"
	var out string
	testkit.WaitFor(t, "status shows the deferred end summary delivered", 60*time.Second, func() bool {
		_, out, _ = s.cmd(t, "status", "held")
		return strings.Contains(out, want)
	})
	if !strings.Contains(out, "Deferred notifications, sent after the evidence was signed (not in it; the engine's record):") {
		t.Errorf("status does not say the deferred outcomes are not in the evidence:\n%s", out)
	}
}
