package main

import (
	"os"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/reports"
)

// asPromised is a report of the demo drill as the README promises it.
func asPromised() *reports.Report {
	ok := func(id string) *reports.Process {
		return &reports.Process{ID: id, Verdict: drill.Recovered, Why: "recovered in 1h, within RTO 4h",
			DataLoss: &drill.DataLoss{Checked: true, Met: true, Text: "30m old at T0, within RPO 1d"}}
	}
	kc := ok("klantcontact")
	kc.DataLoss = &drill.DataLoss{Checked: true, Backup: "crm-export-own", Text: "3d56s old at T0 (crm-export-own), older than RPO 4h"}
	return &reports.Report{Processes: []*reports.Process{
		ok("crisiscommunicatie"), ok("uitkeringen"), kc, ok("meldingen-openbare-ruimte"), ok("security-monitoring"), ok("parkeervergunningen"),
		{ID: "betalingen", Verdict: drill.Breached, FailedStep: "exitplan-current", DataLoss: &drill.DataLoss{Checked: true, Met: true},
			Why: `MTPD breached on day 15: ...; step exitplan-current (exitplan.current) failed: reviewed 2024-03-01, 33 months before the drill (T0 2026-12-04); the policy asks for a review every 12 months: review the plan and update exitPlan.reviewed; missing sections "Roles and responsibilities", "Record of tests": add them`},
		{ID: "vergunningen-omgevingswet", Verdict: drill.WaitedOut, FailedStep: "zaak-fresh", DataLoss: &drill.DataLoss{Checked: true, Text: "no usable backup"},
			Why: "waited out: ...; step zaak-fresh (backup.fresh) failed: held by lost supplier microsoft (not contacted: the supplier is down in this scenario)"},
		{ID: "beleidsinformatie", Verdict: drill.WaitedOut, DataLoss: &drill.DataLoss{Met: true, Text: "not checked: the runbook checks no backup"},
			Why: "waited out: ...; no runbook: the process has no documented way to recover"},
	}}
}

func expected(t *testing.T) []expectation {
	t.Helper()
	data, err := os.ReadFile("../expected.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, err := parseExpected(data)
	if err != nil {
		t.Fatal(err)
	}
	return want
}

func TestCheckAsPromised(t *testing.T) {
	res, ok := check(asPromised(), expected(t))
	if !ok || len(res) != 9 {
		t.Fatalf("ok %v, %d results: %+v; want all 9 as expected", ok, len(res), res)
	}
}

// TestCheckFindsEachDifference: every way the drill can differ from the
// promise is reported for the process it concerns, and nothing else is.
func TestCheckFindsEachDifference(t *testing.T) {
	for _, tc := range []struct {
		name, process, problem string
		change                 func(r *reports.Report)
	}{
		{"the CRM copy within its RPO", "klantcontact", "a different verdict", func(r *reports.Report) { r.Processes[2].DataLoss.Met = true }},
		{"breached elsewhere", "betalingen", "a different verdict", func(r *reports.Report) { r.Processes[6].FailedStep = "sap-restore" }},
		{"right verdict, wrong reason", "vergunningen-omgevingswet", `"held by lost supplier microsoft" is not in`,
			func(r *reports.Report) {
				r.Processes[7].Why = "waited out: step zaak-fresh failed: restic is not installed"
			}},
		{"inconclusive instead of recovered", "uitkeringen", "a different verdict", func(r *reports.Report) { r.Processes[1].Verdict = drill.Unproven }},
		{"a process missing", "beleidsinformatie", "not in the drill", func(r *reports.Report) { r.Processes = r.Processes[:8] }},
		{"a process too many", "extra", "not expected in this drill", func(r *reports.Report) {
			r.Processes = append(r.Processes, &reports.Process{ID: "extra", Verdict: drill.Recovered})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := asPromised()
			tc.change(r)
			res, ok := check(r, expected(t))
			if ok {
				t.Fatal("the difference passed")
			}
			for _, x := range res {
				got := strings.Join(x.problems, "; ")
				if (x.process == tc.process) != (got != "") || (x.process == tc.process && !strings.Contains(got, tc.problem)) {
					t.Errorf("%s: problems %q; want %q only for %s", x.process, got, tc.problem, tc.process)
				}
			}
		})
	}
}

func TestParseExpectedErrors(t *testing.T) {
	for in, want := range map[string]string{
		"# only a comment\n":                                               "header",
		"process,verdict,failed_step,rpo,because\n":                        "no process expected",
		"process,verdict,failed_step,rpo,because\n# c\na,recovered,,ok,\n": `line 3: rpo "ok": allowed are met, missed, not-checked`,
		"process,verdict,rpo\n":                                            "wrong number of fields",
	} {
		if _, err := parseExpected([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", in, err, want)
		}
	}
}
