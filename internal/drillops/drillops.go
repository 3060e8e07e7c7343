// Package drillops prepares drills (Prepare: load, validate, plan,
// provenance), starts, schedules and lists them on a Temporal server, asks
// them for their progress and waiting manual steps, completes manual steps
// and aborts drills: the client side shared by the CLI and the web console.
package drillops

import (
	"context"
	"errors"
	"fmt"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/workflows"
	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

// Running is the visibility query of the drills that run now.
const Running = "WorkflowType = 'Drill' AND ExecutionStatus = 'Running'"

// All is the visibility query of every drill.
const All = "WorkflowType = 'Drill'"

// Row is one drill in a listing.
type Row struct {
	ID       string    `json:"id"`
	Scenario string    `json:"scenario"`
	Status   string    `json:"status"`
	Workflow string    `json:"workflowStatus"`
	Started  time.Time `json:"started"`
	Closed   time.Time `json:"closed,omitzero"`
	// RunID is the run listed (the console keeps what it read of a run by it).
	RunID string `json:"-"`
}

// List runs a visibility query for Drill workflows, newest first, returning at
// most limit rows.
func List(ctx context.Context, c client.Client, ns, query string, limit int) ([]Row, error) {
	var rows []Row
	var token []byte
	for len(rows) < limit {
		resp, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Namespace: ns, Query: query, PageSize: int32(min(limit, 100)), NextPageToken: token})
		if err != nil {
			return nil, fmt.Errorf("list drills: %w", err)
		}
		for _, e := range resp.GetExecutions() {
			r := Row{ID: e.GetExecution().GetWorkflowId(), RunID: e.GetExecution().GetRunId(), Workflow: StatusWord(e.GetStatus()),
				Started: e.GetStartTime().AsTime()}
			if e.GetCloseTime() != nil {
				r.Closed = e.GetCloseTime().AsTime()
			}
			fields := e.GetSearchAttributes().GetIndexedFields()
			r.Scenario = keyword(fields[searchattr.ScenarioName])
			r.Status = drillStatus(r.Workflow, keyword(fields[searchattr.StatusName]))
			rows = append(rows, r)
		}
		token = resp.GetNextPageToken()
		if len(token) == 0 {
			break
		}
	}
	return rows[:min(len(rows), limit)], nil
}

// drillStatus is a drill's status in a listing: its ExitdrillStatus, or the
// status of its workflow when it set none or was ended while running (a
// terminated drill cannot say so itself).
func drillStatus(workflow, status string) string {
	if status == "" || (workflow != "running" && status == "running") {
		return workflow
	}
	return status
}

// keyword reads a keyword search attribute from its payload.
func keyword(p *commonpb.Payload) string {
	if p == nil {
		return ""
	}
	var s string
	if err := converter.GetDefaultDataConverter().FromPayload(p, &s); err != nil {
		return ""
	}
	return s
}

// StatusWord is the lower-case word of a workflow execution status.
func StatusWord(st enumspb.WorkflowExecutionStatus) string {
	switch st {
	case enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING:
		return "running"
	case enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED:
		return "completed"
	case enumspb.WORKFLOW_EXECUTION_STATUS_FAILED:
		return "failed"
	case enumspb.WORKFLOW_EXECUTION_STATUS_CANCELED:
		return "canceled"
	case enumspb.WORKFLOW_EXECUTION_STATUS_TERMINATED:
		return "terminated"
	case enumspb.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW:
		return "continued-as-new"
	case enumspb.WORKFLOW_EXECUTION_STATUS_TIMED_OUT:
		return "timed-out"
	}
	return "unknown"
}

// Progress asks a running drill for its progress.
func Progress(ctx context.Context, c client.Client, drillID string) (*drill.DrillProgress, error) {
	var dp drill.DrillProgress
	v, err := c.QueryWorkflow(ctx, drillID, "", drill.QueryProgress)
	if err == nil {
		err = v.Get(&dp)
	}
	if err != nil {
		return nil, fmt.Errorf("drill %s: %w", drillID, err)
	}
	return &dp, nil
}

// ProcessProgress asks a process workflow for its progress.
func ProcessProgress(ctx context.Context, c client.Client, workflowID string) (*drill.ProcessProgress, error) {
	var pp drill.ProcessProgress
	v, err := c.QueryWorkflow(ctx, workflowID, "", drill.QueryProgress)
	if err == nil {
		err = v.Get(&pp)
	}
	if err != nil {
		return nil, fmt.Errorf("process %s: %w", workflowID, err)
	}
	return &pp, nil
}

// Waiting is a manual step waiting in a drill.
type Waiting struct {
	Drill string `json:"drill"`
	// Scenario and Mode are the drill's (a tabletop drill counts the
	// declared time, a live one the measured time).
	Scenario string `json:"scenario,omitempty"`
	Mode     string `json:"mode,omitempty"`
	drill.Waiting
}

// WaitingSteps asks every running process of a drill which steps wait.
func WaitingSteps(ctx context.Context, c client.Client, drillID string) ([]Waiting, error) {
	dp, err := Progress(ctx, c, drillID)
	if err != nil {
		return nil, err
	}
	var out []Waiting
	for _, ps := range dp.Processes {
		if ps.Status != "running" {
			continue
		}
		pp, err := ProcessProgress(ctx, c, ps.WorkflowID)
		if err != nil {
			continue // finished between the two queries
		}
		for _, w := range pp.Waiting {
			out = append(out, Waiting{Drill: drillID, Scenario: dp.Scenario, Mode: dp.Mode, Waiting: w})
		}
	}
	return out, nil
}

// ErrNoProcess is returned by Complete when the drill runs no such process.
var ErrNoProcess = errors.New("no such process in the drill")

// Complete sends the complete-step Update to a process of a drill and waits for
// its result. The workflow's validator rejects a step that is not waiting, a
// wrong role or outcome; its message is in the error.
func Complete(ctx context.Context, c client.Client, drillID, process string, req drill.CompleteStep) (*drill.StepResult, error) {
	return CompleteOnce(ctx, c, drillID, process, req, "")
}

// CompleteOnce is Complete with an Update id: the same answer sent twice
// with the same id (a form submitted twice) is recorded once, and both get
// its result. "": Temporal picks a new id.
func CompleteOnce(ctx context.Context, c client.Client, drillID, process string, req drill.CompleteStep, updateID string) (*drill.StepResult, error) {
	h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		UpdateID:   updateID,
		WorkflowID: workflows.ChildID(drillID, process), UpdateName: drill.UpdateCompleteStep,
		Args: []any{req}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return nil, ErrNoProcess
	}
	if err != nil {
		return nil, err
	}
	var r drill.StepResult
	if err := h.Get(ctx, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// ErrNoDrill is returned by Abort when no drill of that id is running
// (unknown, or already finished).
var ErrNoDrill = errors.New("no running drill of that id (unknown, or already finished)")

// Abort sends the abort Signal to a drill.
func Abort(ctx context.Context, c client.Client, drillID string, sig drill.Abort) error {
	err := c.SignalWorkflow(ctx, drillID, "", drill.SignalAbort, sig)
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return fmt.Errorf("abort %s: %w", drillID, ErrNoDrill)
	}
	if err != nil {
		return fmt.Errorf("abort %s: %w", drillID, err)
	}
	return nil
}
