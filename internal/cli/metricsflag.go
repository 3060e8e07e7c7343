package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/metrics"
	"github.com/exitdrill/exitdrill/internal/netguard"
)

// maxProbedDrills bounds the running drills asked, at each scrape, which
// manual steps wait.
const maxProbedDrills = 200

// metricsFlag serves Prometheus metrics on --metrics-address, for the
// commands that run a worker or a console (server, worker, console, run).
// Its lifecycle: start before the engine opens (a bad or taken address costs
// no server start, and the engine's client gets the SDK handler), watch once
// the engine is open, close at the end.
type metricsFlag struct {
	addr string
	m    *metrics.Metrics
	srv  *metrics.Server
}

func (f *metricsFlag) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.addr, "metrics-address", "",
		"serve Prometheus metrics on HOST:PORT at /metrics, e.g. 127.0.0.1:9464 (default: off); beyond loopback anyone who reaches the port reads them")
}

// check refuses a malformed --metrics-address (exit 2), for commands that
// do work before start.
func (f *metricsFlag) check() error {
	if f.addr == "" {
		return nil
	}
	if err := metrics.CheckAddress(f.addr); err != nil {
		return withCode(ExitInvalid, fmt.Errorf("--metrics-address: %w", err))
	}
	return nil
}

// start listens on --metrics-address, when given, and sets the handler that
// e's engine gives the Temporal client. A bad or taken address is exit 2.
func (f *metricsFlag) start(s *Streams, e *engineFlags) error {
	if f.addr == "" {
		return nil
	}
	if err := f.check(); err != nil {
		return err
	}
	f.m = metrics.New()
	srv, err := f.m.Serve(f.addr)
	if err != nil {
		return withCode(ExitInvalid, fmt.Errorf("--metrics-address: %w", err))
	}
	f.srv = srv
	if !netguard.Loopback(f.addr) {
		fmt.Fprint(s.Err, s.printer().F("warning: --metrics-address %s is not a loopback address: anyone who reaches it reads the metrics (drills running, step kinds and outcomes, namespace and task queue), with no sign-in\n", f.addr))
	}
	fmt.Fprint(s.Err, s.printer().F("exitdrill %s: metrics on http://%s/metrics\n", e.command, srv.Addr))
	e.metrics = f.m.SDK()
	return nil
}

// watch adds the gauges read from eng's server: drills running, manual steps
// waiting. They stop being read when ctx ends.
func (f *metricsFlag) watch(ctx context.Context, eng *engine.Engine) {
	if f.m == nil {
		return
	}
	_ = f.m.Watch(ctx, clusterProbe(eng.Client, eng.Namespace))
}

// close stops serving metrics.
func (f *metricsFlag) close() {
	if f.srv != nil {
		_ = f.srv.Close()
		f.srv = nil
	}
}

// clusterProbe counts the running drills with a visibility query and asks
// each (up to maxProbedDrills) which manual steps wait. A drill that does not
// answer (no worker polls) makes the waiting count unknown, not too low.
func clusterProbe(c client.Client, ns string) metrics.Probe {
	return func(ctx context.Context) (metrics.Cluster, error) {
		n, err := c.CountWorkflow(ctx, &workflowservice.CountWorkflowExecutionsRequest{Namespace: ns, Query: drillops.Running})
		if err != nil {
			return metrics.Cluster{}, fmt.Errorf("count running drills: %w", err)
		}
		out := metrics.Cluster{DrillsRunning: int(n.GetCount())}
		if out.DrillsRunning == 0 {
			return out, nil
		}
		rows, err := drillops.List(ctx, c, ns, drillops.Running, maxProbedDrills)
		if err != nil {
			out.WaitingUnknown = true
			return out, nil
		}
		out.WaitingUnknown = len(rows) == maxProbedDrills && out.DrillsRunning > maxProbedDrills
		for _, r := range rows {
			ws, err := drillops.WaitingSteps(ctx, c, r.ID)
			if err != nil {
				out.WaitingUnknown = true
				continue
			}
			out.ManualStepsWaiting += len(ws)
		}
		return out, nil
	}
}
