package reports

import (
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
)

// TestUnprovenRendered: a process whose steps all passed while its runbook
// leaves a lost application uncovered is counted as unproven, shown with no
// recovery and a score of 0, never as surviving, and its coverage row says
// the application is not covered, in every format.
func TestUnprovenRendered(t *testing.T) {
	in := fixture()
	in.Result.Abort = nil
	var bel *drill.ProcessResult
	for _, p := range in.Result.Processes {
		if p.Process == "belastingen" {
			bel = p
		}
	}
	if bel == nil {
		t.Fatal("fixture has no belastingen")
	}
	bel.Verdict, bel.Recovered, bel.Recovery = drill.Unproven, false, 0
	bel.Why = drill.UnprovenWhy([]string{"idp"}, drill.Duration(3*drill.Day))
	bel.Coverage = []drill.CoverageResult{{App: "belasting-app", Steps: []string{"restore"}, Result: drill.CoverProven}, {App: "idp", Result: drill.CoverNone}}
	b, _, err := evidence.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Processes {
		if p.ID == "belastingen" && (p.Survives || p.Score != 0 || p.Recovered) {
			t.Errorf("unproven belastingen: survives %v, score %d, recovered %v; want it to claim nothing", p.Survives, p.Score, p.Recovered)
		}
	}
	if r.Summary.Verdicts.Unproven != 1 {
		t.Errorf("verdict counts %+v, want 1 unproven", r.Summary.Verdicts)
	}
	want := map[string][]string{
		"text": {"1 aborted, 1 unproven.", "1 process is unproven: the runbook leaves a lost application uncovered",
			"| belastingen  | idp              | -", "nothing in the runbook shows that idp comes back"},
		"md":    {"| belastingen | idp | - | not covered: nothing in the runbook shows that it comes back |"},
		"json":  {`"unproven": 1`, `"verdict": "unproven"`, `"result": "not covered"`},
		"html":  {`class="badge v-unproven"`, "the runbook leaves a lost application uncovered: nothing shows that it comes back"},
		"junit": {`type="unproven"`, "coverage: belasting-app proven, idp not covered"},
	}
	for format, subs := range want {
		out, err := renderBundle(format, b)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range subs {
			if !strings.Contains(string(out), s) {
				t.Errorf("%s report does not say %q", format, s)
			}
		}
	}
}

// TestStatusUnproven: a drill that missed nothing but judged a process
// unproven does not say objectives were missed, nor that they were met.
func TestStatusUnproven(t *testing.T) {
	r := &Report{Processes: []*Process{{ID: "p", Verdict: drill.Unproven}, {ID: "q", Verdict: drill.Recovered, Survives: true}},
		Summary: Summary{Verdicts: VerdictCounts{Recovered: 1, Unproven: 1}}}
	class, text := status(r, nil)
	if class != "abort" || text != "Nothing was missed that the drill could show, but it says nothing about 1 process: inconclusive or unproven." {
		t.Errorf("status = %q, %q", class, text)
	}
	r.Processes[0].Verdict = drill.Breached
	if class, _ := status(r, nil); class != "bad" {
		t.Errorf("a breach: status %q, want bad", class)
	}
}
