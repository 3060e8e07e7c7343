//go:build integration

package integration

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/forge/fakegithub"
	"github.com/moby/moby/client"
)

// fetchToken is the fake GitHub's only accepted token: the repository is
// private, so the worker must send it.
const fetchToken = "gh-cluster-fetch-token"

// testFetchedFromGitHub is issue 19's github: sources on the cluster: the
// catalog lives in a private repository (the fake GitHub API, serving a
// real git repository, listening on the cluster network's gateway so that
// the containers reach it on this machine), its exit plan too large for a
// plan to carry. The host prepares and starts the drill from the
// repository; the only worker of the namespace has no catalog mounted and
// fetches the repository at the commit the drill was prepared on, with the
// token from its own environment. The step passes on the catalog's own
// bytes. A second worker, whose GitHub does not answer, makes the same
// step inconclusive, in one attempt.
func (c *cluster) testFetchedFromGitHub(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the host CLI's cache of fetched sources
	repo := filepath.Join(t.TempDir(), "defs")
	fakegithub.InitRepo(t, repo)
	files := map[string]string{}
	for _, f := range []string{"catalog.yaml", "kpn-1m.yaml", "exitplan-afvalbeheer.md"} {
		b, err := os.ReadFile(filepath.Join(clusterDir(), f))
		if err != nil {
			t.Fatal(err)
		}
		files["continuity/"+f] = string(b)
	}
	// Past what a plan carries: an appendix of 300 KB.
	files["continuity/exitplan-afvalbeheer.md"] += "\n## Appendix: interfaces\n\n" + strings.Repeat("| koppeling | StUF-ZKN | dagelijks |\n", 300_000/36)
	if n := len(files["continuity/exitplan-afvalbeheer.md"]); n <= drill.ShipFileLimit {
		t.Fatalf("the exit plan has %d bytes, want more than %d", n, drill.ShipFileLimit)
	}
	sha := fakegithub.Commit(t, repo, time.Now(), "definitions", files)

	gh := fakegithub.NewOn(c.listenOnGateway(t))
	t.Cleanup(gh.Close)
	gh.Token = fetchToken
	gh.AddRepo("voorbeeldstad", "defs", repo, true)
	t.Setenv("GITHUB_TOKEN", fetchToken) // the host CLI's

	run := func(e *env, flags ...string) *drill.DrillResult {
		t.Helper()
		out, stderr, code := e.cli(append([]string{"run", "--detach", "--github-api-url", gh.APIURL(),
			"--catalog", "github:voorbeeldstad/defs/continuity@main", "--scenario", "github:voorbeeldstad/defs/continuity/kpn-1m.yaml@main"}, flags...)...)
		if code != 0 {
			t.Fatalf("run from the repository: exit %d\n%s%s", code, out, stderr)
		}
		return e.result(strings.TrimSpace(out), 3*time.Minute)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	f := c.with(t)
	f.namespace = "exitdrill-it-github"
	if out, stderr, code := f.cli("cluster", "init"); code != 0 {
		t.Fatalf("cluster init --namespace %s: exit %d\n%s%s", f.namespace, code, out, stderr)
	}
	f.workerEnv = map[string]string{"EXITDRILL_IT_GH": fetchToken}
	fetcher, name := f.startWorkerWith(ctx, []string{}, "--github-api-url", gh.APIURL(), "--token-env", "EXITDRILL_IT_GH")
	st := stepStatus(t, run(f), "exitplan-current")
	if st.Status != drill.StepPassed {
		t.Fatalf("exitplan-current on worker %s, which fetches the repository: %s (%s), want passed", name, st.Status, st.Reason)
	}
	want := "1 file fetched from github:voorbeeldstad/defs/continuity@" + sha + ": this worker does not see "
	if got := st.Details[drill.DetailShipped]; !strings.HasPrefix(got, want) {
		t.Errorf("detail %s = %q, want it to begin %q", drill.DetailShipped, got, want)
	}
	// Stopped as an operator stops it (SIGTERM: its polls end with it). A
	// SIGKILLed worker's polls stay open at the server for up to a minute
	// and take tasks no one runs (TestWorkerKilledMidStep).
	grace := 30 * time.Second
	if err := fetcher.Stop(ctx, &grace); err != nil {
		t.Fatalf("stop worker %s: %v", name, err)
	}

	// A worker that cannot reach GitHub (here: nothing listens where its
	// --github-api-url points) proves nothing, and says why, in the step's
	// own time: it sends heartbeats while it tries, so the server does not
	// take it for lost.
	closed := c.listenOnGateway(t)
	unreachable := "http://" + closed.Addr().String() + "/"
	if err := closed.Close(); err != nil {
		t.Fatal(err)
	}
	_, name = f.startWorkerWith(ctx, []string{}, "--github-api-url", unreachable)
	st = stepStatus(t, run(f, "--allow-inconclusive"), "exitplan-current")
	if st.Status != drill.StepInconclusive || !strings.Contains(st.Reason, "cannot fetch github:voorbeeldstad/defs/continuity@"+sha) || st.Attempts > 1 {
		t.Errorf("exitplan-current on worker %s, which cannot reach GitHub: %s after %d attempts (%s), want inconclusive after one, naming the source it could not fetch",
			name, st.Status, st.Attempts, st.Reason)
	}
}

// listenOnGateway listens on the cluster network's gateway, the address at
// which its containers reach this machine, on a free port.
func (c *cluster) listenOnGateway(t *testing.T) net.Listener {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	nw, err := c.d.NetworkInspect(ctx, c.network.ID, client.NetworkInspectOptions{})
	if err != nil {
		t.Fatalf("inspect the cluster's network: %v", err)
	}
	for _, cfg := range nw.Network.IPAM.Config {
		if cfg.Gateway.Is4() {
			l, err := net.Listen("tcp", net.JoinHostPort(cfg.Gateway.String(), "0"))
			if err != nil {
				t.Fatalf("listen on the network's gateway %s: %v", cfg.Gateway, err)
			}
			return l
		}
	}
	t.Fatalf("the cluster's network %s has no IPv4 gateway: %+v", c.network.Name, nw.Network.IPAM.Config)
	return nil
}
