package cli

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// syncBuffer is the shared concurrency-safe buffer.
type syncBuffer = testkit.SyncBuffer

// TestServerAndWorker runs `exitdrill server` until interrupted, with a second
// server refused on its state directory and a worker joining it.
func TestServerAndWorker(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- Execute(ctx, []string{"server", "--state-dir", dir, "--no-ui"}, Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	}()
	if !testkit.Poll(30*time.Second, func() bool { return strings.Contains(out.String(), "Ctrl-C stops it") }) {
		cancel()
		t.Fatalf("server not ready; stdout:\n%s\nstderr:\n%s", out.String(), errb.String())
	}
	got := out.String()
	for _, want := range []string{"exitdrill server ready in", "gRPC:       127.0.0.1:", "namespace:  default",
		"state dir:  " + dir, "database:   " + dir + "/exitdrill.db", "worker:     running on task queue exitdrill",
		"exitdrill worker --address 127.0.0.1:", "temporal workflow list --address 127.0.0.1:"} {
		if !strings.Contains(got, want) {
			t.Errorf("server output lacks %q:\n%s", want, got)
		}
	}

	code, _, stderr := run(t, "server", "--state-dir", dir, "--no-ui")
	if code != ExitError || !strings.Contains(stderr, "is in use by exitdrill server") {
		t.Errorf("second server: exit %d, stderr %q; want 1 and 'is in use by exitdrill server'", code, stderr)
	}

	wctx, wcancel := context.WithCancel(context.Background())
	var wout, werr syncBuffer
	wdone := make(chan int)
	go func() {
		wdone <- Execute(wctx, []string{"worker", "--state-dir", dir}, Streams{In: strings.NewReader(""), Out: &wout, Err: &werr})
	}()
	if !testkit.Poll(10*time.Second, func() bool { return strings.Contains(werr.String(), "on the exitdrill server at 127.0.0.1:") }) {
		t.Errorf("worker did not join the server; stderr:\n%s", werr.String())
	}
	wcancel()
	if code := <-wdone; code != ExitOK && code != ExitInterrupted {
		t.Errorf("worker exit %d; stderr:\n%s", code, werr.String())
	}

	cancel()
	select {
	case code := <-done:
		if code != ExitOK && code != ExitInterrupted {
			t.Errorf("server exit %d; stderr:\n%s", code, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop within 30s of the interrupt")
	}
}

func TestEngineFlagsConflict(t *testing.T) {
	code, _, stderr := run(t, "worker", "--ephemeral", "--address", "127.0.0.1:1")
	if code != ExitInvalid || !strings.Contains(stderr, "--ephemeral") {
		t.Errorf("exit %d, stderr %q; want 2 naming --ephemeral", code, stderr)
	}
	code, _, stderr = run(t, "server", "--address", "127.0.0.1:1")
	if code != ExitInvalid || !strings.Contains(stderr, "--address") {
		t.Errorf("server --address: exit %d, stderr %q; want 2", code, stderr)
	}
}

// TestServerHelp shows exitdrill worker as an example line of its own, not
// run together with --no-worker as the flag's value name (pflag reads a
// back-quoted word in a usage as one).
func TestServerHelp(t *testing.T) {
	code, out, errs := run(t, "server", "--help")
	if code != ExitOK {
		t.Fatalf("server --help: exit %d: %s", code, errs)
	}
	lines := strings.Split(out, "\n")
	var example, flag string
	for _, l := range lines {
		if strings.TrimSpace(l) == "exitdrill worker" {
			example = l
		}
		if strings.Contains(l, "--no-worker") && !strings.Contains(l, "exitdrill server") {
			flag = l
		}
	}
	if example == "" {
		t.Errorf("server --help has no example line \"exitdrill worker\":\n%s", out)
	}
	if strings.Contains(flag, "--no-worker exitdrill") || !strings.Contains(flag, "run only the server") {
		t.Errorf("--no-worker line = %q, want the flag without a value name", flag)
	}
}

// A server beyond loopback without mTLS is refused before anything starts,
// naming the flags; half of the mTLS flags is refused too, as is a roles
// file with a role that does not exist, at its line and column.
func TestServerBeyondLoopbackNeedsMTLS(t *testing.T) {
	dir := t.TempDir()
	roles := filepath.Join(dir, "roles.yaml")
	if err := os.WriteFile(roles, []byte("anna: continuity-manager\nbob: admin\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--ip", "0.0.0.0"}, "exitdrill: listening on 0.0.0.0: an embedded server beyond loopback requires mutual TLS: " +
			"a server certificate and key, the CA of the clients' certificates and the role of each (--tls-server-cert, --tls-server-key, --tls-client-ca, --tls-roles)\n"},
		{[]string{"--ip", "0.0.0.0", "--tls-server-cert", "x.pem"}, "exitdrill: mTLS needs all four of --tls-server-cert, --tls-server-key, --tls-client-ca and --tls-roles\n"},
		{[]string{"--tls-server-cert", "x.pem", "--tls-server-key", "k.pem", "--tls-client-ca", "ca.pem", "--tls-roles", roles},
			"exitdrill: --tls-roles: " + roles + `:2:6: certificate "bob": role "admin" is not one of viewer, operator, continuity-manager, worker` + "\n"},
	} {
		state := t.TempDir()
		code, out, errs := run(t, append([]string{"server", "--ephemeral", "--no-console", "--state-dir", state}, tt.args...)...)
		if code != ExitInvalid || out != "" || errs != tt.want {
			t.Errorf("server %v: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, out, errs, tt.want)
		}
	}
}

// A call the server's roles refuse says what that means, beyond Temporal's
// bare "Request unauthorized": here a viewer's certificate starting a drill.
func TestRefusedByRoleSaysWhy(t *testing.T) {
	dir := t.TempDir()
	ca := testkit.NewCA(t, "test CA")
	cert, key := ca.Server(t, dir, "server", "127.0.0.1")
	caFile := ca.WriteCA(t, dir, "ca.pem")
	vicCert, vicKey := ca.Client(t, dir, "vic")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	eng, err := engine.Serve(ctx, engine.Options{Ephemeral: true, NoUI: true, ListenIP: "0.0.0.0", Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		ServerTLS: &engine.ServerTLS{CertFile: cert, KeyFile: key, ClientCAFile: caFile, Roles: map[string]string{"vic": engine.RoleViewer}}})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	code, _, errs := run(t, "run", "--detach", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-compressed"),
		"--address", eng.Address, "--tls-cert", vicCert, "--tls-key", vicKey, "--tls-ca", caFile, "--state-dir", t.TempDir(), "--reports", t.TempDir())
	want := "exitdrill: the server refused this: the role of the certificate shown (--tls-cert) does not allow it, or the API key's\n"
	if code != ExitError || !strings.Contains(errs, "Request unauthorized") || !strings.HasSuffix(errs, want) {
		t.Errorf("run as a viewer: exit %d, stderr %q; want 1 ending with %q", code, errs, want)
	}
}
