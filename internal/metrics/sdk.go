package metrics

import (
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"go.temporal.io/sdk/client"
)

// maxSeries bounds the label combinations kept for one metric name, so that a
// caller with unbounded tag values cannot grow the worker's memory without
// end; samples of further combinations are dropped.
const maxSeries = 2000

// sdkBuckets are the histogram buckets of the SDK's timers (request and task
// latencies), in seconds.
var sdkBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}

// stepBuckets are the buckets of exitdrill's own timers (a step takes from
// milliseconds to, for a manual step in a live drill, weeks), in seconds.
var stepBuckets = []float64{0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 86400, 7 * 86400, 30 * 86400}

type metricType int

const (
	typeCounter metricType = iota + 1
	typeGauge
	typeHistogram
)

// store holds what the SDK (and the workflows, through the SDK's replay-safe
// handler) record, and is a prometheus.Collector of it. Its families are
// keyed by the name the SDK uses; Prometheus sees counters with a _total
// suffix and timers as histograms in seconds with a _seconds suffix. A name
// keeps the type it was first used with; a use with another type is dropped.
type store struct {
	mu       sync.Mutex
	families map[string]*family
}

type family struct {
	name    string
	typ     metricType
	buckets []float64
	series  map[string]*series
}

type series struct {
	labels map[string]string
	value  float64  // counter, gauge
	counts []uint64 // histogram: per bucket, not cumulative
	count  uint64
	sum    float64
}

func newStore() *store { return &store{families: map[string]*family{}} }

// promName is the name Prometheus sees for the SDK's name of a metric.
func promName(name string, typ metricType) string {
	n := sanitize(name, true)
	switch {
	case typ == typeCounter && !strings.HasSuffix(n, "_total"):
		n += "_total"
	case typ == typeHistogram && !strings.HasSuffix(n, "_seconds"):
		n += "_seconds"
	}
	return n
}

// sanitize makes s a valid metric name (colons allowed) or label name.
func sanitize(s string, metric bool) string {
	var b strings.Builder
	for i, r := range s {
		ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
			i > 0 && r >= '0' && r <= '9' || metric && r == ':'
		if ok {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	out := b.String()
	if !metric && strings.HasPrefix(out, "__") {
		out = "x" + out // names starting with __ are reserved
	}
	return out
}

// record finds the series of name and tags and applies f to it, creating it
// as typ; it does nothing when name is used with another type or the family
// is full.
func (s *store) record(name string, typ metricType, tags map[string]string, f func(*family, *series)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fam := s.families[name]
	if fam == nil {
		fam = &family{name: promName(name, typ), typ: typ, series: map[string]*series{}}
		if typ == typeHistogram {
			fam.buckets = sdkBuckets
			if strings.HasPrefix(name, "exitdrill_") {
				fam.buckets = stepBuckets
			}
		}
		s.families[name] = fam
	}
	if fam.typ != typ {
		return
	}
	key := seriesKey(tags)
	sr := fam.series[key]
	if sr == nil {
		if len(fam.series) >= maxSeries {
			return
		}
		sr = &series{labels: tags}
		if typ == typeHistogram {
			sr.counts = make([]uint64, len(fam.buckets))
		}
		fam.series[key] = sr
	}
	f(fam, sr)
}

// seriesKey is a canonical string of tags (sorted keys).
func seriesKey(tags map[string]string) string {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte(0)
		b.WriteString(tags[k])
		b.WriteByte(0)
	}
	return b.String()
}

// Describe sends nothing: the store is an unchecked collector, since the
// SDK's names and tags are known only once it records them.
func (s *store) Describe(chan<- *prometheus.Desc) {}

// Collect sends every series. A family's label names are the union of its
// series' tags, a tag a series lacks being empty, so every series of a
// family has the same label names, as Prometheus requires.
func (s *store) Collect(ch chan<- prometheus.Metric) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, fam := range s.families {
		var names []string
		for _, sr := range fam.series {
			for k := range sr.labels {
				if !slices.Contains(names, k) {
					names = append(names, k)
				}
			}
		}
		slices.Sort(names)
		desc := prometheus.NewDesc(fam.name, "Temporal SDK metric "+fam.name+" (see the SDK's metrics reference), or exitdrill's own recorded by its workflows.", names, nil)
		for _, sr := range fam.series {
			values := make([]string, len(names))
			for i, k := range names {
				values[i] = sr.labels[k]
			}
			if m, err := fam.metric(desc, sr, values); err == nil {
				ch <- m
			}
		}
	}
}

func (fam *family) metric(desc *prometheus.Desc, sr *series, values []string) (prometheus.Metric, error) {
	switch fam.typ {
	case typeCounter:
		return prometheus.NewConstMetric(desc, prometheus.CounterValue, sr.value, values...)
	case typeGauge:
		return prometheus.NewConstMetric(desc, prometheus.GaugeValue, sr.value, values...)
	}
	buckets := make(map[float64]uint64, len(fam.buckets))
	var cum uint64
	for i, ub := range fam.buckets {
		cum += sr.counts[i]
		buckets[ub] = cum
	}
	return prometheus.NewConstHistogram(desc, sr.count, sr.sum, buckets, values...)
}

// sdkHandler is a client.MetricsHandler over a store.
type sdkHandler struct {
	s    *store
	tags map[string]string // sanitized label names, valid UTF-8 values
}

var _ client.MetricsHandler = sdkHandler{}

// WithTags returns a handler whose metrics carry h's tags and tags, tags
// winning.
func (h sdkHandler) WithTags(tags map[string]string) client.MetricsHandler {
	merged := make(map[string]string, len(h.tags)+len(tags))
	for k, v := range h.tags {
		merged[k] = v
	}
	for k, v := range tags {
		merged[sanitize(k, false)] = strings.ToValidUTF8(v, string(utf8.RuneError))
	}
	return sdkHandler{s: h.s, tags: merged}
}

func (h sdkHandler) Counter(name string) client.MetricsCounter {
	return counterFunc(func(d int64) {
		if d <= 0 {
			return
		}
		h.s.record(name, typeCounter, h.tags, func(_ *family, sr *series) { sr.value += float64(d) })
	})
}

func (h sdkHandler) Gauge(name string) client.MetricsGauge {
	return gaugeFunc(func(v float64) {
		if math.IsNaN(v) {
			return
		}
		h.s.record(name, typeGauge, h.tags, func(_ *family, sr *series) { sr.value = v })
	})
}

func (h sdkHandler) Timer(name string) client.MetricsTimer {
	return timerFunc(func(d time.Duration) {
		if d < 0 {
			return
		}
		secs := d.Seconds()
		h.s.record(name, typeHistogram, h.tags, func(fam *family, sr *series) {
			sr.count++
			sr.sum += secs
			if i, found := slices.BinarySearch(fam.buckets, secs); found || i < len(fam.buckets) {
				sr.counts[i]++
			}
		})
	})
}

type counterFunc func(int64)

func (f counterFunc) Inc(d int64) { f(d) }

type gaugeFunc func(float64)

func (f gaugeFunc) Update(v float64) { f(v) }

type timerFunc func(time.Duration)

func (f timerFunc) Record(d time.Duration) { f(d) }
