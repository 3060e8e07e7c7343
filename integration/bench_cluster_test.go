//go:build integration

package integration

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/activity"
	sdkclient "go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
)

// TestBenchCluster is `make bench-cluster`, not part of `make integration`:
// a generated catalog of BENCH_PROCESSES processes (default 2,500: 10,000
// steps, the scale; one drill admits about 3,300 of these
// processes, drillops.CheckPayload), four trivial steps each: two commands, a declared wait and a simulated
// sign-off) drilled under a month-long loss of every supplier in compressed
// mode on the multi-service cluster with three workers; then the same shape
// in raw Temporal (see rawCeiling) on the same cluster, as the ceiling. It
// prints the table of figures.
func TestBenchCluster(t *testing.T) {
	if os.Getenv("EXITDRILL_BENCH_CLUSTER") == "" {
		t.Skip("make bench-cluster runs this benchmark (EXITDRILL_BENCH_CLUSTER=1)")
	}
	procs := 2500
	if v, err := strconv.Atoi(os.Getenv("BENCH_PROCESSES")); err == nil && v > 0 {
		procs = v
	}
	dir := t.TempDir()
	catalog, scenarioFile := benchCatalog(t, dir, procs)
	c := newCluster(t, 3, dir)

	used := c.watchUsage(t)
	tc := c.sdkClient(t)
	defer tc.Close()
	start := time.Now()
	id := c.startDrill(catalog, scenarioFile)
	res := c.awaitDrill(t, tc, id, time.Hour)
	steps, passed := 0, 0
	for _, p := range res.Processes {
		for _, s := range p.Steps {
			steps++
			if s.Status == drill.StepPassed {
				passed++
			}
		}
	}
	took := wall(res)
	t.Logf("drill %s: %d processes, %d steps (%d passed) in %s (%s since the start command)", id, len(res.Processes), steps, passed,
		took.Round(100*time.Millisecond), time.Since(start).Round(100*time.Millisecond))
	drillUse := used()
	events := c.historyEvents(t, tc, id)
	payload := evidencePayload(t, tc, id)

	used = c.watchUsage(t)
	hostCPU := processCPU()
	rawTook := c.rawCeiling(t, tc, len(res.Processes), steps)
	hostCPU = processCPU() - hostCPU
	rawUse := used()
	rate, raw := float64(steps)/took.Seconds(), float64(steps)/rawTook.Seconds()
	rows := [][2]string{
		{"catalog", fmt.Sprintf("%d processes, %d steps (%d passed), month-long loss of every supplier, compressed", len(res.Processes), steps, passed)},
		{"drill wall time", took.Round(100 * time.Millisecond).String()},
		{"exitdrill steps/s", fmt.Sprintf("%.1f", rate)},
		{"raw ceiling steps/s (same cluster)", fmt.Sprintf("%.1f (%d no-op activities and %d timers in %s)", raw, steps/2, steps/2, rawTook.Round(100*time.Millisecond))},
		{"ratio (target >= 0.8)", fmt.Sprintf("%.2f", rate/raw)},
		{"history events", events},
		{"evidence step's input (one payload, limit 2 MiB)", payload},
	}
	names := make([]string, 0, len(drillUse.peak))
	for n := range drillUse.peak {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		rows = append(rows, [2]string{"peak memory (anon) " + n, fmt.Sprintf("%.0f MB", float64(drillUse.peak[n])/1e6)})
	}
	// Where the time goes: the CPU each part spent per 1,000 steps, in the
	// drill and in the ceiling (whose workers run in this test process; the
	// drill's are the worker containers, idle during the ceiling).
	perK := func(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()*1000/float64(max(1, steps))) }
	var drillAll, rawAll time.Duration
	for _, n := range names {
		drillAll += drillUse.cpu[n]
		rawAll += rawUse.cpu[n]
		rows = append(rows, [2]string{"CPU per 1,000 steps " + n, fmt.Sprintf("drill %s, ceiling %s", perK(drillUse.cpu[n]), perK(rawUse.cpu[n]))})
	}
	rows = append(rows, [2]string{"CPU per 1,000 steps, ceiling's workers (test process)", perK(hostCPU)},
		[2]string{"CPU per 1,000 steps, all", fmt.Sprintf("drill %s, ceiling %s", perK(drillAll), perK(rawAll+hostCPU))})
	fmt.Println("bench-cluster:")
	for _, r := range rows {
		fmt.Printf("  %-45s %s\n", r[0], r[1])
		figures.add("bench-cluster: "+r[0], r[1])
	}
}

// awaitDrill waits for the drill's workflow to close as the raw ceiling
// waits for its parent: one long poll of the server through the SDK
// (following the drill's continued runs), not by polling `exitdrill status`
// every 200 ms as the functional tests do. Each of those polls is a fresh
// exitdrill process (TLS handshake, a query of the drill's progress through
// the frontend to its worker), five a second for the whole drill, on the
// same two cores as the cluster: load the ceiling's run never carries. The
// result is then read once with `exitdrill status`.
func (c *cluster) awaitDrill(t *testing.T, tc sdkclient.Client, id string, within time.Duration) *drill.DrillResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	// nil: the result is not decoded here (it may be compressed by
	// exitdrill's converter); status below reads it.
	if err := tc.GetWorkflow(ctx, id, "").Get(ctx, nil); err != nil {
		t.Fatalf("drill %s: %v", id, err)
	}
	return c.result(id, 5*time.Minute)
}

// benchCatalog generates the catalog with trivial steps (their command is
// `true`, the image's /true from integration/tinytrue, as in the embedded
// benchmark) and a scenario that loses every supplier for a month.
func benchCatalog(t *testing.T, dir string, procs int) (catalog, scenarioFile string) {
	t.Helper()
	catalog = filepath.Join(dir, "catalog")
	apps := procs * 13
	if out, code := host("gen", "catalog", "--apps", strconv.Itoa(apps), "--processes", strconv.Itoa(procs), "--trivial-steps", "-o", catalog); code != 0 {
		t.Fatalf("gen catalog: exit %d\n%s", code, out)
	}
	ids := map[string]bool{}
	err := filepath.WalkDir(catalog, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range regexp.MustCompile(`(?m)^  - id: (\S+)\n    name:`).FindAllStringSubmatch(string(b), -1) {
			if strings.Contains(filepath.Base(p), "supplier") {
				ids[m[1]] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) == 0 {
		t.Fatal("no supplier ids found in the generated catalog")
	}
	lost := make([]string, 0, len(ids))
	for id := range ids {
		lost = append(lost, id)
	}
	sort.Strings(lost)
	scenarioFile = filepath.Join(dir, "all-1-month.yaml")
	writeFile(t, scenarioFile, []byte(fmt.Sprintf(`apiVersion: exitdrill/v1
kind: Scenario
id: every-supplier-1-month
lose: {suppliers: [%s]}
duration: 30d
mode: compressed
timeScale: 3600000
`, strings.Join(lost, ", "))))
	return catalog, scenarioFile
}

// usage is what the containers of the cluster used during one phase of the
// benchmark: each container's peak anonymous memory (what RSS counts) and
// the CPU time it spent, by name.
type usage struct {
	peak map[string]uint64
	cpu  map[string]time.Duration
}

// watchUsage samples every container of the cluster once a second (Docker's
// stats stream); the function it returns stops and returns what each
// container used since: its peak memory and its CPU time (the difference
// between the first and the last sample's cumulative CPU usage).
func (c *cluster) watchUsage(t *testing.T) func() usage {
	ctx, cancel := context.WithCancel(context.Background())
	cs, err := c.d.ContainerList(ctx, client.ContainerListOptions{Filters: client.Filters{}.Add("label", labelRun+"="+c.run)})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	u := usage{peak: map[string]uint64{}, cpu: map[string]time.Duration{}}
	for _, ctr := range cs.Items {
		name := strings.TrimSuffix(strings.TrimPrefix(ctr.Names[0], "/exitdrill-it-"), "-"+c.run)
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := c.d.ContainerStats(ctx, ctr.ID, client.ContainerStatsOptions{Stream: true})
			if err != nil {
				return
			}
			defer st.Body.Close()
			dec := json.NewDecoder(st.Body)
			var first uint64
			for n := 0; ; n++ {
				var s container.StatsResponse
				if dec.Decode(&s) != nil {
					return
				}
				v := s.MemoryStats.Stats["anon"]
				if v == 0 {
					v = s.MemoryStats.Usage
				}
				total := s.CPUStats.CPUUsage.TotalUsage
				if n == 0 {
					first = total
				}
				mu.Lock()
				u.peak[name] = max(u.peak[name], v)
				u.cpu[name] = time.Duration(total - min(first, total))
				mu.Unlock()
			}
		}()
	}
	return func() usage {
		cancel()
		wg.Wait()
		mu.Lock()
		defer mu.Unlock()
		return u
	}
}

// processCPU is the CPU time (user and system) this test process has spent
// so far: the raw ceiling's workers run in it.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// sdkClient is a Temporal client of the host's certificate to the cluster.
func (c *cluster) sdkClient(t *testing.T) sdkclient.Client {
	t.Helper()
	cert, err := tls.LoadX509KeyPair(filepath.Join(c.certDir, "host.pem"), filepath.Join(c.certDir, "host-key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	b, err := os.ReadFile(filepath.Join(c.certDir, "ca.pem"))
	if err != nil || !pool.AppendCertsFromPEM(b) {
		t.Fatalf("read the CA: %v", err)
	}
	quiet := sdklog.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
	tc, err := sdkclient.Dial(sdkclient.Options{HostPort: c.address(), Namespace: c.namespace, Logger: quiet,
		ConnectionOptions: sdkclient.ConnectionOptions{TLS: &tls.Config{Certificates: []tls.Certificate{cert}, RootCAs: pool, MinVersion: tls.VersionTLS12}}})
	if err != nil {
		t.Fatal(err)
	}
	return tc
}

// historyEvents says how long the drill's histories grew: the drill
// workflow's (all its runs) and the largest of its process workflows'.
func (c *cluster) historyEvents(t *testing.T, tc sdkclient.Client, id string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	d, err := tc.DescribeWorkflowExecution(ctx, id, "")
	if err != nil {
		return "unknown: " + err.Error()
	}
	parent := d.GetWorkflowExecutionInfo().GetHistoryLength()
	var largest, children int64
	var token []byte
	for {
		resp, err := tc.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{Namespace: c.namespace,
			Query: fmt.Sprintf("ParentWorkflowId = '%s'", id), NextPageToken: token, PageSize: 1000})
		if err != nil {
			return fmt.Sprintf("drill workflow %d events (its last run); children unknown: %v", parent, err)
		}
		for _, ex := range resp.GetExecutions() {
			children++
			largest = max(largest, ex.GetHistoryLength())
		}
		if token = resp.GetNextPageToken(); len(token) == 0 {
			break
		}
	}
	return fmt.Sprintf("drill workflow %d (its last run), %d process workflows, largest %d (limit 51,200)", parent, children, largest)
}

// rawCeiling runs, from one parent on three SDK workers of a task queue of
// its own, the least Temporal work a drill of the generated runbooks could
// cost: a child workflow per process, at most as many at once as a drill
// (drill.Options' default MaxParallel), each running the trivial runbook's
// shape with nothing else — a no-op activity for each command step, a timer
// of the scaled length for the declared wait and the simulated sign-off.
// It returns the wall time.
func (c *cluster) rawCeiling(t *testing.T, tc sdkclient.Client, procs, steps int) time.Duration {
	t.Helper()
	per := steps / max(1, procs)
	if per != 4 {
		t.Fatalf("%d steps for %d processes: the ceiling mirrors runbooks of 4 trivial steps", steps, procs)
	}
	queue := "raw-ceiling-" + c.run
	for range 3 {
		w := worker.New(tc, queue, worker.Options{})
		w.RegisterWorkflowWithOptions(rawParent, workflow.RegisterOptions{Name: "RawParent"})
		w.RegisterWorkflowWithOptions(rawChild, workflow.RegisterOptions{Name: "RawChild"})
		w.RegisterActivityWithOptions(rawNoop, activity.RegisterOptions{Name: "RawNoop"})
		if err := w.Start(); err != nil {
			t.Fatal(err)
		}
		defer w.Stop()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	// 1 h of scenario time at the bench scenario's time scale.
	timer := time.Duration(float64(time.Hour) / 3600000)
	start := time.Now()
	run, err := tc.ExecuteWorkflow(ctx, sdkclient.StartWorkflowOptions{ID: "raw-ceiling-" + c.run, TaskQueue: queue},
		"RawParent", procs, drill.Options{}.WithDefaults().MaxParallel, timer)
	if err != nil {
		t.Fatal(err)
	}
	if err := run.Get(ctx, nil); err != nil {
		t.Fatalf("raw ceiling workflow: %v", err)
	}
	return time.Since(start)
}

// rawParent starts procs RawChild workflows, at most parallel at once.
func rawParent(ctx workflow.Context, procs, parallel int, timer time.Duration) error {
	sel := workflow.NewSelector(ctx)
	running, next := 0, 0
	var first error
	for next < procs || running > 0 {
		for running < parallel && next < procs {
			cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
				WorkflowID: fmt.Sprintf("%s-%d", workflow.GetInfo(ctx).WorkflowExecution.ID, next)})
			sel.AddFuture(workflow.ExecuteChildWorkflow(cctx, "RawChild", timer), func(f workflow.Future) {
				running--
				if err := f.Get(ctx, nil); err != nil && first == nil {
					first = err
				}
			})
			running++
			next++
		}
		sel.Select(ctx)
	}
	return first
}

// rawChild is a trivial runbook's shape: command, wait, command, sign-off.
func rawChild(ctx workflow.Context, timer time.Duration) error {
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	for i := range 4 {
		var err error
		if i%2 == 0 {
			err = workflow.ExecuteActivity(actx, "RawNoop").Get(ctx, nil)
		} else {
			err = workflow.Sleep(ctx, timer)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func rawNoop(context.Context) error { return nil }

// evidencePayload is the size of the largest payload of the drill: its
// evidence step's input (the drill's input and every process's summary), as the last
// run of the drill's workflow scheduled it, beside the 2 MiB limit.
func evidencePayload(t *testing.T, tc sdkclient.Client, id string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	it := tc.GetWorkflowHistory(ctx, id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for it.HasNext() {
		ev, err := it.Next()
		if err != nil {
			return "unknown: " + err.Error()
		}
		if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil && a.GetActivityType().GetName() == drill.WriteEvidenceActivity {
			n := a.GetInput().Size()
			return fmt.Sprintf("%d KiB (%.0f%% of the limit)", n/1024, 100*float64(n)/(2<<20))
		}
	}
	return "no evidence step in the drill's last run"
}
