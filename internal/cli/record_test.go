package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/notify"
	"github.com/exitdrill/exitdrill/scenarios"
	"github.com/exitdrill/exitdrill/workflows"
)

// record rewrites the histories that workflows' replay test replays. Run it
// before changing a workflow's command sequence, then put the change behind
// workflow.GetVersion so that these histories still replay:
//
//	go test ./internal/cli/ -run TestRecordHistories -record
var record = flag.Bool("record", false, "record workflow histories into workflows/testdata/histories")

func TestRecordHistories(t *testing.T) {
	if !*record {
		t.Skip("run with -record to rewrite workflows/testdata/histories")
	}
	ctx := context.Background()
	// The worker's webhook "ops" refuses the first end summary (503, a
	// failure a retry may mend) and takes everything else.
	t.Setenv(notify.EnvConfig, flakyHookConfig(t))
	t.Setenv("EXITDRILL_RECORD_HOOK_SECRET", "recorded")
	eng, err := engine.Open(ctx, engine.Options{Ephemeral: true, NoUI: true,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if err := eng.StartWorker(registerDrill(eng)); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "workflows", "testdata", "histories")
	for name, tc := range recordedDrills() {
		t.Run(name, func(t *testing.T) {
			tc.plan.DrillID = "rec-" + name // the replay test derives the workflow id from the file name
			in := drill.DrillInput{Plan: tc.plan, Options: tc.opts, Evidence: drill.EvidenceOptions{Root: t.TempDir()}}
			run, err := eng.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: tc.plan.DrillID, TaskQueue: engine.TaskQueue}, workflows.Drill, in)
			if err != nil {
				t.Fatal(err)
			}
			if tc.during != nil {
				tc.during(t, eng.Client, tc.plan.DrillID)
			}
			var res *drill.DrillResult
			if err := run.Get(ctx, &res); err != nil {
				t.Fatal(err)
			}
			ids := []string{tc.plan.DrillID}
			for _, p := range tc.plan.Processes {
				ids = append(ids, workflows.ChildID(tc.plan.DrillID, p.ID))
			}
			for i, id := range ids {
				writeHistories(t, eng.Client, eng.Namespace, id, filepath.Join(dir, name+"-"+kindOf(i)+".json"))
			}
		})
	}
}

func kindOf(i int) string {
	if i == 0 {
		return "drill"
	}
	return "process" + string(rune('0'+i))
}

// writeHistories writes the history of every run of a workflow (more than one
// after continue-as-new): file for the first run, file-runN for the others.
func writeHistories(t *testing.T, c client.Client, ns, id, file string) {
	t.Helper()
	var runs []*workflowpb.WorkflowExecutionInfo
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := c.ListWorkflow(context.Background(), &workflowservice.ListWorkflowExecutionsRequest{
			Namespace: ns, Query: fmt.Sprintf("WorkflowId = %q", id)})
		if err != nil {
			t.Fatal(err)
		}
		runs = resp.GetExecutions()
		// Visibility is eventually consistent: wait until every run is closed.
		if closed(runs) || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	slices.SortFunc(runs, func(a, b *workflowpb.WorkflowExecutionInfo) int {
		return a.GetStartTime().AsTime().Compare(b.GetStartTime().AsTime())
	})
	for n, r := range runs {
		h := &historypb.History{}
		it := c.GetWorkflowHistory(context.Background(), id, r.GetExecution().GetRunId(), false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
		for it.HasNext() {
			e, err := it.Next()
			if err != nil {
				t.Fatal(err)
			}
			h.Events = append(h.Events, e)
		}
		b, err := protojson.MarshalOptions{Indent: " "}.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		name := file
		if n > 0 {
			name = fmt.Sprintf("%s-run%d.json", strings.TrimSuffix(file, ".json"), n+1)
		}
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func closed(runs []*workflowpb.WorkflowExecutionInfo) bool {
	for _, r := range runs {
		if r.GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
			return false
		}
	}
	return len(runs) > 0
}

type recordedDrill struct {
	plan   *drill.Plan
	opts   drill.Options
	during func(*testing.T, client.Client, string)
}

func recordedDrills() map[string]recordedDrill {
	d := func(s string) drill.Duration { v, _ := drill.ParseDuration(s); return v }
	cmd := func(id string, argv ...string) *drill.StepPlan {
		return &drill.StepPlan{ID: id, Kind: drill.Command, Command: argv, Timeout: d("1m")}
	}
	wait := func(id, e string, after ...string) *drill.StepPlan {
		return &drill.StepPlan{ID: id, Kind: drill.Wait, Expected: d(e), After: after}
	}
	manual := func(id, e string, after ...string) *drill.StepPlan {
		return &drill.StepPlan{ID: id, Kind: drill.ManualStep, Expected: d(e), After: after,
			Manual: &drill.Manual{Role: "process-owner", Instructions: "Issue one test permit"}}
	}
	proc := func(id string, steps ...*drill.StepPlan) *drill.ProcessPlan {
		return &drill.ProcessPlan{ID: id, Owner: "Directie", Critical: true, RTO: d("2d"), MTPD: d("7d"), RPO: d("1d"),
			Steps: steps, Rollback: []*drill.StepPlan{cmd("switch-back", "true")}}
	}
	info := func(mode string) drill.Info {
		return drill.Info{ID: "recorded", Duration: d("30d"), Mode: mode, TimeScale: 86400, Lost: []string{"microsoft"}}
	}
	return map[string]recordedDrill{
		"compressed": {plan: &drill.Plan{DrillID: "rec-compressed", Scenario: info(scenarios.Compressed), Processes: []*drill.ProcessPlan{
			proc("parkeren", cmd("switch", "true"), wait("a", "2h", "switch"), wait("b", "1h", "switch"), manual("sign-off", "4h", "a", "b")),
			proc("jeugdzorg", cmd("restore", "false"), wait("settle", "1h", "restore")),
		}}},
		// A tiny history limit makes both workflows continue as new: the Drill
		// between processes (one at a time), each Process between steps.
		"continue-as-new": {plan: &drill.Plan{DrillID: "rec-can", Scenario: info(scenarios.Compressed), Processes: []*drill.ProcessPlan{
			proc("parkeren", chained(cmd("s1", "true"), cmd("s2", "true"), wait("s3", "1h"), cmd("s4", "true"))...),
			proc("belastingen", chained(cmd("s1", "true"), cmd("s2", "true"))...),
			proc("afval", cmd("s1", "true")),
		}}, opts: drill.Options{HistoryLimit: 12, MaxParallel: 1}},
		"tabletop": {plan: &drill.Plan{DrillID: "rec-tabletop", Scenario: info(scenarios.Tabletop), Processes: []*drill.ProcessPlan{
			proc("parkeren", cmd("switch", "true"), manual("sign-off", "4h", "switch")),
		}}, during: func(t *testing.T, c client.Client, id string) {
			completeWhenWaiting(t, c, workflows.ChildID(id, "parkeren"), drill.CompleteStep{
				Step: "sign-off", Actor: "recorder", Role: "process-owner", Outcome: drill.OutcomePass, Note: "recorded"})
		}},
		// Notifications (the worker has no config: each delivery fails at
		// once, recorded), a contact with quiet hours (a side effect each),
		// and injects: one acknowledged, one the drill never reaches.
		"notify": {plan: &drill.Plan{DrillID: "rec-notify", Scenario: info(scenarios.Tabletop), Processes: []*drill.ProcessPlan{
			proc("parkeren", cmd("switch", "true"), manual("sign-off", "4h", "switch")),
		}, Injects: []*drill.Inject{
			{ID: "kickoff", At: 0, To: "process-owner", Message: "The status page is down."},
			{ID: "late", At: drill.SceneTime(d("29d")), To: "process-owner", Message: "Never reached."},
		}}, opts: drill.Options{Notify: recordedContacts()}, during: func(t *testing.T, c client.Client, id string) {
			ackWhenDelivered(t, c, id, drill.AckInject{Inject: "kickoff", By: "recorder"})
			completeWhenWaiting(t, c, workflows.ChildID(id, "parkeren"), drill.CompleteStep{
				Step: "sign-off", Actor: "recorder", Role: "process-owner", Outcome: drill.OutcomePass, Note: "recorded"})
		}},
		// The continuity manager is in quiet hours for the whole drill: her
		// start notice is held and dropped at the end, and her end summary
		// is handed to a HeldNotices child that outlives the drill.
		"notify-held": {plan: &drill.Plan{DrillID: "rec-notify-held", Scenario: info(scenarios.Tabletop), Processes: []*drill.ProcessPlan{
			proc("parkeren", cmd("switch", "true"), manual("sign-off", "4h", "switch")),
		}}, opts: drill.Options{Notify: quietManager(time.Now())}, during: func(t *testing.T, c client.Client, id string) {
			completeWhenWaiting(t, c, workflows.ChildID(id, "parkeren"), drill.CompleteStep{
				Step: "sign-off", Actor: "recorder", Role: "process-owner", Outcome: drill.OutcomePass, Note: "recorded"})
		}},
		// The first attempt at the end summary fails (503): its retries are
		// handed to a HeldNotices child.
		"notify-retry": {plan: &drill.Plan{DrillID: "rec-notify-retry", Scenario: info(scenarios.Tabletop), Processes: []*drill.ProcessPlan{
			proc("parkeren", cmd("switch", "true"), manual("sign-off", "4h", "switch")),
		}}, opts: drill.Options{Notify: &drill.NotifyOptions{Contacts: []*drill.RoleContacts{
			{Role: "process-owner", People: []*drill.Contact{{Name: "Anna", Webhook: "ops"}}},
		}}}, during: func(t *testing.T, c client.Client, id string) {
			completeWhenWaiting(t, c, workflows.ChildID(id, "parkeren"), drill.CompleteStep{
				Step: "sign-off", Actor: "recorder", Role: "process-owner", Outcome: drill.OutcomePass, Note: "recorded"})
		}},
		"abort": {plan: &drill.Plan{DrillID: "rec-abort", Scenario: info(scenarios.Live), Processes: []*drill.ProcessPlan{
			proc("parkeren", cmd("switch", "true"), wait("settle", "1d", "switch"), cmd("verify", "true")),
		}}, during: func(t *testing.T, c client.Client, id string) {
			time.Sleep(2 * time.Second)
			if err := c.SignalWorkflow(context.Background(), id, "", drill.SignalAbort, drill.Abort{Actor: "recorder", Reason: "recorded abort"}); err != nil {
				t.Fatal(err)
			}
		}},
	}
}

// chained makes each step wait for the one before, as the planner does.
func chained(steps ...*drill.StepPlan) []*drill.StepPlan {
	for i := 1; i < len(steps); i++ {
		steps[i].After = []string{steps[i-1].ID}
	}
	return steps
}

// completeWhenWaiting sends the update as soon as the step waits.
func completeWhenWaiting(t *testing.T, c client.Client, wfID string, req drill.CompleteStep) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		h, err := c.UpdateWorkflow(context.Background(), client.UpdateWorkflowOptions{WorkflowID: wfID,
			UpdateName: drill.UpdateCompleteStep, Args: []any{req}, WaitForStage: client.WorkflowUpdateStageCompleted})
		if err == nil {
			var r drill.StepResult
			if err := h.Get(context.Background(), &r); err == nil {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("could not complete %s in %s", req.Step, wfID)
}

// recordedContacts are the contacts of the recorded notify drill: one
// person with quiet hours that are almost never current.
func recordedContacts() *drill.NotifyOptions {
	q, _ := drill.ParseQuietHours("00:00-00:01")
	return &drill.NotifyOptions{Contacts: []*drill.RoleContacts{
		{Role: "continuity-manager", People: []*drill.Contact{{Name: "Carla", Webhook: "ops"}}},
		{Role: "process-owner", People: []*drill.Contact{{Name: "Anna", Webhook: "ops", QuietHours: q, Timezone: "UTC"}}},
	}}
}

// quietManager are contacts whose continuity manager is in quiet hours
// from a minute before now until two hours after (UTC).
func quietManager(now time.Time) *drill.NotifyOptions {
	now = now.UTC()
	q, _ := drill.ParseQuietHours(now.Add(-time.Minute).Format("15:04") + "-" + now.Add(2*time.Hour).Format("15:04"))
	return &drill.NotifyOptions{Contacts: []*drill.RoleContacts{
		{Role: "continuity-manager", People: []*drill.Contact{{Name: "Carla", Webhook: "ops", QuietHours: q, Timezone: "UTC"}}},
		{Role: "process-owner", People: []*drill.Contact{{Name: "Anna", Webhook: "ops"}}},
	}}
}

// flakyHookConfig writes a notifications config whose webhook "ops" posts
// to a receiver on loopback that answers 503 to the first drill.ended and
// 204 to everything else.
func flakyHookConfig(t *testing.T) string {
	t.Helper()
	var mu sync.Mutex
	refused := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Header.Get("X-Exitdrill-Event") == drill.NotifyDrillEnded && !refused {
			refused = true
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	cfg := filepath.Join(t.TempDir(), "notify.yaml")
	if err := os.WriteFile(cfg, []byte(`apiVersion: exitdrill/v1
kind: NotifyConfig
webhooks:
  - {name: ops, url: "`+srv.URL+`/hook", secretEnv: EXITDRILL_RECORD_HOOK_SECRET}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// ackWhenDelivered acknowledges an inject as soon as the drill takes it.
func ackWhenDelivered(t *testing.T, c client.Client, id string, req drill.AckInject) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := drillops.AckInject(context.Background(), c, id, req); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("inject %s of %s was never acknowledged", req.Inject, id)
}
