//go:build integration

package integration

import (
	"context"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/testkit"
	"github.com/moby/moby/api/types/container"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

// A cluster is Temporal as an operator runs it, not the embedded server: the
// frontend, history, matching and worker services each in a container of
// their own, built here from go.temporal.io/server at the version go.mod
// pins; PostgreSQL for persistence and visibility, its schema set up by the
// server's own temporal-sql-tool; mutual TLS on the frontend with a CA made
// for the run; exitdrill's namespace and search attributes made by
// `exitdrill cluster init` from the host; exitdrill workers in containers of
// their own that reach the frontend by its network alias. The commands run
// on the host against the frontend's mapped port.
type cluster struct {
	*env
	confDir  string // config.yaml and dynamicconfig.yaml, at /etc/temporal
	password string // PostgreSQL's, given to the services in SQL_PASSWORD
	pg       testcontainers.Container
	services map[string]testcontainers.Container
}

const (
	clusterNamespace = "exitdrill-it"
	frontendPort     = "7233"
	pgPort           = "5432"
	serverMetrics    = "9090" // each service's Prometheus endpoint
)

// clusterServices in the order they start: the frontend after history and
// matching, whose membership it waits for; the worker service last, since it
// dials the frontend.
var clusterServices = []string{"history", "matching", "frontend", "worker"}

// newCluster starts PostgreSQL, sets up the schema, starts the four
// services, runs `exitdrill cluster init` and starts n exitdrill workers;
// mounts are host directories the workers see at the same paths (read-only).
// Like newEnv, everything is labelled with the run and removed by t.Cleanup.
func newCluster(t *testing.T, n int, mounts ...string) *cluster {
	t.Helper()
	start := time.Now()
	c := &cluster{env: bareEnv(t, mounts...), confDir: t.TempDir(), password: randomHex(16),
		services: map[string]testcontainers.Container{}}
	c.frontend, c.namespace = "frontend:"+frontendPort, clusterNamespace
	c.issueClusterCertificates()
	c.writeConfig()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c.startPostgres(ctx)
	t0 := time.Now()
	c.setUpSchema(ctx)
	figures.add("cluster: PostgreSQL schema by temporal-sql-tool", time.Since(t0).Round(100*time.Millisecond).String())
	for _, svc := range clusterServices {
		c.startService(ctx, svc)
	}
	c.server = c.services["frontend"]
	t0 = time.Now()
	c.clusterInit()
	figures.add("cluster: exitdrill cluster init (first answer)", time.Since(t0).Round(100*time.Millisecond).String())
	for range n {
		c.startWorker(ctx)
	}
	t.Logf("cluster with %d workers ready in %s", n, time.Since(start).Round(100*time.Millisecond))
	figures.add("cluster: deployed (PostgreSQL, schema, 4 services, init, workers)", time.Since(start).Round(100*time.Millisecond).String())
	return c
}

// issueClusterCertificates adds to the environment's certificates the
// frontend's, which it also shows as a client to the other services, and the
// system worker's client certificate.
func (c *cluster) issueClusterCertificates() {
	c.t.Helper()
	ca := testkit.NewCA(c.t, "exitdrill integration CA")
	ca.WriteCA(c.t, c.certDir, "ca.pem")
	tmpl := &x509.Certificate{Subject: pkix.Name{CommonName: "frontend"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		DNSNames:    []string{"frontend", "localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}
	cert, key, err := ca.Issue(tmpl, 24*time.Hour)
	if err != nil {
		c.t.Fatal(err)
	}
	writeFile(c.t, filepath.Join(c.certDir, "frontend.pem"), cert)
	writeFile(c.t, filepath.Join(c.certDir, "frontend-key.pem"), key)
	ca.Client(c.t, c.certDir, "temporal-system-worker")
	ca.Client(c.t, c.certDir, "worker")
	ca.Client(c.t, c.certDir, "host")
}

// clusterConfig is the services' configuration. It is a template of the
// server's own loader (enable-template): the password comes from the
// environment and is not written to disk.
const clusterConfig = `# enable-template
log:
  stdout: true
  level: info
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: 4
  datastores:
    default:
      sql: &sql
        pluginName: postgres12
        databaseName: temporal
        connectAddr: "pg:` + pgPort + `"
        connectProtocol: tcp
        user: temporal
        password: "{{ env "SQL_PASSWORD" }}"
        maxConns: 20
        maxIdleConns: 20
        maxConnLifetime: 1h
    visibility:
      sql:
        <<: *sql
        databaseName: temporal_visibility
        maxConns: 10
        maxIdleConns: 10
global:
  membership:
    maxJoinDuration: 30s
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "0.0.0.0:` + serverMetrics + `"
  tls:
    frontend:
      server:
        certFile: /certs/frontend.pem
        keyFile: /certs/frontend-key.pem
        requireClientAuth: true
        clientCaFiles: [/certs/ca.pem]
      client:
        serverName: frontend
        rootCaFiles: [/certs/ca.pem]
    systemWorker:
      certFile: /certs/temporal-system-worker.pem
      keyFile: /certs/temporal-system-worker-key.pem
      client:
        serverName: frontend
        rootCaFiles: [/certs/ca.pem]
services:
  frontend: {rpc: {grpcPort: 7233, membershipPort: 6933}}
  history: {rpc: {grpcPort: 7234, membershipPort: 6934}}
  matching: {rpc: {grpcPort: 7235, membershipPort: 6935}}
  worker: {rpc: {grpcPort: 7239, membershipPort: 6939}}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "frontend:7233"
dcRedirectionPolicy:
  policy: noop
publicClient:
  hostPort: "frontend:7233"
dynamicConfigClient:
  filepath: /etc/temporal/dynamicconfig.yaml
  pollInterval: 10s
`

// clusterDynamicConfig: search attributes that cluster init adds are seen
// at once (not after the frontend's cache expires), and timers of
// compressed drills fire when due, as on the embedded server.
const clusterDynamicConfig = `system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
history.timerProcessorMaxTimeShift:
  - value: 10ms
`

func (c *cluster) writeConfig() {
	c.t.Helper()
	writeFile(c.t, filepath.Join(c.confDir, "config.yaml"), []byte(clusterConfig))
	writeFile(c.t, filepath.Join(c.confDir, "dynamicconfig.yaml"), []byte(clusterDynamicConfig))
}

// pgScript starts PostgreSQL as user postgres, making its data directory on
// the first start (the container's own file system survives a restart);
// temporal is the superuser, with a password, reachable over the network.
const pgScript = `set -e; B=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); PATH="$B:$PATH"; D=/tmp/pgdata
if [ ! -s "$D/PG_VERSION" ]; then
  printf '%s\n' "$PG_PASSWORD" > /tmp/pw
  initdb -D "$D" -U temporal --pwfile=/tmp/pw --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
  rm -f /tmp/pw
  echo "host all all 0.0.0.0/0 scram-sha-256" >> "$D/pg_hba.conf"
fi
exec postgres -D "$D" -c listen_addresses='*' -c unix_socket_directories=/tmp -c max_connections=200`

func (c *cluster) startPostgres(ctx context.Context) {
	c.t.Helper()
	t0 := time.Now()
	req := testcontainers.ContainerRequest{
		Image:          pgImage,
		Name:           "exitdrill-it-pg-" + c.run,
		Cmd:            []string{"sh", "-c", pgScript},
		Env:            map[string]string{"PG_PASSWORD": c.password},
		Labels:         c.labels,
		Networks:       []string{c.network.Name},
		NetworkAliases: map[string][]string{c.network.Name: {"pg"}},
		ConfigModifier: func(cc *container.Config) {
			cc.User = "postgres"
			cc.StopSignal = "SIGINT" // fast shutdown: SIGTERM waits for every client to leave
		},
		WaitingFor: wait.ForLog("database system is ready to accept connections").WithStartupTimeout(time.Minute),
	}
	pg, err := testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{ContainerRequest: req, Started: true})
	if pg != nil {
		c.pg = pg
	}
	if err != nil {
		c.t.Fatalf("start PostgreSQL: %v", err)
	}
	figures.add("cluster: PostgreSQL started", time.Since(t0).Round(100*time.Millisecond).String())
}

// setUpSchema creates the two databases and their schemas with
// temporal-sql-tool, as the server's documentation does: create-database,
// setup-schema -v 0.0, update-schema to the newest embedded version.
func (c *cluster) setUpSchema(ctx context.Context) {
	c.t.Helper()
	for db, name := range map[string]string{"temporal": "postgresql/v12/temporal", "temporal_visibility": "postgresql/v12/visibility"} {
		for _, args := range [][]string{{"create-database"}, {"setup-schema", "-v", "0.0"}, {"update-schema", "--schema-name", name}} {
			c.oneShot(ctx, "sql-"+args[0], map[string]string{"SQL_HOST": "pg", "SQL_PORT": pgPort, "SQL_USER": "temporal",
				"SQL_PASSWORD": c.password, "SQL_PLUGIN": "postgres12", "SQL_DATABASE": db},
				append([]string{"/temporal-sql-tool"}, args...)...)
		}
	}
}

// oneShot runs a command in a container of the Temporal image on the
// cluster's network and fails the test with its output unless it exits 0.
func (c *cluster) oneShot(ctx context.Context, what string, envv map[string]string, cmd ...string) {
	c.t.Helper()
	req := testcontainers.ContainerRequest{
		Image: temporalImage, Cmd: cmd, Env: envv, Labels: c.labels, Networks: []string{c.network.Name},
		WaitingFor: wait.ForExit().WithExitTimeout(2 * time.Minute),
	}
	ctr, err := testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{ContainerRequest: req, Started: true})
	if ctr != nil {
		defer func() { _ = ctr.Terminate(context.Background()) }()
	}
	if err != nil {
		c.t.Fatalf("%s: %v", what, err)
	}
	st, err := ctr.State(ctx)
	if err != nil || st.ExitCode != 0 {
		c.t.Fatalf("%s %v: exit %v (%v)\n%s", what, cmd[1:], st.ExitCode, err, containerLogs(ctx, ctr))
	}
}

// startService starts one Temporal service in its container and waits
// until it serves.
func (c *cluster) startService(ctx context.Context, svc string) {
	c.t.Helper()
	t0 := time.Now()
	ports := []string{serverMetrics + "/tcp"}
	if svc == "frontend" {
		ports = append(ports, frontendPort+"/tcp")
	}
	req := testcontainers.ContainerRequest{
		Image: temporalImage,
		Name:  fmt.Sprintf("exitdrill-it-%s-%s", svc, c.run),
		Cmd: []string{"/temporal-server", "--config-file", "/etc/temporal/config.yaml", "--allow-no-auth",
			"start", "--service", svc},
		Env:            map[string]string{"SQL_PASSWORD": c.password},
		ExposedPorts:   ports,
		Labels:         c.labels,
		Networks:       []string{c.network.Name},
		NetworkAliases: map[string][]string{c.network.Name: {svc}},
		HostConfigModifier: func(hc *container.HostConfig) {
			hc.Binds = append(hc.Binds, c.confDir+":/etc/temporal:ro", c.certDir+":/certs:ro")
		},
		WaitingFor: wait.ForLog("Starting to serve on " + svc + " listener").WithStartupTimeout(2 * time.Minute),
	}
	ctr, err := testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{ContainerRequest: req, Started: true})
	if ctr != nil {
		c.services[svc] = ctr
	}
	if err != nil {
		logs := ""
		if ctr != nil {
			logs = containerLogs(ctx, ctr)
		}
		c.t.Fatalf("start the %s service: %v\n%s", svc, err, logs)
	}
	figures.add("cluster: "+svc+" service serving", time.Since(t0).Round(100*time.Millisecond).String())
}

// clusterInit runs `exitdrill cluster init` from the host until the
// frontend answers (it serves before the history shards are owned), then
// once more: the second run must find everything present.
func (c *cluster) clusterInit() {
	c.t.Helper()
	var out, stderr string
	var code int
	testkit.WaitFor(c.t, "exitdrill cluster init succeeds", 2*time.Minute, func() bool {
		out, stderr, code = c.cli("cluster", "init")
		return code == 0
	})
	c.t.Logf("cluster init: %s", strings.TrimSpace(out+stderr))
	out, stderr, code = c.cli("cluster", "init")
	if code != 0 || !strings.Contains(out, ": present,") || !strings.Contains(out, "search attributes: all 5 present") {
		c.t.Errorf("cluster init a second time: exit %d, want 0 and nothing changed:\n%s%s", code, out, stderr)
	}
}

// serviceName is the container name of a service of the cluster.
func (c *cluster) serviceName(svc string) string {
	return fmt.Sprintf("exitdrill-it-%s-%s", svc, c.run)
}

func containerLogs(ctx context.Context, ctr testcontainers.Container) string {
	rc, err := ctr.Logs(ctx)
	if err != nil {
		return ""
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
	s := string(b)
	if len(s) > 8000 {
		s = "…" + s[len(s)-8000:]
	}
	return s
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
