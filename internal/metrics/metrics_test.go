package metrics

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	dto "github.com/prometheus/client_model/go"

	"github.com/exitdrill/exitdrill/internal/metrics/metricstest"
)

// scrape serves m's handler once and parses what it wrote.
func scrape(t *testing.T, m *Metrics) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("scrape: status %d: %s", rec.Code, rec.Body)
	}
	fams, err := metricstest.Parse(rec.Body)
	if err != nil {
		t.Fatalf("scrape: %v\n%s", err, rec.Body)
	}
	return fams
}

func TestSDKHandlerExportsCountersGaugesTimers(t *testing.T) {
	m := New()
	h := m.SDK().WithTags(map[string]string{"namespace": "default", "task_queue": "exitdrill"})
	h.Counter("temporal_request").Inc(2)
	h.Counter("temporal_request").Inc(3)
	h.WithTags(map[string]string{"operation": "StartWorkflowExecution"}).Counter("temporal_request").Inc(1)
	h.Gauge("temporal_worker_task_slots_available").Update(7)
	h.Gauge("temporal_worker_task_slots_available").Update(4)
	tm := h.WithTags(map[string]string{"kind": "backup.restore"}).Timer("exitdrill_step_duration")
	tm.Record(300 * time.Millisecond) // bucket 0.5
	tm.Record(2 * time.Second)        // bucket 5
	tm.Record(90 * 24 * time.Hour)    // beyond the last bucket
	fams := scrape(t, m)

	req := fams["temporal_request_total"]
	if req.GetType() != dto.MetricType_COUNTER {
		t.Fatalf("temporal_request_total: type %v, want counter; families %v", req.GetType(), metricstest.Names(fams, "temporal"))
	}
	got := map[string]float64{}
	for _, s := range req.GetMetric() {
		l := metricstest.Labels(s)
		// Every series of a family has the same label names.
		if _, ok := l["operation"]; !ok {
			t.Errorf("series %v lacks the operation label another series has", l)
		}
		got[l["operation"]] = s.GetCounter().GetValue()
	}
	if diff := cmp.Diff(map[string]float64{"": 5, "StartWorkflowExecution": 1}, got); diff != "" {
		t.Errorf("temporal_request_total by operation (-want +got):\n%s", diff)
	}
	if g := metricstest.Find(fams, "temporal_worker_task_slots_available", nil); len(g) != 1 || g[0].GetGauge().GetValue() != 4 {
		t.Errorf("gauge: got %v, want one sample of 4", g)
	}
	hs := metricstest.Find(fams, "exitdrill_step_duration_seconds", map[string]string{"kind": "backup.restore"})
	if len(hs) != 1 {
		t.Fatalf("exitdrill_step_duration_seconds{kind=backup.restore}: %d samples, want 1", len(hs))
	}
	hist := hs[0].GetHistogram()
	if hist.GetSampleCount() != 3 || math.Abs(hist.GetSampleSum()-(2.3+90*86400)) > 1e-6 {
		t.Errorf("histogram count %d sum %f, want 3 and %f", hist.GetSampleCount(), hist.GetSampleSum(), 2.3+90*86400)
	}
	cum := map[float64]uint64{}
	for _, b := range hist.GetBucket() {
		cum[b.GetUpperBound()] = b.GetCumulativeCount()
	}
	for ub, want := range map[float64]uint64{0.1: 0, 0.5: 1, 1: 1, 5: 2, 30 * 86400: 2} {
		if cum[ub] != want {
			t.Errorf("bucket le=%g: %d, want %d", ub, cum[ub], want)
		}
	}
}

func TestSDKHandlerSurvivesHostileNamesAndValues(t *testing.T) {
	m := New()
	h := m.SDK().WithTags(map[string]string{"__reserved": "a", "bad-label.name": "b", "": "c", "v": "\xff\xfe"})
	h.Counter("weird metric-name!").Inc(1)
	h.Counter("weird metric-name!").Inc(-5) // a counter never goes down
	h.Counter("").Inc(1)
	h.Gauge("temporal_request").Update(1)
	h.Counter("temporal_request").Inc(1) // first used as a gauge: dropped
	h.Gauge("g").Update(math.NaN())
	h.Timer("t").Record(-time.Second)
	h.Counter("9starts_with_digit").Inc(1)
	fams := scrape(t, m)
	w := metricstest.Find(fams, "weird_metric_name__total", nil)
	if len(w) != 1 || w[0].GetCounter().GetValue() != 1 {
		t.Fatalf("weird_metric_name__total: %v, want one sample of 1; families %v", w, metricstest.Names(fams, ""))
	}
	if l := metricstest.Labels(w[0]); l["x__reserved"] != "a" || l["bad_label_name"] != "b" || l["_"] != "c" {
		t.Errorf("labels %v: want x__reserved=a, bad_label_name=b, _=c", l)
	}
	if _, ok := fams["__total"]; !ok {
		t.Errorf("an empty name is not recorded as __total; families %v", metricstest.Names(fams, "_"))
	}
	if f := fams["temporal_request_total"]; f != nil {
		t.Errorf("a counter recorded under a gauge's name shows: %v", f)
	}
	if f := fams["temporal_request"]; f.GetType() != dto.MetricType_GAUGE {
		t.Errorf("temporal_request: %v, want the gauge recorded first", f)
	}
	if _, ok := fams["_starts_with_digit_total"]; !ok {
		t.Errorf("a name starting with a digit is not sanitized; families %v", metricstest.Names(fams, ""))
	}
	for _, n := range []string{"g", "t_seconds"} {
		if f := fams[n]; len(f.GetMetric()) != 0 {
			t.Errorf("%s: %v, want no sample (NaN gauge, negative duration)", n, f)
		}
	}
}

func TestSDKHandlerBoundsSeries(t *testing.T) {
	m := New()
	for i := range maxSeries + 50 {
		m.SDK().WithTags(map[string]string{"id": fmt.Sprint(i)}).Counter("c").Inc(1)
	}
	if n := len(scrape(t, m)["c_total"].GetMetric()); n != maxSeries {
		t.Errorf("c_total has %d series, want the cap %d", n, maxSeries)
	}
}

func TestNotificationsFailedStartsAtZero(t *testing.T) {
	m := New()
	s := metricstest.Find(scrape(t, m), NotificationsFailed, nil)
	if len(s) != 1 || s[0].GetCounter().GetValue() != 0 {
		t.Fatalf("%s: %v, want one sample of 0", NotificationsFailed, s)
	}
	m.NotificationFailed()
	if v := metricstest.Find(scrape(t, m), NotificationsFailed, nil)[0].GetCounter().GetValue(); v != 1 {
		t.Errorf("after one failure: %v, want 1", v)
	}
}

func TestWatchProbesAtMostEveryTenSeconds(t *testing.T) {
	m := New()
	var calls atomic.Int32
	probe := func(ctx context.Context) (Cluster, error) {
		n := int(calls.Add(1))
		return Cluster{DrillsRunning: n, ManualStepsWaiting: 2 * n}, nil
	}
	now := time.Unix(1_000_000, 0)
	if err := m.watch(t.Context(), probe, func() time.Time { return now }); err != nil {
		t.Fatal(err)
	}
	gauges := func() (float64, float64) {
		t.Helper()
		fams := scrape(t, m)
		r, w := fams[DrillsRunning].GetMetric(), fams[ManualStepsWaiting].GetMetric()
		if len(r) != 1 || len(w) != 1 {
			t.Fatalf("gauges missing: %v %v", r, w)
		}
		return r[0].GetGauge().GetValue(), w[0].GetGauge().GetValue()
	}
	for _, step := range []struct {
		after        time.Duration
		running, wtg float64
	}{{0, 1, 2}, {9 * time.Second, 1, 2}, {2 * time.Second, 2, 4}} {
		now = now.Add(step.after)
		if r, w := gauges(); r != step.running || w != step.wtg {
			t.Errorf("after %s more: running %v waiting %v, want %v and %v", step.after, r, w, step.running, step.wtg)
		}
	}
}

func TestWatchLeavesGaugesOutWhenProbeFails(t *testing.T) {
	m := New()
	if err := m.Watch(t.Context(), func(context.Context) (Cluster, error) { return Cluster{}, errors.New("down") }); err != nil {
		t.Fatal(err)
	}
	fams := scrape(t, m)
	if fams[DrillsRunning] != nil || fams[ManualStepsWaiting] != nil {
		t.Errorf("gauges shown although the probe failed")
	}
	if f := metricstest.Find(fams, "exitdrill_probe_failures_total", nil); len(f) != 1 || f[0].GetCounter().GetValue() != 1 {
		t.Errorf("exitdrill_probe_failures_total: %v, want 1", f)
	}
}

func TestWatchLeavesWaitingOutWhenUnknown(t *testing.T) {
	m := New()
	if err := m.Watch(t.Context(), func(context.Context) (Cluster, error) {
		return Cluster{DrillsRunning: 2, ManualStepsWaiting: 1, WaitingUnknown: true}, nil
	}); err != nil {
		t.Fatal(err)
	}
	fams := scrape(t, m)
	if r := metricstest.Find(fams, DrillsRunning, nil); len(r) != 1 || r[0].GetGauge().GetValue() != 2 {
		t.Errorf("%s: %v, want 2", DrillsRunning, r)
	}
	if fams[ManualStepsWaiting] != nil {
		t.Errorf("%s shown although unknown: %v", ManualStepsWaiting, fams[ManualStepsWaiting])
	}
}

func TestCheckAddress(t *testing.T) {
	for _, tc := range []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:9464", true},
		{"[::1]:9464", true},
		{"localhost:0", true},
		{":9464", true},
		{"metrics.example.org:9464", true},
		{"", false},
		{"9464", false},
		{"127.0.0.1", false},
		{"127.0.0.1:http", false},
		{"127.0.0.1:70000", false},
		{"127.0.0.1:-1", false},
		{"bad host:9464", false},
		{"-x:9464", false},
		{"http://127.0.0.1:9464", false},
	} {
		err := CheckAddress(tc.addr)
		if (err == nil) != tc.ok {
			t.Errorf("CheckAddress(%q) = %v, want ok %v", tc.addr, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), fmt.Sprintf("%q", tc.addr)) {
			t.Errorf("CheckAddress(%q) = %v: does not name the address", tc.addr, err)
		}
	}
}

func TestServeOnlyMetrics(t *testing.T) {
	m := New()
	srv, err := m.Serve("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	fams, err := metricstest.Scrape("http://" + srv.Addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(metricstest.Names(fams, "go_"), "go_goroutines") {
		t.Errorf("no go_goroutines among %v", metricstest.Names(fams, "go_"))
	}
	resp, err := http.Get("http://" + srv.Addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /: %d, want 404", resp.StatusCode)
	}
	if _, err := m.Serve(srv.Addr); err == nil {
		t.Errorf("a second Serve on %s (taken) did not fail", srv.Addr)
	}
	if _, err := m.Serve("nonsense"); err == nil {
		t.Errorf("Serve(nonsense) did not fail")
	}
}

// TestSDKHandlerConcurrent records from many goroutines while scraping (run
// with -race).
func TestSDKHandlerConcurrent(t *testing.T) {
	m := New()
	done := make(chan struct{})
	for g := range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			h := m.SDK().WithTags(map[string]string{"g": fmt.Sprint(g % 2)})
			for range 500 {
				h.Counter("c").Inc(1)
				h.Gauge("g").Update(1)
				h.Timer("t").Record(time.Millisecond)
			}
		}()
	}
	for range 5 {
		scrape(t, m)
	}
	for range 8 {
		<-done
	}
	var total float64
	for _, s := range scrape(t, m)["c_total"].GetMetric() {
		total += s.GetCounter().GetValue()
	}
	if total != 8*500 {
		t.Errorf("c_total sums to %v, want %d", total, 8*500)
	}
}
