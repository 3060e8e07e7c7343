package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/recorder"
	"github.com/exitdrill/exitdrill/scenarios"
)

// reviewedDrill seals a signed bundle of drill d1 (process p-restore with
// steps restore and switch; restore failed) under a reports directory and
// returns the reports directory, the bundle and the key files.
func reviewedDrill(t *testing.T) (reports, bundle, keyFile, pubFile string) {
	t.Helper()
	dir := t.TempDir()
	priv, pub, err := recorder.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	keyFile, pubFile = filepath.Join(dir, "signing.pem"), filepath.Join(dir, "signing.pub")
	for f, data := range map[string][]byte{keyFile: priv, pubFile: pub} {
		if err := os.WriteFile(f, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	key, err := recorder.ParsePrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	info := drill.Info{ID: "microsoft-1-month", Duration: drill.Duration(30 * 24 * time.Hour), Mode: scenarios.Live, Lost: []string{"microsoft"}}
	plan := &drill.Plan{DrillID: "d1", Organisation: "Gemeente Voorbeeldstad", Scenario: info, Processes: []*drill.ProcessPlan{{
		ID: "p-restore", Owner: "Directie Parkeren", Critical: true, Steps: []*drill.StepPlan{{ID: "restore", Kind: drill.BackupRestore}, {ID: "switch", Kind: drill.Command}}}}}
	res := &drill.DrillResult{DrillID: "d1", Scenario: info, Started: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	res.Finished = res.Started.Add(time.Hour)
	res.Processes = []*drill.ProcessResult{{Process: "p-restore", Owner: "Directie Parkeren", Critical: true, Verdict: drill.Breached,
		Steps: []*drill.StepResult{{Process: "p-restore", Step: "restore", Kind: drill.BackupRestore, Status: drill.StepFailed, Reason: "pack damaged"}}}}
	reports = filepath.Join(dir, "reports")
	bundle = filepath.Join(reports, "d1")
	sealBundle(t, bundle, plan, res, key)
	saved := reviewNow
	reviewNow = func() time.Time { return time.Date(2027, 2, 15, 10, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { reviewNow = saved })
	return reports, bundle, keyFile, pubFile
}

// TestReviewPublishVerifyAndList: a review with two action items is a
// signed addendum that verify accepts; the items become two issues of the
// fake GitHub, found again (no duplicates) when one is marked done, and that
// one is closed saying so; actions list --overdue shows the open, overdue
// one. A changed review then fails verify, naming the file.
func TestReviewPublishVerifyAndList(t *testing.T) {
	srv := publishServer(t)
	reports, bundle, keyFile, pubFile := reviewedDrill(t)
	common := []string{"--reports", reports, "--signing-key", keyFile, "--by", "anna"}
	code, out, errs := run(t, append([]string{"review", "d1", "--went-well", "the switch ran unattended", "--lesson", "test restores monthly",
		"--action", "Repair the restic repository|Directie Parkeren|2027-01-31|p-restore/restore",
		"--action", "Write the KCC exit plan|KCC|2027-12-31", "--github", "voorbeeldstad/continuity"}, common...)...)
	if code != 0 {
		t.Fatalf("review: exit %d\n%s\n%s", code, out, errs)
	}
	noSecret(t, out, errs)
	issues := srv.Issues("voorbeeldstad", "continuity")
	if len(issues) != 2 || !slices.Contains(issues[0].Labels, "action-item") || issues[0].Title != "Repair the restic repository" || issues[0].State != "open" {
		t.Fatalf("issues after the review = %+v, want two open action-item issues", issues)
	}

	code, out, errs = run(t, append([]string{"review", bundle, "--done", "A2", "--github", "voorbeeldstad/continuity"}, common...)...)
	if code != 0 {
		t.Fatalf("review --done: exit %d\n%s\n%s", code, out, errs)
	}
	issues = srv.Issues("voorbeeldstad", "continuity")
	if len(issues) != 2 || issues[0].State != "open" || issues[1].State != "closed" ||
		len(issues[1].Comments) != 1 || !strings.Contains(issues[1].Comments[0], "Marked done in the after-action review of drill `d1`") {
		t.Fatalf("issues after --done A2 = %+v, want A1 open and A2 closed with a comment", issues)
	}

	code, out, errs = run(t, "verify", bundle, "--trusted-keys", pubFile)
	if code != 0 || !strings.Contains(out, "verified: review of drill d1, 2 revisions chained to this bundle, 2 action items (1 open)") {
		t.Fatalf("verify: exit %d\n%s\n%s", code, out, errs)
	}

	code, out, errs = run(t, "actions", "list", "--overdue", "--reports", reports, "--trusted-keys", pubFile, "--format", "json")
	var rows []actionRow
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil {
		t.Fatalf("actions list: exit %d\n%s\n%s", code, out, errs)
	}
	if len(rows) != 1 || rows[0].ID != "A1" || rows[0].Status != "overdue" || rows[0].Process != "p-restore" || !slices.Equal(rows[0].Suppliers, []string{"microsoft"}) {
		t.Errorf("overdue actions = %+v, want A1 of p-restore, overdue", rows)
	}
	code, out, _ = run(t, "actions", "list", "--reports", reports, "--trusted-keys", pubFile)
	if code != 0 || !strings.Contains(out, "done 2027-02-15 by anna") || !strings.Contains(out, "overdue") {
		t.Errorf("actions list table: exit %d\n%s", code, out)
	}

	// Tampering with the first revision is found and named.
	rev1 := filepath.Join(bundle+".review", "001", "review.json")
	data, err := os.ReadFile(rev1)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rev1, []byte(strings.Replace(string(data), "Directie Parkeren", "Nobody", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = run(t, "verify", bundle, "--trusted-keys", pubFile)
	if code != ExitError || !strings.Contains(errs, "001/review.json: changed") {
		t.Errorf("verify of a changed review: exit %d\n%s", code, errs)
	}
	code, _, errs = run(t, "actions", "list", "--reports", reports, "--trusted-keys", pubFile)
	if code != 0 || !strings.Contains(errs, "left out") {
		t.Errorf("actions list with a changed review: exit %d, stderr %s; want it left out", code, errs)
	}
}

// TestReviewRefusesBadInput: mistakes are exit 2 with what is wrong, and
// nothing is written.
func TestReviewRefusesBadInput(t *testing.T) {
	reports, bundle, keyFile, _ := reviewedDrill(t)
	badFile := filepath.Join(t.TempDir(), "review.yaml")
	if err := os.WriteFile(badFile, []byte("apiVersion: exitdrill/v1\nkind: Review\nactions:\n  - title: x\n    owner: KCC\n    due: 2027-01-31\n    step: p-restore/nope\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"nothing", nil, "nothing to record"},
		{"unknown step", []string{"--action", "x|KCC|2027-01-31|p-restore/nope"}, `action A1: process p-restore has no step "nope"; its steps are: restore, switch`},
		{"no due date", []string{"--action", "x|KCC|soon"}, `due date "soon": want YYYY-MM-DD`},
		{"no owner", []string{"--action", "x| |2027-01-31"}, "action A1: has no owner"},
		{"unknown action done", []string{"--done", "A9"}, "--done A9: the review of drill d1 has no such action item (it has none)"},
		{"file with an unknown step", []string{"--file", badFile}, "review.yaml:7:11: actions[0].step"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"review", "d1", "--reports", reports, "--signing-key", keyFile, "--by", "anna"}, tt.args...)
			code, _, errs := run(t, args...)
			if code != ExitInvalid || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %s; want exit 2 with %q", code, errs, tt.want)
			}
			if _, err := os.Stat(bundle + ".review"); err == nil {
				t.Errorf("a review was written")
			}
		})
	}
}
