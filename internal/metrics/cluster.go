package metrics

import (
	"context"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Cluster is what a Probe reads from the Temporal server.
type Cluster struct {
	DrillsRunning      int
	ManualStepsWaiting int
	// WaitingUnknown says that some running drill did not answer which of
	// its steps wait (no worker answers queries): ManualStepsWaiting is left
	// out rather than shown too low.
	WaitingUnknown bool
}

// Probe reads the drills running and the manual steps waiting from the
// Temporal server (a visibility query and the drills' progress queries).
type Probe func(ctx context.Context) (Cluster, error)

// probeTimeout bounds one probe; a scrape waits at most this long.
const probeTimeout = 5 * time.Second

// probeEvery is how long a probe's answer is served before the next scrape
// asks again, so that several scrapers do not multiply the queries.
const probeEvery = 10 * time.Second

// Watch adds DrillsRunning and ManualStepsWaiting, read by probe when
// scraped (at most every 10 seconds; the answer is kept in between). They are
// the same on every process watching the same server: a dashboard takes their
// max, not their sum. When the probe fails the two gauges are left out of
// that scrape and ProbeFailures grows. Probes end when ctx
// does. Watch once per Metrics.
func (m *Metrics) Watch(ctx context.Context, probe Probe) error {
	return m.watch(ctx, probe, time.Now)
}

func (m *Metrics) watch(ctx context.Context, probe Probe, now func() time.Time) error {
	c := &clusterCollector{ctx: ctx, probe: probe, now: now,
		running: prometheus.NewDesc(DrillsRunning, "Drills running on the Temporal server.", nil, nil),
		waiting: prometheus.NewDesc(ManualStepsWaiting, "Manual steps of running drills waiting for a person.", nil, nil),
		failures: prometheus.NewCounter(prometheus.CounterOpts{Name: ProbeFailures,
			Help: "Scrapes that could not read drills running and manual steps waiting from the Temporal server."}),
	}
	return m.reg.Register(c)
}

type clusterCollector struct {
	ctx              context.Context
	probe            Probe
	now              func() time.Time
	running, waiting *prometheus.Desc
	failures         prometheus.Counter

	mu   sync.Mutex
	last Cluster
	at   time.Time
}

func (c *clusterCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.running
	ch <- c.waiting
	c.failures.Describe(ch)
}

func (c *clusterCollector) Collect(ch chan<- prometheus.Metric) {
	if v, ok := c.read(); ok {
		ch <- prometheus.MustNewConstMetric(c.running, prometheus.GaugeValue, float64(v.DrillsRunning))
		if !v.WaitingUnknown {
			ch <- prometheus.MustNewConstMetric(c.waiting, prometheus.GaugeValue, float64(v.ManualStepsWaiting))
		}
	}
	c.failures.Collect(ch)
}

// read returns the last answer while it is fresh, else probes.
func (c *clusterCollector) read() (Cluster, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at.IsZero() && c.now().Sub(c.at) < probeEvery {
		return c.last, true
	}
	ctx, cancel := context.WithTimeout(c.ctx, probeTimeout)
	defer cancel()
	v, err := c.probe(ctx)
	if err != nil {
		c.failures.Inc()
		return Cluster{}, false
	}
	c.last, c.at = v, c.now()
	return v, true
}
