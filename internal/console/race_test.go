package console

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	updatepb "go.temporal.io/api/update/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/worker"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/workflows"
)

// raceQueue is the task queue of the drill whose worker the race test stops.
const raceQueue = "console-race"

// Two people complete the same waiting step at once: both answers reach
// the server while no worker runs, so that one workflow task carries both.
// One is recorded; the other is refused, and the console says who
// completed the step, in the words it uses for a step already completed.
func TestConcurrentCompletionsOfOneStep(t *testing.T) {
	tc := newTestConsole(t)
	first := worker.New(tc.eng.Client, raceQueue, worker.Options{})
	registerHarness(first)
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	const id = "race-drill"
	startTabletopAs(t, tc.eng, raceQueue, id, drillops.Attributes)
	tc.waitStep(t, id, "approve-switch")
	first.Stop()

	rb := &refusalBackend{Backend: tc.c.o.Backend}
	tc.c.o.Backend = rb
	olga, alice := tc.browser(t), tc.browser(t)
	otok, atok := olga.signIn("olga"), alice.signIn("alice")
	var wg sync.WaitGroup
	pages := make([]page, 2)
	wg.Add(2)
	go func() {
		defer wg.Done()
		pages[0] = olga.post("/inbox", completeForm(id, otok, "nonce-olga", "pass", "olga's answer"))
	}()
	go func() {
		defer wg.Done()
		pages[1] = alice.post("/inbox", completeForm(id, atok, "nonce-alice", "fail", "alice's answer"))
	}()
	// Both Updates wait at the server for a worker.
	child := workflows.ChildID(id, "portal-service")
	waitFor(t, "the server has both answers", 30*time.Second, func() bool {
		ids := rb.sent()
		return len(ids) == 2 && tc.admitted(child, ids[0]) && tc.admitted(child, ids[1])
	})
	second := worker.New(tc.eng.Client, raceQueue, worker.Options{})
	registerHarness(second)
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	defer second.Stop()
	defer func() {
		_ = tc.c.o.Backend.Abort(context.Background(), id, drill.Abort{Actor: "test", Reason: "test over"})
		tc.result(t, id)
	}()
	wg.Wait()

	who := map[int]string{0: `olga \(console operator\) at [0-9-]+ [0-9:]+ \w+ \(pass\)`, 1: `alice \(console continuity-manager\) at [0-9-]+ [0-9:]+ \w+ \(fail\)`}
	won := -1
	for i, p := range pages {
		if p.status == http.StatusSeeOther {
			won = i
		}
	}
	if won < 0 || pages[1-won].status != http.StatusConflict ||
		!regexp.MustCompile(`This step was already completed by `+who[won]).MatchString(text(pages[1-won].body)) {
		t.Fatalf("two answers at once: statuses %d and %d; want one 303 and the other 409 naming who completed the step:\n%s\n---\n%s",
			pages[0].status, pages[1].status, text(pages[0].body), text(pages[1].body))
	}

	// The second was refused while the first was being recorded, in the
	// words the validator and the handler share for it: both answers came
	// in one workflow task. (The SDK validates an Update in its own
	// coroutine, after the Update before it has run its handler up to its
	// first wait, so the validator, which sees the step taken, refuses it;
	// the handler's own refusal is held to the same words by
	// workflows.TestCompleteStepRefusesAsTheValidator.)
	const words = "step approve-switch of process portal-service is being completed by another answer"
	if got := rb.refused(); len(got) != 1 || !strings.HasSuffix(got[0], words) {
		t.Errorf("the refusals the console got: %q; want one: %q", got, words)
	}
	if n := acceptedUpdates(t, tc, child); n != 1 {
		t.Errorf("the process recorded %d answers, want 1", n)
	}
}

// admitted reports whether the server holds Update updateID of workflow id.
func (tc *testConsole) admitted(id, updateID string) bool {
	resp, err := tc.eng.Client.WorkflowService().PollWorkflowExecutionUpdate(context.Background(), &workflowservice.PollWorkflowExecutionUpdateRequest{
		Namespace: tc.eng.Namespace, UpdateRef: &updatepb.UpdateRef{WorkflowExecution: &commonpb.WorkflowExecution{WorkflowId: id}, UpdateId: updateID}})
	return err == nil && resp.GetStage() >= enumspb.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED
}

// acceptedUpdates counts the Updates workflow id accepted.
func acceptedUpdates(t *testing.T, tc *testConsole, id string) int {
	t.Helper()
	it := tc.eng.Client.GetWorkflowHistory(context.Background(), id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	n := 0
	for it.HasNext() {
		ev, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		if ev.GetEventType() == enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED {
			n++
		}
	}
	return n
}

// refusalBackend records the Update ids of the completions it sends and
// the refusals they get.
type refusalBackend struct {
	Backend
	mu       sync.Mutex
	ids      []string
	refusals []string
}

func (b *refusalBackend) CompleteOnce(ctx context.Context, drillID, process string, req drill.CompleteStep, updateID string) (*drill.StepResult, error) {
	b.mu.Lock()
	b.ids = append(b.ids, updateID)
	b.mu.Unlock()
	r, err := b.Backend.CompleteOnce(ctx, drillID, process, req, updateID)
	if err != nil {
		b.mu.Lock()
		b.refusals = append(b.refusals, err.Error())
		b.mu.Unlock()
	}
	return r, err
}

func (b *refusalBackend) sent() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.ids)
}

func (b *refusalBackend) refused() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.refusals)
}
