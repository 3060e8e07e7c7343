package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/engine"
)

type workerOptions struct {
	engine  engineFlags
	signing signingFlag
	metrics metricsFlag
}

func (o *workerOptions) AddFlags(cmd *cobra.Command) {
	o.engine.AddFlags(cmd)
	o.signing.AddFlags(cmd)
	o.metrics.AddFlags(cmd)
}

func newWorkerCmd(s *Streams) *cobra.Command {
	var o workerOptions
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Run a worker that executes drills, against any Temporal server",
		Long: `Worker runs exitdrill's workflows and step checks on task queue "` + engine.TaskQueue + `" until
interrupted (Ctrl-C). It connects like every command: --address for an existing
cluster, else the ` + "`exitdrill server`" + ` on the state directory, else an embedded
server of its own. Run as many as the drills need.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runWorker(cmd.Context(), &o, s) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runWorker(ctx context.Context, o *workerOptions, s *Streams) error {
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
	register, err := o.signing.registrar(eng)
	if err != nil {
		return err
	}
	where := "the exitdrill server at " + eng.Address
	switch {
	case eng.Embedded:
		where = "its own embedded server at " + eng.Address
	case eng.Shared == nil:
		where = eng.Address
	}
	fmt.Fprintf(s.Err, "exitdrill worker: task queue %s, namespace %s, on %s; Ctrl-C stops it\n",
		engine.TaskQueue, eng.Namespace, where)
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
