//go:build !exitdrill_light

package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/membership/static"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	"go.temporal.io/server/common/primitives"
	sqliteschema "go.temporal.io/server/schema/sqlite"
	"go.temporal.io/server/temporal"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

const (
	loopback    = "127.0.0.1"
	clusterName = "active"
)

// Embedded is true in a binary that holds the embedded Temporal server; a
// binary built with the exitdrill_light tag (the exitdrill command users run)
// holds only the client and hands the commands that may start the server to
// exitdrill-engine (see internal/cli's delegate).
const Embedded = true

// embedded is a Temporal server (frontend, history, matching and worker
// services) running in this process, with its optional Web UI.
//
// It starts in the background: the services start in order and the worker
// service (system workflows) comes last and slowest, so clients may connect as
// soon as the frontend answers. stop waits for the start to finish.
type embedded struct {
	server temporal.Server
	ui     *webUI
	st     *serverState
	tls    *serverTLS // nil unless the frontend requires mTLS
	// clientFile is the local client certificate written for the commands
	// of this machine (ClientTLSFile), removed at stop.
	clientFile string
	// stopWatch stops watching the state directory's disk (nil: none).
	stopWatch func()
	started   chan struct{} // closed when server.Start has returned
	startErr  error         // read only after started is closed
}

func newEmbedded(srv temporal.Server, st *serverState) *embedded {
	s := &embedded{server: srv, st: st, started: make(chan struct{})}
	go func() {
		defer close(s.started)
		if err := srv.Start(); err != nil {
			s.startErr = fmt.Errorf("start embedded temporal server: %w", err)
		}
	}()
	return s
}

// failed returns the start error once the start has failed, else nil.
func (s *embedded) failed() error {
	select {
	case <-s.started:
		return s.startErr
	default:
		return nil
	}
}

// reportLateFailure logs a start failure that comes after clients connected.
func (s *embedded) reportLateFailure(log *slog.Logger) {
	go func() {
		<-s.started
		if s.startErr != nil {
			log.Error("embedded temporal server", "error", s.startErr)
		}
	}()
}

func (s *embedded) stop() error {
	s.st.quiet.Store(true) // see serverLogger
	if s.ui != nil {
		s.ui.stop()
	}
	if s.stopWatch != nil {
		s.stopWatch()
	}
	<-s.started
	err := s.server.Stop()
	removeClientFile(s.clientFile)
	return err
}

// ports are the loopback ports of an embedded server's services; the
// frontend's listens on bind, and is dialled at dial. The server's HTTP API
// is off: nothing in exitdrill uses it, and it would listen on the
// frontend's address, all of them when the server listens beyond loopback,
// at a port nobody asked for.
type ports struct {
	frontend, history, matching, worker, ui int
	bind, dial                              string
}

// frontendAddr is where the server's own parts dial the frontend.
func (p ports) frontendAddr() string { return net.JoinHostPort(p.dial, strconv.Itoa(p.frontend)) }

// startEmbedded starts the embedded server, advertises it in lk (nil for a
// server that holds no state directory) and connects to it, then advertises
// it as ready. On failure it releases lk.
func startEmbedded(ctx context.Context, o Options, lk *stateLock, mode string) (e *Engine, err error) {
	defer func() {
		if err != nil && lk != nil {
			_ = lk.release()
		}
	}()
	database := ""
	if !o.Ephemeral {
		database = databasePath(o.StateDir)
	}
	t0 := time.Now()
	sqlConf, err := prepareDatabase(database, o.Namespace)
	if err != nil {
		return nil, err
	}
	var tlsOn *serverTLS
	if o.ServerTLS != nil && !o.NoUI {
		return nil, errors.New("the Temporal Web UI has no sign-in: behind mTLS it would give every visitor the server's own rights; it stays off with mTLS")
	}
	if o.ServerTLS != nil {
		if tlsOn, err = prepareTLS(o.ServerTLS); err != nil {
			return nil, err
		}
	} else if o.ListenIP != "" && !isLoopback(o.ListenIP) {
		return nil, fmt.Errorf("listening on %s: %w", o.ListenIP, ErrNeedsMTLS)
	}
	st := &serverState{}
	// The command's context ends when it is told to stop (a signal): what the
	// server says from then on about shards and calls cut short is the stop,
	// not a fault — even before Close runs.
	context.AfterFunc(ctx, func() { st.quiet.Store(true) })
	srv, p, err := buildServer(o, sqlConf, st, tlsOn, pickPorts)
	if err != nil {
		return nil, err
	}
	e = &Engine{Address: p.frontendAddr(), Namespace: o.Namespace, Embedded: true, Database: database, MTLS: tlsOn != nil}
	if !o.NoUI {
		e.UIURL = "http://" + hostPort(p.ui)
	}
	if lk != nil {
		e.StateDir = o.StateDir
	}
	// Commands that find the lock before the address is in it wait.
	info := ServerInfo{PID: os.Getpid(), Mode: mode, Command: o.Command, Lasting: o.Lasting && mode == modeCommand,
		Ephemeral: o.Ephemeral, Address: e.Address, UIURL: e.UIURL, Namespace: o.Namespace, Database: e.Database,
		Started: time.Now().UTC().Truncate(time.Second)}
	if lk != nil {
		err := error(nil)
		if tlsOn != nil {
			info.ClientTLS, err = tlsOn.id.writeClientFile(o.StateDir)
		}
		if err == nil {
			err = lk.advertise(info)
		}
		if err != nil {
			st.quiet.Store(true)
			_ = srv.Stop()
			removeClientFile(info.ClientTLS)
			return nil, err
		}
	}
	o.Logger.Info("starting embedded temporal server", "address", e.Address, "database", e.Database,
		"prepared", time.Since(t0).Round(time.Millisecond))
	e.server = newEmbedded(srv, st)
	e.server.tls, e.server.clientFile = tlsOn, info.ClientTLS
	if database != "" {
		e.server.stopWatch = watchStateDisk(o.StateDir, st, o.Logger)
	}
	e.lock = lk
	lk = nil // e.Close releases it from here on
	if !o.NoUI {
		ui, err := startUI(ctx, p.ui, e.Address, o.Namespace)
		if err != nil {
			_ = e.Close()
			return nil, err
		}
		e.server.ui = ui
	}
	if _, err := connect(ctx, o, e); err != nil {
		_ = e.Close()
		return nil, err
	}
	if e.lock != nil {
		// Commands that find the server from here on do not say they wait.
		info.Ready = true
		if err := e.lock.advertise(info); err != nil {
			o.Logger.Warn("say in the lock file that the server is ready", "error", err)
		}
	}
	e.server.reportLateFailure(o.Logger)
	return e, nil
}

// buildTries is how often buildServer tries free ports before giving up.
const buildTries = 3

// buildServer picks the server's ports and builds it on them. A port found
// free can be taken by another process before the server binds it; the build
// then fails, and is tried again on other ports when exitdrill chose them all.
func buildServer(o Options, sqlConf *config.SQL, st *serverState, t *serverTLS, pick func(Options) (ports, error)) (temporal.Server, ports, error) {
	for try := 1; ; try++ {
		p, err := pick(o)
		if err != nil {
			return nil, p, err
		}
		srv, err := newServer(serverOptions(serverConfig(p, sqlConf, t), p, o, st, t), st)
		if err == nil {
			return srv, p, nil
		}
		var fatal serverFatal
		if !errors.As(err, &fatal) || try == buildTries || o.Port != 0 || o.UIPort != 0 {
			return nil, p, fmt.Errorf("build embedded temporal server: %w", err)
		}
		o.Logger.Info("a port of the embedded server was taken before it could bind it; trying others", "error", err)
	}
}

// newServer builds the server, turning a Fatal record of the build into an
// error (see serverLogger).
func newServer(opts []temporal.ServerOption, st *serverState) (srv temporal.Server, err error) {
	st.building.Store(true)
	defer st.building.Store(false)
	defer func() {
		if r := recover(); r != nil {
			f, ok := r.(serverFatal)
			if !ok {
				panic(r)
			}
			srv, err = nil, f
		}
	}()
	return temporal.NewServer(opts...)
}

func hostPort(port int) string { return net.JoinHostPort(loopback, strconv.Itoa(port)) }

func databasePath(stateDir string) string { return stateDir + string(os.PathSeparator) + DatabaseFile }

// pickPorts takes the requested ports, checking they are free, and free
// loopback ports for the rest.
func pickPorts(o Options) (ports, error) {
	p, err := frontendPort(o)
	if err != nil {
		return p, err
	}
	if !o.NoUI {
		if p.ui, err = port(o.UIPort, "Web UI"); err != nil {
			return p, err
		}
	}
	for _, q := range []*int{&p.history, &p.matching, &p.worker} {
		if *q, err = port(0, "internal"); err != nil {
			return p, err
		}
	}
	return p, nil
}

// frontendPort picks the gRPC port on the listen address: o.Port when it is
// free there, else any free port when o.Port is 0.
func frontendPort(o Options) (ports, error) {
	p := ports{bind: loopback, dial: loopback}
	if o.ListenIP != "" {
		ip := net.ParseIP(o.ListenIP)
		if ip == nil {
			return p, fmt.Errorf("listen address %q is not an IP address", o.ListenIP)
		}
		p.bind = ip.String()
		if !ip.IsUnspecified() {
			p.dial = p.bind // the wildcard includes loopback; any other address does not
		}
	}
	l, err := net.Listen("tcp", net.JoinHostPort(p.bind, strconv.Itoa(o.Port)))
	if err != nil {
		if o.Port != 0 {
			return p, fmt.Errorf("gRPC port %d on %s is not free: %w", o.Port, p.bind, err)
		}
		return p, fmt.Errorf("find a free gRPC port on %s: %w", p.bind, err)
	}
	defer l.Close()
	p.frontend = l.Addr().(*net.TCPAddr).Port
	if o.Port == 0 {
		holdBack(l, p.dial)
	}
	return p, nil
}

// port returns want when it is free on loopback, or a free port when want is 0.
func port(want int, what string) (int, error) {
	l, err := net.Listen("tcp", hostPort(want))
	if err != nil {
		if want != 0 {
			return 0, fmt.Errorf("%s port %d is not free: %w", what, want, err)
		}
		return 0, fmt.Errorf("find a free %s port: %w", what, err)
	}
	defer l.Close()
	if want == 0 {
		holdBack(l, loopback)
	}
	return l.Addr().(*net.TCPAddr).Port, nil
}

// holdBack keeps the kernel from handing a free port just found out again
// before the server binds it: another listener on port 0, or a connection
// going out, would take it. A connection to the port, closed first on the
// listener's side, leaves that side in TIME_WAIT for about a minute; the
// kernel does not allocate a port in TIME_WAIT, while the server, binding it
// by number with SO_REUSEADDR as Go does, may. Best effort: on any error the
// port is used as it is.
func holdBack(l net.Listener, dialIP string) {
	port := l.Addr().(*net.TCPAddr).Port
	c, err := net.DialTimeout("tcp", net.JoinHostPort(dialIP, strconv.Itoa(port)), time.Second)
	if err != nil {
		return
	}
	defer c.Close()
	_ = l.(*net.TCPListener).SetDeadline(time.Now().Add(time.Second))
	if a, err := l.Accept(); err == nil {
		_ = a.Close()
	}
}

// prepareDatabase returns the SQLite configuration for file (in memory when
// empty), creating the schema on first use and the namespace with exitdrill's
// search attributes when missing.
func prepareDatabase(file, namespace string) (*config.SQL, error) {
	conf := &config.SQL{PluginName: sqliteplugin.PluginName, ConnectAttributes: map[string]string{}}
	if file == "" {
		conf.ConnectAttributes["mode"] = "memory"
		conf.ConnectAttributes["cache"] = "shared"
		conf.DatabaseName = "exitdrill-" + randomHex()
	} else {
		if strings.ContainsAny(file, "?#") {
			return nil, fmt.Errorf("state directory path %q contains ? or #, which SQLite file URIs cannot hold", file)
		}
		conf.ConnectAttributes["mode"] = "rwc"
		// WAL makes a drill's writes about 1.7 times faster; the -wal and -shm
		// files beside the database are part of it.
		conf.ConnectAttributes["journal_mode"] = "wal"
		conf.DatabaseName = file
		if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
			// Created private before SQLite opens it; its -wal and -shm
			// files take the database's mode.
			if err := createPrivate(file); err != nil {
				return nil, fmt.Errorf("create state database: %w", err)
			}
			if err := sqliteschema.SetupSchema(conf); err != nil {
				for _, f := range []string{file, file + "-wal", file + "-shm"} {
					_ = os.Remove(f)
				}
				return nil, fmt.Errorf("create temporal schema in %s: %w", file, err)
			}
		}
	}
	if file != "" {
		// A state directory made by an earlier version may be readable by
		// others: the drills' histories hold plans and results.
		for _, f := range []string{file, file + "-wal", file + "-shm"} {
			if err := os.Chmod(f, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("make the state database private: %w", err)
			}
		}
	}
	var nss []*sqliteschema.NamespaceConfig
	for _, name := range dedupe(namespace, DefaultNamespace) {
		ns, err := sqliteschema.NewNamespaceConfig(clusterName, name, false, searchattr.All())
		if err != nil {
			return nil, fmt.Errorf("namespace %s: %w", name, err)
		}
		ns.Detail.Config.Retention = durationpb.New(retention)
		nss = append(nss, ns)
	}
	if err := sqliteschema.CreateNamespaces(conf, nss...); err != nil {
		return nil, fmt.Errorf("create namespace %s: %w", namespace, err)
	}
	return conf, nil
}

func dedupe(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

func serverConfig(p ports, sqlConf *config.SQL, t *serverTLS) *config.Config {
	c := &config.Config{}
	c.Global.Membership = config.Membership{MaxJoinDuration: 30 * time.Second, BroadcastAddress: loopback}
	c.Persistence = config.Persistence{
		DefaultStore:     "sqlite",
		VisibilityStore:  "sqlite",
		NumHistoryShards: 1,
		DataStores:       map[string]config.DataStore{"sqlite": {SQL: sqlConf}},
	}
	c.ClusterMetadata = &cluster.Config{
		FailoverVersionIncrement: 10,
		MasterClusterName:        clusterName,
		CurrentClusterName:       clusterName,
		ClusterInformation: map[string]cluster.ClusterInformation{
			clusterName: {Enabled: true, InitialFailoverVersion: 1, RPCAddress: p.frontendAddr()},
		},
	}
	c.DCRedirectionPolicy.Policy = "noop"
	svc := func(port int) config.Service {
		return config.Service{RPC: config.RPC{GRPCPort: port, BindOnIP: loopback}}
	}
	frontend := svc(p.frontend)
	frontend.RPC.BindOnIP = p.bind
	c.Services = map[string]config.Service{
		"frontend": frontend, "history": svc(p.history), "matching": svc(p.matching), "worker": svc(p.worker),
	}
	c.Archival.History.State = "disabled"
	c.Archival.Visibility.State = "disabled"
	c.NamespaceDefaults.Archival.History.State = "disabled"
	c.NamespaceDefaults.Archival.Visibility.State = "disabled"
	c.PublicClient.HostPort = p.frontendAddr()
	if t != nil {
		applyTLS(c, t.conf, t.clientCA, t.id)
	}
	return c
}

func serverOptions(c *config.Config, p ports, o Options, st *serverState, t *serverTLS) []temporal.ServerOption {
	logger := newServerLogger(o.TemporalLogger, st)
	hosts := map[primitives.ServiceName]static.Hosts{
		primitives.FrontendService: static.SingleLocalHost(p.frontendAddr()),
		primitives.HistoryService:  static.SingleLocalHost(hostPort(p.history)),
		primitives.MatchingService: static.SingleLocalHost(hostPort(p.matching)),
		primitives.WorkerService:   static.SingleLocalHost(hostPort(p.worker)),
	}
	dc := dynamicconfig.StaticClient{
		dynamicconfig.HistoryCacheHostLevelMaxSize.Key():                 8192,
		dynamicconfig.FrontendMaxNamespaceVisibilityRPSPerInstance.Key(): 100,
		// Compressed drills run many short timers: fire them when due rather than
		// up to a second late (the default suits clusters, not one process).
		dynamicconfig.TimerProcessorMaxTimeShift.Key(): 10 * time.Millisecond,
	}
	var authz authorization.Authorizer = authorization.NewNoopAuthorizer()
	var claims authorization.ClaimMapper = authorization.NewNoopClaimMapper()
	if t != nil {
		authz, claims = roleAuthorizer{}, certClaims{roles: t.conf.Roles, internal: t.id.cn}
	}
	return []temporal.ServerOption{
		temporal.WithConfig(c),
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithStaticHosts(hosts),
		temporal.WithLogger(logger),
		temporal.WithAuthorizer(authz),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return claims }),
		temporal.WithDynamicConfigClient(dc),
	}
}

// createPrivate creates an empty file only its owner can read.
func createPrivate(name string) error {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	return f.Close()
}
