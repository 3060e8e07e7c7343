//go:build !exitdrill_light

package engine

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

func testOptions(stateDir string) Options {
	return Options{
		StateDir: stateDir,
		NoUI:     true,
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

func openTest(t *testing.T, o Options) *Engine {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	e, err := Open(ctx, o)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = e.Close() })
	t.Logf("ready in %v (embedded %v, %s)", e.Ready, e.Embedded, e.Address)
	return e
}

func TestEmbeddedServesNamespaceSearchAttributesAndUI(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	o := testOptions(dir)
	o.NoUI = false
	e := openTest(t, o)
	ctx := context.Background()

	if !e.Embedded || e.Shared != nil {
		t.Errorf("Embedded = %v, Shared = %v; want an embedded server", e.Embedded, e.Shared)
	}
	if want := filepath.Join(dir, DatabaseFile); e.Database != want {
		t.Errorf("Database = %q, want %q", e.Database, want)
	}
	if _, err := os.Stat(e.Database); err != nil {
		t.Errorf("database file: %v", err)
	}
	if _, err := e.Client.WorkflowService().DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: DefaultNamespace}); err != nil {
		t.Fatalf("DescribeNamespace: %v", err)
	}
	sa, err := e.Client.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: e.Namespace})
	if err != nil {
		t.Fatal(err)
	}
	for name, typ := range searchattr.All() {
		if got := sa.GetCustomAttributes()[name]; got != typ {
			t.Errorf("search attribute %s: got %s, want %s", name, got, typ)
		}
	}
	info, err := Running(dir)
	if err != nil || info == nil || info.Address != e.Address || info.PID != os.Getpid() {
		t.Errorf("Running = %+v, %v; want this process at %s", info, err, e.Address)
	}

	resp, err := http.Get(e.UIURL)
	if err != nil {
		t.Fatalf("web UI: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "<html") {
		t.Errorf("GET %s: %s, body starts %.80q", e.UIURL, resp.Status, body)
	}
}

func TestSecondOpenUsesTheServerHoldingTheStateDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	first, err := Serve(ctx, testOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = first.Close() })

	second := openTest(t, testOptions(dir))
	if second.Embedded || second.Address != first.Address || second.Shared == nil || second.Shared.Mode != modeServer {
		t.Errorf("second Open: Embedded %v, Address %s, Shared %+v; want the first server at %s",
			second.Embedded, second.Address, second.Shared, first.Address)
	}
	if second.Database != "" {
		t.Errorf("second Open has Database %q; it must not open the SQLite file", second.Database)
	}

	_, err = Serve(ctx, testOptions(dir))
	if err == nil || !strings.Contains(err.Error(), "in use by exitdrill server") {
		t.Errorf("second Serve: err = %v, want 'in use by exitdrill server'", err)
	}

	// A lasting command's in-process server is shared the same way with a
	// short command (statedir_test.go has the rest of the rule).
	dir2 := t.TempDir()
	lasting := testOptions(dir2)
	lasting.Command, lasting.Lasting = "run", true
	cmd := openTest(t, lasting)
	other := openTest(t, testOptions(dir2))
	if other.Embedded || other.Address != cmd.Address {
		t.Errorf("Open beside an in-process server: Embedded %v, Address %s; want %s", other.Embedded, other.Address, cmd.Address)
	}
}

func echo(ctx workflow.Context, s string) (string, error) { return "echo " + s, nil }

func TestRestartKeepsData(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	e := openTest(t, testOptions(dir))
	if err := e.StartWorker(func(r worker.Registry) { r.RegisterWorkflow(echo) }); err != nil {
		t.Fatal(err)
	}
	run, err := e.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "keep-me", TaskQueue: TaskQueue}, echo, "x")
	if err != nil {
		t.Fatal(err)
	}
	var got string
	if err := run.Get(ctx, &got); err != nil || got != "echo x" {
		t.Fatalf("workflow result %q, %v", got, err)
	}
	if err := e.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, LockFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file after Close: %v, want it removed", err)
	}

	again := openTest(t, testOptions(dir))
	if !again.Embedded {
		t.Fatal("restart did not start the embedded server")
	}
	desc, err := again.Client.DescribeWorkflowExecution(ctx, "keep-me", "")
	if err != nil {
		t.Fatalf("describe after restart: %v", err)
	}
	if st := desc.GetWorkflowExecutionInfo().GetStatus(); st != enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
		t.Errorf("status after restart = %s, want completed", st)
	}
}

func TestEphemeralLeavesNoFile(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "state")
	o := testOptions(dir)
	o.Ephemeral = true
	e := openTest(t, o)
	if !e.Embedded || e.Database != "" || e.StateDir != "" {
		t.Errorf("Embedded %v, Database %q, StateDir %q; want an in-memory embedded server", e.Embedded, e.Database, e.StateDir)
	}
	if _, err := e.Client.WorkflowService().DescribeNamespace(context.Background(), &workflowservice.DescribeNamespaceRequest{Namespace: DefaultNamespace}); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("state dir after an ephemeral run: %v, want none", err)
	}
}

func TestExternalAddressGivesSearchAttributes(t *testing.T) {
	t.Parallel()
	srv := openTest(t, testOptions(t.TempDir()))
	ctx := context.Background()
	const ns = "elsewhere"
	_, err := srv.Client.WorkflowService().RegisterNamespace(ctx, &workflowservice.RegisterNamespaceRequest{
		Namespace: ns, WorkflowExecutionRetentionPeriod: durationpb.New(24 * time.Hour),
	})
	if err != nil {
		t.Fatal(err)
	}
	o := testOptions("")
	o.Address, o.Namespace = srv.Address, ns
	var ext *Engine
	deadline := time.Now().Add(15 * time.Second)
	for ext == nil { // a new namespace takes a moment to reach the namespace cache
		ext, err = Open(ctx, o)
		if err != nil && time.Now().After(deadline) {
			t.Fatal(err)
		}
		if err != nil {
			time.Sleep(200 * time.Millisecond)
		}
	}
	t.Cleanup(func() { _ = ext.Close() })
	if ext.Embedded || ext.Shared != nil {
		t.Errorf("Embedded %v, Shared %v; want an external cluster", ext.Embedded, ext.Shared)
	}
	sa, err := ext.Client.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range sa.GetCustomAttributes() {
		names = append(names, n)
	}
	for name := range searchattr.All() {
		if !slices.Contains(names, name) {
			t.Errorf("namespace %s lacks %s after Open; has %v", ns, name, names)
		}
	}
}

func TestExternalAddressThatDoesNotAnswer(t *testing.T) {
	t.Parallel()
	silent, err := net.Listen("tcp", "127.0.0.1:0") // accepts, never speaks gRPC
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	closed, _ := port(0, "test")
	for _, addr := range []string{silent.Addr().String(), hostPort(closed)} {
		o := testOptions("")
		o.Address, o.ReadyTimeout = addr, 2*time.Second
		start := time.Now()
		e, err := Open(context.Background(), o)
		took := time.Since(start)
		if err == nil {
			e.Close()
			t.Fatalf("Open(%s) succeeded", addr)
		}
		if !strings.Contains(err.Error(), "did not answer within 2s") || !strings.Contains(err.Error(), addr) {
			t.Errorf("Open(%s): %v; want it to say the server did not answer", addr, err)
		}
		if took > 6*time.Second {
			t.Errorf("Open(%s) took %v; want about 2s", addr, took)
		}
	}
}

// BenchmarkOpen measures the time until an embedded server answers: on a new
// state directory (schema created) and on one that already holds a database.
func BenchmarkOpen(b *testing.B) {
	ctx := context.Background()
	run := func(b *testing.B, dir func() string) {
		for b.Loop() {
			e, err := Open(ctx, testOptions(dir()))
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			e.Close()
			b.StartTimer()
		}
	}
	b.Run("cold", func(b *testing.B) { run(b, b.TempDir) })
	warm := b.TempDir()
	b.Run("warm", func(b *testing.B) { run(b, func() string { return warm }) })
	b.Run("ephemeral", func(b *testing.B) {
		for b.Loop() {
			o := testOptions("")
			o.Ephemeral = true
			e, err := Open(ctx, o)
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			e.Close()
			b.StartTimer()
		}
	})
}

func TestTLSConfig(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		o       Options
		wantErr string // "" means no error
		wantTLS bool
	}{
		{"none", Options{}, "", false},
		{"cert without key", Options{TLSCert: "c.pem"}, "--tls-cert and --tls-key go together", false},
		{"missing files", Options{TLSCert: "nope.pem", TLSKey: "nope.key"}, "load client certificate nope.pem", false},
		{"CA without PEM", Options{TLSCA: notPEM}, "holds no PEM certificate", false},
		{"missing CA", Options{TLSCA: filepath.Join(dir, "absent.pem")}, "read CA file", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tlsConfig(tt.o)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if (got != nil) != tt.wantTLS {
				t.Errorf("TLS config = %v, want present %v", got, tt.wantTLS)
			}
		})
	}
}
