package reports

import (
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// improved is the fixture a month later: belastingen recovered within RTO,
// klantcontact's export fixed (late now, data loss still beyond RPO),
// vergunningen slower (within the default tolerance) and its rollback
// failing, jeugdzorg not drilled.
func improved(t *testing.T) *evidence.Bundle {
	in := fixture()
	res := *in.Result
	res.DrillID, res.Abort = "ms-1m-20261202", nil
	res.Started, res.Finished = res.Started.Add(30*day), res.Finished.Add(30*day)
	var procs []*drill.ProcessResult
	for _, p := range res.Processes {
		q := *p
		switch q.Process {
		case "belastingen":
			q.Verdict, q.Recovery, q.Why = drill.Recovered, dur(day+20*hour), "recovered in 1d20h, within RTO 2d"
		case "klantcontact":
			q.Verdict, q.Recovered, q.Recovery, q.FailedStep = drill.Late, true, dur(2*day), ""
			q.Why, q.Steps = "recovered in 2d: 1d after RTO 1d, within MTPD 3d", q.Steps[:1]
		case "vergunningen":
			rb := *q.Rollback[0]
			rb.Status, rb.Reason = drill.StepFailed, "exit status 1"
			q.Recovery, q.Rollback = dur(day+6*hour), []*drill.StepResult{&rb}
		case "jeugdzorg":
			continue
		}
		procs = append(procs, &q)
	}
	res.Processes = procs
	in.Result = &res
	b, _, err := evidence.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDiff(t *testing.T) {
	d, err := NewDiff(fixtureBundle(t), improved(t), judge.DefaultTolerance)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"vergunningen": ChangeWorse, "belastingen": ChangeBetter, "klantcontact": ChangeBetter, "afval": ChangeSame, "jeugdzorg": ChangeRemoved}
	for _, c := range d.Processes {
		if c.Change != want[c.Process] {
			t.Errorf("%s: %s (%s), want %s", c.Process, c.Change, c.Why, want[c.Process])
		}
	}
	if d.Better != 2 || d.Worse != 1 || d.Same != 1 || len(d.Processes) != 5 {
		t.Errorf("better %d worse %d same %d, %d processes", d.Better, d.Worse, d.Same, len(d.Processes))
	}
	if len(d.Resolved) == 0 || len(d.NewFindings) == 0 || d.Persisting == 0 {
		t.Errorf("findings: %d new, %d resolved, %d persisting", len(d.NewFindings), len(d.Resolved), d.Persisting)
	}
	golden(t, "diff.txt.golden", rendered(t, "text", d))
	golden(t, "diff.md.golden", rendered(t, "md", d))
	data, err := renderDoc("json", d)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "diff.json.golden", data)
}
