package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/lang"
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
	renderSchedules(s, rows)
	return nil
}

// renderSchedules prints the schedules of schedule list in the printer's
// language, their times in each schedule's own zone.
func renderSchedules(s *Streams, rows []scheduleRow) {
	p := s.printer()
	if len(rows) == 0 {
		fmt.Fprintln(s.Out, p.T("no schedules: exitdrill schedule create --catalog DIR --scenario ID --cron EXPR"))
		return
	}
	t := newTable(s, "")
	t.AppendHeader(table.Row{p.T("ID"), p.T("CRON"), p.T("TIME ZONE"), p.T("SCENARIO"), p.T("NEXT RUN"), p.T("LAST RESULT"), p.T("PAUSED"), p.T("NOTE")})
	for _, r := range rows {
		next := "-"
		if len(r.Next) > 0 {
			next = zoneTime(p, r.Next[0], nextLayout)
		}
		paused := p.T("no")
		if r.Paused {
			paused = p.T("yes")
		}
		t.AppendRow(table.Row{r.ID, strings.Join(r.Spec, "; "), r.TimeZone, r.Scenario, next, lastResult(p, r.Last), paused, r.noteText(p)})
	}
	t.Render()
}

// zoneTime writes t in its own zone with layout in English; in Dutch the
// day the Dutch way and the rest of layout after it ("4 januari 2027 09:00
// +01:00").
func zoneTime(p *lang.Printer, t time.Time, layout string) string {
	if !p.Dutch() {
		return t.Format(layout)
	}
	day := p.Date(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
	_, rest, _ := strings.Cut(layout, " ")
	return day + " " + t.Format(rest)
}

// lastResult writes the last result of a schedule: "-" before its first
// drill, "running" while that runs, else its status and when it started.
func lastResult(p *lang.Printer, l *drillops.LastResult) string {
	switch {
	case l == nil:
		return "-"
	case l.Status == "running":
		return p.T("running")
	}
	return p.T(l.Status) + " " + zoneTime(p, l.At, lastLayout)
}

// noteText is the NOTE column: the schedule's note, who created it, and who
// paused it and why, in the printer's language.
func (r scheduleRow) noteText(p *lang.Printer) string {
	out := r.Note
	if r.By != "" {
		out = strings.TrimSpace(out + " " + p.F("(created by %s)", r.By))
	}
	if ps := r.Pause; ps != nil && (ps.By != "" || ps.Why != "") {
		what := p.T("paused")
		if ps.By != "" {
			what = p.F("paused by %s", ps.By)
		}
		if ps.Why != "" {
			what += ": " + ps.Why
		}
		out = strings.TrimSpace(out + "; " + what)
		out = strings.TrimPrefix(out, "; ")
	}
	return out
}
