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

// ackCallbacks records the outcome of an UpdateAckInject sent in a test.
type ackCallbacks struct {
	rejected error
	err      error
	done     bool
}

func (u *ackCallbacks) Accept()                   {}
func (u *ackCallbacks) Reject(err error)          { u.rejected, u.done = err, true }
func (u *ackCallbacks) Complete(_ any, err error) { u.done, u.err = true, err }

func sendAck(env *testsuite.TestWorkflowEnvironment, after time.Duration, a drill.AckInject) *ackCallbacks {
	u := &ackCallbacks{}
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(drill.UpdateAckInject, a.Inject+"-"+a.By+"-"+after.String(), u, a)
	}, after)
	return u
}

func inject(id, at, to, msg string) *drill.Inject {
	t, err := drill.ParseSceneTime(at)
	if err != nil {
		panic(err)
	}
	return &drill.Inject{ID: id, At: t, To: to, Message: msg}
}

// runInjectDrill runs a drill of one process with the given steps and
// injects, the team's notifications through a real receiver; setup sends
// updates.
func runInjectDrill(t *testing.T, mode string, opts *drill.NotifyOptions, injects []*drill.Inject, steps []*drill.StepPlan, setup func(*testsuite.TestWorkflowEnvironment)) (*drill.DrillResult, *inbox, time.Time) {
	t.Helper()
	env, ib := notifyEnv(t)
	t0 := amsterdam(t, "2026-12-04 09:00")
	env.SetStartTime(t0)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "drill-1"})
	if setup != nil {
		setup(env)
	}
	p := plan(mode, 30*day, process(steps...))
	p.Injects = injects
	env.ExecuteWorkflow(Drill, drill.DrillInput{Plan: p, Started: t0, Options: drill.Options{Notify: opts}})
	if !env.IsWorkflowCompleted() {
		t.Fatal("drill did not complete")
	}
	if err := env.GetWorkflowError(); err != nil {
		t.Fatalf("drill error: %v", err)
	}
	r := drillResult(t, env)
	return r, ib, t0
}

// TestInjectsLive: in a live drill whose manual step is answered at 6h, the
// inject at T0+2h reaches the process owner at 2h (the event and the real
// receiver say so) and is acknowledged by Anna at 3h; the one at T0+4h is
// delivered and acknowledged by nobody, which the result says; the one at
// T0+20d is not delivered: the drill ended first. Acknowledging before the
// delivery, an unknown inject, and twice by one person are refused.
func TestInjectsLive(t *testing.T) {
	var early, unknown, twice *ackCallbacks
	var anna *ackCallbacks
	setup := func(env *testsuite.TestWorkflowEnvironment) {
		early = sendAck(env, time.Hour, drill.AckInject{Inject: "press", By: "anna"})
		anna = sendAck(env, 3*time.Hour, drill.AckInject{Inject: "press", By: "anna", Note: "answered the journalist"})
		twice = sendAck(env, 3*time.Hour+time.Minute, drill.AckInject{Inject: "press", By: "anna"})
		unknown = sendAck(env, 3*time.Hour, drill.AckInject{Inject: "nope", By: "anna"})
		env.RegisterDelayedCallback(func() {
			env.UpdateWorkflowByID(ChildID("drill-1", "vergunningen"), drill.UpdateCompleteStep, "u1", &updateCallbacks{},
				drill.CompleteStep{Step: "sign-off", Actor: "anna", Role: "process-owner", Outcome: drill.OutcomePass})
		}, 6*time.Hour)
	}
	injects := []*drill.Inject{
		inject("press", "T0+2h", "process-owner", "The press asks whether permits are late."),
		inject("council", "4h", "continuity-manager", "A council member wants a status."),
		inject("minister", "T0+20d", "process-owner", "The ministry asks for the exit plan."),
	}
	r, ib, t0 := runInjectDrill(t, scenarios.Live, team(false, false), injects,
		[]*drill.StepPlan{manualStep("sign-off", "process-owner", 4*hour)}, setup)
	if len(r.Injects) != 3 {
		t.Fatalf("injects = %+v, want 3", r.Injects)
	}
	press, council, minister := r.Injects[0], r.Injects[1], r.Injects[2]
	if press.Status != drill.InjectAcknowledged || !press.Delivered.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("press: %s at %v, want acknowledged, delivered at T0+2h", press.Status, press.Delivered.Sub(t0))
	}
	if len(press.Acks) != 1 || press.Acks[0].By != "anna" || !press.Acks[0].At.Equal(t0.Add(3*time.Hour)) || press.Acks[0].Note != "answered the journalist" {
		t.Errorf("press acks = %+v, want anna at T0+3h with her note", press.Acks)
	}
	if got := delivered(press.Events, t0); len(got) != 1 || got[0] != "inject to Anna at +2h0m0s" {
		t.Errorf("press notified %q, want Anna at +2h", got)
	}
	if council.Status != drill.InjectDelivered || len(council.Acks) != 0 || !council.Delivered.Equal(t0.Add(4*time.Hour)) {
		t.Errorf("council: %s, acks %+v, at %v: want delivered at T0+4h and acknowledged by nobody", council.Status, council.Acks, council.Delivered.Sub(t0))
	}
	if minister.Status != drill.InjectNotDelivered || minister.Why != "the drill ended before its time" || len(minister.Events) != 0 {
		t.Errorf("minister: %s %q, want not delivered: the drill ended first", minister.Status, minister.Why)
	}
	var summary string
	for _, g := range ib.got {
		if g.Event == drill.NotifyDrillEnded && g.To == "Carla" {
			summary = g.Text
		}
	}
	for _, want := range []string{"- inject press (T0+2h to process-owner): acknowledged", "- inject council (T0+4h to continuity-manager): delivered, acknowledged by nobody",
		"- inject minister (T0+20d to process-owner): not-delivered: the drill ended before its time"} {
		if !strings.Contains(summary, want) {
			t.Errorf("end summary lacks %q:\n%s", want, summary)
		}
	}
	var told []string
	for _, g := range ib.got {
		if g.Event == drill.NotifyInject {
			told = append(told, g.To+": "+g.Text)
		}
	}
	if len(told) != 2 || !strings.Contains(told[0], "The press asks whether permits are late. Acknowledge it with: exitdrill ack drill-1 press --by NAME") {
		t.Errorf("receiver got injects %q, want the press one to Anna with how to acknowledge, and the council one", told)
	}
	for name, u := range map[string]*ackCallbacks{"before delivery": early, "unknown": unknown, "twice": twice} {
		if u.rejected == nil {
			t.Errorf("ack %s accepted, want refused", name)
		}
	}
	if !strings.Contains(early.rejected.Error(), "not delivered yet: it is due at T0+2h") ||
		!strings.Contains(unknown.rejected.Error(), `no inject "nope" (injects: press, council, minister)`) ||
		!strings.Contains(twice.rejected.Error(), "already acknowledged by anna") {
		t.Errorf("refusals: %v; %v; %v", early.rejected, unknown.rejected, twice.rejected)
	}
	if anna.rejected != nil || anna.err != nil {
		t.Errorf("anna's ack: rejected %v, err %v", anna.rejected, anna.err)
	}
}

// TestInjectsCompressed: a compressed drill (one scenario day per wall
// second) delivers the inject at T0+2d after 2 wall seconds, to nobody when
// the drill notifies nobody, and says so.
func TestInjectsCompressed(t *testing.T) {
	injects := []*drill.Inject{inject("press", "T0+2d", "process-owner", "The press asks.")}
	r, ib, t0 := runInjectDrill(t, scenarios.Compressed, nil, injects, []*drill.StepPlan{waitStep("settle", 7*day)}, nil)
	in := r.Injects[0]
	if in.Status != drill.InjectDelivered || in.Delivered.Sub(t0) != 2*time.Second {
		t.Errorf("press: %s at +%v, want delivered at +2s (2d at 86400x)", in.Status, in.Delivered.Sub(t0))
	}
	if !strings.Contains(in.Why, "nobody was told") || len(ib.said()) != 0 {
		t.Errorf("why %q, receiver %v: want nobody told, and said so", in.Why, ib.said())
	}
}

// TestInjectsAborted: injects not yet due when the drill is aborted are
// recorded as not delivered, with the abort as the reason.
func TestInjectsAborted(t *testing.T) {
	injects := []*drill.Inject{inject("press", "T0+2h", "process-owner", "The press asks.")}
	abort := func(env *testsuite.TestWorkflowEnvironment) {
		env.RegisterDelayedCallback(func() { env.SignalWorkflow(drill.SignalAbort, drill.Abort{Actor: "j", Reason: "incident"}) }, time.Hour)
	}
	r, _, _ := runInjectDrill(t, scenarios.Live, team(false, false), injects, []*drill.StepPlan{manualStep("sign-off", "process-owner", 4*hour)}, abort)
	if in := r.Injects[0]; in.Status != drill.InjectNotDelivered || in.Why != "the drill was aborted before its time" {
		t.Errorf("press: %s %q, want not delivered because of the abort", in.Status, in.Why)
	}
}

// TestInjectsQuietHours: an inject due at 23:00 reaches Anna, in her quiet
// hours, at 07:00 when they end (the drill still runs); one due at 23:30
// for a drill that ends at 01:00 is dropped with the drill, and says so.
func TestInjectsQuietHours(t *testing.T) {
	for _, tt := range []struct {
		name     string
		expected drill.Duration
		want     []string
		dropped  bool
	}{
		{"drill runs on", 12 * hour, []string{"inject to Anna at +8h0m0s"}, false},
		{"drill ends first", 2 * hour, nil, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env, _ := notifyEnv(t)
			t0 := amsterdam(t, "2026-12-04 23:00")
			env.SetStartTime(t0)
			env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "drill-1"})
			p := plan(scenarios.Live, 30*day, process(waitStep("settle", tt.expected)))
			p.Injects = []*drill.Inject{inject("press", "T0", "process-owner", "The press asks.")}
			env.ExecuteWorkflow(Drill, drill.DrillInput{Plan: p, Started: t0, Options: drill.Options{Notify: team(true, false)}})
			r := drillResult(t, env)
			in := r.Injects[0]
			if got := delivered(in.Events, t0); !slices.Equal(got, tt.want) {
				t.Errorf("delivered %q, want %q", got, tt.want)
			}
			var dropped bool
			for _, e := range in.Events {
				dropped = dropped || e.Kind == "notify-dropped"
			}
			if dropped != tt.dropped || in.Status != drill.InjectDelivered {
				t.Errorf("events %+v, status %s: want dropped %v, status delivered", in.Events, in.Status, tt.dropped)
			}
		})
	}
}
