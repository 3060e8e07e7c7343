// Package engine gives exitdrill a Temporal client and workers: it starts an
// embedded Temporal server persisted to a SQLite file (with the Web UI), reuses
// the `exitdrill server` already running on the same state directory, or
// connects to an existing cluster, all through one code path.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
)

// TaskQueue is the task queue of exitdrill's workflows and activities.
const TaskQueue = "exitdrill"

// DefaultNamespace is the namespace used when Options.Namespace is empty.
const DefaultNamespace = "default"

// File names inside the state directory.
const (
	DatabaseFile = "exitdrill.db"
	LockFile     = "server.lock"
)

// readyTimeout bounds how long Open waits for a server to answer.
const readyTimeout = 30 * time.Second

// Options say which Temporal server to use and how to reach it.
type Options struct {
	// StateDir holds the SQLite file and the lock file; DefaultStateDir when
	// empty, unless Ephemeral.
	StateDir string
	// Ephemeral runs the embedded server on an in-memory database, and Open
	// reuses no running server. Serve with a StateDir takes that directory's
	// lock and advertises the server there (no SQLite file), so commands on
	// it use the server; Open ignores StateDir.
	Ephemeral bool
	// Command names the exitdrill command ("run", "list") to the other
	// processes on the state directory, in their messages.
	Command string
	// Lasting says the command runs until it is stopped or its drill ends
	// (run in the foreground, worker, console), so it must not rely on
	// another command's embedded server, nor make others wait for it.
	Lasting bool
	// Status receives a line for the person at the terminal when Open or
	// Serve waits for another process on the state directory; Logger when nil.
	Status io.Writer
	// Address of an existing cluster (host:port); empty means embedded.
	Address string
	// Namespace; DefaultNamespace when empty.
	Namespace string
	// TLSCert and TLSKey are a client certificate and key (PEM files) for mTLS;
	// TLSCA is a PEM file of CAs to trust instead of the system pool.
	TLSCert, TLSKey, TLSCA string
	// APIKey authenticates to the cluster (Temporal Cloud). Never logged.
	APIKey string
	// Port is the embedded server's gRPC port and UIPort its Web UI port; 0
	// picks a free loopback port.
	Port, UIPort int
	// ListenIP is the address the embedded server's gRPC frontend listens on:
	// loopback when empty; 0.0.0.0 lets workers on other hosts or containers
	// connect (the other services stay on loopback).
	ListenIP string
	// ServerTLS, when set, makes the embedded server's frontend require
	// mutual TLS with roles by certificate; it is required when ListenIP is
	// not a loopback address.
	ServerTLS *ServerTLS
	// NoUI skips the Web UI of the embedded server.
	NoUI bool
	// Logger receives exitdrill's own messages about the engine (a search
	// attribute it cannot register, a server that failed late); when nil,
	// warnings and errors go to stderr.
	Logger *slog.Logger
	// TemporalLogger receives the embedded server's and the SDK's logs; Logger
	// when nil. Records that are no fault (a step's outcome, a call cancelled
	// because its caller left or the server stops) are lowered to info or
	// debug on the way.
	TemporalLogger *slog.Logger
	// Logs, when not nil, is closed by Engine.Close once the server has
	// stopped, so that its last records are kept, or by Open when it fails:
	// the file behind the loggers.
	Logs io.Closer
	// ReadyTimeout bounds the wait for the server to answer; 30s when zero.
	ReadyTimeout time.Duration
	// MetricsHandler, when not nil, receives the SDK's metrics and those the
	// workflows record (internal/metrics); none are kept when nil.
	MetricsHandler client.MetricsHandler
}

// DefaultStateDir is $EXITDRILL_STATE_DIR, else $XDG_DATA_HOME/exitdrill, else
// ~/.local/share/exitdrill.
func DefaultStateDir() string {
	if d := os.Getenv("EXITDRILL_STATE_DIR"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "exitdrill")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "exitdrill")
	}
	return filepath.Join(os.TempDir(), "exitdrill")
}

func (o Options) withDefaults() Options {
	if o.StateDir == "" && !o.Ephemeral {
		o.StateDir = DefaultStateDir()
	}
	if o.StateDir != "" {
		if abs, err := filepath.Abs(o.StateDir); err == nil {
			o.StateDir = abs
		}
	}
	if o.Namespace == "" {
		o.Namespace = DefaultNamespace
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	if o.TemporalLogger == nil {
		o.TemporalLogger = o.Logger
	}
	if o.ReadyTimeout <= 0 {
		o.ReadyTimeout = readyTimeout
	}
	return o
}

// Engine is a connected Temporal client plus whatever Open started for it: an
// embedded server, its Web UI, the state directory's lock and workers. Close
// releases all of them, workers first; the Engine is unusable afterwards.
type Engine struct {
	// Client is connected to Namespace at Address.
	Client client.Client
	// Address is the server's gRPC host:port.
	Address string
	// Namespace the client uses.
	Namespace string
	// UIURL is the Temporal Web UI, when one is known.
	UIURL string
	// Embedded is true when this Engine runs the server in-process.
	Embedded bool
	// StateDir is the state directory (empty for an external cluster).
	StateDir string
	// Database is the SQLite file of the embedded server ("" when in memory or
	// not embedded).
	Database string
	// MTLS is true when the embedded server requires mutual TLS.
	MTLS bool
	// Shared describes the other process's server this Engine dialled, if any.
	Shared *ServerInfo
	// Ready is how long Open took until the server answered.
	Ready time.Duration
	// Waited is the part of Ready spent waiting for another process to
	// release the state directory.
	Waited time.Duration

	workers []worker.Worker
	server  *embedded
	lock    *stateLock
	logs    io.Closer
}

// Open returns an Engine for o. With o.Address it connects to that cluster,
// with o.Ephemeral it starts an in-memory server of its own. Otherwise it
// dials the server of the exitdrill process that holds o.StateDir, waits for
// that process to end, or refuses, as judge says, and else starts the
// embedded server in-process for the Engine's lifetime. Either way it waits
// until the server answers and the search attributes exist.
func Open(ctx context.Context, o Options) (*Engine, error) {
	return open(ctx, o.withDefaults(), modeCommand)
}

// Serve starts the embedded server for `exitdrill server`: like Open, but it
// never reuses another server: it refuses a state directory held by another
// server or a lasting command, waits for a short command to release it, and
// advertises its endpoints in the lock file so other commands use it (with
// o.Ephemeral too, when o.StateDir is given). Serve ignores o.Address.
func Serve(ctx context.Context, o Options) (*Engine, error) {
	o = o.withDefaults()
	o.Address = ""
	return open(ctx, o, modeServer)
}

func open(ctx context.Context, o Options, mode string) (*Engine, error) {
	start := time.Now()
	var e *Engine
	var err error
	switch {
	case o.Address != "":
		e, err = connect(ctx, o, &Engine{Address: o.Address, Namespace: o.Namespace})
	case o.Ephemeral && (mode == modeCommand || o.StateDir == ""):
		e, err = startEmbedded(ctx, o, nil, mode)
	default:
		e, err = openStateDir(ctx, o, mode)
	}
	if err != nil {
		if o.Logs != nil {
			_ = o.Logs.Close()
		}
		return nil, err
	}
	e.Ready = time.Since(start)
	e.logs = o.Logs
	return e, nil
}

// StartWorker starts a worker on TaskQueue with register's workflows and
// activities; Close stops it.
func (e *Engine) StartWorker(register func(worker.Registry)) error {
	w := NewWorker(e.Client, register)
	if err := w.Start(); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	e.workers = append(e.workers, w)
	return nil
}

// NewWorker returns an unstarted worker on TaskQueue with register's workflows
// and activities.
func NewWorker(c client.Client, register func(worker.Registry)) worker.Worker {
	return NewWorkerOn(c, TaskQueue, register)
}

// NewWorkerOn returns an unstarted worker on queue with register's workflows
// and activities: TaskQueue, or a labelled step queue (drill.StepQueue).
func NewWorkerOn(c client.Client, queue string, register func(worker.Registry)) worker.Worker {
	w := worker.New(c, queue, worker.Options{})
	register(w)
	return w
}

// Close stops the workers, the client, the embedded server and its Web UI,
// then releases the state directory and closes Options.Logs.
func (e *Engine) Close() error {
	if e.server != nil {
		// From here on, what the server says about calls the stop cuts
		// short is no fault (see serverLogger).
		e.server.st.quiet.Store(true)
	}
	for _, w := range e.workers {
		w.Stop()
	}
	e.workers = nil
	if e.Client != nil {
		e.Client.Close()
		e.Client = nil
	}
	var errs []error
	if e.server != nil {
		errs = append(errs, e.server.stop())
		e.server = nil
	}
	if e.lock != nil {
		errs = append(errs, e.lock.release())
		e.lock = nil
	}
	if e.logs != nil {
		errs = append(errs, e.logs.Close())
		e.logs = nil
	}
	return errors.Join(errs...)
}
