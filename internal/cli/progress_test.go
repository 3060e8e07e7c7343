package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/exitdrill/exitdrill/drill"
)

// queryCounter answers progress queries as a drill of running processes
// would, and counts them by workflow id. Only QueryWorkflow is implemented.
type queryCounter struct {
	client.Client
	drill *drill.DrillProgress
	asked map[string]int
}

func (q *queryCounter) QueryWorkflow(_ context.Context, id, _, _ string, _ ...any) (converter.EncodedValue, error) {
	q.asked[id]++
	var v any = q.drill
	if id != q.drill.DrillID {
		v = &drill.ProcessProgress{Process: id, Status: "running", Done: make([]*drill.StepResult, q.asked[id]), Total: 4}
	}
	p, err := converter.GetDefaultDataConverter().ToPayloads(v)
	if err != nil {
		return nil, err
	}
	return client.NewValue(p), nil
}

func TestProgressQueriesAFewProcessesPerTick(t *testing.T) {
	dp := &drill.DrillProgress{DrillID: "d"}
	for i := range 16 {
		id := fmt.Sprintf("p%02d", i)
		dp.Processes = append(dp.Processes, drill.ProcessSummary{ID: id, WorkflowID: "d/" + id, Status: "running", Steps: 4})
	}
	dp.Processes = append(dp.Processes, drill.ProcessSummary{ID: "finished", WorkflowID: "d/finished", Status: "done", Verdict: drill.Recovered})
	q := &queryCounter{drill: dp, asked: map[string]int{}}
	var errs bytes.Buffer
	p := &progressPrinter{s: &Streams{Err: &errs}, seen: map[string]string{}, child: map[string]childSeen{}}
	const ticks = 8 // 16 running, two a tick: each asked once
	for range ticks {
		p.update(context.Background(), q, "d")
	}
	if got, want := q.asked["d"], ticks; got != want {
		t.Errorf("the drill was asked %d times in %d ticks, want %d", got, ticks, want)
	}
	for _, ps := range dp.Processes[:16] {
		if got := q.asked[ps.WorkflowID]; got != 1 {
			t.Errorf("%s was asked %d times in %d ticks, want once (each in turn)", ps.ID, got, ticks)
		}
	}
	if got := q.asked["d/finished"]; got != 0 {
		t.Errorf("a finished process was asked %d times, want never", got)
	}
	// Piped: each process's line once it was asked, with its own progress.
	for _, ps := range dp.Processes[:16] {
		if want := ps.ID + " running 1/4 steps"; !strings.Contains(errs.String(), want+"\n") {
			t.Errorf("output lacks %q:\n%s", want, errs.String())
		}
	}
	// The next round asks the first again, now seen longest ago.
	p.update(context.Background(), q, "d")
	if got := q.asked["d/p00"] + q.asked["d/p01"]; got != 4 {
		t.Errorf("after a full round p00 and p01 were asked %d times together, want 4", got)
	}
}
