package workflows

import (
	"fmt"
	"slices"
	"strings"

	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
)

// drillNotices returns the notices of the drill itself (started, aborted,
// ended), whose outcomes are d.notified, or nil when the drill tells nobody
// or runs from before changeNotifyEvents. The version marker is recorded
// only for drills whose options ask for notifications.
func (d *drillRun) drillNotices(ctx workflow.Context) *notices {
	n := d.opts.Notify
	if n == nil || len(n.Contacts) == 0 {
		return nil
	}
	if workflow.GetVersion(ctx, changeNotifyEvents, workflow.DefaultVersion, 1) != 1 {
		return nil
	}
	return &notices{opts: n, key: d.in.Plan.DrillID, full: true, events: &d.notified}
}

// tell sends event about the drill (res is the result, for the end) to the
// continuity manager and every role a manual step of the drill names.
func (d *drillRun) tell(ctx workflow.Context, event string, res *drill.DrillResult) {
	if d.notices == nil {
		return
	}
	d.notices.send(ctx, d.drillMessage(event, res), d.drillRoles())
}

// drillRoles are the continuity manager's role, then the roles of the
// drill's manual steps, sorted.
func (d *drillRun) drillRoles() []string {
	var roles []string
	for _, p := range d.in.Plan.Processes {
		for _, s := range p.Steps {
			if s.Manual != nil && s.Manual.Role != "" && !slices.Contains(roles, s.Manual.Role) {
				roles = append(roles, s.Manual.Role)
			}
		}
	}
	slices.Sort(roles)
	cm := d.opts.Notify.ContinuityRole
	if cm == "" {
		cm = drill.DefaultContinuityRole
	}
	return append([]string{cm}, roles...)
}

// drillMessage is what a notification about the drill says.
func (d *drillRun) drillMessage(event string, res *drill.DrillResult) drill.Message {
	id, sc := d.in.Plan.DrillID, d.in.Plan.Scenario
	title := sc.Title
	if title == "" {
		title = sc.ID
	}
	m := drill.Message{Event: event, DrillID: id}
	if base := strings.TrimRight(d.opts.Notify.ConsoleURL, "/"); base != "" {
		m.Link = base + "/drills/" + id
	}
	switch event {
	case drill.NotifyDrillStarted:
		m.Subject = fmt.Sprintf("Drill %s started: %s", id, title)
		m.Text = fmt.Sprintf("Drill %s (%s) started: %s, lost %s for %s; %d processes to drill. Manual steps will ask their roles; follow the drill in the console.",
			id, sc.Mode, title, strings.Join(sc.Lost, ", "), sc.Duration, len(d.in.Plan.Processes))
	case drill.NotifyDrillAborted:
		m.Subject = fmt.Sprintf("Drill %s aborted", id)
		m.Text = fmt.Sprintf("Drill %s was aborted by %s: %s. Its running steps stop and its rollback steps run now.", id, d.abort.Who(), d.abort.Reason)
	case drill.NotifyDrillEnded:
		m.Subject = fmt.Sprintf("Drill %s ended: %s", id, outcome(res))
		lines := []string{fmt.Sprintf("Drill %s (%s, %s) ended: %s.", id, sc.Mode, title, outcome(res))}
		for _, p := range res.Processes {
			lines = append(lines, fmt.Sprintf("- %s: %s: %s", p.Process, p.Verdict, p.Why))
		}
		for _, in := range res.Injects {
			state := in.Status
			switch in.Status {
			case drill.InjectDelivered:
				state = "delivered, acknowledged by nobody"
			case drill.InjectNotDelivered:
				state += ": " + in.Why
			}
			lines = append(lines, fmt.Sprintf("- inject %s (%s to %s): %s", in.ID, in.At, in.To, state))
		}
		m.Text = strings.Join(lines, "\n")
	}
	return m
}
