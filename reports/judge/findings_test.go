package judge

import (
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/reports/judge/judgetest"
)

// A finding is new in the latest drill of its scenario, still open when an
// earlier one had it too, resolved once a later drill examined its process
// without it; an aborted drill examines nothing and resolves nothing, and
// another scenario's drill never touches it.
func TestTrackFindings(t *testing.T) {
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	c := judgetest.Catalog(t, false)
	ms := []string{"microsoft"}
	d := func(id string, at time.Duration, recovered []string, aborted bool) *evidence.Bundle {
		return judgetest.Build(t, c, judgetest.Drill{ID: id, Suppliers: ms, At: now.Add(-at), Recovered: recovered, Aborted: aborted})
	}
	bs := []*evidence.Bundle{
		d("ms-1", 30*day, nil, false),                // proven and paper both breached
		d("ms-2", 20*day, []string{"proven"}, false), // proven resolved; paper still open
		d("ms-3", 10*day, nil, true),                 // aborted: resolves nothing
		judgetest.Bundle(t, c, "kpn-1", "kpn", now.Add(-5*day)),
	}
	got := map[string]TrackedFinding{}
	for _, f := range TrackFindings(bs, nil) {
		got[f.Scenario+" "+f.Title] = f
	}
	for key, want := range map[string]struct {
		status, drill, resolvedBy string
		first, last               time.Duration
	}{
		"microsoft-1-week proven: MTPD breached": {FindingResolved, "ms-1", "ms-2", 30 * day, 30 * day},
		"microsoft-1-week paper: MTPD breached":  {FindingOpen, "ms-2", "", 30 * day, 20 * day},
		"kpn-1-week stale: MTPD breached":        {FindingNew, "kpn-1", "", 5 * day, 5 * day},
	} {
		f, ok := got[key]
		if !ok {
			t.Errorf("no finding %q among %d", key, len(got))
			continue
		}
		if f.Status != want.status || f.Drill != want.drill || f.ResolvedBy != want.resolvedBy ||
			!f.FirstSeen.Equal(now.Add(-want.first)) || !f.LastSeen.Equal(now.Add(-want.last)) {
			t.Errorf("%s: status %q, last in %s, resolved by %q, seen %s..%s; want %+v", key, f.Status, f.Drill, f.ResolvedBy, f.FirstSeen, f.LastSeen, want)
		}
	}
}
