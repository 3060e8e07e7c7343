package judge

import (
	"cmp"
	"slices"
	"time"

	"github.com/exitdrill/exitdrill/evidence"
)

// Finding statuses across the drills of a scenario, as exitdrill diff names
// them between two drills.
const (
	FindingNew      = "new"        // only in the latest drill of its scenario
	FindingOpen     = "still open" // in the latest drill and an earlier one
	FindingResolved = "resolved"   // not in the latest drill that examined its process
)

// TrackedFinding is one finding (by fingerprint) followed over the drills
// of one scenario: when it was first and last seen and whether the latest
// drill of the scenario still has it.
type TrackedFinding struct {
	evidence.Finding
	Scenario string   `json:"scenario"`
	Lost     []string `json:"lost"` // the scenario's lost suppliers, by id
	// Names are the display names of Lost, from the latest drill.
	Names     map[string]string `json:"names,omitempty"`
	FirstSeen time.Time         `json:"firstSeen"`
	LastSeen  time.Time         `json:"lastSeen"`
	// Drill and Bundle are the drill that last showed it and its bundle.
	Drill  string `json:"drill"`
	Bundle string `json:"bundle"`
	Status string `json:"status"`
	// ResolvedBy and ResolvedAt are the first later drill of the scenario
	// that examined the process without the finding; set when resolved.
	ResolvedBy       string    `json:"resolvedBy,omitempty"`
	ResolvedBundle   string    `json:"resolvedBundle,omitempty"`
	ResolvedAt       time.Time `json:"resolvedAt,omitzero"`
	timesSeen, order int
}

// TrackFindings follows every finding of bundles (verified and trusted: the
// caller decides which count) over the drills of its scenario, matched by
// fingerprint as exitdrill diff matches them. A drill examined a process
// when the process is in its result and the drill was not aborted; only such
// a drill can resolve a finding of it. Bundles are named as in
// ReadinessInput. The result is sorted: open findings first (new, then
// still open), most severe first, then by process, scenario and title.
func TrackFindings(bundles []*evidence.Bundle, names map[*evidence.Bundle]string) []TrackedFinding {
	type drillOf struct {
		b    *evidence.Bundle
		name string
		at   time.Time
	}
	byScenario := map[string][]drillOf{}
	for _, b := range bundles {
		if b == nil || b.Result == nil || b.Plan == nil {
			continue
		}
		at, name := drillAt(b), drillName(b, names)
		id := scenarioOf(b).ID
		byScenario[id] = append(byScenario[id], drillOf{b, name, at.UTC()})
	}
	var out []TrackedFinding
	for _, ds := range byScenario {
		slices.SortFunc(ds, func(a, b drillOf) int { return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.b.DrillID, b.b.DrillID)) })
		idx := map[string]int{} // fingerprint -> index in found
		var found []TrackedFinding
		for _, d := range ds {
			info := scenarioOf(d.b)
			examined := map[string]bool{}
			if d.b.Result.Abort == nil {
				for _, p := range d.b.Result.Processes {
					if p != nil {
						examined[p.Process] = true
					}
				}
			}
			has := map[string]bool{}
			for _, f := range d.b.Findings {
				has[f.Fingerprint] = true
				i, ok := idx[f.Fingerprint]
				if !ok {
					i = len(found)
					idx[f.Fingerprint] = i
					found = append(found, TrackedFinding{FirstSeen: d.at, Scenario: info.ID, order: i})
				}
				tf := &found[i]
				tf.Finding, tf.LastSeen, tf.Drill, tf.Bundle = f, d.at, d.b.DrillID, d.name
				tf.Lost, tf.Names = info.Lost, info.Names
				tf.timesSeen++
				tf.ResolvedBy, tf.ResolvedBundle, tf.ResolvedAt = "", "", time.Time{}
			}
			for i := range found {
				tf := &found[i]
				if !has[tf.Fingerprint] && examined[tf.Process] && tf.ResolvedBy == "" {
					tf.ResolvedBy, tf.ResolvedBundle, tf.ResolvedAt = d.b.DrillID, d.name, d.at
				}
			}
		}
		for _, tf := range found {
			switch {
			case tf.ResolvedBy != "":
				tf.Status = FindingResolved
			case tf.timesSeen > 1:
				tf.Status = FindingOpen
			default:
				tf.Status = FindingNew
			}
			out = append(out, tf)
		}
	}
	rank := map[string]int{FindingNew: 0, FindingOpen: 1, FindingResolved: 2}
	slices.SortFunc(out, func(a, b TrackedFinding) int {
		return cmp.Or(cmp.Compare(rank[a.Status], rank[b.Status]), cmp.Compare(a.Severity.Rank(), b.Severity.Rank()),
			cmp.Compare(a.Process, b.Process), cmp.Compare(a.Scenario, b.Scenario), cmp.Compare(a.Title, b.Title), cmp.Compare(a.order, b.order))
	})
	return out
}
