package cli

import (
	"context"
	"fmt"
	"regexp"
	"slices"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
)

// heldRef finds the HeldNotices workflow a notify-deferred event names.
var heldRef = regexp.MustCompile(`workflow (\S+#held-notices-\d+)`)

// heldIDs are the ids of the HeldNotices workflows that res's deferred
// notifications were handed to, in order, each once.
func heldIDs(res *drill.DrillResult) []string {
	var ids []string
	for _, e := range res.Notifications {
		if e.Kind != "notify-deferred" {
			continue
		}
		if m := heldRef.FindStringSubmatch(e.Text); m != nil && !slices.Contains(ids, m[1]) {
			ids = append(ids, m[1])
		}
	}
	return ids
}

// heldOutcome is what became of the deliveries a drill handed to one
// HeldNotices workflow: State is "done" with Events (each delivery's
// outcome), or why there are none yet.
type heldOutcome struct {
	ID     string        `json:"id"`
	State  string        `json:"state"`
	Events []drill.Event `json:"events,omitempty"`
}

// heldOutcomes asks the engine what became of res's deferred
// notifications. They were sent after the drill's evidence was signed, so
// they are not in it: this is the engine's word, shown beside the result.
func heldOutcomes(ctx context.Context, c client.Client, res *drill.DrillResult) []heldOutcome {
	var out []heldOutcome
	for _, id := range heldIDs(res) {
		o := heldOutcome{ID: id}
		desc, err := c.DescribeWorkflowExecution(ctx, id, "")
		switch st := desc.GetWorkflowExecutionInfo().GetStatus(); {
		case err != nil:
			o.State = "unknown to this engine"
		case st == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING:
			o.State = "still waiting (quiet hours or retries)"
		case st == enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED:
			if err := c.GetWorkflow(ctx, id, "").Get(ctx, &o.Events); err != nil {
				o.State = "its result cannot be read"
				break
			}
			o.State = "done"
		default:
			o.State = statusWord(st)
		}
		out = append(out, o)
	}
	return out
}

// printHeld prints the outcomes of a drill's deferred notifications.
func printHeld(s *Streams, outs []heldOutcome) {
	if len(outs) == 0 {
		return
	}
	p := s.printer()
	fmt.Fprint(s.Out, p.T("\nDeferred notifications, sent after the evidence was signed (not in it; the engine's record):\n"))
	for _, o := range outs {
		if o.State != "done" {
			fmt.Fprint(s.Out, p.F("  %s: %s\n", o.ID, p.T(o.State)))
			continue
		}
		for _, e := range o.Events {
			fmt.Fprintf(s.Out, "  %s %s: %s\n", e.At.UTC().Format("2006-01-02 15:04:05Z"), e.Kind, e.Text)
		}
	}
}
