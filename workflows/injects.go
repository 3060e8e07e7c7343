package workflows

import (
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

// injectRun delivers a drill's injects at their scenario times and takes
// their acknowledgements. Lifecycle: made by startInjects (from the carried
// state after continue-as-new), one coroutine per inject not yet due waits
// for its time and delivers it; end stops the waiting ones, records them
// not delivered, and waits for the deliveries under way.
type injectRun struct {
	d       *drillRun
	results []*drill.InjectResult
	pending int
	over    bool
	// notices are the injects' deliveries; end drops those still held by
	// quiet hours: the exercise is over.
	notices []*notices
}

// startInjects starts the scenario's injects, or returns nil when it has
// none or the run is from before changeInjects (the marker is recorded only
// for drills with injects).
func (d *drillRun) startInjects(ctx workflow.Context) (*injectRun, error) {
	if len(d.in.Plan.Injects) == 0 || workflow.GetVersion(ctx, changeInjects, workflow.DefaultVersion, 1) != 1 {
		return nil, nil
	}
	ir := &injectRun{d: d}
	if c := d.in.Carried; c != nil && len(c.Injects) == len(d.in.Plan.Injects) {
		ir.results = c.Injects
	} else {
		for _, in := range d.in.Plan.Injects {
			ir.results = append(ir.results, &drill.InjectResult{Inject: *in, Status: drill.InjectPending})
		}
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, drill.UpdateAckInject, ir.ack,
		workflow.UpdateHandlerOptions{Validator: ir.validateAck}); err != nil {
		return nil, err
	}
	for _, r := range ir.results {
		if r.Status == drill.InjectPending {
			ir.pending++
			workflow.Go(ctx, func(ctx workflow.Context) {
				defer func() { ir.pending-- }()
				ir.await(ctx, r)
			})
		}
	}
	return ir, nil
}

// due is when inject r is due on the wall clock: T0 plus its scenario time,
// scaled like declared time outside live mode.
func (ir *injectRun) due(r *drill.InjectResult) time.Time {
	at := time.Duration(r.At)
	sc := ir.d.in.Plan.Scenario
	if sc.Mode != scenarios.Live && sc.TimeScale > 1 {
		at = time.Duration(float64(at) / sc.TimeScale)
	}
	return ir.d.in.Started.Add(at)
}

// await waits for r's time, unless the drill ends or is aborted first,
// then delivers it.
func (ir *injectRun) await(ctx workflow.Context, r *drill.InjectResult) {
	if wait := ir.due(r).Sub(workflow.Now(ctx)); wait > 0 {
		stopped, err := workflow.AwaitWithTimeout(ctx, wait, func() bool { return ir.over || ir.d.abort != nil })
		if err != nil || stopped {
			return // end records it not delivered
		}
	}
	r.Status, r.Delivered = drill.InjectDelivered, workflow.Now(ctx)
	if ir.d.opts.Notify == nil || len(ir.d.opts.Notify.Contacts) == 0 {
		r.Why = "nobody was told: the drill notifies nobody (no notifications config, or a compressed drill without --notify)"
		return
	}
	n := &notices{opts: ir.d.opts.Notify, key: ir.d.in.Plan.DrillID + "/inject/" + r.ID, full: true, events: &r.Events}
	ir.notices = append(ir.notices, n)
	n.send(ctx, ir.message(r), []string{r.To})
	n.settle(ctx) // held by quiet hours until they end, or the drill does
}

// message is what the participants of an inject are told.
func (ir *injectRun) message(r *drill.InjectResult) drill.Message {
	id := ir.d.in.Plan.DrillID
	m := drill.Message{Event: drill.NotifyInject, DrillID: id, Role: r.To,
		Subject: fmt.Sprintf("Drill %s, %s: %s", id, r.At, r.Message),
		Text: fmt.Sprintf("Exercise inject %s for %s at %s on the scenario clock of drill %s: %s Acknowledge it with: exitdrill ack %s %s --by NAME (or in the console).",
			r.ID, r.To, r.At, id, r.Message, id, r.ID)}
	if base := strings.TrimRight(ir.d.opts.Notify.ConsoleURL, "/"); base != "" {
		m.Link = base + "/drills/" + id
	}
	return m
}

// validateAck refuses an acknowledgement before it enters history.
func (ir *injectRun) validateAck(a drill.AckInject) error {
	r := ir.find(a.Inject)
	switch {
	case r == nil:
		var ids []string
		for _, r := range ir.results {
			ids = append(ids, r.ID)
		}
		return fmt.Errorf("drill %s has no inject %q (injects: %s)", ir.d.in.Plan.DrillID, a.Inject, strings.Join(ids, ", "))
	case strings.TrimSpace(a.By) == "":
		return fmt.Errorf("say who acknowledges the inject (by)")
	case r.Status == drill.InjectPending:
		return fmt.Errorf("inject %s is not delivered yet: it is due at %s on the scenario clock", r.ID, r.At)
	case r.Status == drill.InjectNotDelivered:
		return fmt.Errorf("inject %s was not delivered: %s", r.ID, r.Why)
	}
	for _, k := range r.Acks {
		if k.By == a.By {
			return fmt.Errorf("inject %s was already acknowledged by %s at %s", r.ID, a.By, k.At.UTC().Format(time.RFC3339))
		}
	}
	return nil
}

// ack records an acknowledgement and returns the inject's state.
func (ir *injectRun) ack(ctx workflow.Context, a drill.AckInject) (*drill.InjectResult, error) {
	if err := ir.validateAck(a); err != nil { // two in one workflow task
		return nil, err
	}
	r := ir.find(a.Inject)
	r.Acks = append(r.Acks, drill.Ack{By: a.By, Account: a.Account, At: workflow.Now(ctx), Note: a.Note})
	r.Status = drill.InjectAcknowledged
	return r, nil
}

func (ir *injectRun) find(id string) *drill.InjectResult {
	for _, r := range ir.results {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// end stops the injects not yet due, records them not delivered, and waits
// for the deliveries under way; it returns the injects' results.
func (ir *injectRun) end(ctx workflow.Context) []*drill.InjectResult {
	if ir == nil {
		return nil
	}
	ir.over = true
	for _, n := range ir.notices {
		n.over = true
	}
	if ir.pending > 0 {
		dctx, _ := workflow.NewDisconnectedContext(ctx)
		_ = workflow.Await(dctx, func() bool { return ir.pending == 0 })
	}
	for _, r := range ir.results {
		if r.Status == drill.InjectPending {
			r.Status, r.Why = drill.InjectNotDelivered, "the drill ended before its time"
			if ir.d.abort != nil {
				r.Why = "the drill was aborted before its time"
			}
		}
	}
	return ir.results
}
