package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/testkit"
)

// TestDrillIDPrefixesAndLatest names drills by a unique prefix of their id
// or by --latest in every command that takes a drill; an ambiguous prefix
// lists the candidates, an unknown one says there is no such drill.
func TestDrillIDPrefixesAndLatest(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)
	if code, _, errs := srv.cmd(t, "status", "--latest"); code != ExitInvalid || !strings.Contains(errs, "--latest: no drill on 127.0.0.1:") {
		t.Errorf("status --latest without drills: exit %d, stderr %q; want 2 and no drill yet", code, errs)
	}
	srv.detach(t, "prefix-alpha", "portal-tabletop")
	srv.detach(t, "prefix-beta", "portal-tabletop")
	testkit.WaitFor(t, "both drills listed", 30*time.Second, func() bool { return len(srv.list(t)) == 2 })
	waitStep(t, srv, "prefix-beta", "approve-switch")

	for _, tt := range []struct {
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{[]string{"status", "prefix-a"}, ExitOK, "Drill prefix-alpha — ", ""},
		{[]string{"status", "prefix-alpha"}, ExitOK, "Drill prefix-alpha — ", ""},
		{[]string{"status", "--latest"}, ExitOK, "Drill prefix-beta — ", ""},
		{[]string{"status", "prefix-"}, ExitInvalid, "", `drill id prefix "prefix-" is ambiguous: prefix-beta, prefix-alpha; give more of the id (on 127.0.0.1:`},
		{[]string{"status", "prefix-gamma"}, ExitInvalid, "", `no drill "prefix-gamma" on 127.0.0.1:`},
		{[]string{"status", "prefix-a", "--latest"}, ExitInvalid, "", "give DRILL or --latest, not both"},
		{[]string{"status", "prefix' OR WorkflowId != '"}, ExitInvalid, "", "not a drill id; allowed: a drill id or its beginning"},
		{[]string{"steps", "prefix-b"}, ExitOK, "approve-switch", ""},
		{[]string{"steps", "--latest"}, ExitOK, "approve-switch", ""},
		{[]string{"steps", "prefix"}, ExitInvalid, "", "is ambiguous: prefix-beta, prefix-alpha"},
		{[]string{"report", "prefix"}, ExitInvalid, "", "is ambiguous: prefix-beta, prefix-alpha"},
		{[]string{"report", "nothing-like-it"}, ExitInvalid, "", `no drill "nothing-like-it"`},
		{[]string{"report", "--latest", "prefix-beta"}, ExitInvalid, "", "with --latest, give no DRILL"},
		{[]string{"abort", "prefix", "--reason", "test", "--actor", "tester"}, ExitInvalid, "", "is ambiguous: prefix-beta, prefix-alpha"},
		{[]string{"step", "complete", "prefix", "approve-switch", "--role", "process-owner", "--outcome", "pass", "--actor", "tester"}, ExitInvalid, "", "is ambiguous"},
	} {
		code, out, errs := srv.cmd(t, tt.args...)
		if code != tt.wantCode || !strings.Contains(out, tt.wantOut) || !strings.Contains(errs, tt.wantErr) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %d, %q and %q", tt.args, code, out, errs, tt.wantCode, tt.wantOut, tt.wantErr)
		}
	}

	// Acting on a drill by prefix and by --latest.
	code, out, errs := srv.cmd(t, "step", "complete", "--latest", "approve-switch", "--role", "process-owner", "--outcome", "pass", "--actor", "tester", "--format", "json")
	var done struct{ Status string }
	if code != ExitOK || json.Unmarshal([]byte(out), &done) != nil || done.Status == "" {
		t.Errorf("step complete --latest: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, out, errs := srv.cmd(t, "abort", "prefix-al", "--reason", "test", "--actor", "tester"); code != ExitOK || !strings.HasPrefix(out, "prefix-alpha stopped by tester") {
		t.Errorf("abort prefix-al: exit %d, stdout %q, stderr %q; want prefix-alpha stopped", code, out, errs)
	}
	if code, out, errs := srv.cmd(t, "abort", "--latest", "--reason", "test", "--actor", "tester"); code != ExitOK || !strings.HasPrefix(out, "prefix-beta stopped by tester") {
		t.Errorf("abort --latest: exit %d, stdout %q, stderr %q; want prefix-beta stopped", code, out, errs)
	}
	dir := t.TempDir()
	if code, _, errs := srv.cmd(t, "report", "prefix-al", "-o", dir+"/alpha"); code != ExitOK || !strings.Contains(errs, dir+"/alpha") {
		t.Errorf("report prefix-al: exit %d, stderr %q; want the bundle of prefix-alpha in %s/alpha", code, errs, dir)
	}
}
