//go:build unix

package cli

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"google.golang.org/protobuf/proto"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/gen"
	"github.com/exitdrill/exitdrill/scenarios"
	"github.com/exitdrill/exitdrill/workflows"
)

// BenchmarkEngineCeiling measures exitdrill's drill engine against the
// raw-activity ceiling on one embedded server (in memory, as run --ephemeral
// starts it): each iteration runs a drill of a generated catalog with trivial
// steps (gen --trivial-steps: command `true`, a declared wait, command
// `true`, a simulated sign-off) under a month-long compressed loss of the
// largest supplier, the way `exitdrill run` does (preflight, start, progress
// queries, signed evidence), then the ceiling (ceiling_test.go) in the same
// shape on the same server: as many children, as many parallel, a no-op
// activity per command step and a timer per wait. Each is timed from its
// start to its result. It reports drill-steps/s, raw-steps/s, their ratio
// (the target is at least 0.8) and the history of the drill: events and bytes
// of the parent's last run and of the largest child (Temporal's limits are
// 51,200 events and 50 MB per run).
//
// EXITDRILL_BENCH_APPS sets the catalog size (default 1300: 100 processes
// of 4 steps); EXITDRILL_BENCH_PARALLEL the processes drilled at once, on
// both sides (default the drill's, 16); EXITDRILL_BENCH_ONLY=drill or raw
// runs one side alone (for a CPU profile of it: go test -cpuprofile).
func BenchmarkEngineCeiling(b *testing.B) {
	apps := 1300
	if v := os.Getenv("EXITDRILL_BENCH_APPS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("EXITDRILL_BENCH_APPS=%q: %v", v, err)
		}
		apps = n
	}
	if v := os.Getenv("EXITDRILL_BENCH_PARALLEL"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("EXITDRILL_BENCH_PARALLEL=%q: want a positive number", v)
		}
		benchParallel = n
	}
	only := os.Getenv("EXITDRILL_BENCH_ONLY")
	ctx := context.Background()
	dir := b.TempDir()
	o := gen.Scaled(apps, 1)
	o.TrivialSteps = true
	files, err := gen.Catalog(o)
	if err != nil {
		b.Fatal(err)
	}
	if err := writeGenerated(filepath.Join(dir, "catalog"), files, false); err != nil {
		b.Fatal(err)
	}
	scenario := filepath.Join(dir, "largest-30d-compressed.yaml")
	if err := os.WriteFile(scenario, []byte(`apiVersion: exitdrill/v1
kind: Scenario
id: largest-supplier-1-month
lose:
  suppliers: [`+gen.LargestSupplier+`]
duration: 30d
mode: compressed
timeScale: 3600000
`), 0o600); err != nil {
		b.Fatal(err)
	}

	eng, err := engine.Open(ctx, engine.Options{Ephemeral: true, NoUI: true,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	if err := eng.StartWorker(func(w worker.Registry) { registerWith(w, key, nil) }); err != nil {
		b.Fatal(err)
	}
	cw := engine.NewWorkerOn(eng.Client, ceilingQueue, func(w worker.Registry) {
		w.RegisterWorkflow(ceilingParent)
		w.RegisterWorkflow(ceilingChild)
		w.RegisterActivity(ceilingNoop)
	})
	if err := cw.Start(); err != nil {
		b.Fatal(err)
	}
	defer cw.Stop()

	var drillSecs, rawSecs, drillCPU, rawCPU float64
	var drillSteps, rawSteps int
	var hist benchHistory
	for i := 0; b.Loop(); i++ {
		if only != "raw" {
			s, took, cpu, h := benchDrill(ctx, b, eng, dir, scenario, i)
			drillSteps, drillSecs, drillCPU, hist = drillSteps+s, drillSecs+took.Seconds(), drillCPU+cpu.Seconds(), h
			if only == "" {
				b.StopTimer() // the ceiling is not exitdrill's time
			}
		}
		if only != "drill" {
			s, took, cpu := benchCeiling(ctx, b, eng, dir, scenario, i)
			rawSteps, rawSecs, rawCPU = rawSteps+s, rawSecs+took.Seconds(), rawCPU+cpu.Seconds()
			if only == "" {
				b.StartTimer()
			}
		}
	}
	if drillSecs > 0 {
		b.ReportMetric(float64(drillSteps)/drillSecs, "drill-steps/s")
		b.ReportMetric(float64(drillSteps)/float64(b.N), "drill-steps")
		b.ReportMetric(drillCPU*1000/float64(drillSteps), "drill-cpu-ms/step")
		b.ReportMetric(float64(hist.parentEvents), "parent-events")
		b.ReportMetric(float64(hist.parentBytes), "parent-bytes")
		b.ReportMetric(float64(hist.childEvents), "child-events")
		b.ReportMetric(float64(hist.childBytes), "child-bytes")
		b.ReportMetric(float64(hist.parentRuns), "parent-runs")
		b.ReportMetric(float64(hist.evidence.Milliseconds()), "evidence-ms")
		b.ReportMetric(float64(hist.childCPU.Milliseconds()), "commands-cpu-ms")
	}
	if rawSecs > 0 {
		b.ReportMetric(float64(rawSteps)/rawSecs, "raw-steps/s")
		b.ReportMetric(rawCPU*1000/float64(rawSteps), "raw-cpu-ms/step")
	}
	if drillSecs > 0 && rawSecs > 0 {
		b.ReportMetric(float64(drillSteps)/drillSecs/(float64(rawSteps)/rawSecs), "ratio")
		// On a shared machine the wall time waits for a core; the CPU
		// time the process spent per step does not.
		b.ReportMetric((rawCPU/float64(rawSteps))/(drillCPU/float64(drillSteps)), "cpu-ratio")
	}
}

// benchParallel is the drill's MaxParallel in BenchmarkEngineCeiling (0:
// the default); the ceiling uses the same.
var benchParallel int

// benchPrepare prepares the benchmark's drill id as `run` does.
func benchPrepare(ctx context.Context, b *testing.B, dir, scenario, id string) drillops.Prepared {
	b.Helper()
	p, err := drillops.Prepare(ctx, drillops.Request{Catalogs: []string{filepath.Join(dir, "catalog")}, Scenario: scenario,
		ID: id, StartedBy: "benchmark", Reports: filepath.Join(dir, "reports"), MaxParallel: benchParallel})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// benchDrill runs drill number i as `exitdrill run` does and returns its
// steps, the time from its start to its result (evidence written), and its
// history's size.
func benchDrill(ctx context.Context, b *testing.B, eng *engine.Engine, dir, scenario string, i int) (int, time.Duration, time.Duration, benchHistory) {
	b.Helper()
	b.StopTimer()
	p := benchPrepare(ctx, b, dir, scenario, "drill-"+strconv.Itoa(i))
	s := &Streams{Out: io.Discard, Err: io.Discard}
	if err := preflight(ctx, eng.Client, p, false, s); err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
	start, cpu0, child0 := time.Now(), cpuTime(), rusage(syscall.RUSAGE_CHILDREN)
	run, err := drillops.Start(ctx, eng.Client, p.Options, p.Input)
	if err != nil {
		b.Fatal(err)
	}
	res, err := follow(ctx, eng.Client, run, s)
	took, cpu, childCPU := time.Since(start), cpuTime()-cpu0, rusage(syscall.RUSAGE_CHILDREN)-child0
	if err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	defer b.StartTimer()
	if ref := res.Evidence; ref == nil || ref.Error != "" || !ref.Signed {
		b.Fatalf("drill %s: evidence %+v, want a signed bundle", res.DrillID, ref)
	}
	steps := 0
	for _, pr := range res.Processes {
		steps += len(pr.Steps) + len(pr.Rollback)
		if pr.Verdict == drill.Inconclusive || pr.Verdict == drill.Aborted {
			b.Fatalf("process %s: %s (%s): the benchmark's steps must run", pr.Process, pr.Verdict, pr.Why)
		}
	}
	h := benchHistory{parentRuns: res.Runs, childCPU: childCPU}
	h.parentEvents, h.parentBytes, h.evidence = historySize(ctx, b, eng.Client, res.DrillID)
	for _, pp := range p.Plan.Processes {
		n, size, _ := historySize(ctx, b, eng.Client, workflows.ChildID(res.DrillID, pp.ID))
		h.childEvents, h.childBytes = max(h.childEvents, n), max(h.childBytes, size)
	}
	return steps, took, cpu, h
}

// benchCeiling runs the ceiling in the shape of the benchmark's drill and
// returns its steps and the time from its start to its result.
func benchCeiling(ctx context.Context, b *testing.B, eng *engine.Engine, dir, scenario string, i int) (int, time.Duration, time.Duration) {
	b.Helper()
	b.StopTimer()
	p := benchPrepare(ctx, b, dir, scenario, "ceiling-"+strconv.Itoa(i))
	in := ceilingInput{Children: len(p.Plan.Processes), Parallel: p.Input.Options.WithDefaults().MaxParallel}
	sc := p.Plan.Scenario
	for _, st := range p.Plan.Processes[0].Steps {
		spec, _ := st.Kind.Spec()
		var cs ceilingStep
		if spec.Runner != drill.Worker {
			cs.Timer = time.Millisecond
			if sc.Mode != scenarios.Live && sc.TimeScale > 1 {
				cs.Timer = max(time.Duration(float64(st.Expected.Std())/sc.TimeScale), time.Millisecond)
			}
		}
		in.Steps = append(in.Steps, cs)
	}
	b.StartTimer()
	start, cpu0 := time.Now(), cpuTime()
	run, err := eng.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "ceiling-" + strconv.Itoa(i), TaskQueue: ceilingQueue}, ceilingParent, in)
	if err != nil {
		b.Fatal(err)
	}
	var steps int
	if err := run.Get(ctx, &steps); err != nil {
		b.Fatal(err)
	}
	took, cpu := time.Since(start), cpuTime()-cpu0
	if want := in.Children * len(in.Steps); steps != want {
		b.Fatalf("ceiling ran %d steps, want %d", steps, want)
	}
	return steps, took, cpu
}

// cpuTime is the CPU time (user and system) this process and the children
// it waited for (the steps' commands) have used.
func cpuTime() time.Duration {
	return rusage(syscall.RUSAGE_SELF) + rusage(syscall.RUSAGE_CHILDREN)
}

// rusage is the CPU time (user and system) of who: RUSAGE_SELF or
// RUSAGE_CHILDREN.
func rusage(who int) time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(who, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchHistory is the size of a drill's history: its parent's last run and
// its largest child.
type benchHistory struct {
	parentEvents, parentBytes, childEvents, childBytes, parentRuns int
	evidence                                                       time.Duration // the evidence activity, started to completed
	childCPU                                                       time.Duration // CPU time of the steps' commands
}

// historySize returns the events and bytes of the last run of workflow id,
// and how long its evidence activity ran (started to completed), if any.
func historySize(ctx context.Context, b *testing.B, c client.Client, id string) (events, bytes int, evidence time.Duration) {
	b.Helper()
	it := c.GetWorkflowHistory(ctx, id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	var scheduled int64
	var started time.Time
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			b.Fatalf("history of %s: %v", id, err)
		}
		events++
		bytes += proto.Size(e)
		switch {
		case e.GetActivityTaskScheduledEventAttributes().GetActivityType().GetName() == drill.WriteEvidenceActivity:
			scheduled = e.GetEventId()
		case scheduled != 0 && e.GetActivityTaskStartedEventAttributes().GetScheduledEventId() == scheduled:
			started = e.GetEventTime().AsTime()
		case scheduled != 0 && e.GetActivityTaskCompletedEventAttributes().GetScheduledEventId() == scheduled:
			evidence = e.GetEventTime().AsTime().Sub(started)
		}
	}
	return events, bytes, evidence
}
