package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

// A drill run without --signing-key is signed with the state directory's own
// key, made on first use (0600); verify trusts that key by default, prints the
// signer's fingerprint, and refuses a bundle signed by another key or
// unsigned unless told to accept it.
func TestSignedByDefaultAndVerifiedAgainstTrustedKeys(t *testing.T) {
	dir := t.TempDir()
	state, bundle := filepath.Join(dir, "state"), filepath.Join(dir, "bundle")
	code, _, errs := run(t, "run", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-compressed"), "--id", "trust-1",
		"--state-dir", state, "-o", bundle, "--actor", "tester")
	if code != ExitOK && code != ExitMissed {
		t.Fatalf("run: exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "evidence bundle (signed): "+bundle) {
		t.Errorf("run without --signing-key does not sign:\n%s", errs)
	}
	if fi, err := os.Stat(filepath.Join(state, recorder.StateKeyFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("state key: %v, mode %v; want one made with mode 0600", err, fi)
	}

	code, out, errs := run(t, "verify", bundle, "--state-dir", state)
	if code != ExitOK || !strings.Contains(out, "signed by ed25519:") || !strings.Contains(out, "(fingerprint SHA256:") ||
		!strings.Contains(out, "trusted: the state directory's own key "+filepath.Join(state, recorder.StateKeyFile+".pub")) {
		t.Errorf("verify against the state key: exit %d\n%s%s", code, out, errs)
	}
	other := filepath.Join(dir, "other-state")
	if _, err := recorder.StateKey(other, true); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run(t, "verify", bundle, "--state-dir", other)
	if code != ExitError || !strings.Contains(errs, "NOT TRUSTED: untrusted: signed by ed25519:") || !strings.Contains(out, "fingerprint SHA256:") {
		t.Errorf("verify against another state's key: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ := run(t, "verify", bundle, "--state-dir", other, "--any-key"); code != ExitOK || !strings.Contains(out, "accepted (--any-key)") {
		t.Errorf("verify --any-key: exit %d\n%s", code, out)
	}
	keys := filepath.Join(dir, "trusted-keys")
	pub, _ := os.ReadFile(filepath.Join(state, recorder.StateKeyFile+".pub"))
	otherPub, _ := os.ReadFile(filepath.Join(other, recorder.StateKeyFile+".pub"))
	if err := os.WriteFile(keys, append(append([]byte("# the keys of our two workers\n"), otherPub...), pub...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(t, "verify", bundle, "--state-dir", other, "--trusted-keys", keys); code != ExitOK || !strings.Contains(out, "trusted: trusted keys "+keys) {
		t.Errorf("verify --trusted-keys: exit %d\n%s%s", code, out, errs)
	}

	unsigned := filepath.Join(dir, "unsigned")
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	if _, err := (&recorder.Recorder{}).WriteEvidence(context.Background(), drill.EvidenceInput{Dir: unsigned, Plan: &drill.Plan{DrillID: "u1", Organisation: "X"},
		Result: &drill.DrillResult{DrillID: "u1", Started: t0, Finished: t0.Add(time.Minute)}}); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(t, "verify", unsigned, "--state-dir", state); code != ExitError || !strings.Contains(errs, "NOT TRUSTED: unsigned") || !strings.Contains(out, "UNSIGNED") {
		t.Errorf("verify of an unsigned bundle: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := run(t, "verify", unsigned, "--state-dir", state, "--allow-unsigned"); code != ExitOK {
		t.Errorf("verify --allow-unsigned: exit %d\n%s", code, errs)
	}
}

// A drill whose evidence bundle cannot be written exits 5, naming the place,
// whatever its verdicts.
func TestEvidenceNotWrittenExits5(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "not-a-directory")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(blocker, "bundle")
	code, _, errs := run(t, "run", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-compressed"), "--id", "ev-5",
		"--state-dir", filepath.Join(dir, "state"), "--out", out, "--actor", "tester")
	if code != ExitEvidence || !strings.Contains(errs, "its evidence bundle was not written") || !strings.Contains(errs, blocker) {
		t.Errorf("run with an unwritable --out: exit %d, want %d naming %s\n%s", code, ExitEvidence, blocker, errs)
	}
	// --out DIR, the name of -o/--output DIR before, still works for a release.
	if !strings.HasPrefix(errs, "exitdrill: --out is deprecated; use -o/--output DIR\n") {
		t.Errorf("run --out: stderr does not start with the deprecation line:\n%s", errs)
	}
}
