package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
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
		done <- outcome{r, err}
	}()
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	p := &progressPrinter{s: s, seen: map[string]string{}}
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

// progressPrinter renders drill progress.
type progressPrinter struct {
	s     *Streams
	seen  map[string]string // process -> last printed line (piped mode)
	lines int               // lines drawn last time (terminal mode)
}

func (p *progressPrinter) update(ctx context.Context, c client.Client, id string) {
	qctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var dp drill.DrillProgress
	v, err := c.QueryWorkflow(qctx, id, "", drill.QueryProgress)
	if err != nil || v.Get(&dp) != nil {
		return // not started yet, or between runs: try again on the next tick
	}
	var lines []string
	for _, ps := range dp.Processes {
		line := fmt.Sprintf("%-28s %-8s", ps.ID, ps.Status)
		switch {
		case ps.Verdict != "":
			line += " " + string(ps.Verdict)
		case ps.Status == "running":
			line += " " + childLine(qctx, c, ps)
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

// childLine summarises a running process from its own progress query.
func childLine(ctx context.Context, c client.Client, ps drill.ProcessSummary) string {
	var pp drill.ProcessProgress
	v, err := c.QueryWorkflow(ctx, ps.WorkflowID, "", drill.QueryProgress)
	if err != nil || v.Get(&pp) != nil {
		return ""
	}
	out := fmt.Sprintf("%d/%d steps", len(pp.Done), pp.Total)
	if len(pp.Running) > 0 {
		out += ", running " + strings.Join(pp.Running, ", ")
	}
	for _, w := range pp.Waiting {
		out += fmt.Sprintf(", %s waits for %s", w.Step, w.Role)
	}
	if pp.Status == "rolling-back" {
		out += ", rolling back"
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
