package console

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/exitdrill/exitdrill/drill"
)

// drillVerdict is a finished drill's verdict in words ("missed objectives:
// 2 of 9 processes") and the tag class that colours it. The drill page's
// summary and the schedules page's last result say it the same way.
type drillVerdict struct {
	Words, Class string
}

// Heading is the verdict as a heading: its first letter a capital.
func (v drillVerdict) Heading() string {
	if v.Words == "" {
		return ""
	}
	return strings.ToUpper(v.Words[:1]) + v.Words[1:]
}

// verdictOf judges a finished drill in words, in the order of the reports
// page: aborted, all held, missed objectives, inconclusive, unproven.
func verdictOf(res *drill.DrillResult) drillVerdict {
	n := len(res.Processes)
	of := func(k int) string { return fmt.Sprintf("%d of %s", k, countNoun(n, "process", "processes")) }
	switch {
	case res.Abort != nil:
		return drillVerdict{"aborted: this drill proves nothing", "aborted"}
	case n == 0:
		return drillVerdict{"no process impacted: this drill proves nothing", "unproven"}
	case res.ObjectivesMet:
		return drillVerdict{"all held: " + of(n) + " kept their objectives", "objectives-met"}
	case res.Missed():
		missed := 0
		for _, p := range res.Processes {
			if p.MissedObjectives() {
				missed++
			}
		}
		return drillVerdict{"missed objectives: " + of(missed), "objectives-missed"}
	case len(res.Inconclusive()) > 0:
		return drillVerdict{"inconclusive: " + of(len(res.Inconclusive())) + " had a step the worker could not attempt", "inconclusive"}
	}
	return drillVerdict{"unproven: " + of(len(res.Unproven())) + " left a lost application uncovered", "unproven"}
}

// countNoun is n and the noun, singular for one.
func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Verdict is the drill's verdict in words once it has finished; empty
// while it runs.
func (v *DrillView) Verdict() drillVerdict {
	if v.Result == nil {
		return drillVerdict{}
	}
	return verdictOf(v.Result)
}

// verdictCache keeps the verdicts of finished drills by drill id: a
// finished drill's result never changes, and the schedules page shows the
// last drill of every schedule each time it is opened.
type verdictCache struct {
	mu sync.Mutex
	m  map[string]drillVerdict
}

// lastVerdict is the verdict of a schedule's last drill, id, which is no
// longer running; false when it has none to say (it ended without a
// result, or is gone).
func (c *Console) lastVerdict(ctx context.Context, id string) (drillVerdict, bool) {
	vc := &c.verdicts
	vc.mu.Lock()
	v, ok := vc.m[id]
	vc.mu.Unlock()
	if ok {
		return v, true
	}
	dv, err := c.o.Backend.Drill(ctx, id)
	if err != nil || dv.Result == nil {
		return drillVerdict{}, false
	}
	v = verdictOf(dv.Result)
	vc.mu.Lock()
	defer vc.mu.Unlock()
	if vc.m == nil || len(vc.m) >= maxStarters {
		vc.m = map[string]drillVerdict{}
	}
	vc.m[id] = v
	return v, true
}
