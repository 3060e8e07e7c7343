package workflows

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	dto "github.com/prometheus/client_model/go"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/testsuite"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks"
	"github.com/exitdrill/exitdrill/internal/metrics"
	"github.com/exitdrill/exitdrill/internal/metrics/metricstest"
	"github.com/exitdrill/exitdrill/scenarios"
)

// newMetricsEnv is newEnv whose SDK metrics go to m.
func newMetricsEnv(m *metrics.Metrics) *testsuite.TestWorkflowEnvironment {
	var s testsuite.WorkflowTestSuite
	s.SetLogger(log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	s.SetMetricsHandler(m.SDK())
	env := s.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(Process)
	checks.Register(env, checks.New(os.LookupEnv))
	return env
}

func scrapeMetrics(t *testing.T, m *metrics.Metrics) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	fams, err := metricstest.Parse(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	return fams
}

// TestStepMetrics: every step that ended is counted by kind and status,
// skipped ones too; the ones that ran are timed by kind.
func TestStepMetrics(t *testing.T) {
	start := cmdStep("start", "true")
	restore := after(cmdStep("restore", "false"), "start")
	exitplan := after(waitStep("exitplan", hour), "start")
	signOff := after(waitStep("sign-off", hour), "restore", "exitplan")
	m := metrics.New()
	runProcess(t, newMetricsEnv(m), ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day),
		Process: process(start, restore, exitplan, signOff)})
	fams := scrapeMetrics(t, m)
	got := map[string]float64{}
	for _, s := range fams[metrics.StepsTotal].GetMetric() {
		l := metricstest.Labels(s)
		got[l["kind"]+" "+l["status"]] += s.GetCounter().GetValue()
	}
	want := map[string]float64{"command passed": 1, "command failed": 1, "wait passed": 1, "wait skipped": 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s by kind and status (-want +got):\n%s", metrics.StepsTotal, diff)
	}
	timed := map[string]uint64{}
	for _, s := range fams[metrics.StepDuration].GetMetric() {
		timed[metricstest.Labels(s)["kind"]] += s.GetHistogram().GetSampleCount()
	}
	if diff := cmp.Diff(map[string]uint64{"command": 2, "wait": 1}, timed); diff != "" {
		t.Errorf("%s counts by kind (-want +got):\n%s", metrics.StepDuration, diff)
	}
}

// TestRestoreMetrics: a passed restore adds the bytes of its copy and sets
// the throughput.
func TestRestoreMetrics(t *testing.T) {
	steps, t0 := staleBackupSteps(t)
	m := metrics.New()
	r := runProcess(t, newMetricsEnv(m), ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day), T0: t0,
		Process: process(steps...)})
	if s := r.Steps[1]; s.Status != drill.StepPassed {
		t.Fatalf("restore: %s (%s), want passed", s.Status, s.Reason)
	}
	fams := scrapeMetrics(t, m)
	b := fams[metrics.RestoreBytesTotal].GetMetric()
	if len(b) != 1 || b[0].GetCounter().GetValue() != float64(len("id,holder\n4711,a.jansen\n")) {
		t.Errorf("%s: %v, want the copy's %d bytes", metrics.RestoreBytesTotal, b, len("id,holder\n4711,a.jansen\n"))
	}
	if g := fams[metrics.RestoreBytesPerSecond].GetMetric(); len(g) != 1 || g[0].GetGauge().GetValue() <= 0 {
		t.Errorf("%s: %v, want one positive sample", metrics.RestoreBytesPerSecond, g)
	}
}
