package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestNotifyTest: notify test sends one message per person and channel of
// the role through a real receiver, says ok per delivery, and exits 1 with a
// FAIL line when the receiver refuses; an unknown role is a usage error
// naming the roles that have contacts.
func TestNotifyTest(t *testing.T) {
	var status atomic.Int32
	status.Store(http.StatusNoContent)
	var calls atomic.Int32
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Header.Get("X-Exitdrill-Event") != "test" {
			t.Errorf("event %q, want test", r.Header.Get("X-Exitdrill-Event"))
		}
		w.WriteHeader(int(status.Load()))
	}))
	t.Cleanup(recv.Close)
	dir := t.TempDir()
	cat := filepath.Join(dir, "contacts.yaml")
	cfg := filepath.Join(dir, "notify.yaml")
	for name, text := range map[string]string{
		cat: "apiVersion: exitdrill/v1\nkind: Catalog\norganisation: Drilltest\ncontacts:\n  - role: process-owner\n    people: [{name: Anna, webhook: ops}, {name: Bram, webhook: ops}]\n",
		cfg: "apiVersion: exitdrill/v1\nkind: NotifyConfig\nwebhooks:\n  - {name: ops, format: slack, url: \"" + recv.URL + "/hook\"}\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := run(t, "notify", "test", "--catalog", cat, "--role", "process-owner", "--notify-config", cfg)
	if code != ExitOK || strings.Count(out, "ok    ") != 2 || calls.Load() != 2 {
		t.Errorf("notify test: exit %d, %d calls\n%s%s", code, calls.Load(), out, errs)
	}
	status.Store(http.StatusForbidden)
	code, out, _ = run(t, "notify", "test", "--catalog", cat, "--role", "process-owner", "--notify-config", cfg)
	if code != ExitError || !strings.Contains(out, "FAIL  Anna by ops:") || strings.Contains(out, recv.URL) {
		t.Errorf("refused by the receiver: exit %d, want 1 and FAIL lines without the URL:\n%s", code, out)
	}
	code, _, errs = run(t, "notify", "test", "--catalog", cat, "--role", "nobody", "--notify-config", cfg)
	if code != ExitInvalid || !strings.Contains(errs, `--role "nobody": the catalog has no contacts for it (roles with contacts: [process-owner])`) {
		t.Errorf("unknown role: exit %d\n%s", code, errs)
	}
}
