package cli

import (
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	dto "github.com/prometheus/client_model/go"

	"github.com/exitdrill/exitdrill/internal/metrics"
	"github.com/exitdrill/exitdrill/internal/metrics/metricstest"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

var metricsURL = regexp.MustCompile(`metrics on (http://\S+/metrics)`)

// gauge is the value of a family's only sample, and whether it has one.
func gauge(fams map[string]*dto.MetricFamily, name string) (float64, bool) {
	ms := fams[name].GetMetric()
	if len(ms) != 1 {
		return 0, false
	}
	return ms[0].GetGauge().GetValue(), true
}

// stepCounts sums exitdrill_steps_total by "kind status".
func stepCounts(fams map[string]*dto.MetricFamily) map[string]float64 {
	out := map[string]float64{}
	for _, m := range fams[metrics.StepsTotal].GetMetric() {
		l := metricstest.Labels(m)
		out[l["kind"]+" "+l["status"]] += m.GetCounter().GetValue()
	}
	return out
}

// TestMetricsDuringDrill runs `exitdrill server --metrics-address` and a
// tabletop drill on it, scraping /metrics while a manual step waits and after
// the drill was aborted.
func TestMetricsDuringDrill(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Execute(ctx, []string{"server", "--state-dir", dir, "--no-ui", "--no-console", "--metrics-address", "127.0.0.1:0"},
			Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	}()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("server did not stop within 30s")
		}
	}()
	if !testkit.Poll(30*time.Second, func() bool { return strings.Contains(out.String(), "Ctrl-C stops it") }) {
		t.Fatalf("server not ready; stdout:\n%s\nstderr:\n%s", out.String(), errb.String())
	}
	m := metricsURL.FindStringSubmatch(errb.String())
	if m == nil {
		t.Fatalf("stderr names no metrics URL:\n%s", errb.String())
	}
	url := m[1]
	if strings.Contains(errb.String(), "warning: --metrics-address") {
		t.Errorf("a loopback address drew the warning:\n%s", errb.String())
	}
	srv := &drillServer{dir: dir}
	srv.detach(t, "metered", "portal-tabletop")

	var fams map[string]*dto.MetricFamily
	testkit.WaitFor(t, "a scrape showing the drill running and approve-switch waiting", 40*time.Second, func() bool {
		var err error
		if fams, err = metricstest.Scrape(url); err != nil {
			t.Logf("scrape: %v", err)
			return false
		}
		running, _ := gauge(fams, metrics.DrillsRunning)
		waiting, _ := gauge(fams, metrics.ManualStepsWaiting)
		return running == 1 && waiting == 1
	})
	if got := stepCounts(fams); got["command passed"] != 1 || got["wait passed"] != 1 {
		t.Errorf("while approve-switch waits: steps %v, want check-dns (command) and settle (wait) passed", got)
	}

	if code, o, e := srv.cmd(t, "abort", "metered", "--reason", "metrics seen", "--actor", "tester"); code != ExitOK {
		t.Fatalf("abort: exit %d, stdout %q, stderr %q", code, o, e)
	}
	srv.result(t, "metered")
	body := scrapeBody(t, url)
	fams, err := metricstest.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"command passed":  2, // check-dns, and switch-back in the rollback
		"wait passed":     1,
		"manual aborted":  1, // approve-switch
		"manual skipped":  1, // confirm-service
		"command skipped": 1, // verify
	}
	if diff := cmp.Diff(want, stepCounts(fams)); diff != "" {
		t.Errorf("%s by kind and status (-want +got):\n%s", metrics.StepsTotal, diff)
	}
	var timed uint64
	for _, m := range metricstest.Find(fams, metrics.StepDuration, map[string]string{"kind": "command"}) {
		timed += m.GetHistogram().GetSampleCount()
	}
	if timed != 2 {
		t.Errorf("%s{kind=command}: %d samples, want 2", metrics.StepDuration, timed)
	}
	if v := metricstest.Find(fams, metrics.NotificationsFailed, nil); len(v) != 1 || v[0].GetCounter().GetValue() != 0 {
		t.Errorf("%s: %v, want 0", metrics.NotificationsFailed, v)
	}
	// The SDK's own metrics, through the same handler.
	t.Logf("SDK families: %v", metricstest.Names(fams, "temporal_"))
	for _, name := range []string{"temporal_request_total", "temporal_workflow_completed_total", "temporal_activity_execution_latency_seconds"} {
		if len(fams[name].GetMetric()) == 0 {
			t.Errorf("no %s; SDK families: %v", name, metricstest.Names(fams, "temporal_"))
		}
	}
	if ms := metricstest.Find(fams, "temporal_activity_execution_latency_seconds", map[string]string{"activity_type": "RunStep", "task_queue": "exitdrill"}); len(ms) == 0 {
		t.Errorf("temporal_activity_execution_latency_seconds has no RunStep sample on task queue exitdrill")
	}
	// Labels name kinds and outcomes, never a drill, a person or a reason.
	for _, s := range []string{"metered", "tester", "metrics seen", "portal"} {
		if strings.Contains(body, s) {
			t.Errorf("the metrics show %q", s)
		}
	}
}

func scrapeBody(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %v %s", url, err, resp.Status)
	}
	return string(b)
}

// TestMetricsAddressRefused: every command with --metrics-address refuses a
// malformed or taken address with exit 2, before it starts anything.
func TestMetricsAddressRefused(t *testing.T) {
	t.Parallel()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	dir := t.TempDir()
	cmds := map[string][]string{
		"server":  {"server", "--no-ui", "--no-console"},
		"worker":  {"worker"},
		"console": {"console"},
		"run":     {"run", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-compressed"), "--actor", "tester"},
	}
	for name, args := range cmds {
		for addr, wantErr := range map[string]string{
			"9464":                `"9464" is not HOST:PORT`,
			"127.0.0.1:99999":     `port "99999" is not a number from 0 to 65535`,
			"bad host:1":          `host "bad host" is neither`,
			taken.Addr().String(): "address already in use",
		} {
			start := time.Now()
			code, o, e := run(t, append(args, "--state-dir", dir, "--metrics-address", addr)...)
			if code != ExitInvalid || o != "" || !strings.Contains(e, "--metrics-address") || !strings.Contains(e, wantErr) {
				t.Errorf("%s --metrics-address %s: exit %d, stdout %q, stderr %q; want 2 and %q", name, addr, code, o, e, wantErr)
			}
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("%s --metrics-address %s took %s: something started first", name, addr, took)
			}
		}
	}
}

// TestMetricsAddressBeyondLoopbackWarns: an address others can reach is
// served, with a warning.
func TestMetricsAddressBeyondLoopbackWarns(t *testing.T) {
	for addr, warn := range map[string]bool{"0.0.0.0:0": true, "127.0.0.1:0": false, "localhost:0": false} {
		var errb strings.Builder
		f := metricsFlag{addr: addr}
		e := engineFlags{command: "worker"}
		if err := f.start(&Streams{Err: &errb}, &e); err != nil {
			t.Fatalf("%s: %v", addr, err)
		}
		f.close()
		if got := strings.Contains(errb.String(), "warning: --metrics-address "+addr+" is not a loopback address"); got != warn {
			t.Errorf("%s: warning %v, want %v; stderr %q", addr, got, warn, errb.String())
		}
		if e.metrics == nil {
			t.Errorf("%s: the engine gets no metrics handler", addr)
		}
	}
}
