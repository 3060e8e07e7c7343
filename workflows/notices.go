package workflows

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
)

// notices sends a subject's notifications (a manual step's, or the drill's
// own) and collects their outcomes as events. Lifecycle: made when the
// subject starts, send called for each message (one Notify activity per
// delivery, each in a coroutine), wait called when the subject is over: it
// drops the messages still held by quiet hours (their news is stale) except
// the drill's end summary, and waits for the deliveries under way. A Drill
// first hands the messages it must not wait for to a HeldNotices workflow
// (handOver in held.go): then they are deferred, not awaited.
type notices struct {
	opts *drill.NotifyOptions
	// key prefixes the delivery ids: drill, process and step.
	key string
	// full: this run honours quiet hours and tells of steps past their
	// limit (changeNotifyEvents); runs before it deliver at once.
	full    bool
	pending int
	over    bool
	events  *[]drill.Event
	// held counts the deliveries waiting for quiet hours to end (known
	// when send returns); handover makes them stop waiting and join
	// deferred, for a HeldNotices workflow to send (see held.go).
	held     int
	handover bool
	deferred []HeldDelivery
	// quickEnd: the drill's end summary gets one attempt in the drill; one
	// that may succeed later is retried by HeldNotices
	// (changeEndRetries), so that a channel that is down does not hold
	// the drill's result and evidence for the retries.
	quickEnd bool
}

// send tells msg to the people of roles (each role once), through every
// channel that reaches each person. With quiet hours, a person in theirs
// gets the message when they end, except a step past its limit: that goes
// to the deputy role of theirs instead, or to them when their role has none.
func (n *notices) send(ctx workflow.Context, msg drill.Message, roles []string) {
	if n == nil {
		return
	}
	var seen []string
	for i := 0; i < len(roles); i++ { // roles grows when a deputy stands in
		role := roles[i]
		rc := n.opts.ContactsOf(role)
		if rc == nil || slices.Contains(seen, role) {
			continue
		}
		seen = append(seen, role)
		for _, c := range rc.People {
			var q quietAnswer
			if n.full {
				q = n.quietUntil(ctx, c, msg.Event, role)
			}
			if !q.Until.IsZero() && msg.Event == drill.NotifyOverdue {
				if deputy := n.opts.ContactsOf(rc.Deputy); deputy != nil && rc.Deputy != role {
					n.record(ctx, "notify-deputy", fmt.Sprintf("%s to %s (%s): in quiet hours until %s; a step past its limit cannot wait: the deputy role %s is told instead",
						msg.Event, c.Name, role, q.Local, rc.Deputy))
					roles = append(roles, rc.Deputy)
					continue
				}
				n.record(ctx, "notify-quiet-overridden", fmt.Sprintf("%s to %s (%s): in quiet hours until %s, but the role has no deputy and a step past its limit cannot wait: sent now",
					msg.Event, c.Name, role, q.Local))
				q = quietAnswer{}
			}
			for _, ch := range channels(c) {
				in := drill.NotifyInput{Message: msg, To: *c, Channel: ch,
					Delivery: strings.Join([]string{n.key, msg.Event, ch, c.Name}, "/")}
				n.pending++
				if !q.Until.IsZero() {
					n.held++
				}
				workflow.Go(ctx, func(ctx workflow.Context) {
					defer func() { n.pending-- }()
					if !q.Until.IsZero() && !n.hold(ctx, in, role, q) {
						return
					}
					if n.quickEnd && msg.Event == drill.NotifyDrillEnded {
						n.tryOnce(ctx, in, role)
						return
					}
					*n.events = append(*n.events, deliver(ctx, in, role))
				})
			}
		}
	}
}

// hold keeps a delivery until quiet hours end; it reports false, with the
// reason among the events, when the message was dropped meanwhile, and
// false when it was handed over (deferred) to a HeldNotices workflow.
func (n *notices) hold(ctx workflow.Context, in drill.NotifyInput, role string, q quietAnswer) bool {
	defer func() { n.held-- }()
	who := fmt.Sprintf("%s to %s (%s) by %s", in.Message.Event, in.To.Name, role, in.Channel)
	n.record(ctx, "notify-held", fmt.Sprintf("%s: held: quiet hours %s until %s", who, in.To.QuietHours, q.Local))
	stale := func() bool { return n.over && in.Message.Event != drill.NotifyDrillEnded }
	stop := func() bool { return stale() || n.handover }
	stopped, err := workflow.AwaitWithTimeout(ctx, q.Until.Sub(workflow.Now(ctx)), stop)
	switch {
	case err != nil:
		n.record(ctx, "notify-dropped", who+": not sent: the drill was aborted during the quiet hours")
		return false
	case stopped && stale():
		n.record(ctx, "notify-dropped", who+": not sent: it was over before the quiet hours ended")
		return false
	case stopped:
		n.deferred = append(n.deferred, HeldDelivery{Notify: in, Role: role, Until: q.Until, Local: q.Local})
		return false
	}
	return true
}

// tryOnce makes the one attempt at an end summary; a failure that may
// pass is deferred to HeldNotices (see handOver), which retries it.
func (n *notices) tryOnce(ctx workflow.Context, in drill.NotifyInput, role string) {
	e, retry := deliverOnce(ctx, in, role)
	if !retry {
		*n.events = append(*n.events, e)
		return
	}
	_, why, _ := strings.Cut(e.Text, ": ")
	n.deferred = append(n.deferred, HeldDelivery{Notify: in, Role: role, Failed: why})
}

// quietAnswer is whether a person is in their quiet hours: until when,
// and that end on their clock for people ("2026-12-05 07:00
// Europe/Amsterdam"); Err when their timezone is unknown on the worker.
type quietAnswer struct {
	Until time.Time `json:"until"`
	Local string    `json:"local,omitempty"`
	Err   string    `json:"err,omitempty"`
}

// quietUntil says whether c's quiet hours hold now. The answer is a side
// effect recorded in the history: replay gives the same answer whatever
// the zone database of the replaying worker.
func (n *notices) quietUntil(ctx workflow.Context, c *drill.Contact, event, role string) quietAnswer {
	if c.QuietHours.IsZero() {
		return quietAnswer{}
	}
	now := workflow.Now(ctx)
	enc := workflow.SideEffect(ctx, func(workflow.Context) any {
		u, err := c.QuietUntil(now)
		if err != nil {
			return quietAnswer{Err: err.Error()}
		}
		if u.IsZero() {
			return quietAnswer{}
		}
		return quietAnswer{Until: u, Local: u.Format("2006-01-02 15:04") + " " + c.Timezone}
	})
	var got quietAnswer
	if err := enc.Get(&got); err != nil {
		got.Err = err.Error()
	}
	if got.Err != "" {
		n.record(ctx, "notify-quiet-unknown", fmt.Sprintf("%s to %s (%s): quiet hours not honoured: %s", event, c.Name, role, got.Err))
		return quietAnswer{}
	}
	return got
}

// wait ends the subject: held messages other than the drill's end summary
// are dropped, and the deliveries under way are waited for (their retries
// are bounded), so that their outcomes are among the events; after an
// abort the cancelled activities end at once.
func (n *notices) wait(ctx workflow.Context) {
	if n == nil {
		return
	}
	n.over = true
	n.settle(ctx)
}

// settle waits for the deliveries under way, held ones included.
func (n *notices) settle(ctx workflow.Context) {
	if n == nil || n.pending == 0 {
		return
	}
	dctx, _ := workflow.NewDisconnectedContext(ctx)
	_ = workflow.Await(dctx, func() bool { return n.pending == 0 })
}

func (n *notices) record(ctx workflow.Context, kind, text string) {
	*n.events = append(*n.events, drill.Event{At: workflow.Now(ctx), Kind: kind, Text: text})
}
