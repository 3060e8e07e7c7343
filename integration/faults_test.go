//go:build integration

package integration

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// The two drills of the fault tests and the steps each must show once.
const (
	compressed = "hoster-1d.yaml"     // slow-switch (8 s), settle (1 h = 15 s), verify
	live       = "livehoster-1d.yaml" // quick-switch (2 s), settle (a real 40 s timer), verify
)

var (
	compressedSteps = []string{"slow-switch", "settle", "verify"}
	liveSteps       = []string{"quick-switch", "settle", "verify"}
)

// baselines are the undisturbed wall times of the two drills, measured once
// on a fresh deployment; a fault's added delay is measured against them.
var baselines struct {
	sync.Mutex
	took map[string]time.Duration
}

// baseline returns the undisturbed wall time of the drill of scenario name,
// measuring both drills (at the same time, on two workers) when not yet done.
func baseline(t *testing.T, name string) time.Duration {
	t.Helper()
	baselines.Lock()
	defer baselines.Unlock()
	if baselines.took == nil {
		e := newEnv(t, 2)
		ids := map[string]string{compressed: e.startDrill(catalogDir(), scenario(compressed)), live: e.startDrill(catalogDir(), scenario(live))}
		baselines.took = map[string]time.Duration{}
		for sc, id := range ids {
			res := e.result(id, 3*time.Minute)
			baselines.took[sc] = wall(res)
			figures.add("baseline drill "+sc, wall(res).Round(100*time.Millisecond).String())
		}
		e.assertRecovered(e.result(ids[compressed], time.Minute), "portal-service", compressedSteps...)
		e.assertRecovered(e.result(ids[live], time.Minute), "loket-service", liveSteps...)
	}
	return baselines.took[name]
}

func TestBaseline(t *testing.T) {
	for _, sc := range []string{compressed, live} {
		t.Logf("undisturbed drill %s: %s", sc, baseline(t, sc).Round(100*time.Millisecond))
	}
}

func wall(res *drill.DrillResult) time.Duration { return res.Finished.Sub(res.Started) }

// reportDelay logs and records the delay a fault added to a drill.
func reportDelay(t *testing.T, fault string, res *drill.DrillResult, sc string, note string) {
	t.Helper()
	base := baseline(t, sc)
	delay := wall(res) - base
	msg := fmt.Sprintf("%s s (drill %s, undisturbed %s)%s", fmt.Sprintf("%+.1f", delay.Seconds()),
		wall(res).Round(100*time.Millisecond), base.Round(100*time.Millisecond), note)
	t.Logf("%s: added delay %s", fault, msg)
	figures.add("added delay: "+fault, msg)
}

// (a) A worker is SIGKILLed while it runs a step: the step runs again on the
// other worker and is recorded once.
func TestWorkerKilledMidStep(t *testing.T) {
	e := newEnv(t, 2)
	id := e.startDrill(catalogDir(), scenario(compressed))
	testkit.WaitFor(t, "slow-switch starts", 2*time.Minute, func() bool { return len(e.marksBy()) >= 1 })
	victim := e.marksBy()[0]
	e.kill(victim)
	res := e.result(id, 3*time.Minute)
	e.assertRecovered(res, "portal-service", compressedSteps...)
	by := e.marksBy()
	if len(by) < 2 || by[1] == victim {
		t.Errorf("slow-switch was started by %v: want a second start on the other worker after %s was killed", by, victim)
	}
	reportDelay(t, "(a) worker SIGKILLed mid-step", res, compressed, fmt.Sprintf("; step started by %v", by))
}

// (b) The server container is stopped and started again while the drill's
// timer is pending: the drill resumes from the SQLite file on the volume.
func TestServerRestartedMidDrill(t *testing.T) {
	e := newEnv(t, 2)
	id := e.startDrill(catalogDir(), scenario(compressed))
	e.stepDoneFor(11 * time.Second) // slow-switch (8 s) is done: the 15-second settle timer is pending
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	stop := 10 * time.Second
	down := time.Now()
	if err := e.server.Stop(ctx, &stop); err != nil {
		t.Fatalf("stop the server: %v", err)
	}
	if err := e.server.Start(ctx); err != nil {
		t.Fatalf("start the server again: %v", err)
	}
	testkit.WaitFor(t, "the restarted server answers", 2*time.Minute, func() bool {
		if _, ok := e.progress(id); ok {
			return true
		}
		_, ok := e.status(id)
		return ok
	})
	t.Logf("server down and back in %s", time.Since(down).Round(100*time.Millisecond))
	res := e.result(id, 3*time.Minute)
	e.assertRecovered(res, "portal-service", compressedSteps...)
	if n := len(e.marksBy()); n != 1 {
		t.Errorf("slow-switch started %d times; the restart came after it finished", n)
	}
	reportDelay(t, "(b) server stopped and restarted mid-drill", res, compressed, "")
}

// (c) The worker running a step loses the network for 30 s: the step is
// recorded once, whichever worker's attempt counts.
func TestWorkerPartitioned(t *testing.T) {
	e := newEnv(t, 2)
	id := e.startDrill(catalogDir(), scenario(compressed))
	testkit.WaitFor(t, "slow-switch starts", 2*time.Minute, func() bool { return len(e.marksBy()) >= 1 })
	victim := e.marksBy()[0]
	e.disconnect(victim)
	time.Sleep(30 * time.Second)
	e.connect(victim, victim)
	res := e.result(id, 3*time.Minute)
	e.assertRecovered(res, "portal-service", compressedSteps...)
	reportDelay(t, "(c) worker disconnected from the network for 30 s", res, compressed,
		fmt.Sprintf("; step started by %v", e.marksBy()))
}

// (d) In a live drill, both workers die while a 40-second timer is pending;
// a new worker starts a minute later and finishes the drill.
func TestAllWorkersLostDuringLiveTimer(t *testing.T) {
	e := newEnv(t, 2)
	id := e.startDrill(catalogDir(), scenario(live))
	e.stepDoneFor(5 * time.Second) // quick-switch (2 s) is done: the 40-second live timer is pending
	killed := time.Now()
	for i := 1; i <= 2; i++ {
		e.kill(fmt.Sprintf("exitdrill-it-worker%d-%s", i, e.run))
	}
	time.Sleep(time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	e.startWorker(ctx)
	res := e.result(id, 3*time.Minute)
	e.assertRecovered(res, "loket-service", liveSteps...)
	if sw := stepResult(res, "quick-switch"); sw != nil {
		left := sw.WallEnd.Add(40 * time.Second).Sub(killed)
		if left <= 0 {
			t.Errorf("the workers died %s after the timer was due: the fault missed the pending timer", -left)
		}
		t.Logf("both workers killed with %s left on the timer", left.Round(100*time.Millisecond))
	}
	reportDelay(t, "(d) both workers killed during a live timer, new worker a minute later", res, live, "")
}
