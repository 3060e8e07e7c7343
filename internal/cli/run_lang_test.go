package cli

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
)

// TestRunLinesInDutch: what exitdrill run says on stderr around a drill —
// the start line, the preflight, where the evidence went, a missed
// objective that does not fail the drill — is Dutch with --lang nl, the
// ids, paths and addresses as they are; English as before.
func TestRunLinesInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	plan := &drill.Plan{DrillID: "d1", Processes: make([]*drill.ProcessPlan, 2), Unaffected: 3}
	plan.Scenario.ID, plan.Scenario.Mode = "microsoft-1-week", "compressed"
	res := &drill.DrillResult{DrillID: "d1", Processes: []*drill.ProcessResult{{Process: "nieuwsbrief", Verdict: drill.Late}}}
	pre := drill.PreflightOutput{Steps: 4, Problems: []drill.PreflightProblem{{Process: "p", Step: "restore", Kind: drill.BackupRestore, Problem: "restic not found"}}}
	say := func(l string) string {
		var errb bytes.Buffer
		s := &Streams{Out: &errb, Err: &errb, lang: &langFlag{value: l}}
		printStarted(s, plan, "127.0.0.1:7233")
		_ = reportPreflight(s, drill.PreflightOutput{Steps: 4}, false)
		if err := reportPreflight(s, pre, true); err != nil {
			t.Fatal(err)
		}
		printEvidence(s, &drill.EvidenceRef{Dir: "drill-reports/d1", Signed: true})
		printEvidence(s, &drill.EvidenceRef{Dir: "drill-reports/d1"})
		printEvidence(s, &drill.EvidenceRef{Dir: "drill-reports/d1", Error: "disk full"})
		f := failOnFlag{}
		if err := f.judge(s, res); err != nil {
			t.Fatal(err)
		}
		return errb.String()
	}
	nl := say("nl")
	says(t, "run --lang nl", nl,
		"oefening d1 gestart: 2 van 5 processen getroffen, modus gecomprimeerd (127.0.0.1:7233)",
		"voorcontrole: 4 stappen klaar", "voorcontrole: p/restore (backup.restore): restic not found",
		"voorcontrole: 1 van 4 stappen kan op deze worker niet worden geprobeerd; verder (--allow-inconclusive): die stap eindigt onbeslist, en zo ook hun processen",
		"bewijsbundel (ondertekend): drill-reports/d1\n  controleer haar met: exitdrill verify drill-reports/d1\n",
		"bewijsbundel (NIET ONDERTEKEND: de worker heeft geen ondertekeningssleutel): drill-reports/d1",
		"bewijsbundel NIET geschreven naar drill-reports/d1: disk full\n  bouw haar opnieuw op met: exitdrill report OEFENING -o MAP\n",
		"oefening d1: doelstellingen gemist voor 1 proces: nieuwsbrief (niet kritiek); exit 0")
	en := say("en")
	says(t, "run in English", en,
		"drill d1 started: 2 of 5 processes impacted, mode compressed (127.0.0.1:7233)\n",
		"preflight: 4 steps ready\n", "preflight: p/restore (backup.restore): restic not found\n",
		"preflight: 1 of 4 steps cannot be attempted on this worker; going on (--allow-inconclusive): that step ends inconclusive, and so do their processes\n",
		"evidence bundle (signed): drill-reports/d1\n  check it with: exitdrill verify drill-reports/d1\n",
		"evidence bundle NOT written to drill-reports/d1: disk full\n  rebuild it with: exitdrill report DRILL -o DIR\n",
		"drill d1: objectives missed for 1 process: nieuwsbrief (not critical); exit 0: only a critical process fails the drill (--fail-on missed fails on any)\n")
}

// TestWroteInDutch: a report written to a file is said in Dutch with
// --lang nl ("geschreven: FILE"), in English as before.
func TestWroteInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	b := newCheckedBundles(t)
	out := filepath.Join(t.TempDir(), "r.md")
	if _, _, errs := run(t, "render", b.d1, "--pub", b.pub, "--format", "md", "-o", out, "--lang", "nl"); errs != "geschreven: "+out+"\n" {
		t.Errorf("render -o --lang nl: stderr %q", errs)
	}
	if _, _, errs := run(t, "render", b.d1, "--pub", b.pub, "--format", "md", "-o", out); errs != "wrote "+out+"\n" {
		t.Errorf("render -o: stderr %q", errs)
	}
}
