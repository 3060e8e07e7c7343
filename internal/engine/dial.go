package engine

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"

	"github.com/exitdrill/exitdrill/internal/netguard"
)

// externalReadyTimeout bounds the wait for a cluster given with --address,
// where a typo should not cost half a minute.
const externalReadyTimeout = 10 * time.Second

// connect dials e.Address, waits until the server answers and the namespace
// exists, makes sure the search attributes are registered, and sets e.Client.
// It is the one way every Engine gets its client.
func connect(ctx context.Context, o Options, e *Engine) (*Engine, error) {
	copts, timeout, err := dialOptions(o, e)
	if err != nil {
		return nil, err
	}
	var failed func() error
	if e.server != nil {
		failed = e.server.failed
	}
	c, err := dialReady(ctx, copts, timeout, failed)
	if err != nil {
		return nil, err
	}
	if _, err := c.WorkflowService().DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: e.Namespace}); err != nil {
		c.Close()
		return nil, fmt.Errorf("namespace %q at %s: %w", e.Namespace, e.Address, err)
	}
	if err := ensureSearchAttributes(ctx, c, e.Namespace, o.Logger); err != nil {
		c.Close()
		return nil, err
	}
	e.Client = c
	return e, nil
}

// dialOptions are the client options for e, and how long to wait for it
// to answer: TLS for a server that requires mTLS (its own certificate for
// the embedded server and the servers of this machine, o's for a cluster),
// o's API key for a cluster.
func dialOptions(o Options, e *Engine) (client.Options, time.Duration, error) {
	copts := client.Options{
		HostPort:      e.Address,
		Namespace:     e.Namespace,
		DataConverter: DataConverter,
		Logger:        sdklog.NewStructuredLogger(slog.New(sdkHandler{o.TemporalLogger.Handler()}).With("component", "temporal-sdk")),
	}
	if o.MetricsHandler != nil {
		copts.MetricsHandler = o.MetricsHandler
	}
	external := !e.Embedded && e.Shared == nil
	if !external || netguard.Loopback(e.Address) {
		// A server in this process or on this machine answers over
		// loopback: gzip (the SDK's default) only spends CPU on both ends,
		// compressing and expanding every call (5% of a drill's CPU in
		// BenchmarkEngineCeiling, more on the drill's side, whose inputs
		// and results are larger; 6% of a worker's given --address
		// 127.0.0.1:PORT). A cluster elsewhere keeps it.
		copts.ConnectionOptions.GrpcCompression = &client.GrpcCompressionNone{}
	}
	switch {
	case e.server != nil && e.server.tls != nil:
		tc, err := e.server.tls.id.clientTLS()
		if err != nil {
			return client.Options{}, 0, err
		}
		copts.ConnectionOptions.TLS = tc
	case e.Shared != nil && e.Shared.ClientTLS != "":
		tc, err := sharedTLS(e.Shared.ClientTLS)
		if err != nil {
			return client.Options{}, 0, err
		}
		copts.ConnectionOptions.TLS = tc
	}
	if external {
		tc, err := tlsConfig(o)
		if err != nil {
			return client.Options{}, 0, err
		}
		copts.ConnectionOptions.TLS = tc
		if o.APIKey != "" {
			copts.Credentials = client.NewAPIKeyStaticCredentials(o.APIKey)
		}
	}
	timeout := o.ReadyTimeout
	if external && timeout == readyTimeout {
		timeout = externalReadyTimeout
	}
	return copts, timeout, nil
}

// dialReady dials until the server passes a health check, timeout passes or
// failed (when not nil) reports that the server will never answer.
func dialReady(ctx context.Context, copts client.Options, timeout time.Duration, failed func() error) (client.Client, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var last error
	for {
		if failed != nil {
			if err := failed(); err != nil {
				return nil, err
			}
		}
		c, err := client.DialContext(ctx, copts)
		if err == nil {
			if _, err = c.CheckHealth(ctx, &client.CheckHealthRequest{}); err == nil {
				return c, nil
			}
			c.Close()
		}
		last = err
		select {
		case <-ctx.Done():
			if ctx.Err() == context.DeadlineExceeded {
				return nil, fmt.Errorf("temporal server at %s did not answer within %s: %w", copts.HostPort, timeout, last)
			}
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// tlsConfig builds the client's TLS from o's PEM files; nil when none is given.
func tlsConfig(o Options) (*tls.Config, error) {
	if o.TLSCert == "" && o.TLSKey == "" && o.TLSCA == "" {
		return nil, nil
	}
	if (o.TLSCert == "") != (o.TLSKey == "") {
		return nil, errors.New("--tls-cert and --tls-key go together: give both or neither")
	}
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if o.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(o.TLSCert, o.TLSKey)
		if err != nil {
			return nil, fmt.Errorf("load client certificate %s and key %s: %w", o.TLSCert, o.TLSKey, err)
		}
		tc.Certificates = []tls.Certificate{cert}
	}
	if o.TLSCA != "" {
		pem, err := os.ReadFile(o.TLSCA)
		if err != nil {
			return nil, fmt.Errorf("read CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("CA file %s holds no PEM certificate", o.TLSCA)
		}
		tc.RootCAs = pool
	}
	return tc, nil
}
