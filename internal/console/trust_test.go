package console

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"html"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

// Only a bundle signed by a trusted key counts in the console's readiness: an
// unsigned one or one signed by another key — a forged bundle — is listed as
// not counted, with the reason.
func TestReadinessCountsOnlyTrustedKeys(t *testing.T) {
	sub := fmt.Sprintf("trust-%d", time.Now().UnixNano())
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for name, key := range map[string]ed25519.PrivateKey{"unsigned": nil, "other-key": other, "trusted": harnessKey} {
		id := sub + "-" + name
		in := drill.EvidenceInput{Dir: filepath.Join(reportsDir, sub, name), Plan: &drill.Plan{DrillID: id, Organisation: "Consoletest"},
			Result: &drill.DrillResult{DrillID: id, Started: t0, Finished: t0.Add(time.Minute), ObjectivesMet: true}}
		if _, err := (&recorder.Recorder{Key: key}).WriteEvidence(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
	tc := newTestConsole(t)
	b := tc.browser(t)
	b.signIn("vic")
	page := html.UnescapeString(b.get("/readiness").body)
	for _, want := range []string{
		sub + "/unsigned: unsigned: anyone could have written it",
		sub + "/other-key: untrusted: signed by ed25519:",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("readiness page lacks %q among the bundles not counted", want)
		}
	}
	if strings.Contains(page, sub+"/trusted: ") {
		t.Errorf("the bundle signed by the trusted key is listed as not counted")
	}
}
