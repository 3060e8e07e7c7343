//go:build integration

package integration

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/testkit"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
	tcnetwork "github.com/testcontainers/testcontainers-go/network"
	"github.com/testcontainers/testcontainers-go/wait"
)

// serverPort is the gRPC port of the server inside its container.
const serverPort = "7233"

// env is one deployment: a network, the server container with its SQLite
// file on a volume, and workers. Everything is removed by t.Cleanup, also when
// the test fails half-way; run labels all of it.
type env struct {
	t       *testing.T
	d       *client.Client
	run     string
	labels  map[string]string
	network *testcontainers.DockerNetwork
	volume  string
	server  testcontainers.Container
	markDir string        // host directory of the steps' mark file, mounted in every worker
	certDir string        // host directory of the mTLS certificates, mounted at /certs
	mounts  []string      // extra binds of every worker (host path = container path)
	workers *atomic.Int32 // workers started so far, shared by the views of with
	// frontend is the address workers dial in the environment's network
	// (server:7233 for the embedded server, frontend:7233 on a cluster);
	// namespace, when set, is given to every command and worker.
	frontend  string
	namespace string
	// workerEnv is more environment for the workers this view starts.
	workerEnv map[string]string
}

// newEnv starts the server and n workers; mounts are host directories the
// workers see at the same paths (read-only).
func newEnv(t *testing.T, n int, mounts ...string) *env {
	t.Helper()
	e := bareEnv(t, mounts...)
	e.issueCertificates()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	e.volume = "exitdrill-it-state-" + e.run
	if _, err := e.d.VolumeCreate(ctx, client.VolumeCreateOptions{Name: e.volume, Labels: e.labels}); err != nil {
		t.Fatalf("create volume: %v", err)
	}
	e.startServer(ctx)
	for range n {
		e.startWorker(ctx)
	}
	return e
}

// bareEnv is an environment with its network and nothing on it yet, whose
// teardown is registered.
func bareEnv(t *testing.T, mounts ...string) *env {
	t.Helper()
	d, err := dockerClient()
	if err != nil {
		t.Fatal(err)
	}
	// Steps run in their runbook's directory: the workers see the catalogs
	// at the paths the host planned them with.
	mounts = append([]string{catalogDir()}, mounts...)
	e := &env{t: t, d: d, run: randomHex(6), mounts: mounts, markDir: t.TempDir(), certDir: t.TempDir(), frontend: "server:" + serverPort,
		workers: new(atomic.Int32)}
	e.labels = map[string]string{labelSuite: suiteValue, labelRun: e.run}
	t.Cleanup(e.teardown)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if e.network, err = tcnetwork.New(ctx, tcnetwork.WithLabels(e.labels)); err != nil {
		t.Fatalf("create network: %v", err)
	}
	return e
}

func (e *env) startServer(ctx context.Context) {
	e.t.Helper()
	start := time.Now()
	req := testcontainers.ContainerRequest{
		Image: suiteImage,
		Name:  "exitdrill-it-server-" + e.run,
		// Beyond loopback the server requires mTLS: workers and the host
		// show certificates of the suite's CA, whose roles say what they may do.
		Cmd: []string{"/exitdrill", "server", "--no-worker", "--no-ui", "--ip", "0.0.0.0", "--port", serverPort,
			"--state-dir", "/data", "--tls-server-cert", "/certs/server.pem", "--tls-server-key", "/certs/server-key.pem",
			"--tls-client-ca", "/certs/ca.pem", "--tls-roles", "/certs/roles.yaml"},
		HostConfigModifier: func(hc *container.HostConfig) {
			hc.Binds = append(hc.Binds, e.certDir+":/certs:ro")
		},
		ExposedPorts:   []string{serverPort + "/tcp"},
		Labels:         e.labels,
		Networks:       []string{e.network.Name},
		NetworkAliases: map[string][]string{e.network.Name: {"server"}},
		Mounts:         testcontainers.ContainerMounts{testcontainers.VolumeMount(e.volume, "/data")},
		WaitingFor:     wait.ForLog("exitdrill server ready").WithStartupTimeout(2 * time.Minute),
	}
	c, err := testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{ContainerRequest: req, Started: true})
	if c != nil {
		e.server = c
	}
	if err != nil {
		e.t.Fatalf("start the server container: %v", err)
	}
	e.t.Logf("server container ready in %s", time.Since(start).Round(100*time.Millisecond))
}

// startWorker starts a worker container connected to the server by its
// network alias, with the Docker socket for container steps and sandboxes;
// extra are more arguments of `exitdrill worker` (--label dc-west).
func (e *env) startWorker(ctx context.Context, extra ...string) testcontainers.Container {
	e.t.Helper()
	c, _ := e.startWorkerWith(ctx, nil, extra...)
	return c
}

// startWorkerWith starts a worker like startWorker whose mounts are
// replaced by binds (host:container[:ro]) when binds is not nil, and returns
// it with its container name.
func (e *env) startWorkerWith(ctx context.Context, binds []string, extra ...string) (testcontainers.Container, string) {
	e.t.Helper()
	n := e.workers.Add(1)
	name := fmt.Sprintf("exitdrill-it-worker%d-%s", n, e.run)
	if binds == nil {
		for _, m := range e.mounts {
			binds = append(binds, m+":"+m+":ro")
		}
	}
	binds = append([]string{e.markDir + ":/marks", "/var/run/docker.sock:/var/run/docker.sock", e.certDir + ":/certs:ro"}, binds...)
	cmd := []string{"/exitdrill", "worker", "--address", e.frontend,
		"--tls-cert", "/certs/worker.pem", "--tls-key", "/certs/worker-key.pem", "--tls-ca", "/certs/ca.pem"}
	if e.namespace != "" {
		cmd = append(cmd, "--namespace", e.namespace)
	}
	req := testcontainers.ContainerRequest{
		Image:          suiteImage,
		Name:           name,
		Cmd:            append(cmd, extra...),
		Env:            e.workerEnvironment(),
		Labels:         e.labels,
		Networks:       []string{e.network.Name},
		NetworkAliases: map[string][]string{e.network.Name: {fmt.Sprintf("worker%d", n)}},
		ConfigModifier: func(c *container.Config) { c.Hostname = name },
		HostConfigModifier: func(hc *container.HostConfig) {
			hc.Binds = append(hc.Binds, binds...)
		},
		WaitingFor: wait.ForLog("exitdrill worker:").WithStartupTimeout(time.Minute),
	}
	c, err := testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{ContainerRequest: req, Started: true})
	if err != nil {
		if c != nil {
			e.t.Cleanup(func() { _ = c.Terminate(context.Background()) })
		}
		e.t.Fatalf("start worker %s: %v", name, err)
	}
	e.t.Cleanup(func() { _ = c.Terminate(context.Background()) })
	return c, name
}

// workerEnvironment is a worker's environment: where the steps' mark file
// is, and the view's workerEnv.
func (e *env) workerEnvironment() map[string]string {
	env := map[string]string{"STEPPER_MARK": "/marks/mark"}
	maps.Copy(env, e.workerEnv)
	return env
}

// with is a view of the environment for the subtest t: what it starts is
// removed when t ends, and its failures are t's. The environment itself
// stays its creator's.
func (e *env) with(t *testing.T) *env {
	v := *e
	v.t = t
	return &v
}

// teardown removes the environment and checks that nothing of it is left.
func (e *env) teardown() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if e.server != nil {
		_ = e.server.Terminate(ctx)
	}
	// Workers are terminated by their own cleanups, which ran before this one
	// (cleanups run last-in first-out); sweep whatever a failed start left.
	sweep(ctx, e.run)
	if e.network != nil {
		_ = e.network.Remove(ctx)
	}
	if e.volume != "" {
		_, _ = e.d.VolumeRemove(ctx, e.volume, client.VolumeRemoveOptions{Force: true})
	}
	cs, ns, vs, err := leftovers(ctx, e.d, e.run)
	switch {
	case err != nil:
		e.t.Errorf("list leftovers: %v", err)
	case len(cs)+len(ns)+len(vs) > 0:
		e.t.Errorf("teardown left containers %v, networks %v, volumes %v", cs, ns, vs)
	}
	_ = e.d.Close()
}

// issueCertificates makes the suite's CA and, in certDir, the server's
// certificate (for its network alias and the host's loopback), a worker's, the
// host's and the roles file that gives them their roles.
func (e *env) issueCertificates() {
	e.t.Helper()
	ca := testkit.NewCA(e.t, "exitdrill integration CA")
	ca.WriteCA(e.t, e.certDir, "ca.pem")
	ca.Server(e.t, e.certDir, "server", "server", "localhost", "127.0.0.1")
	ca.Client(e.t, e.certDir, "worker")
	ca.Client(e.t, e.certDir, "host")
	if err := os.WriteFile(filepath.Join(e.certDir, "roles.yaml"), []byte("worker: worker\nhost: continuity-manager\n"), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// tlsEnv is the environment with which the host's exitdrill shows its
// certificate.
func (e *env) tlsEnv() []string {
	return []string{"TEMPORAL_TLS_CERT=" + filepath.Join(e.certDir, "host.pem"), "TEMPORAL_TLS_KEY=" + filepath.Join(e.certDir, "host-key.pem"),
		"TEMPORAL_TLS_CA=" + filepath.Join(e.certDir, "ca.pem")}
}

// address is the server's gRPC address as the host reaches it (the mapped
// port changes when the container restarts).
func (e *env) address() string {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p, err := e.server.MappedPort(ctx, serverPort+"/tcp")
	if err != nil {
		e.t.Fatalf("server port: %v", err)
	}
	return "127.0.0.1:" + p.Port()
}

// mark is one start of a marked step: the worker (container hostname) and when.
type mark struct {
	by string
	at time.Time
}

// marks returns the starts of the marked steps so far, in order.
func (e *env) marks() []mark {
	b, _ := os.ReadFile(filepath.Join(e.markDir, "mark"))
	var ms []mark
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == "started" {
			at, _ := time.Parse(time.RFC3339Nano, f[2])
			ms = append(ms, mark{by: f[1], at: at})
		}
	}
	return ms
}

// marksBy returns who started the marked steps so far, in order.
func (e *env) marksBy() []string {
	var by []string
	for _, m := range e.marks() {
		by = append(by, m.by)
	}
	return by
}

// stepDoneFor waits until the first marked step started at least d ago.
func (e *env) stepDoneFor(d time.Duration) {
	e.t.Helper()
	testkit.WaitFor(e.t, "the marked step started "+d.String()+" ago", 2*time.Minute, func() bool {
		ms := e.marks()
		return len(ms) > 0 && time.Since(ms[0].at) >= d
	})
}

// container finds a container of this environment by name.
func (e *env) containerID(name string) string {
	e.t.Helper()
	res, err := e.d.ContainerInspect(context.Background(), name, client.ContainerInspectOptions{})
	if err != nil {
		e.t.Fatalf("inspect %s: %v", name, err)
	}
	return res.Container.ID
}

// kill sends SIGKILL to a container.
func (e *env) kill(name string) {
	e.t.Helper()
	if _, err := e.d.ContainerKill(context.Background(), name, client.ContainerKillOptions{Signal: "KILL"}); err != nil {
		e.t.Fatalf("kill %s: %v", name, err)
	}
}

// disconnect and connect a container from and to the environment's network.
func (e *env) disconnect(name string) {
	e.t.Helper()
	if _, err := e.d.NetworkDisconnect(context.Background(), e.network.ID, client.NetworkDisconnectOptions{Container: name, Force: true}); err != nil {
		e.t.Fatalf("disconnect %s: %v", name, err)
	}
}

func (e *env) connect(name, alias string) {
	e.t.Helper()
	_, err := e.d.NetworkConnect(context.Background(), e.network.ID, client.NetworkConnectOptions{Container: name,
		EndpointConfig: &network.EndpointSettings{Aliases: []string{alias}}})
	if err != nil {
		e.t.Fatalf("connect %s: %v", name, err)
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
