package workflows

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
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
	}, 4*time.Hour)
	env.ExecuteWorkflow(Drill, drill.DrillInput{Plan: plan(scenarios.Live, 30*day, process(manualStep("sign-off", "process-owner", 4*hour))),
		Options: drill.Options{Notify: team(false, true)}, Evidence: drill.EvidenceOptions{Dir: "/bundles/drill-1"}})
	if !env.IsWorkflowCompleted() || env.GetWorkflowError() != nil {
		t.Fatalf("drill did not complete: %v", env.GetWorkflowError())
	}
	var r *drill.DrillResult
	if err := env.GetWorkflowResult(&r); err != nil {
		t.Fatal(err)
	}
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
