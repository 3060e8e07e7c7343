//go:build integration

package integration

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/testkit"
	"github.com/moby/moby/client"
)

// TestCluster deploys one multi-service cluster with three remote workers and
// runs on it, one after the other: a drill of the suite's catalog, each fault
// (the history service killed, PostgreSQL restarted, a worker partitioned, a
// worker killed mid-restore), a step pinned to a data centre's workers, a
// worker whose copy of an exit plan is not the one planned, and workers that
// must fetch the catalog's exit plan from GitHub. Every drill must
// show each step exactly once and evidence that verifies.
func TestCluster(t *testing.T) {
	data := t.TempDir()
	makeDump(t, data, 200000)
	writeDrill(t, data, fmt.Sprintf(pgCatalog, pgImage, suiteImage))
	c := newCluster(t, 3, data, clusterDir())

	var base time.Duration
	var first string
	t.Run("Drill", func(t *testing.T) { base, first = c.testDrill(t) })
	if base == 0 {
		t.Fatal("the undisturbed drill did not finish: the fault tests need its wall time")
	}
	faults := []struct {
		name  string
		fault func(e *env, t *testing.T, id string)
	}{
		{"HistoryKilled", c.killHistory},
		{"PostgresRestarted", c.restartPostgres},
		{"WorkerPartitioned", partitionWorker},
	}
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			e := c.with(t)
			e.resetMarks()
			id := e.startDrill(catalogDir(), scenario(compressed))
			f.fault(e, t, id)
			res := e.result(id, 4*time.Minute)
			e.assertRecovered(res, "portal-service", compressedSteps...)
			delay := wall(res) - base
			t.Logf("%s: drill took %s, %+.1f s against the undisturbed %s", f.name, wall(res).Round(100*time.Millisecond),
				delay.Seconds(), base.Round(100*time.Millisecond))
			figures.add("cluster: added delay: "+f.name, fmt.Sprintf("%+.1f s (drill %s, undisturbed %s)", delay.Seconds(),
				wall(res).Round(100*time.Millisecond), base.Round(100*time.Millisecond)))
		})
	}
	t.Run("WorkerKilledMidRestore", func(t *testing.T) { c.with(t).testWorkerKilledMidRestore(t, data) })
	t.Run("RunsOn", func(t *testing.T) { c.with(t).testRunsOn(t) })
	t.Run("StaleExitPlan", func(t *testing.T) { c.testStaleExitPlan(t) })
	t.Run("FetchedFromGitHub", func(t *testing.T) { c.testFetchedFromGitHub(t) })
	t.Run("Console", func(t *testing.T) { c.testConsole(t, first) })
}

// testDrill runs the suite's compressed drill on the cluster and returns
// its wall time and id; the CLI must list it, and the services must serve
// their own metrics.
func (c *cluster) testDrill(t *testing.T) (time.Duration, string) {
	e := c.with(t)
	e.resetMarks()
	id := e.startDrill(catalogDir(), scenario(compressed))
	res := e.result(id, 3*time.Minute)
	e.assertRecovered(res, "portal-service", compressedSteps...)
	figures.add("cluster: undisturbed drill "+compressed, wall(res).Round(100*time.Millisecond).String())
	out, stderr, code := e.cli("list", "--format", "json")
	if code != 0 || !strings.Contains(out, id) {
		t.Errorf("exitdrill list on the cluster: exit %d, does not list %s:\n%s%s", code, id, out, stderr)
	}
	c.scrapeServer(t, "frontend", "service_requests")
	c.scrapeServer(t, "history", "persistence_requests")
	return wall(res), id
}

// scrapeServer reads a service's own Prometheus metrics through its mapped
// port and checks that it counted requests.
func (c *cluster) scrapeServer(t *testing.T, svc, metric string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p, err := c.services[svc].MappedPort(ctx, serverMetrics+"/tcp")
	if err != nil {
		t.Fatalf("%s metrics port: %v", svc, err)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:"+p.Port()+"/metrics", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("scrape %s: %v", svc, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), metric) {
		t.Errorf("the %s service's /metrics (HTTP %d, %d bytes) has no %s", svc, resp.StatusCode, len(b), metric)
	}
}

// killHistory SIGKILLs the history service while the drill's settle timer
// is pending and starts the same container again ten seconds later.
func (c *cluster) killHistory(e *env, t *testing.T, id string) {
	e.stepDoneFor(11 * time.Second) // slow-switch (8 s) is done: the 15-second settle timer is pending
	h := c.services["history"]
	e.kill(c.serviceName("history"))
	time.Sleep(10 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := h.Start(ctx); err != nil {
		t.Fatalf("start the history service again: %v", err)
	}
}

// restartPostgres stops PostgreSQL (fast shutdown) while a step runs and
// starts it again.
func (c *cluster) restartPostgres(e *env, t *testing.T, id string) {
	testkit.WaitFor(t, "slow-switch starts", 2*time.Minute, func() bool { return len(e.marksBy()) >= 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	stop := 20 * time.Second
	down := time.Now()
	if err := c.pg.Stop(ctx, &stop); err != nil {
		t.Fatalf("stop PostgreSQL: %v", err)
	}
	time.Sleep(5 * time.Second)
	if err := c.pg.Start(ctx); err != nil {
		t.Fatalf("start PostgreSQL again: %v", err)
	}
	t.Logf("PostgreSQL down and back in %s", time.Since(down).Round(100*time.Millisecond))
}

// partitionWorker disconnects the worker running slow-switch from the
// network for 30 s.
func partitionWorker(e *env, t *testing.T, id string) {
	testkit.WaitFor(t, "slow-switch starts", 2*time.Minute, func() bool { return len(e.marksBy()) >= 1 })
	victim := e.marksBy()[0]
	e.disconnect(victim)
	time.Sleep(30 * time.Second)
	e.connect(victim, victim)
}

// resetMarks forgets the marks of earlier drills in the environment.
func (e *env) resetMarks() {
	e.t.Helper()
	if err := os.Remove(filepath.Join(e.markDir, "mark")); err != nil && !os.IsNotExist(err) {
		e.t.Fatal(err)
	}
}

// clusterDir holds the cluster tests' own catalog and scenarios.
func clusterDir() string { return abs(filepath.Join("testdata", "cluster")) }

// stepStatus returns a step's result in a drill's result, failing the test
// when it is missing.
func stepStatus(t *testing.T, res *drill.DrillResult, step string) *drill.StepResult {
	t.Helper()
	s := stepResult(res, step)
	if s == nil {
		t.Fatalf("step %s is not in the drill's result", step)
	}
	return s
}

// testWorkerKilledMidRestore drills pgCatalog's backup (TestCluster's
// dump has 200,000 rows: long enough to kill a worker while it restores),
// kills the worker whose sandbox restores the backup (the sandbox container names its worker) and checks that another
// worker restores it again, once in the result; then brings the pool back
// to three workers.
func (e *env) testWorkerKilledMidRestore(t *testing.T, data string) {
	id := e.startDrill(data, filepath.Join(data, "scenario.yaml"))
	var victim, sandbox string
	testkit.WaitFor(t, "a restore sandbox starts", 3*time.Minute, func() bool {
		victim, sandbox = e.sandboxOf(id)
		return victim != ""
	})
	killed := time.Now()
	e.kill(victim)
	t.Logf("killed %s while its sandbox %s restored", victim, sandbox)
	res := e.result(id, 5*time.Minute)
	e.assertRecovered(res, "registry-service", "restore", "verify-container")
	r := stepStatus(t, res, "restore")
	if r.Details["rows"] != "200000" {
		t.Errorf("restore details = %v, want 200000 rows restored", r.Details)
	}
	if r.Attempts < 2 {
		t.Errorf("restore ran %d attempt(s): the killed worker's attempt should have been retried on another", r.Attempts)
	}
	figures.add("cluster: worker killed mid-restore, restore done after", time.Since(killed).Round(100*time.Millisecond).String())
	// The killed worker could not remove its sandbox: it is left to its
	// deadline, after which any later check removes it. The test removes it.
	e.removeContainer(sandbox)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	e.startWorker(ctx)
}

// testRunsOn runs a drill whose one step is pinned to dc-west: the pool's
// workers must leave it, the worker started with --label dc-west takes it.
func (e *env) testRunsOn(t *testing.T) {
	e.resetMarks()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	_, west := e.startWorkerWith(ctx, nil, "--label", "dc-west")
	id := e.startDrill(clusterDir(), filepath.Join(clusterDir(), "westhoster-1d.yaml"))
	res := e.result(id, 3*time.Minute)
	e.assertRecovered(res, "archief-service", "restore-west")
	if by := e.marksBy(); len(by) != 1 || by[0] != west {
		t.Errorf("restore-west was started by %v, want once by %s (the dc-west worker)", by, west)
	}
}

// testStaleExitPlan drills the exit plan twice: on the pool's workers,
// which see the plan the drill was prepared from (passed), and in a
// namespace of its own served by one worker whose copy of the plan was
// edited since (inconclusive, never failed).
func (c *cluster) testStaleExitPlan(t *testing.T) {
	e := c.with(t)
	sc := filepath.Join(clusterDir(), "kpn-1m.yaml")
	res := e.result(e.startDrill(clusterDir(), sc), 3*time.Minute)
	if s := stepStatus(t, res, "exitplan-current"); s.Status != drill.StepPassed {
		t.Fatalf("exitplan-current on a worker with the planned copy: %s (%s), want passed", s.Status, s.Reason)
	}

	stale := t.TempDir()
	for _, f := range []string{"catalog.yaml", "westhoster-1d.yaml", "kpn-1m.yaml", "exitplan-afvalbeheer.md"} {
		b, err := os.ReadFile(filepath.Join(clusterDir(), f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "exitplan-afvalbeheer.md" {
			b = append(b, "\n## Added on the worker's copy after the drill was planned\n"...)
		}
		writeFile(t, filepath.Join(stale, f), b)
	}
	s := c.with(t)
	s.namespace = "exitdrill-it-stale"
	if out, stderr, code := s.cli("cluster", "init"); code != 0 {
		t.Fatalf("cluster init --namespace %s: exit %d\n%s%s", s.namespace, code, out, stderr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s.startWorkerWith(ctx, []string{stale + ":" + clusterDir() + ":ro"})
	// The preflight sees it first: nothing is started.
	out, stderr, code := s.cli("run", "--detach", "--catalog", clusterDir(), "--scenario", sc)
	if code != 2 || !strings.Contains(stderr, "worker sees a different file than the catalog") || !strings.Contains(stderr, "exitplan-afvalbeheer.md") {
		t.Errorf("run on a worker with a stale copy: exit %d, want 2 with the preflight naming the exit plan:\n%s%s", code, out, stderr)
	}
	// Started anyway, the step says the same and proves nothing.
	out, stderr, code = s.cli("run", "--detach", "--allow-inconclusive", "--catalog", clusterDir(), "--scenario", sc)
	if code != 0 {
		t.Fatalf("run --allow-inconclusive: exit %d\n%s", code, stderr)
	}
	res = s.result(strings.TrimSpace(out), 3*time.Minute)
	st := stepStatus(t, res, "exitplan-current")
	if st.Status != drill.StepInconclusive || !strings.Contains(st.Reason, "different file than the catalog") {
		t.Errorf("exitplan-current on a worker whose copy differs: %s (%s), want inconclusive naming the difference", st.Status, st.Reason)
	}
	for _, p := range res.Processes {
		if p.Process == "afval-service" && p.Verdict != drill.Inconclusive {
			t.Errorf("verdict %s (%s), want inconclusive: a worker's stale copy is our environment, not the supplier's loss", p.Verdict, p.Why)
		}
	}
}

// sandboxOf finds the restore sandbox a check started for drill id and
// returns the worker that started it (its container name, from the
// sandbox's worker label) and the sandbox's name.
func (e *env) sandboxOf(id string) (worker, sandbox string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cs, err := e.d.ContainerList(ctx, client.ContainerListOptions{Filters: client.Filters{}.Add("label", labelOwner+"=sandbox")})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, c := range cs.Items {
		if strings.HasPrefix(c.Labels[labelStep], id+"/") && c.Labels[labelWorker] != "" && len(c.Names) > 0 {
			return c.Labels[labelWorker], strings.TrimPrefix(c.Names[0], "/")
		}
	}
	return "", ""
}

// removeContainer removes a container, running or not.
func (e *env) removeContainer(name string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := e.d.ContainerRemove(ctx, name, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true}); err != nil {
		e.t.Errorf("remove %s: %v", name, err)
	}
}
