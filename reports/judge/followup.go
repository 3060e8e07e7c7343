package judge

import (
	"slices"
	"sort"
	"time"

	"github.com/exitdrill/exitdrill/evidence"
)

// FollowUp is what is being done about the drills' findings: the action
// items of their after-action reviews, counted per process and per
// supplier the drill took down, and the processes whose last drill left
// an action overdue.
type FollowUp struct {
	Processes map[string]ActionCount `json:"processes"`
	Suppliers map[string]ActionCount `json:"suppliers"`
	// Flagged are the processes with an overdue action from their last
	// drill, sorted.
	Flagged []string `json:"flagged"`
	// Actions are every open action item, overdue first, then by due date.
	Actions []ActionLine `json:"actions"`
	// Done counts the action items marked done.
	Done int `json:"done"`
	// Findings counts, per process, the findings of its last drill.
	Findings map[string]int `json:"findings"`
	// Rows are the processes with findings or actions, by id: the
	// management report's table.
	Rows []FollowUpRow `json:"rows"`
}

// FollowUpRow is one process in the findings-and-actions table.
type FollowUpRow struct {
	Process  string `json:"process"`
	Findings int    `json:"findings"`
	ActionCount
	Flagged bool `json:"flagged"`
}

// ActionCount counts open action items, and of them the overdue ones.
type ActionCount struct {
	Open    int `json:"open"`
	Overdue int `json:"overdue"`
}

// ActionLine is one open action item with the drill it follows from.
type ActionLine struct {
	evidence.Action
	Drill     string   `json:"drill"`
	Bundle    string   `json:"bundle"`
	Process   string   `json:"process,omitempty"`
	Suppliers []string `json:"suppliers,omitempty"`
	Overdue   bool     `json:"overdue"`
}

// NewFollowUp counts the action items of reviews (by bundle) on the day
// of now; nil when reviews is nil. An action counts for the process it
// follows from (its step's, or its finding's) and for every supplier its
// drill took down.
func NewFollowUp(bundles []*evidence.Bundle, reviews map[*evidence.Bundle]*evidence.Review, names map[*evidence.Bundle]string, now time.Time) *FollowUp {
	if reviews == nil {
		return nil
	}
	f := &FollowUp{Processes: map[string]ActionCount{}, Suppliers: map[string]ActionCount{}, Flagged: []string{}, Actions: []ActionLine{},
		Findings: map[string]int{}, Rows: []FollowUpRow{}}
	last := map[string]*evidence.Bundle{} // the last drill of each process
	for _, b := range bundles {
		if b.Plan == nil || b.Result == nil {
			continue
		}
		for _, p := range b.Plan.Processes {
			if l := last[p.ID]; l == nil || b.Result.Started.After(l.Result.Started) {
				last[p.ID] = b
			}
		}
	}
	flagged := map[string]bool{}
	for _, b := range bundles {
		r := reviews[b]
		if r == nil || b.Plan == nil {
			continue
		}
		for _, a := range r.Actions {
			if !a.Open() {
				f.Done++
				continue
			}
			line := ActionLine{Action: a, Drill: b.DrillID, Bundle: names[b], Process: b.ActionProcess(a),
				Suppliers: b.Plan.Scenario.Lost, Overdue: a.Overdue(now)}
			if line.Bundle == "" {
				line.Bundle = b.DrillID
			}
			f.Actions = append(f.Actions, line)
			if line.Process != "" {
				f.Processes[line.Process] = line.count(f.Processes[line.Process])
				if line.Overdue && last[line.Process] == b {
					flagged[line.Process] = true
				}
			}
			for _, s := range line.Suppliers {
				f.Suppliers[s] = line.count(f.Suppliers[s])
			}
		}
	}
	for p := range flagged {
		f.Flagged = append(f.Flagged, p)
	}
	sort.Strings(f.Flagged)
	var procs []string
	for p, b := range last {
		procs = append(procs, p)
		for _, fd := range b.Findings {
			if fd.Process == p {
				f.Findings[p]++
			}
		}
	}
	sort.Strings(procs)
	for _, p := range procs {
		if f.Findings[p] > 0 || f.Processes[p].Open > 0 {
			f.Rows = append(f.Rows, FollowUpRow{Process: p, Findings: f.Findings[p], ActionCount: f.Processes[p], Flagged: flagged[p]})
		}
	}
	sort.SliceStable(f.Actions, func(i, j int) bool {
		a, b := f.Actions[i], f.Actions[j]
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		return a.Due.String() < b.Due.String()
	})
	return f
}

func (l ActionLine) count(c ActionCount) ActionCount {
	c.Open++
	if l.Overdue {
		c.Overdue++
	}
	return c
}

// IsFlagged reports whether process has an overdue action from its last drill.
func (f *FollowUp) IsFlagged(process string) bool {
	return f != nil && slices.Contains(f.Flagged, process)
}

// Process is the count of process's open actions (zero when f is nil).
func (f *FollowUp) Process(process string) ActionCount {
	if f == nil {
		return ActionCount{}
	}
	return f.Processes[process]
}

// Supplier is the count of the open actions of the drills that took
// supplier down (zero when f is nil).
func (f *FollowUp) Supplier(supplier string) ActionCount {
	if f == nil {
		return ActionCount{}
	}
	return f.Suppliers[supplier]
}
