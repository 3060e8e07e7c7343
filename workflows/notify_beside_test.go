package workflows

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/sdk/activity"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/notify"
	"github.com/exitdrill/exitdrill/scenarios"
)

// deadHook is a webhook receiver that is down: every request gets 503,
// which the notifier retries.
type deadHook struct {
	mu    sync.Mutex
	tries int
}

func (d *deadHook) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	d.mu.Lock()
	d.tries++
	d.mu.Unlock()
	http.Error(w, "down", http.StatusServiceUnavailable)
}

// TestStepNoticesDoNotHoldTheStep: the process owner's webhook is down, so
// the waiting step's message is retried for about 2.5 minutes. The owner
// answers after one minute: the step's result is there at once (its wall
// time is the minute), the step after it starts then, and the delivery's
// outcome (failed, after all its attempts) is still among the step's
// events in the Process's result.
func TestStepNoticesDoNotHoldTheStep(t *testing.T) {
	env := newEnv(t)
	dead := &deadHook{}
	srv := httptest.NewServer(dead)
	t.Cleanup(srv.Close)
	n := &notify.Notifier{
		Config: &notify.Config{Webhooks: []*notify.Webhook{{Name: "ops", URL: srv.URL, SecretEnv: "HOOK_SECRET"}}},
		Getenv: func(k string) string { return map[string]string{"HOOK_SECRET": "hook-secret"}[k] },
	}
	env.RegisterActivityWithOptions(n.Notify, activity.RegisterOptions{Name: drill.NotifyActivity})
	opts := &drill.NotifyOptions{Contacts: []*drill.RoleContacts{
		{Role: "process-owner", People: []*drill.Contact{{Name: "Anna", Webhook: "ops"}}},
	}}
	u := sendUpdate(env, time.Minute, drill.CompleteStep{Step: "sign-off", Actor: "anna", Role: "process-owner", Outcome: drill.OutcomePass})
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Live, 30*day),
		Options: drill.Options{Notify: opts}, Process: process(manualStep("sign-off", "process-owner", 4*hour), cmdStep("after", "true"))})
	if u.err != nil || u.result == nil {
		t.Fatalf("update: err %v, result %v", u.err, u.result)
	}
	s, next := r.Steps[0], r.Steps[1]
	if s.Wall != time.Minute {
		t.Errorf("the step's wall time is %s, want 1m0s: the answer came then, the retries must not hold its result", s.Wall)
	}
	if got := next.WallStart.Sub(s.WallStart); got != time.Minute {
		t.Errorf("the next step started %s after the manual step, want 1m0s", got)
	}
	failed := eventsOf(s, "notify-failed")
	if len(failed) != 1 || !strings.HasPrefix(failed[0], "step.waiting to Anna (process-owner) by ops: ") {
		t.Errorf("the step's notify-failed events %q, want the waiting message to Anna", failed)
	}
	dead.mu.Lock()
	defer dead.mu.Unlock()
	if dead.tries != notifyAttempts {
		t.Errorf("the receiver got %d requests, want %d (every attempt, after the step ended)", dead.tries, notifyAttempts)
	}
}
