package workflows

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/testsuite"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/notify"
	"github.com/exitdrill/exitdrill/scenarios"
)

// inbox is a real webhook receiver on loopback that checks each request's
// signature and keeps the notifications in the order they arrived.
type inbox struct {
	mu  sync.Mutex
	got []notify.Generic
	// at are the workflow clock's times of got, read from clock.
	at    []time.Time
	clock func() time.Time
}

func (ib *inbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err := notify.Verify([]byte("hook-secret"), r.Header, body, time.Now(), 5*time.Minute); err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var g notify.Generic
	if err := json.Unmarshal(body, &g); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ib.mu.Lock()
	ib.got = append(ib.got, g)
	if ib.clock != nil {
		ib.at = append(ib.at, ib.clock())
	}
	ib.mu.Unlock()
}

// said lists the notifications received as "event to person".
func (ib *inbox) said() []string {
	ib.mu.Lock()
	defer ib.mu.Unlock()
	var out []string
	for _, g := range ib.got {
		out = append(out, g.Event+" to "+g.To)
	}
	slices.Sort(out)
	return out
}

// notifyEnv is a test environment whose worker has the real Notifier, with
// one generic webhook channel "ops" posting to a receiver on loopback.
func notifyEnv(t *testing.T) (*testsuite.TestWorkflowEnvironment, *inbox) {
	t.Helper()
	ib := &inbox{}
	srv := httptest.NewServer(ib)
	t.Cleanup(srv.Close)
	n := &notify.Notifier{
		Config: &notify.Config{Webhooks: []*notify.Webhook{{Name: "ops", URL: srv.URL, SecretEnv: "HOOK_SECRET"}}},
		Getenv: func(k string) string { return map[string]string{"HOOK_SECRET": "hook-secret"}[k] },
	}
	env := newEnv(t)
	ib.clock = env.Now
	env.RegisterActivityWithOptions(n.Notify, activity.RegisterOptions{Name: drill.NotifyActivity})
	return env, ib
}

func notifyOptions() *drill.NotifyOptions {
	return &drill.NotifyOptions{ConsoleURL: "https://console.gemeente.test/", Contacts: []*drill.RoleContacts{
		{Role: "continuity-manager", People: []*drill.Contact{{Name: "Carla", Webhook: "ops"}}},
		{Role: "process-owner", Deputy: "process-owner-deputy", People: []*drill.Contact{{Name: "Anna", Webhook: "ops"}}},
		{Role: "process-owner-deputy", People: []*drill.Contact{{Name: "Bert", Webhook: "ops"}, {Name: "Nobody", Webhook: "no-such-channel"}}},
	}}
}

func eventsOf(s *drill.StepResult, kind string) []string {
	var out []string
	for _, e := range s.Events {
		if e.Kind == kind {
			out = append(out, e.Text)
		}
	}
	slices.Sort(out)
	return out
}

// TestNotifyWaitingAndEscalation: a live manual step tells its role's
// contact at once (with the instructions and the console link), and when it
// passes its expected time of 4h tells the deputy role and the continuity
// manager; every delivery's outcome is among the step's events, a failed
// one (a channel not in the config) included.
func TestNotifyWaitingAndEscalation(t *testing.T) {
	env, ib := notifyEnv(t)
	sendUpdate(env, 6*time.Hour, drill.CompleteStep{Step: "sign-off", Actor: "anna", Role: "process-owner", Outcome: drill.OutcomePass})
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Live, 30*day),
		Options: drill.Options{Notify: notifyOptions()}, Process: process(manualStep("sign-off", "process-owner", 4*hour))})
	want := []string{"step.late to Bert", "step.late to Carla", "step.waiting to Anna"}
	if got := ib.said(); !slices.Equal(got, want) {
		t.Errorf("receiver got %v, want %v", got, want)
	}
	for _, g := range ib.got {
		if g.Event == drill.NotifyWaiting && (g.Instructions != "Issue one test permit" || g.Link != "https://console.gemeente.test/drills/d1") {
			t.Errorf("waiting notice = %+v, want the instructions and the console link", g)
		}
	}
	s := r.Steps[0]
	if got := eventsOf(s, "notified"); len(got) != 3 {
		t.Errorf("notified events = %q, want 3", got)
	}
	failed := eventsOf(s, "notify-failed")
	if len(failed) != 1 || !strings.Contains(failed[0], "step.late to Nobody (process-owner-deputy) by no-such-channel") {
		t.Errorf("notify-failed events = %q, want the delivery to no-such-channel", failed)
	}
	if s.Status != drill.StepPassed {
		t.Errorf("step %s %q, want passed", s.Status, s.Reason)
	}
}

// TestNotifyCompressed: a compressed drill notifies nobody unless its
// options ask for it (--notify); then the role hears of the simulated step
// and nobody is escalated to.
func TestNotifyCompressed(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts *drill.NotifyOptions
		want []string
	}{
		{"without --notify", nil, nil},
		{"with --notify", notifyOptions(), []string{"step.waiting to Anna"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env, ib := notifyEnv(t)
			r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day),
				Options: drill.Options{Notify: tt.opts}, Process: process(manualStep("sign-off", "process-owner", 4*hour))})
			if got := ib.said(); !slices.Equal(got, tt.want) {
				t.Errorf("receiver got %v, want %v", got, tt.want)
			}
			if got := eventsOf(r.Steps[0], "notified"); len(got) != len(tt.want) {
				t.Errorf("notified events %q, want %d", got, len(tt.want))
			}
		})
	}
}
