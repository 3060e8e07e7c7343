package workflows

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/notify"
	"github.com/exitdrill/exitdrill/scenarios"
)

// TestEndSummaryInQuietHoursDoesNotHoldDrill: the drill ends at 02:00, in
// Carla's quiet hours (22:00-07:00). Its result and evidence are made at
// 02:00, not at 07:00: the evidence says her end summary was deferred, and
// a HeldNotices workflow, started by the drill and left running when it
// ends, delivers it at 07:00 to the real receiver.
func TestEndSummaryInQuietHoursDoesNotHoldDrill(t *testing.T) {
	env, ib := notifyEnv(t)
	t0 := amsterdam(t, "2026-12-04 22:00")
	evidenceAt := signedOffDrill(env, t0, 4*time.Hour)
	env.ExecuteWorkflow(Drill, drill.DrillInput{Plan: plan(scenarios.Live, 30*day, process(manualStep("sign-off", "process-owner", 4*hour))),
		Options: drill.Options{Notify: team(false, true)}, Evidence: drill.EvidenceOptions{Dir: "/bundles/drill-1"}})
	if !env.IsWorkflowCompleted() || env.GetWorkflowError() != nil {
		t.Fatalf("drill did not complete: %v", env.GetWorkflowError())
	}
	r := drillResult(t, env)
	if got := evidenceAt.Sub(t0); got != 4*time.Hour {
		t.Errorf("evidence written at +%s, want +4h0m0s when the drill ended (a notification must not hold it)", got)
	}
	if r.Evidence == nil || r.Evidence.Dir != "/bundles/drill-1" {
		t.Errorf("evidence = %+v, want the bundle", r.Evidence)
	}
	want := []string{"drill.ended to Anna at +4h0m0s", "drill.started to Anna at +0s"}
	if got := delivered(r.Notifications, t0); !slices.Equal(got, want) {
		t.Errorf("delivered in the result\n got %q\nwant %q", got, want)
	}
	var deferred []string
	for _, e := range r.Notifications {
		if e.Kind == "notify-deferred" {
			deferred = append(deferred, e.Text)
		}
	}
	wantDeferred := "drill.ended to Carla (continuity-manager) by ops: deferred: quiet hours until 2026-12-05 07:00 Europe/Amsterdam; workflow drill-1#held-notices-1 sends it then, after the drill's result and evidence"
	if !slices.Equal(deferred, []string{wantDeferred}) {
		t.Errorf("deferred = %q\nwant %q", deferred, wantDeferred)
	}
	var carla int
	for i, g := range ib.got {
		if g.Event == drill.NotifyDrillEnded && g.To == "Carla" {
			carla++
			if at := ib.at[i].Sub(t0); at != 9*time.Hour {
				t.Errorf("Carla's summary reached the receiver at +%s, want +9h0m0s (07:00, when her quiet hours end)", at)
			}
			if !strings.Contains(g.Text, "- vergunningen: recovered") {
				t.Errorf("Carla's summary %q, want the verdicts", g.Text)
			}
		}
	}
	if carla != 1 {
		t.Errorf("the receiver got %d end summaries for Carla, want 1", carla)
	}
}

// TestHeldStartNoticeDoesNotHoldContinueAsNew: a drill that continues as
// new at 22:00 (its history limit reached at once) while Carla's start
// notice is held by her quiet hours hands it over and continues at once,
// instead of waiting for 07:00; the carried state says it was deferred.
func TestHeldStartNoticeDoesNotHoldContinueAsNew(t *testing.T) {
	env, _ := notifyEnv(t)
	t0 := amsterdam(t, "2026-12-04 22:00")
	env.SetStartTime(t0)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "drill-1"})
	env.SetContinueAsNewSuggested(true)
	env.SetDetachedChildWait(false) // the clock at the end is then the drill's
	env.ExecuteWorkflow(Drill, drill.DrillInput{Plan: plan(scenarios.Live, 30*day, process(manualStep("sign-off", "process-owner", 4*hour))),
		Options: drill.Options{Notify: team(false, true)}})
	var can *workflow.ContinueAsNewError
	if err := env.GetWorkflowError(); !errors.As(err, &can) {
		t.Fatalf("drill error %v, want continue-as-new", err)
	}
	if got := env.Now().Sub(t0); got > time.Minute {
		t.Errorf("continued as new at +%s, want at once (not when Carla's quiet hours end)", got)
	}
	var next drill.DrillInput
	if err := converter.GetDefaultDataConverter().FromPayloads(can.Input, &next); err != nil {
		t.Fatal(err)
	}
	var deferred []string
	for _, e := range next.Carried.Notified {
		if e.Kind == "notify-deferred" {
			deferred = append(deferred, e.Text)
		}
	}
	want := "drill.started to Carla (continuity-manager) by ops: deferred: quiet hours until 2026-12-05 07:00 Europe/Amsterdam; workflow drill-1#held-notices-1 sends it then, after the drill's result and evidence"
	if !slices.Equal(deferred, []string{want}) {
		t.Errorf("deferred = %q\nwant %q", deferred, want)
	}
}

// flakyInbox is a real webhook receiver that refuses (503) the first
// refuse requests of drill.ended and takes the rest, noting the workflow
// clock of each.
type flakyInbox struct {
	mu     sync.Mutex
	refuse int
	got    []string
	clock  func() time.Time
}

func (f *flakyInbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	var g notify.Generic
	if err := json.Unmarshal(body, &g); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if g.Event == drill.NotifyDrillEnded && f.refuse > 0 {
		f.refuse--
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	f.got = append(f.got, fmt.Sprintf("%s to %s at +%s", g.Event, g.To, f.clock().Sub(flakyT0)))
}

var flakyT0 = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

// TestEndSummaryRetriesDoNotHoldDrill: the receiver is down when the drill
// ends (its first two drill.ended requests get 503): the drill makes one
// attempt per delivery, writes its result and evidence at once, says the
// summaries' retries were handed over, and the HeldNotices workflow
// delivers both (its first try, the receiver back).
func TestEndSummaryRetriesDoNotHoldDrill(t *testing.T) {
	env := newEnv(t)
	fi := &flakyInbox{refuse: 2, clock: env.Now}
	srv := httptest.NewServer(fi)
	t.Cleanup(srv.Close)
	n := &notify.Notifier{
		Config: &notify.Config{Webhooks: []*notify.Webhook{{Name: "ops", URL: srv.URL, SecretEnv: "HOOK_SECRET"}}},
		Getenv: func(k string) string { return map[string]string{"HOOK_SECRET": "hook-secret"}[k] },
	}
	env.RegisterActivityWithOptions(n.Notify, activity.RegisterOptions{Name: drill.NotifyActivity})
	evidenceAt := signedOffDrill(env, flakyT0, time.Hour)
	env.ExecuteWorkflow(Drill, drill.DrillInput{Plan: plan(scenarios.Live, 30*day, process(manualStep("sign-off", "process-owner", 4*hour))),
		Options: drill.Options{Notify: team(false, false)}, Evidence: drill.EvidenceOptions{Dir: "/bundles/drill-1"}})
	if !env.IsWorkflowCompleted() || env.GetWorkflowError() != nil {
		t.Fatalf("drill did not complete: %v", env.GetWorkflowError())
	}
	r := drillResult(t, env)
	if got := evidenceAt.Sub(flakyT0); got != time.Hour {
		t.Errorf("evidence written at +%s, want +1h0m0s when the drill ended (retries must not hold it)", got)
	}
	var deferred []string
	for _, e := range r.Notifications {
		if e.Kind == "notify-deferred" {
			deferred = append(deferred, e.Text)
		}
	}
	slices.Sort(deferred)
	want := []string{
		"drill.ended to Anna (process-owner) by ops: the first attempt failed (webhook ops: the receiver answered HTTP 503: down for maintenance)",
		"drill.ended to Carla (continuity-manager) by ops: the first attempt failed (webhook ops: the receiver answered HTTP 503: down for maintenance)",
	}
	if len(deferred) != 2 || !strings.HasPrefix(deferred[0], want[0]) || !strings.HasPrefix(deferred[1], want[1]) ||
		!strings.HasSuffix(deferred[0], "workflow drill-1#held-notices-1 retries it, after the drill's result and evidence") {
		t.Errorf("deferred\n %q\nwant prefixes %q", deferred, want)
	}
	fi.mu.Lock()
	defer fi.mu.Unlock()
	got := slices.Clone(fi.got)
	slices.Sort(got)
	wantGot := []string{"drill.ended to Anna at +1h0m0s", "drill.ended to Carla at +1h0m0s", "drill.started to Anna at +0s", "drill.started to Carla at +0s", "step.waiting to Anna at +0s"}
	if !slices.Equal(got, wantGot) {
		t.Errorf("the receiver got\n %q\nwant %q", got, wantGot)
	}
}

// signedOffDrill starts drill-1 at t0, has anna sign off its process's
// manual step after d, and returns where the time the evidence activity ran
// will be.
func signedOffDrill(env *testsuite.TestWorkflowEnvironment, t0 time.Time, d time.Duration) *time.Time {
	env.SetStartTime(t0)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "drill-1"})
	var evidenceAt time.Time
	env.RegisterActivityWithOptions(func(_ context.Context, in drill.EvidenceInput) (drill.EvidenceRef, error) {
		evidenceAt = env.Now()
		return drill.EvidenceRef{Dir: in.Dir}, nil
	}, activity.RegisterOptions{Name: drill.WriteEvidenceActivity})
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflowByID(ChildID("drill-1", "vergunningen"), drill.UpdateCompleteStep, "u1", &updateCallbacks{},
			drill.CompleteStep{Step: "sign-off", Actor: "anna", Role: "process-owner", Outcome: drill.OutcomePass})
	}, d)
	return &evidenceAt
}
