package workflows

import (
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
)

// HeldDelivery is one delivery held by its recipient's quiet hours that a
// Drill does not wait for: sent at Until by a HeldNotices workflow.
type HeldDelivery struct {
	Notify drill.NotifyInput `json:"notify"`
	// Role is the role the recipient was told as.
	Role string `json:"role"`
	// Until is when the quiet hours end; Local says it on their clock.
	Until time.Time `json:"until"`
	Local string    `json:"local,omitempty"`
	// Failed is why the drill's one attempt failed, for a delivery handed
	// over to be retried (Until is then zero: at once).
	Failed string `json:"failed,omitempty"`
}

// HeldInput is the input of a HeldNotices workflow.
type HeldInput struct {
	DrillID    string         `json:"drillId"`
	Deliveries []HeldDelivery `json:"deliveries"`
}

// HeldNotices sends the deliveries a Drill handed over, each when its
// recipient's quiet hours end, and returns their outcomes as events. It is
// started by the Drill as a child that outlives it (parent close policy
// abandon): a notification never holds a drill's result or evidence.
func HeldNotices(ctx workflow.Context, in HeldInput) ([]drill.Event, error) {
	var events []drill.Event
	pending := 0
	for _, h := range in.Deliveries {
		pending++
		workflow.Go(ctx, func(ctx workflow.Context) {
			defer func() { pending-- }()
			if wait := h.Until.Sub(workflow.Now(ctx)); wait > 0 {
				if err := workflow.Sleep(ctx, wait); err != nil {
					events = append(events, drill.Event{At: workflow.Now(ctx), Kind: "notify-dropped",
						Text: heldWho(h) + ": not sent: the held notices were cancelled"})
					return
				}
			}
			events = append(events, deliver(ctx, h.Notify, h.Role))
		})
	}
	err := workflow.Await(ctx, func() bool { return pending == 0 })
	return events, err
}

func heldWho(h HeldDelivery) string {
	return fmt.Sprintf("%s to %s (%s) by %s", h.Notify.Message.Event, h.Notify.To.Name, h.Role, h.Notify.Channel)
}

// heldWorkflowID is the id of the HeldNotices workflow of a drill's run:
// "#" is in no drill id, so it meets no other workflow's.
func heldWorkflowID(drillID string, run int) string {
	return fmt.Sprintf("%s#held-notices-%d", drillID, run)
}

// handOver passes the drill's messages still held by quiet hours (other
// than stale ones, which the notices drop), and end summaries whose one
// attempt failed (quickEnd), to a HeldNotices workflow that outlives the
// drill, so that neither its end (result, evidence) nor its continue-as-new
// waits for anyone's quiet hours or for a channel that is down. The evidence says each
// was deferred, until when, and by which workflow; the delivery's outcome
// is that workflow's result. Runs from before changeHeldHandover waited.
func (d *drillRun) handOver(ctx workflow.Context) {
	n := d.notices
	if n == nil || (n.held == 0 && !n.quickEnd) || workflow.GetVersion(ctx, changeHeldHandover, workflow.DefaultVersion, 1) != 1 {
		return
	}
	n.handover = true
	n.settle(ctx)
	if len(n.deferred) == 0 {
		return
	}
	id := heldWorkflowID(d.in.Plan.DrillID, d.runs)
	cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
		WorkflowID:        id,
		ParentClosePolicy: enumspb.PARENT_CLOSE_POLICY_ABANDON,
	})
	f := workflow.ExecuteChildWorkflow(cctx, HeldNotices, HeldInput{DrillID: d.in.Plan.DrillID, Deliveries: n.deferred})
	err := f.GetChildWorkflowExecution().Get(ctx, nil)
	for _, h := range n.deferred {
		if err != nil {
			n.record(ctx, "notify-failed", fmt.Sprintf("%s: not sent: held by quiet hours, and the workflow %s to send it later could not start: %v", heldWho(h), id, err))
			continue
		}
		if h.Failed != "" {
			n.record(ctx, "notify-deferred", fmt.Sprintf("%s: the first attempt failed (%s); workflow %s retries it, after the drill's result and evidence", heldWho(h), h.Failed, id))
			continue
		}
		n.record(ctx, "notify-deferred", fmt.Sprintf("%s: deferred: quiet hours until %s; workflow %s sends it then, after the drill's result and evidence", heldWho(h), h.Local, id))
	}
	n.deferred = nil
	n.handover = false
}
