package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/engine"
)

type serverOptions struct {
	engine   engineFlags
	noWorker bool
	noUI     bool
	port     int
	ip       string
	tls      serverTLSFlags
	signing  signingFlag
	// The web console (cmd_console.go).
	noConsole bool
	console   consoleFlags
	metrics   metricsFlag
}

func (o *serverOptions) AddFlags(cmd *cobra.Command) {
	o.engine.AddFlags(cmd)
	o.signing.AddFlags(cmd)
	cmd.Flags().BoolVar(&o.noWorker, "no-worker", false, "run only the server; start workers with exitdrill worker (see the examples)")
	cmd.Flags().BoolVar(&o.noUI, "no-ui", false, "do not serve the Temporal Web UI (the default; kept for scripts that say so)")
	cmd.Flags().BoolVar(&o.noConsole, "no-console", false, "do not serve the exitdrill web console")
	o.console.addFlags(cmd, "console-")
	cmd.Flags().IntVar(&o.port, "port", 0, "gRPC port of the server (default: a free port)")
	cmd.Flags().StringVar(&o.ip, "ip", "127.0.0.1", "address the gRPC port listens on; 0.0.0.0 lets workers on other machines or containers connect (needs mTLS: --tls-server-cert and the rest)")
	o.tls.addFlags(cmd)
	o.metrics.AddFlags(cmd)
}

// serverTLSFlags make the embedded server require mutual TLS.
type serverTLSFlags struct{ cert, key, clientCA, roles string }

func (f *serverTLSFlags) addFlags(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.cert, "tls-server-cert", "", "the server's certificate (PEM) for mTLS; required with an --ip beyond loopback")
	fl.StringVar(&f.key, "tls-server-key", "", "the server's private key (PEM), with --tls-server-cert")
	fl.StringVar(&f.clientCA, "tls-client-ca", "", "the CA certificates (PEM) that sign the clients' certificates, with --tls-server-cert")
	fl.StringVar(&f.roles, "tls-roles", "", "YAML file giving each client certificate's common name its role: "+strings.Join(engine.CertRoles, ", "))
}

// serverTLS is the mTLS the flags ask for, nil for none.
func (f *serverTLSFlags) serverTLS() (*engine.ServerTLS, error) {
	if f.cert == "" && f.key == "" && f.clientCA == "" && f.roles == "" {
		return nil, nil
	}
	if f.cert == "" || f.key == "" || f.clientCA == "" || f.roles == "" {
		return nil, withCode(ExitInvalid, errors.New("mTLS needs all four of --tls-server-cert, --tls-server-key, --tls-client-ca and --tls-roles"))
	}
	roles, err := engine.LoadCertRoles(f.roles)
	if err != nil {
		return nil, withCode(ExitInvalid, fmt.Errorf("--tls-roles: %w", err))
	}
	return &engine.ServerTLS{CertFile: f.cert, KeyFile: f.key, ClientCAFile: f.clientCA, Roles: roles}, nil
}

func newServerCmd(s *Streams) *cobra.Command {
	var o serverOptions
	cmd := &cobra.Command{
		Use:   "server",
		Short: "Run the embedded Temporal server and a worker (and with --ui its Web UI) in the foreground",
		Long: `Server runs exitdrill's embedded Temporal server, persisted to a SQLite file in the
state directory, with a worker (and with --ui the Temporal Web UI, on loopback),
until interrupted (Ctrl-C).
It prints its endpoints. Other exitdrill commands on the same state directory use
this server instead of starting their own, so drills started with --detach keep
running, and more workers can join with ` + "`exitdrill worker --address ADDR`" + `.
A server started while a short command (list, status) runs its own embedded
server on the state directory waits for it to end. With --ephemeral and
--state-dir the server keeps nothing but its lock in that directory, where the
other commands find it.
Only one server can hold a state directory.`,
		Example: `  exitdrill server                       # server, worker and web console
  exitdrill server --no-worker           # the server only; then, for each worker:
  exitdrill worker
  exitdrill worker --address HOST:PORT   # a worker on another machine`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runServer(cmd.Context(), &o, s) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runServer(ctx context.Context, o *serverOptions, s *Streams) error {
	if o.engine.changed("address") {
		return withCode(ExitInvalid, errors.New("server runs the embedded server: --address is for the commands that use a server"))
	}
	if err := o.metrics.start(s, &o.engine); err != nil {
		return err
	}
	defer o.metrics.close()
	opts, err := o.engine.options(s)
	if err != nil {
		return err
	}
	opts.Address = ""
	opts.Port = o.port
	opts.ListenIP = o.ip
	if opts.ServerTLS, err = o.tls.serverTLS(); err != nil {
		return err
	}
	opts.NoUI = opts.NoUI || o.noUI
	eng, err := engine.Serve(ctx, opts)
	if errors.Is(err, engine.ErrNeedsMTLS) {
		return withCode(ExitInvalid, fmt.Errorf("%w (--tls-server-cert, --tls-server-key, --tls-client-ca, --tls-roles)", err))
	}
	if err != nil {
		return err
	}
	defer eng.Close()
	o.metrics.watch(ctx, eng)
	register, err := o.signing.registrar(eng, githubFlags{}.repos())
	if err != nil {
		return err
	}
	if !o.noWorker {
		if err := eng.StartWorker(register); err != nil {
			return err
		}
	}
	rc, err := serverConsole(eng, o, s)
	if err != nil {
		return err
	}
	printEndpoints(s, eng, !o.noWorker)
	printConsole(s, rc, o)
	<-ctx.Done()
	if rc != nil {
		_ = rc.Close()
	}
	fmt.Fprintln(s.Err, "exitdrill server: stopping")
	return nil
}

func printEndpoints(s *Streams, eng *engine.Engine, worker bool) {
	w := s.Out
	fmt.Fprintf(w, "exitdrill server ready in %.1fs\n", eng.Ready.Seconds())
	fmt.Fprintf(w, "  gRPC:       %s\n", eng.Address)
	if eng.MTLS {
		fmt.Fprintf(w, "  mTLS:       required; each client certificate's role is in --tls-roles\n")
	}
	if eng.UIURL != "" {
		fmt.Fprintf(w, "  Web UI:     %s\n", eng.UIURL)
	}
	fmt.Fprintf(w, "  namespace:  %s\n", eng.Namespace)
	if eng.Database != "" {
		fmt.Fprintf(w, "  state dir:  %s\n", eng.StateDir)
		fmt.Fprintf(w, "  database:   %s\n", eng.Database)
	} else {
		if eng.StateDir != "" {
			fmt.Fprintf(w, "  state dir:  %s (its lock only)\n", eng.StateDir)
		}
		fmt.Fprintf(w, "  database:   in memory (--ephemeral): nothing is kept\n")
	}
	if worker {
		fmt.Fprintf(w, "  worker:     running on task queue %s\n", engine.TaskQueue)
	} else {
		fmt.Fprintf(w, "  worker:     none (--no-worker)\n")
	}
	fmt.Fprintf(w, "Connect:\n")
	tls := ""
	if eng.MTLS {
		tls = " --tls-cert CERT --tls-key KEY --tls-ca CA"
	}
	fmt.Fprintf(w, "  exitdrill worker --address %s --namespace %s%s\n", eng.Address, eng.Namespace, tls)
	fmt.Fprintf(w, "  temporal workflow list --address %s --namespace %s\n", eng.Address, eng.Namespace)
	if eng.StateDir != "" {
		fmt.Fprintf(w, "exitdrill commands with --state-dir %s use this server. Ctrl-C stops it.\n", eng.StateDir)
	} else {
		fmt.Fprintf(w, "Ctrl-C stops it.\n")
	}
}
