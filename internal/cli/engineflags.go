package cli

import (
	"context"
	"errors"
	"log/slog"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/logs"
)

// engineFlags choose the Temporal server a command uses: the embedded one on
// --state-dir (or the `exitdrill server` already running there), an in-memory
// one with --ephemeral, or an existing cluster with --address.
type engineFlags struct {
	opts    engine.Options
	ui      bool
	verbose bool
	flags   *pflag.FlagSet
	command string
	// lasting is set by the commands that run until stopped (run in the
	// foreground, worker, console): see engine.Options.Lasting.
	lasting bool
	// own is exitdrill's own logger for the command, once options has run:
	// the terminal and the log file.
	own *slog.Logger
	// metrics, when set (metricsFlag.start), receives the SDK's metrics.
	metrics client.MetricsHandler
}

var errEphemeralAddress = errors.New("--ephemeral starts an in-memory server and --address names an existing one: give one of them")

func (f *engineFlags) AddFlags(cmd *cobra.Command) {
	markNeedsEngine(cmd)
	fl := cmd.Flags()
	f.flags = fl
	f.command = cmd.Name()
	fl.StringVar(&f.opts.StateDir, "state-dir", "",
		"directory of the embedded server's SQLite file and lock (env EXITDRILL_STATE_DIR; default $XDG_DATA_HOME/exitdrill or ~/.local/share/exitdrill)")
	fl.BoolVar(&f.opts.Ephemeral, "ephemeral", false,
		"run the embedded server on an in-memory database: nothing is kept")
	fl.StringVar(&f.opts.Address, "address", os.Getenv("TEMPORAL_ADDRESS"),
		"host:port of an existing Temporal cluster instead of the embedded server (env TEMPORAL_ADDRESS)")
	fl.StringVar(&f.opts.Namespace, "namespace", envOr("TEMPORAL_NAMESPACE", engine.DefaultNamespace),
		"Temporal namespace (env TEMPORAL_NAMESPACE)")
	fl.StringVar(&f.opts.TLSCert, "tls-cert", os.Getenv("TEMPORAL_TLS_CERT"),
		"client certificate PEM file for mTLS, with --tls-key (env TEMPORAL_TLS_CERT)")
	fl.StringVar(&f.opts.TLSKey, "tls-key", os.Getenv("TEMPORAL_TLS_KEY"),
		"client private key PEM file for mTLS, with --tls-cert (env TEMPORAL_TLS_KEY)")
	fl.StringVar(&f.opts.TLSCA, "tls-ca", os.Getenv("TEMPORAL_TLS_CA"),
		"CA certificates PEM file to trust instead of the system pool (env TEMPORAL_TLS_CA)")
	fl.StringVar(&f.opts.APIKey, "api-key", "",
		"API key for the cluster, e.g. Temporal Cloud (env TEMPORAL_API_KEY, preferred: a flag shows in ps)")
	fl.BoolVar(&f.ui, "ui", false,
		"serve the embedded server's Temporal Web UI on loopback; off by default: it has no sign-in, so anyone on this machine could change drills through it around the console's roles")
	fl.IntVar(&f.opts.UIPort, "ui-port", 0,
		"loopback port of the embedded server's Web UI, with --ui (default: a free port)")
	fl.BoolVar(&f.verbose, "server-log", false,
		"show the Temporal server's and SDK's informational logs on stderr")
	_ = fl.MarkDeprecated("server-log", "use --log-level info")
}

// envOr is the environment variable name, or def when it is unset or empty.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// options returns the engine options the flags describe, reading the API key
// from the environment here rather than as a flag default so that --help
// never prints it. The loggers write to the terminal and to the log file of
// the state directory (see logDir); the engine closes that file.
func (f *engineFlags) options(s *Streams) (engine.Options, error) {
	o := f.opts
	o.Lasting = f.lasting
	if o.Ephemeral && !f.changed("address") {
		o.Address = "" // --ephemeral beats TEMPORAL_ADDRESS from the environment
	}
	if o.APIKey == "" {
		o.APIKey = os.Getenv("TEMPORAL_API_KEY")
	}
	o.NoUI = !f.ui && !f.changed("ui-port")
	o.Command, o.Status = f.command, s.Err
	o.MetricsHandler = f.metrics
	cfg := s.logConfig()
	if f.verbose {
		cfg.Level = min(cfg.Level, slog.LevelInfo)
	}
	l, err := logs.Open(cfg, f.logDir(o), s.Err, slog.Int("pid", os.Getpid()), slog.String("cmd", f.command))
	if err != nil {
		return o, err
	}
	o.Logger, o.TemporalLogger, o.Logs = l.Own, l.Temporal, l
	f.own = l.Own
	return o, nil
}

// logDir is the state directory whose logs/ gets the command's log file: the
// one the command uses. With --address or --ephemeral the command keeps
// nothing there, so only a --state-dir given on purpose gets a log; else the
// terminal has the one-line notes alone.
func (f *engineFlags) logDir(o engine.Options) string {
	if (o.Address != "" || o.Ephemeral) && !f.changed("state-dir") {
		return ""
	}
	if o.StateDir == "" {
		return engine.DefaultStateDir()
	}
	return o.StateDir
}

// databaseDir is the state directory whose database will record what the
// command starts: "" with --address (a cluster's) or --ephemeral (in memory).
func (f *engineFlags) databaseDir() string {
	switch {
	case f.opts.Ephemeral || f.opts.Address != "":
		return ""
	case f.opts.StateDir != "":
		return f.opts.StateDir
	}
	return engine.DefaultStateDir()
}

// openFor checks the output format first, so that a bad --format costs no
// server start, then opens the engine; the caller closes it.
func (f *engineFlags) openFor(ctx context.Context, s *Streams, out *outputFlag) (*engine.Engine, error) {
	if err := out.check(s); err != nil {
		return nil, err
	}
	return f.open(ctx, s)
}

// open returns the engine the flags describe; the caller closes it.
func (f *engineFlags) open(ctx context.Context, s *Streams) (*engine.Engine, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	o, err := f.options(s)
	if err != nil {
		return nil, err
	}
	return engine.Open(ctx, o)
}

func (f *engineFlags) check() error {
	if f.opts.Ephemeral && f.changed("address") {
		return withCode(ExitInvalid, errEphemeralAddress)
	}
	return nil
}

func (f *engineFlags) changed(name string) bool { return f.flags != nil && f.flags.Changed(name) }
