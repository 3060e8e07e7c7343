package console

import (
	"time"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/reports"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// drillChanges is what changed since the last drill of the same scenario:
// exitdrill diff's comparison (reports.NewDiff) with its default tolerance,
// of the two drills' verified, trusted bundles. The drill page includes it
// (assets/changes.html).
type drillChanges struct {
	Diff                 *reports.Diff
	OldBundle, NewBundle string
	// None says why there is nothing to compare; "" when Diff is set.
	None string
}

// changesFor compares drill id's bundle with the bundle of the latest
// earlier drill of its scenario. It is nil while the drill has no bundle
// that counts (running, or not signed by a trusted key).
func (c *Console) changesFor(id string) *drillChanges {
	ct, err := c.counted()
	if err != nil {
		return &drillChanges{None: "the evidence bundles could not be read: " + err.Error()}
	}
	var cur *evidence.Bundle
	for _, b := range ct.Bundles {
		if b.DrillID == id && (cur == nil || finished(b).After(finished(cur))) {
			cur = b
		}
	}
	if cur == nil {
		return nil
	}
	scenario := scenarioID(cur)
	var prev *evidence.Bundle
	for _, b := range ct.Bundles {
		if b.DrillID == id || scenarioID(b) != scenario || !finished(b).Before(finished(cur)) {
			continue
		}
		if prev == nil || finished(b).After(finished(prev)) {
			prev = b
		}
	}
	if prev == nil {
		return &drillChanges{None: "this is the first verified drill of scenario " + scenario + ": there is nothing to compare it with yet"}
	}
	d, err := reports.NewDiff(prev, cur, judge.DefaultTolerance)
	if err != nil {
		return &drillChanges{None: "the drills could not be compared: " + err.Error()}
	}
	return &drillChanges{Diff: d, OldBundle: ct.Names[prev], NewBundle: ct.Names[cur]}
}

func finished(b *evidence.Bundle) time.Time {
	if !b.Result.Finished.IsZero() {
		return b.Result.Finished
	}
	return b.Result.Started
}

func scenarioID(b *evidence.Bundle) string {
	if id := b.Result.Scenario.ID; id != "" {
		return id
	}
	return b.Plan.Scenario.ID
}
