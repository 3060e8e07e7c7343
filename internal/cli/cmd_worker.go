package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/engine"
)

type workerOptions struct {
	engine  engineFlags
	signing signingFlag
	metrics metricsFlag
	github  githubFlags
	labels  []string
}

func (o *workerOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&o.labels, "label", nil,
		"also take the steps whose runbook says runsOn: LABEL (repeat, or comma-separate), for example where this worker runs: dc-west")
	o.engine.AddFlags(cmd)
	o.signing.AddFlags(cmd)
	o.metrics.AddFlags(cmd)
	o.github.AddFlags(cmd)
}

func newWorkerCmd(s *Streams) *cobra.Command {
	var o workerOptions
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Run a worker that executes drills, against any Temporal server",
		Long: `Worker runs exitdrill's workflows and step checks on task queue "` + engine.TaskQueue + `" until
interrupted (Ctrl-C). It connects like every command: --address for an existing
cluster, else the ` + "`exitdrill server`" + ` on the state directory, else an embedded
server of its own. Run as many as the drills need. A worker started with
--label dc-west also takes the steps pinned to that label (runsOn: dc-west in
a runbook), which only such workers take: restores that must happen in the
alternative data centre. A worker that does not see a step's files (another
machine) runs it on the copy the drill's plan carries, or, for a catalog read
from github:OWNER/REPO/PATH@REF, on the files it fetches from GitHub at the
commit the drill was prepared on (--github-api-url, --token-env); a file it
cannot get with the same bytes makes the step inconclusive.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runWorker(cmd.Context(), &o, s) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runWorker(ctx context.Context, o *workerOptions, s *Streams) error {
	for _, l := range o.labels {
		if !drill.ValidLabel(l) {
			return asUsage(fmt.Errorf("--label %q: a worker label is %s", l, drill.LabelRule))
		}
	}
	o.engine.lasting = true
	if err := o.metrics.start(s, &o.engine); err != nil {
		return err
	}
	defer o.metrics.close()
	eng, err := o.engine.open(ctx, s)
	if err != nil {
		return err
	}
	defer eng.Close()
	o.metrics.watch(ctx, eng)
	register, err := o.signing.registrar(eng, o.github.repos())
	if err != nil {
		return err
	}
	p := s.printer()
	where := p.F("the exitdrill server at %s", eng.Address)
	switch {
	case eng.Embedded:
		where = p.F("its own embedded server at %s", eng.Address)
	case eng.Shared == nil:
		where = eng.Address
	}
	queues := []string{engine.TaskQueue}
	for _, l := range o.labels {
		q := drill.StepQueue(engine.TaskQueue, l)
		w := engine.NewWorkerOn(eng.Client, q, register)
		if err := w.Start(); err != nil {
			return fmt.Errorf("worker for label %s: %w", l, err)
		}
		defer w.Stop()
		queues = append(queues, q)
	}
	fmt.Fprint(s.Err, p.F("exitdrill worker: task queue %s, namespace %s, on %s; Ctrl-C stops it\n",
		strings.Join(queues, ", "), eng.Namespace, where))
	stop := make(chan any)
	go func() {
		<-ctx.Done()
		close(stop)
	}()
	if err := engine.NewWorker(eng.Client, register).Run(stop); err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	return nil
}
