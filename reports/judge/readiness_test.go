package judge

import (
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/reports/judge/judgetest"
)

const (
	hour = time.Hour
	day  = 24 * time.Hour
)

func dur(d time.Duration) drill.Duration { return drill.Duration(d) }

func TestReadiness(t *testing.T) {
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	bundles := judgetest.Drills(t, now)
	r, err := NewReadiness(ReadinessInput{Catalog: judgetest.Catalog(t, true), Bundles: bundles, Now: now,
		NotCounted: []NotCounted{{Bundle: "drills/tampered", Reason: "journal.jsonl line 3: changed"}}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Superseded != 1 || len(r.Drills) != 3 {
		t.Errorf("superseded %d, counted %d drills: want the older microsoft drill superseded, 3 counted", r.Superseded, len(r.Drills))
	}
	if len(r.Void) != 1 || r.Void[0].Drill != "ms-stopped" {
		t.Errorf("void %+v, want the aborted microsoft drill listed", r.Void)
	}
	procs := map[string]*ProcessReady{}
	for _, p := range r.Processes {
		procs[p.Process] = p
	}
	sups := map[string]SupplierReady{}
	for _, s := range r.Suppliers {
		sups[s.Supplier] = s
	}
	// The 1-week cell of microsoft: both processes' MTPD (2d, 3d) is exceeded;
	// "proven" recovered in 6h, "paper" was not recovered: the cell shows the
	// drill's failure, not paper.
	week := sups["microsoft"].Cells[1]
	if got := strings.Join(week.AtStake, ","); got != "proven,paper" {
		t.Fatalf("microsoft 1w at stake: %s", got)
	}
	if strings.Join(week.Proven, ",") != "proven" || strings.Join(week.Failed, ",") != "paper" || week.State() != "failed" {
		t.Errorf("microsoft 1w cell %+v (state %s): want proven=proven, failed=paper", week, week.State())
	}
	// The 1-day cell: nothing exceeds a 1-day loss (MTPDs of 2d and 3d).
	if day := sups["microsoft"].Cells[0]; day.State() != "none" || len(day.AtStake) != 0 {
		t.Errorf("microsoft 1d cell %+v: want nothing at stake", day)
	}
	// A paper-only cell: own runs nothing, so take a catalog drill-less supplier:
	// with no bundles at all, the microsoft 1w cell is all paper.
	bare, err := NewReadiness(ReadinessInput{Catalog: judgetest.Catalog(t, false), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range bare.Suppliers {
		if s.Supplier == "microsoft" {
			if c := s.Cells[1]; c.State() != "paper" || len(c.Paper) != 2 || len(c.Proven) != 0 || len(c.AtStake) != 2 {
				t.Errorf("no drills: microsoft 1w cell %+v, want 2 paper", c)
			}
			if *s.Score != 0 {
				t.Errorf("no drills: microsoft score %d, want 0", *s.Score)
			}
		}
	}
	// The 1-month cell: the live drills lost microsoft for a week only and
	// prove nothing for a month; the compressed month proves both, the
	// automated part only.
	if month := sups["microsoft"].Cells[2]; strings.Join(month.AutomatedOnly, ",") != "proven,paper" || month.State() != "partly" || month.Proof != ProofAutomated {
		t.Errorf("microsoft 1m cell %+v (state %s): want both proven automated only", month, month.State())
	}
	// Scores: proven recovered within RTO, live, 10 days ago: 100 for 1 day
	// and 1 week; compressed for a month: 50: 83.
	if p := procs["proven"]; p.Score != 83 || p.Stale || p.NeedsRetest || p.Proof != ProofAutomated {
		t.Errorf("proven: %+v, want score 83, current, automated-only at weakest", p)
	}
	// paper: not recovered live (0 for a day and a week), recovered in the
	// compressed month (50): 17; the aborted drill yesterday changes nothing.
	if p := procs["paper"]; p.Score != 17 || p.LastDrilled == nil || !p.LastDrilled.Equal(now.Add(-5*day)) {
		t.Errorf("paper: %+v, want score 17, last drilled 5 days ago", p)
	}
	// stale: 100 points, 200 days old: 100 * 0.5^(110/90) = 43 for 1 day and
	// 1 week, 0 for a month: 29.
	if p := procs["stale"]; p.Score != 29 || !p.Stale || p.NeedsRetest {
		t.Errorf("stale: score %d stale %v retest %v, want 29, stale, no re-test", p.Score, p.Stale, p.NeedsRetest)
	}
	// changed: as stale, and halved for the changed definition: 21, 21, 0: 14.
	if p := procs["changed"]; p.Score != 14 || !p.NeedsRetest || p.Suppliers[0].Durations[1].Retest == "" {
		t.Errorf("changed: %+v, want score 14 and needs re-test", p)
	}
	kpnWeek := sups["kpn"].Cells[1]
	if strings.Join(kpnWeek.Retest, ",") != "changed" || strings.Join(kpnWeek.Stale, ",") != "stale" || kpnWeek.State() != "partly" {
		t.Errorf("kpn 1w cell %+v: want changed to re-test, stale proven but stale", kpnWeek)
	}
	// Supplier score: mean of its processes' (all critical) scores.
	if s := sups["kpn"]; s.Score == nil || *s.Score != 22 {
		t.Errorf("kpn score %+v, want (29+14)/2 = 22", s)
	}
	if s := sups["own"]; s.Score != nil {
		t.Errorf("own runs nothing: score %d, want none", *s.Score)
	}
	// The verdict for a week without the supplier, and the drill behind it.
	for pid, want := range map[string]string{"proven": "recovered ms-new", "paper": "breached ms-new", "stale": "recovered kpn-old", "changed": "recovered kpn-old"} {
		e := procs[pid].Suppliers[0].Durations[1]
		if got := string(e.Verdict) + " " + e.Drill; got != want || e.Mode != "live" || e.Scenario == "" || e.Why == "" {
			t.Errorf("%s 1w: %+v, want %s, live, with scenario and why", pid, e, want)
		}
	}
	if len(r.NotCounted) != 1 {
		t.Errorf("not counted %v", r.NotCounted)
	}
}
