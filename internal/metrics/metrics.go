// Package metrics exposes exitdrill's Prometheus metrics on /metrics: the
// Temporal SDK's, through an adapter of the SDK's client.MetricsHandler,
// exitdrill's own that its workflows record through that handler (steps by
// kind and status, step durations, restores), gauges read from the Temporal
// server (drills running, manual steps waiting), and the Go runtime's.
package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.temporal.io/sdk/client"
)

// The names of exitdrill's own metrics, as Prometheus shows them. The
// workflows record the first four through the SDK's handler (package
// workflows, Metric*), a counter gaining _total and a timer _seconds here.
const (
	// StepsTotal counts the steps that ended, by kind and status.
	StepsTotal = "exitdrill_steps_total"
	// StepDuration is a histogram of the steps' wall-clock durations, by kind.
	StepDuration = "exitdrill_step_duration_seconds"
	// RestoreBytesTotal counts the bytes of the copies restored by
	// backup.restore steps that passed.
	RestoreBytesTotal = "exitdrill_restore_bytes_total"
	// RestoreBytesPerSecond is the throughput of the last restore.
	RestoreBytesPerSecond = "exitdrill_restore_bytes_per_second"
	// DrillsRunning is the number of drills running on the Temporal server.
	DrillsRunning = "exitdrill_drills_running"
	// ManualStepsWaiting is the number of manual steps waiting for a person.
	ManualStepsWaiting = "exitdrill_manual_steps_waiting"
	// ProbeFailures counts scrapes that could not read DrillsRunning and
	// ManualStepsWaiting from the server.
	ProbeFailures = "exitdrill_probe_failures_total"
	// NotificationsFailed counts notifications that could not be delivered.
	NotificationsFailed = "exitdrill_notifications_failed_total"
)

// Names are the names of exitdrill's own metrics, for the README and the
// dashboard to be checked against.
var Names = []string{StepsTotal, StepDuration, RestoreBytesTotal, RestoreBytesPerSecond,
	DrillsRunning, ManualStepsWaiting, ProbeFailures, NotificationsFailed}

// Metrics is a registry of one process's metrics. Create it with New, give
// SDK() to the Temporal client (engine.Options.MetricsHandler), add the
// server's gauges with Watch once the client is connected, and serve
// Handler() (Serve does). It is safe for concurrent use.
type Metrics struct {
	reg           *prometheus.Registry
	sdk           *store
	notifications prometheus.Counter
}

// New returns a registry with the Go runtime's and the process's metrics and
// exitdrill's notification counter at 0.
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(), sdk: newStore()}
	m.notifications = prometheus.NewCounter(prometheus.CounterOpts{
		Name: NotificationsFailed,
		Help: "Notifications (of drills, manual steps waiting) that could not be delivered.",
	})
	m.reg.MustRegister(m.sdk, m.notifications,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// SDK is the Temporal client's metrics handler; the workflows' own metrics
// go through it too (workflow.GetMetricsHandler).
func (m *Metrics) SDK() client.MetricsHandler { return sdkHandler{s: m.sdk} }

// NotificationFailed counts one notification that could not be delivered.
func (m *Metrics) NotificationFailed() { m.notifications.Inc() }

// Handler serves the metrics in Prometheus's text format. A metric that
// cannot be gathered is left out, the others still served.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}
