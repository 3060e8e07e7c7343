package workflows

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
)

// notifyAttempts bounds the tries of one delivery: a mail server down for
// the quarter of an hour they span does not hold a step's result longer.
const notifyAttempts = 5

// notifying reports whether this drill tells people of its manual steps:
// its options ask for it and the run is of a version that does. The version
// marker is recorded only for such drills, so others replay unchanged.
func (p *processRun) notifying(ctx workflow.Context) bool {
	if p.opts.Notify == nil || len(p.opts.Notify.Contacts) == 0 {
		return false
	}
	return workflow.GetVersion(ctx, changeNotify, workflow.DefaultVersion, 1) == 1
}

// stepNotices returns the notices of manual step s, whose outcomes are
// r's events, or nil when the drill tells nobody. Runs from
// changeNotifyEvents on also honour quiet hours and tell of a step past
// its limit.
func (p *processRun) stepNotices(ctx workflow.Context, s *drill.StepPlan, r *drill.StepResult) *notices {
	if !p.notifying(ctx) {
		return nil
	}
	full := workflow.GetVersion(ctx, changeNotifyEvents, workflow.DefaultVersion, 1) == 1
	return &notices{opts: p.opts.Notify, key: strings.Join([]string{p.in.DrillID, p.in.Process.ID, s.ID}, "/"), full: full, events: &r.Events}
}

// tell sends event about manual step s to the contacts of roles; a nil n
// tells nobody.
func (p *processRun) tell(ctx workflow.Context, n *notices, s *drill.StepPlan, event string, roles []string) {
	if n != nil {
		n.send(ctx, p.message(s, event), roles)
	}
}

// channels are the channels that reach c: email, then its webhook.
func channels(c *drill.Contact) []string {
	var out []string
	if c.Email != "" {
		out = append(out, drill.EmailChannel)
	}
	if c.Webhook != "" {
		out = append(out, c.Webhook)
	}
	return out
}

// deliver executes one Notify activity, retried, and says its outcome as
// an event.
func deliver(ctx workflow.Context, in drill.NotifyInput, role string) drill.Event {
	e, _ := deliverWith(ctx, in, role, workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval: 10 * time.Second, BackoffCoefficient: 2, MaximumInterval: 5 * time.Minute,
			MaximumAttempts: notifyAttempts, NonRetryableErrorTypes: []string{drill.ErrNotifyPermanent},
		},
	})
	return e
}

// firstAttemptTimeout bounds the one attempt a drill makes at its end
// summary before it hands the retries over (deliverOnce).
const firstAttemptTimeout = 30 * time.Second

// deliverOnce makes one attempt at a delivery; retry reports that it
// failed in a way another attempt may mend (not a permanent failure), the
// event then saying why.
func deliverOnce(ctx workflow.Context, in drill.NotifyInput, role string) (e drill.Event, retry bool) {
	e, err := deliverWith(ctx, in, role, workflow.ActivityOptions{
		StartToCloseTimeout: firstAttemptTimeout,
		RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 1},
	})
	if err == nil || temporal.IsCanceledError(err) {
		return e, false
	}
	var app *temporal.ApplicationError
	if errors.As(err, &app) && (app.NonRetryable() || app.Type() == drill.ErrNotifyPermanent) {
		return e, false
	}
	return e, true
}

// deliverWith executes one Notify activity with opts; the event says its
// outcome, err is the activity's.
func deliverWith(ctx workflow.Context, in drill.NotifyInput, role string, opts workflow.ActivityOptions) (drill.Event, error) {
	actx := workflow.WithActivityOptions(ctx, opts)
	var out drill.NotifyOutput
	err := workflow.ExecuteActivity(actx, drill.NotifyActivity, in).Get(actx, &out)
	who := fmt.Sprintf("%s to %s (%s) by %s", in.Message.Event, in.To.Name, role, in.Channel)
	if err != nil {
		return drill.Event{At: workflow.Now(ctx), Kind: "notify-failed", Text: who + ": " + activityMessage(err)}, err
	}
	text := who + ": delivered"
	if out.Detail != "" {
		text += " (" + out.Detail + ")"
	}
	return drill.Event{At: workflow.Now(ctx), Kind: "notified", Text: text}, nil
}

// activityMessage is the innermost message of an activity error, without
// the SDK's wrapping.
func activityMessage(err error) string {
	var app *temporal.ApplicationError
	if temporal.IsCanceledError(err) {
		return "cancelled"
	}
	if errors.As(err, &app) {
		return app.Message()
	}
	return err.Error()
}

// message is what a notification about step s says.
func (p *processRun) message(s *drill.StepPlan, event string) drill.Message {
	m := drill.Message{Event: event, DrillID: p.in.DrillID, Process: p.in.Process.ID, Step: s.ID, Role: s.Manual.Role,
		Instructions: s.Manual.Instructions, Expected: s.Expected}
	if base := strings.TrimRight(p.opts.Notify.ConsoleURL, "/"); base != "" {
		m.Link = base + "/drills/" + p.in.DrillID // drill ids are [A-Za-z0-9._-]
	}
	switch event {
	case drill.NotifyLate:
		m.Subject = fmt.Sprintf("Late: step %s of %s has waited for %s longer than %s", s.ID, p.in.Process.ID, s.Manual.Role, s.Expected)
		m.Text = fmt.Sprintf("Escalation: step %s of process %s in drill %s has had no answer from %s within its expected %s. Please see that it is taken care of.",
			s.ID, p.in.Process.ID, p.in.DrillID, s.Manual.Role, s.Expected)
	case drill.NotifyOverdue:
		m.Subject = fmt.Sprintf("Failed: step %s of %s had no answer from %s within its limit", s.ID, p.in.Process.ID, s.Manual.Role)
		m.Text = fmt.Sprintf("Escalation: step %s of process %s in drill %s had no answer from %s within its limit, and failed. The steps after it will not run; see the drill in the console.",
			s.ID, p.in.Process.ID, p.in.DrillID, s.Manual.Role)
	default:
		m.Subject = fmt.Sprintf("Step %s of %s waits for you (%s)", s.ID, p.in.Process.ID, s.Manual.Role)
		m.Text = fmt.Sprintf("Drill %s (%s) waits for %s: step %s of process %s, expected to take %s. Record the outcome with exitdrill steps or in the console.",
			p.in.DrillID, p.in.Scenario.Mode, s.Manual.Role, s.ID, p.in.Process.ID, s.Expected)
	}
	return m
}

// escalationRoles are the roles told when a step of role is late: its
// deputy and the continuity manager.
func (p *processRun) escalationRoles(role string) []string {
	if p.opts.Notify == nil {
		return nil
	}
	var out []string
	if rc := p.opts.Notify.ContactsOf(role); rc != nil && rc.Deputy != "" {
		out = append(out, rc.Deputy)
	}
	cm := p.opts.Notify.ContinuityRole
	if cm == "" {
		cm = drill.DefaultContinuityRole
	}
	return append(out, cm)
}
