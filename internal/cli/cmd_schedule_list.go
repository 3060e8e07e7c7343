package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/exitdrill/exitdrill/internal/drillops"
)

// nextLayout writes a schedule's next run in its time zone, with the offset
// so that a reader in another zone can tell.
const nextLayout = "2006-01-02 15:04 -07:00"

// lastLayout writes when a schedule started its last drill, in its zone.
const lastLayout = "2006-01-02 15:04"

// scheduleRow is one schedule in schedule list --format json. Times are in
// the schedule's time zone.
type scheduleRow struct {
	ID       string               `json:"id"`
	Paused   bool                 `json:"paused"`
	Note     string               `json:"note,omitempty"`
	By       string               `json:"createdBy,omitempty"`
	Pause    *drillops.Pause      `json:"pause,omitempty"`
	Spec     []string             `json:"cron"`
	TimeZone string               `json:"timeZone"`
	Scenario string               `json:"scenario"`
	Next     []time.Time          `json:"next"`
	Recent   []string             `json:"recentDrills"`
	Last     *drillops.LastResult `json:"lastResult"`
}

func runScheduleList(ctx context.Context, o *scheduleOptions, s *Streams) error {
	eng, err := o.engine.openFor(ctx, s, &o.output)
	if err != nil {
		return err
	}
	defer eng.Close()
	list, err := drillops.Schedules(ctx, eng.Client)
	if err != nil {
		return err
	}
	rows := make([]scheduleRow, 0, len(list))
	for _, sc := range list {
		rows = append(rows, scheduleRow{ID: sc.ID, Paused: sc.Paused, Note: sc.Note, By: sc.CreatedBy, Pause: sc.Pause, Spec: sc.Cron, TimeZone: sc.TimeZone,
			Scenario: sc.Scenario, Next: sc.Next, Recent: sc.Recent, Last: sc.Last})
	}
	if o.output.json() {
		return writeJSON(s.Out, rows)
	}
	if len(rows) == 0 {
		fmt.Fprintln(s.Out, "no schedules: exitdrill schedule create --catalog DIR --scenario ID --cron EXPR")
		return nil
	}
	t := newTable(s, "")
	t.AppendHeader(table.Row{"ID", "CRON", "TIME ZONE", "SCENARIO", "NEXT RUN", "LAST RESULT", "PAUSED", "NOTE"})
	for _, r := range rows {
		next := "-"
		if len(r.Next) > 0 {
			next = r.Next[0].Format(nextLayout)
		}
		paused := "no"
		if r.Paused {
			paused = "yes"
		}
		t.AppendRow(table.Row{r.ID, strings.Join(r.Spec, "; "), r.TimeZone, r.Scenario, next, lastResult(r.Last), paused, r.noteText()})
	}
	t.Render()
	return nil
}

// lastResult writes the last result of a schedule: "-" before its first
// drill, "running" while that runs, else its status and when it started.
func lastResult(l *drillops.LastResult) string {
	switch {
	case l == nil:
		return "-"
	case l.Status == "running":
		return "running"
	}
	return l.Status + " " + l.At.Format(lastLayout)
}

// noteText is the NOTE column: the schedule's note, who created it, and who
// paused it and why.
func (r scheduleRow) noteText() string {
	out := r.Note
	if r.By != "" {
		out = strings.TrimSpace(out + " (created by " + r.By + ")")
	}
	if p := r.Pause; p != nil && (p.By != "" || p.Why != "") {
		what := "paused"
		if p.By != "" {
			what += " by " + p.By
		}
		if p.Why != "" {
			what += ": " + p.Why
		}
		out = strings.TrimSpace(out + "; " + what)
		out = strings.TrimPrefix(out, "; ")
	}
	return out
}
