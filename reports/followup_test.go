package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// TestFollowUp: open and overdue actions count per process and supplier;
// a process whose last drill left an overdue action is flagged, one whose
// overdue action is from an older drill is not; done items count as done;
// the management sections show it in every format.
func TestFollowUp(t *testing.T) {
	older, newer := fixture(), fixture()
	older.Result.DrillID, older.Plan.DrillID = "old", "old"
	newer.Result.Started = older.Result.Started.Add(30 * 24 * time.Hour)
	ob, _, err := evidence.Build(older)
	if err != nil {
		t.Fatal(err)
	}
	nb, _, err := evidence.Build(newer)
	if err != nil {
		t.Fatal(err)
	}
	procs := []string{ob.Plan.Processes[0].ID, ob.Plan.Processes[1].ID}
	day := func(s string) drill.Date { d, _ := time.Parse(time.DateOnly, s); return drill.Date{Time: d} }
	now := time.Date(2027, 2, 15, 12, 0, 0, 0, time.UTC)
	reviews := map[*evidence.Bundle]*evidence.Review{
		// The older drill's overdue action for procs[0]: not its last drill.
		ob: {Actions: []evidence.Action{{ID: "A1", Title: "old fix", Owner: "X", Due: day("2027-01-01"), Process: procs[0]}}},
		nb: {Actions: []evidence.Action{
			{ID: "A1", Title: "fix the export", Owner: "KCC", Due: day("2027-02-01"), Process: procs[1]},
			{ID: "A2", Title: "later", Owner: "KCC", Due: day("2027-03-01"), Process: procs[1]},
			{ID: "A3", Title: "done one", Owner: "KCC", Due: day("2027-01-01"), Process: procs[0], Done: now.Add(-time.Hour), DoneBy: "anna"},
		}},
	}
	f := judge.NewFollowUp([]*evidence.Bundle{ob, nb}, reviews, map[*evidence.Bundle]string{ob: "old", nb: "new"}, now)
	if got := f.Process(procs[1]); got != (judge.ActionCount{Open: 2, Overdue: 1}) {
		t.Errorf("%s: %+v, want 2 open, 1 overdue", procs[1], got)
	}
	if got := f.Process(procs[0]); got != (judge.ActionCount{Open: 1, Overdue: 1}) {
		t.Errorf("%s: %+v, want the old drill's overdue action", procs[0], got)
	}
	if got := f.Supplier("microsoft"); got != (judge.ActionCount{Open: 3, Overdue: 2}) {
		t.Errorf("microsoft: %+v", got)
	}
	if !f.IsFlagged(procs[1]) || f.IsFlagged(procs[0]) || f.Done != 1 {
		t.Errorf("flagged %v, done %d; want only %s flagged (its last drill's action is overdue), 1 done", f.Flagged, f.Done, procs[1])
	}
	if judge.NewFollowUp(nil, nil, nil, now) != nil {
		t.Error("no reviews gave a follow-up")
	}
	r := &judge.Readiness{Organisation: "Gemeente Voorbeeldstad", Now: now, FollowUp: f}
	for format, want := range map[string]string{
		"text": "FLAGGED: an action from its last drill is overdue",
		"md":   "## Findings and actions",
		"html": `<h2 id="followup-h">Findings and actions</h2>`,
		"json": `"flagged": [`,
	} {
		var out strings.Builder
		if err := Render(&out, format, r); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if !strings.Contains(out.String(), want) || (format != "json" && !strings.Contains(out.String(), "fix the export")) {
			t.Errorf("%s readiness lacks %q or the action:\n%s", format, want, out.String())
		}
	}
}
