package workflows

import (
	"strconv"

	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
)

// Names of the metrics the workflows record through the SDK's metrics
// handler (workflow.GetMetricsHandler). That handler records nothing while a
// workflow replays, so a step is counted once however often its history is
// replayed, and it does no I/O in the workflow: the worker's handler
// (internal/metrics) keeps the values in memory for its /metrics endpoint,
// where a counter is shown with a _total suffix and a timer as a histogram in
// seconds with a _seconds suffix. Without a handler (no --metrics-address)
// they go nowhere.
const (
	// MetricSteps counts the steps that ended, tagged kind and status.
	MetricSteps = "exitdrill_steps"
	// MetricStepDuration times the steps on the wall clock, tagged kind.
	MetricStepDuration = "exitdrill_step_duration"
	// MetricRestoreBytes counts the bytes of the copies that passed
	// backup.restore steps restored.
	MetricRestoreBytes = "exitdrill_restore_bytes"
	// MetricRestoreBytesPerSecond is the throughput of the last restore.
	MetricRestoreBytesPerSecond = "exitdrill_restore_bytes_per_second"
)

// recordStepMetrics records r, a step that ended or was skipped (counted,
// not timed). Its tags are the step's
// kind and status, both from closed sets: never a target, a drill id or
// anything a runbook author wrote.
func recordStepMetrics(ctx workflow.Context, r *drill.StepResult) {
	h := workflow.GetMetricsHandler(ctx).WithTags(map[string]string{"kind": string(r.Kind)})
	h.WithTags(map[string]string{"status": string(r.Status)}).Counter(MetricSteps).Inc(1)
	if r.Status == drill.StepSkipped {
		return
	}
	h.Timer(MetricStepDuration).Record(r.Wall)
	if r.Kind != drill.BackupRestore || r.Status != drill.StepPassed {
		return
	}
	if b, err := strconv.ParseInt(r.Details[drill.DetailBytes], 10, 64); err == nil && b > 0 {
		h.Counter(MetricRestoreBytes).Inc(b)
	}
	if v, err := strconv.ParseFloat(r.Details[drill.DetailBytesPerSecond], 64); err == nil && v >= 0 {
		h.Gauge(MetricRestoreBytesPerSecond).Update(v)
	}
}
