package workflows

import (
	"slices"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

// amsterdam is a wall time in Europe/Amsterdam, for start times and the
// times notifications are expected at.
func amsterdam(t *testing.T, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// quiet gives a person quiet hours on the Amsterdam clock.
func quiet(c *drill.Contact, span string) *drill.Contact {
	q, err := drill.ParseQuietHours(span)
	if err != nil {
		panic(err)
	}
	c.QuietHours, c.Timezone = q, "Europe/Amsterdam"
	return c
}

// team is Anna (process-owner, deputy role process-owner-deputy), Bert
// (the deputy) and Carla (continuity manager), all on the webhook "ops";
// quietAnna and quietCarla give them quiet hours 22:00-07:00.
func team(quietAnna, quietCarla bool) *drill.NotifyOptions {
	anna, carla := &drill.Contact{Name: "Anna", Webhook: "ops"}, &drill.Contact{Name: "Carla", Webhook: "ops"}
	if quietAnna {
		quiet(anna, "22:00-07:00")
	}
	if quietCarla {
		quiet(carla, "22:00-07:00")
	}
	return &drill.NotifyOptions{Contacts: []*drill.RoleContacts{
		{Role: "continuity-manager", People: []*drill.Contact{carla}},
		{Role: "process-owner", Deputy: "process-owner-deputy", People: []*drill.Contact{anna}},
		{Role: "process-owner-deputy", People: []*drill.Contact{{Name: "Bert", Webhook: "ops"}}},
	}}
}

// delivered lists the "notified" events as "event to person at +offset"
// from t0 on the workflow clock, sorted.
func delivered(events []drill.Event, t0 time.Time) []string {
	var out []string
	for _, e := range events {
		if e.Kind != "notified" {
			continue
		}
		what, _, _ := strings.Cut(e.Text, " (")
		out = append(out, what+" at +"+e.At.Sub(t0).String())
	}
	slices.Sort(out)
	return out
}

// TestNotifyEscalationTiming: nobody answers a live manual step expected
// to take 4h (limit 3 × 4h): its role hears at once, the deputy and the
// continuity manager at 4h, and at the limit of 12h the role, the deputy
// and the continuity manager hear that it failed; each delivery reached the
// real receiver and is among the step's events at the workflow time it
// was made.
func TestNotifyEscalationTiming(t *testing.T) {
	env, ib := notifyEnv(t)
	t0 := amsterdam(t, "2026-12-04 09:00")
	env.SetStartTime(t0)
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Live, 30*day),
		Options: drill.Options{Notify: team(false, false)}, Process: process(manualStep("sign-off", "process-owner", 4*hour))})
	s := r.Steps[0]
	want := []string{
		"step.late to Bert at +4h0m0s", "step.late to Carla at +4h0m0s",
		"step.overdue to Anna at +12h0m0s", "step.overdue to Bert at +12h0m0s", "step.overdue to Carla at +12h0m0s",
		"step.waiting to Anna at +0s",
	}
	if got := delivered(s.Events, t0); !slices.Equal(got, want) {
		t.Errorf("delivered\n got %q\nwant %q", got, want)
	}
	wantIn := []string{"step.late to Bert", "step.late to Carla", "step.overdue to Anna", "step.overdue to Bert", "step.overdue to Carla", "step.waiting to Anna"}
	if got := ib.said(); !slices.Equal(got, wantIn) {
		t.Errorf("receiver got %v, want %v", got, wantIn)
	}
	if s.Status != drill.StepFailed || !strings.Contains(s.Reason, "within the limit of 12h") {
		t.Errorf("step %s %q, want failed at its limit", s.Status, s.Reason)
	}
}

// TestNotifyQuietHours: the step starts waiting at 21:30 Amsterdam time
// (expected 1h, limit 3h). Anna hears at once; at 22:30 the late notice
// reaches the deputy Bert but is held for Carla, in her quiet hours until
// 07:00; at 00:30, past the limit, Anna is in hers: the deputy role is told
// instead, and Carla, whose role has no deputy, is told despite hers. The
// step failed, so the held late notice is dropped, and says so.
func TestNotifyQuietHours(t *testing.T) {
	env, ib := notifyEnv(t)
	t0 := amsterdam(t, "2026-12-04 21:30")
	env.SetStartTime(t0)
	step := manualStep("sign-off", "process-owner", hour)
	step.Manual.Limit = 3 * hour
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Live, 30*day),
		Options: drill.Options{Notify: team(true, true)}, Process: process(step)})
	s := r.Steps[0]
	want := []string{"step.late to Bert at +1h0m0s", "step.overdue to Bert at +3h0m0s", "step.overdue to Carla at +3h0m0s", "step.waiting to Anna at +0s"}
	if got := delivered(s.Events, t0); !slices.Equal(got, want) {
		t.Errorf("delivered\n got %q\nwant %q", got, want)
	}
	if got, want := ib.said(), []string{"step.late to Bert", "step.overdue to Bert", "step.overdue to Carla", "step.waiting to Anna"}; !slices.Equal(got, want) {
		t.Errorf("receiver got %v, want %v", got, want)
	}
	for kind, want := range map[string]string{
		"notify-held":             "step.late to Carla (continuity-manager) by ops: held: quiet hours 22:00-07:00 until 2026-12-05 07:00 Europe/Amsterdam",
		"notify-dropped":          "step.late to Carla (continuity-manager) by ops: not sent: it was over before the quiet hours ended",
		"notify-deputy":           "step.overdue to Anna (process-owner): in quiet hours until 2026-12-05 07:00 Europe/Amsterdam; a step past its limit cannot wait: the deputy role process-owner-deputy is told instead",
		"notify-quiet-overridden": "step.overdue to Carla (continuity-manager): in quiet hours until 2026-12-05 07:00 Europe/Amsterdam, but the role has no deputy and a step past its limit cannot wait: sent now",
	} {
		if got := eventsOf(s, kind); !slices.Equal(got, []string{want}) {
			t.Errorf("%s events = %q, want %q", kind, got, want)
		}
	}
}

// TestNotifyHeldUntilQuietHoursEnd: a step that starts waiting at 23:00
// (expected 10h) tells Anna at 07:00, when her quiet hours end, and the
// late notice at 09:00 reaches Carla at once; Anna answers at 09:30.
func TestNotifyHeldUntilQuietHoursEnd(t *testing.T) {
	env, ib := notifyEnv(t)
	t0 := amsterdam(t, "2026-12-04 23:00")
	env.SetStartTime(t0)
	sendUpdate(env, 10*time.Hour+30*time.Minute, drill.CompleteStep{Step: "sign-off", Actor: "anna", Role: "process-owner", Outcome: drill.OutcomePass})
	r := runProcess(t, env, ProcessInput{DrillID: "d1", Scenario: info(scenarios.Live, 30*day),
		Options: drill.Options{Notify: team(true, false)}, Process: process(manualStep("sign-off", "process-owner", 10*hour))})
	s := r.Steps[0]
	want := []string{"step.late to Bert at +10h0m0s", "step.late to Carla at +10h0m0s", "step.waiting to Anna at +8h0m0s"}
	if got := delivered(s.Events, t0); !slices.Equal(got, want) {
		t.Errorf("delivered\n got %q\nwant %q", got, want)
	}
	if got := ib.said(); len(got) != 3 {
		t.Errorf("receiver got %v, want 3 notices", got)
	}
	if s.Status != drill.StepPassed {
		t.Errorf("step %s %q, want passed", s.Status, s.Reason)
	}
}

// runNotifyDrill runs a Drill with the team's notifications through a real
// receiver; setup may schedule signals.
func runNotifyDrill(t *testing.T, t0 time.Time, opts *drill.NotifyOptions, p *drill.ProcessPlan, setup func(*testsuite.TestWorkflowEnvironment)) (*drill.DrillResult, *inbox) {
	t.Helper()
	env, ib := notifyEnv(t)
	env.SetStartTime(t0)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "drill-1"})
	if setup != nil {
		setup(env)
	}
	env.ExecuteWorkflow(Drill, drill.DrillInput{Plan: plan(scenarios.Live, 30*day, p), Options: drill.Options{Notify: opts}})
	if !env.IsWorkflowCompleted() {
		t.Fatal("drill did not complete")
	}
	if err := env.GetWorkflowError(); err != nil {
		t.Fatalf("drill error: %v", err)
	}
	r := drillResult(t, env)
	return r, ib
}

// TestNotifyDrillStartedAndEnded: the continuity manager and the roles of
// the drill's manual steps hear that it started and, with every process's
// verdict, that it ended; the outcomes are the result's notifications. The
// drill ends at 02:00, in Carla's quiet hours: her end summary is deferred
// to 07:00 and the drill does not wait for it (see
// TestEndSummaryInQuietHoursDoesNotHoldDrill).
func TestNotifyDrillStartedAndEnded(t *testing.T) {
	t0 := amsterdam(t, "2026-12-04 22:00")
	sendAnswer := func(env *testsuite.TestWorkflowEnvironment) {
		env.RegisterDelayedCallback(func() {
			env.UpdateWorkflowByID(ChildID("drill-1", "vergunningen"), drill.UpdateCompleteStep, "u1", &updateCallbacks{},
				drill.CompleteStep{Step: "sign-off", Actor: "anna", Role: "process-owner", Outcome: drill.OutcomePass})
		}, 4*time.Hour)
	}
	r, ib := runNotifyDrill(t, t0, team(false, true), process(manualStep("sign-off", "process-owner", 4*hour)), sendAnswer)
	want := []string{"drill.ended to Anna at +4h0m0s", "drill.started to Anna at +0s"}
	if got := delivered(r.Notifications, t0); !slices.Equal(got, want) {
		t.Errorf("delivered\n got %q\nwant %q", got, want)
	}
	for _, g := range ib.got {
		if g.Event == drill.NotifyDrillEnded && !strings.Contains(g.Text, "- vergunningen: recovered: recovered in 4h") {
			t.Errorf("end summary %q, want the process's verdict", g.Text)
		}
	}
	var held []string
	for _, e := range r.Notifications {
		if e.Kind == "notify-held" {
			held = append(held, e.Text)
		}
	}
	// Carla's start notice was held at 22:00 and dropped at the end (its
	// news was stale); her end summary was held and deferred.
	if len(held) != 2 {
		t.Errorf("held = %q, want Carla's start notice and end summary", held)
	}
	if !r.Finished.Equal(t0.Add(4 * time.Hour)) {
		t.Errorf("finished %v, want when the last step ended (the summary's hold is not the drill's time)", r.Finished)
	}
}

// TestNotifyDrillAborted: an aborted drill tells the continuity manager and
// the roles at once, and ends with a summary that says aborted.
func TestNotifyDrillAborted(t *testing.T) {
	t0 := amsterdam(t, "2026-12-04 10:00")
	abort := func(env *testsuite.TestWorkflowEnvironment) {
		env.RegisterDelayedCallback(func() {
			env.SignalWorkflow(drill.SignalAbort, drill.Abort{Actor: "j.devries", Reason: "real incident at KPN"})
		}, time.Hour)
	}
	r, ib := runNotifyDrill(t, t0, team(false, false), process(manualStep("sign-off", "process-owner", 4*hour)), abort)
	want := []string{
		"drill.aborted to Anna at +1h0m0s", "drill.aborted to Carla at +1h0m0s",
		"drill.ended to Anna at +1h0m0s", "drill.ended to Carla at +1h0m0s",
		"drill.started to Anna at +0s", "drill.started to Carla at +0s",
	}
	if got := delivered(r.Notifications, t0); !slices.Equal(got, want) {
		t.Errorf("delivered\n got %q\nwant %q", got, want)
	}
	for _, g := range ib.got {
		if g.Event == drill.NotifyDrillAborted && !strings.Contains(g.Text, "aborted by j.devries: real incident at KPN") {
			t.Errorf("abort notice %q, want who and why", g.Text)
		}
		if g.Event == drill.NotifyDrillEnded && g.Subject != "Drill drill-1 ended: aborted" {
			t.Errorf("end subject %q, want aborted", g.Subject)
		}
	}
}
