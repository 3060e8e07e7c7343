//go:build !exitdrill_light

package engine

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/internal/testkit"
)

// clientAs dials addr showing the certificate cn of ca (none when ca is nil),
// trusting the server's CA root.
func clientAs(t *testing.T, addr string, root *testkit.CA, ca *testkit.CA, dir, cn string) client.Client {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AddCert(root.Cert)
	tc := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	if ca != nil {
		cf, kf := ca.Client(t, dir, cn)
		pair, err := tls.LoadX509KeyPair(cf, kf)
		if err != nil {
			t.Fatal(err)
		}
		tc.Certificates = []tls.Certificate{pair}
	}
	c, err := client.NewLazyClient(client.Options{HostPort: addr, Namespace: DefaultNamespace, ConnectionOptions: client.ConnectionOptions{TLS: tc}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// An embedded server beyond loopback requires mTLS; with it, a client needs a
// certificate of the clients' CA, and its role decides what it may call. The
// server's own parts (its system worker, running schedules) and the
// commands of this machine get through with the server's own certificate.
func TestEmbeddedServerBeyondLoopbackRequiresMTLS(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	o := testOptions("")
	o.Ephemeral, o.ListenIP = true, "0.0.0.0"
	if _, err := Open(ctx, o); !errors.Is(err, ErrNeedsMTLS) {
		t.Fatalf("Open on 0.0.0.0 without mTLS: %v, want ErrNeedsMTLS", err)
	}

	dir := t.TempDir()
	ca, rogue := testkit.NewCA(t, "gemeente CA"), testkit.NewCA(t, "rogue CA")
	certFile, keyFile := ca.Server(t, dir, "server", "127.0.0.1")
	caFile := ca.WriteCA(t, dir, "ca.pem")
	state := filepath.Join(dir, "state")
	o = testOptions(state)
	o.ListenIP = "0.0.0.0"
	o.ServerTLS = &ServerTLS{CertFile: certFile, KeyFile: keyFile, ClientCAFile: caFile,
		Roles: map[string]string{"anna": RoleManager, "vic": RoleViewer, "olga": RoleOperator, "rogue-anna": RoleManager}}
	srv, err := Serve(ctx, o)
	if err != nil {
		t.Fatalf("Serve with mTLS: %v", err)
	}
	defer srv.Close()
	addr := srv.Address

	// The commands of this machine find the server in the state directory
	// and reach it with its client certificate, private to the owner.
	fi, err := os.Stat(filepath.Join(state, ClientTLSFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("local client certificate: %v, mode %v; want 0600", err, fi)
	}
	local, err := Open(ctx, testOptions(state))
	if err != nil {
		t.Fatalf("a command on the server's state directory: %v", err)
	}
	if local.Shared == nil {
		t.Error("the command did not use the server")
	}
	local.Close()

	describe := func(c client.Client) error {
		_, err := c.WorkflowService().DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: DefaultNamespace})
		return err
	}
	start := func(c client.Client, id string) error {
		_, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: "nobody-polls"}, "Nothing")
		return err
	}
	var denied *serviceerror.PermissionDenied

	if err := describe(clientAs(t, addr, ca, nil, dir, "")); err == nil {
		t.Error("a client without a certificate was answered")
	}
	if err := describe(clientAs(t, addr, ca, rogue, dir, "rogue-anna")); err == nil {
		t.Error("a certificate of another CA was answered, though its name has a role")
	}
	stranger := clientAs(t, addr, ca, ca, dir, "stranger")
	if err := describe(stranger); !errors.As(err, &denied) {
		t.Errorf("a certificate without a role: %v, want permission denied", err)
	}
	vic := clientAs(t, addr, ca, ca, dir, "vic")
	if err := describe(vic); err != nil {
		t.Errorf("a viewer reading: %v", err)
	}
	for _, c := range []client.Client{vic, clientAs(t, addr, ca, ca, dir, "olga")} {
		// Temporal tells the caller only "Request unauthorized"; the reason
		// (the role, the call) goes to the server's log.
		if err := start(c, "not-allowed"); !errors.As(err, &denied) {
			t.Errorf("a viewer or operator starting a drill: %v, want permission denied", err)
		}
	}
	anna := clientAs(t, addr, ca, ca, dir, "anna")
	if err := start(anna, "by-anna"); err != nil {
		t.Errorf("a continuity manager starting a workflow: %v", err)
	}

	// A schedule runs in the server's system worker, which reaches the
	// frontend through mTLS with the server's own certificate.
	h, err := anna.ScheduleClient().Create(ctx, client.ScheduleOptions{ID: "every-minute", Spec: client.ScheduleSpec{CronExpressions: []string{"* * * * *"}},
		Action: &client.ScheduleWorkflowAction{ID: "scheduled", Workflow: "Nothing", TaskQueue: "nobody-polls"}})
	if err != nil {
		t.Fatalf("create a schedule: %v", err)
	}
	if err := h.Trigger(ctx, client.ScheduleTriggerOptions{Overlap: enumspb.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		d, err := h.Describe(ctx)
		if err == nil && len(d.Info.RecentActions) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the schedule started nothing in 30s (%v): the system worker did not get through", err)
		}
		time.Sleep(200 * time.Millisecond)
	}

	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(state, ClientTLSFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the local client certificate outlived the server: %v", err)
	}
}

func TestCertRolesAndRules(t *testing.T) {
	roles, err := ParseCertRoles("roles.yaml", []byte("anna: continuity-manager\nworker-1: worker\n"))
	if err != nil || roles["anna"] != RoleManager || roles["worker-1"] != RoleWorker {
		t.Fatalf("roles %v, %v", roles, err)
	}
	for data, want := range map[string]string{
		"anna: admin\n":                `roles.yaml:1:7: certificate "anna": role "admin" is not one of viewer, operator, continuity-manager, worker`,
		"- anna\n":                     "roles.yaml:1:1: want a mapping of certificate common names to roles",
		"":                             "roles.yaml: no roles",
		"anna: viewer\nanna: worker\n": `roles.yaml:2:1: certificate "anna" is given twice`,
	} {
		if _, err := ParseCertRoles("roles.yaml", []byte(data)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseCertRoles(%q) = %v, want %q", data, err, want)
		}
	}
	const ws = "/temporal.api.workflowservice.v1.WorkflowService/"
	for _, tt := range []struct {
		role, api string
		want      bool
	}{
		{RoleViewer, ws + "ListWorkflowExecutions", true},
		{RoleViewer, ws + "SignalWorkflowExecution", false},
		{RoleViewer, ws + "TerminateWorkflowExecution", false},
		{RoleOperator, ws + "UpdateWorkflowExecution", true},
		{RoleOperator, ws + "StartWorkflowExecution", false},
		{RoleWorker, ws + "PollActivityTaskQueue", true},
		{RoleWorker, ws + "RespondWorkflowTaskCompleted", true},
		{RoleWorker, ws + "TerminateWorkflowExecution", false},
		{RoleWorker, ws + "CreateSchedule", false},
		{RoleManager, ws + "TerminateWorkflowExecution", true},
		{"", ws + "DescribeNamespace", false},
		{"", "/grpc.health.v1.Health/Check", true},
	} {
		if got := allowed(tt.role, tt.api); got != tt.want {
			t.Errorf("allowed(%q, %s) = %v, want %v", tt.role, method(tt.api), got, tt.want)
		}
	}
}
