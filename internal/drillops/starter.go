package drillops

import (
	"context"
	"fmt"
	"strings"

	commonpb "go.temporal.io/api/common/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/engine"
)

// Starter is who started a drill and why, as its input says (and so its
// evidence): empty for drills started before inputs carried them.
type Starter struct {
	StartedBy string `json:"startedBy"`
	Note      string `json:"note"`
	Account   string `json:"account"` // the OS account beside StartedBy
}

// StarterOf reads who started a drill run (runID "" for the latest) from the
// first event of its history, the input it started with: one event, however
// long the drill.
func StarterOf(ctx context.Context, c client.Client, ns, drill, runID string) (Starter, error) {
	var who Starter
	if err := InputOf(ctx, c, ns, drill, runID, &who); err != nil {
		return Starter{}, err
	}
	return who, nil
}

// InputOf decodes the input a drill run (runID "" for the latest) started
// with into v, which may name only the parts it needs (a drill.DrillInput,
// or a struct of some of its fields): one event of its history is read.
func InputOf(ctx context.Context, c client.Client, ns, drill, runID string, v any) error {
	resp, err := c.WorkflowService().GetWorkflowExecutionHistory(ctx, &workflowservice.GetWorkflowExecutionHistoryRequest{
		Namespace: ns, Execution: &commonpb.WorkflowExecution{WorkflowId: drill, RunId: runID}, MaximumPageSize: 1})
	if err != nil {
		return fmt.Errorf("drill %s: its input: %w", drill, err)
	}
	var attrs *historypb.WorkflowExecutionStartedEventAttributes
	if ev := resp.GetHistory().GetEvents(); len(ev) > 0 {
		attrs = ev[0].GetWorkflowExecutionStartedEventAttributes()
	}
	if attrs == nil || engine.DataConverter.FromPayloads(attrs.GetInput(), v) != nil {
		return fmt.Errorf("drill %s: its history does not start with a drill's input", drill)
	}
	return nil
}

// String is "Started by NAME: NOTE" (the note's lines joined), or "" when
// nobody is recorded.
func (s Starter) String() string {
	if s.StartedBy == "" {
		return ""
	}
	line := "Started by " + drill.Who(s.StartedBy, s.Account)
	if s.Note != "" {
		line += ": " + oneLine(s.Note)
	}
	return line
}

// oneLine puts a note's lines on one line, separated by " / ".
func oneLine(note string) string {
	return strings.Join(strings.Split(note, "\n"), " / ")
}
