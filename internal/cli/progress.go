package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/lang"
	"go.temporal.io/sdk/client"
)

// follow waits for a drill to finish, showing progress: on a terminal a live
// line per process, rewritten in place; when piped, one plain line per change.
func follow(ctx context.Context, c client.Client, run client.WorkflowRun, s *Streams) (*drill.DrillResult, error) {
	type outcome struct {
		res *drill.DrillResult
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		var r *drill.DrillResult
		err := run.Get(ctx, &r)
		if err == nil {
			err = engine.FillResult(ctx, c, r)
		}
		done <- outcome{r, err}
	}()
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	p := &progressPrinter{s: s, seen: map[string]string{}, child: map[string]childSeen{}}
	for {
		select {
		case o := <-done:
			p.clear()
			if o.err != nil {
				return nil, fmt.Errorf("drill %s: %w", run.GetID(), o.err)
			}
			return o.res, nil
		case <-ctx.Done():
			p.clear()
			return nil, ctx.Err()
		case <-tick.C:
			p.update(ctx, c, run.GetID())
		}
	}
}

// childQueriesPerTick bounds the progress queries sent to running processes
// on each tick, beside the one to the drill. Every query is a round trip
// through the server to the worker and back, and watching a drill must not
// cost more as it drills more processes at once: with 16 running, querying
// each on every tick made two queries per step of a drill of trivial steps
// (docs/performance.md). The others show the line of their last query; the
// least recently asked go first, so each running process is refreshed in
// turn (with 16 running, every 4 s).
const childQueriesPerTick = 2

// progressPrinter renders drill progress.
type progressPrinter struct {
	s     *Streams
	seen  map[string]string    // process -> last printed line (piped mode)
	lines int                  // lines drawn last time (terminal mode)
	child map[string]childSeen // running process -> its last own progress
	tick  int                  // updates so far
}

// childSeen is what a running process's own progress query last said, and
// on which tick.
type childSeen struct {
	line string
	tick int
}

func (p *progressPrinter) update(ctx context.Context, c client.Client, id string) {
	qctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var dp drill.DrillProgress
	v, err := c.QueryWorkflow(qctx, id, "", drill.QueryProgress)
	if err != nil || v.Get(&dp) != nil {
		return // not started yet, or between runs: try again on the next tick
	}
	p.tick++
	p.askChildren(qctx, c, dp.Processes)
	pr := p.s.printer()
	var lines []string
	for _, ps := range dp.Processes {
		line := fmt.Sprintf("%-28s %-8s", ps.ID, pr.T(ps.Status))
		switch {
		case ps.Verdict != "":
			line += " " + pr.T(string(ps.Verdict))
		case ps.Status == "running":
			line += " " + p.child[ps.ID].line
		}
		lines = append(lines, line)
	}
	if p.s.IsTerminal {
		p.clear()
		fmt.Fprintln(p.s.Err, strings.Join(lines, "\n"))
		p.lines = len(lines)
		return
	}
	for i, ps := range dp.Processes {
		if p.seen[ps.ID] != lines[i] && (ps.Status != "pending") {
			p.seen[ps.ID] = lines[i]
			fmt.Fprintln(p.s.Err, strings.Join(strings.Fields(lines[i]), " "))
		}
	}
}

// askChildren queries the running processes that were asked least recently,
// childQueriesPerTick of them (those never asked first, then in plan order),
// and forgets those no longer running.
func (p *progressPrinter) askChildren(ctx context.Context, c client.Client, procs []drill.ProcessSummary) {
	var running []drill.ProcessSummary
	for _, ps := range procs {
		if ps.Status == "running" && ps.Verdict == "" {
			running = append(running, ps)
		} else {
			delete(p.child, ps.ID)
		}
	}
	last := func(ps drill.ProcessSummary) int {
		if s, ok := p.child[ps.ID]; ok {
			return s.tick
		}
		return -1
	}
	slices.SortStableFunc(running, func(a, b drill.ProcessSummary) int { return last(a) - last(b) })
	for _, ps := range running[:min(len(running), childQueriesPerTick)] {
		p.child[ps.ID] = childSeen{line: childLine(ctx, c, p.s.printer(), ps), tick: p.tick}
	}
}

// childLine summarises a running process from its own progress query.
func childLine(ctx context.Context, c client.Client, p *lang.Printer, ps drill.ProcessSummary) string {
	var pp drill.ProcessProgress
	v, err := c.QueryWorkflow(ctx, ps.WorkflowID, "", drill.QueryProgress)
	if err != nil || v.Get(&pp) != nil {
		return ""
	}
	return childText(p, &pp)
}

// childText is how far a running process is, in the printer's language:
// "2/5 steps, running restore, approve waits for dpo".
func childText(p *lang.Printer, pp *drill.ProcessProgress) string {
	out := p.F("%d/%d steps", len(pp.Done), pp.Total)
	if len(pp.Running) > 0 {
		out += p.F(", running %s", strings.Join(pp.Running, ", "))
	}
	for _, w := range pp.Waiting {
		out += p.F(", %s waits for %s", w.Step, w.Role)
	}
	if pp.Status == "rolling-back" {
		out += p.T(", rolling back")
	}
	return out
}

// clear erases the live lines on a terminal.
func (p *progressPrinter) clear() {
	if p.s.IsTerminal && p.lines > 0 {
		fmt.Fprintf(p.s.Err, "\033[%dA\033[J", p.lines)
		p.lines = 0
	}
}
