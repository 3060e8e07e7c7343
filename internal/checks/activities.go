package checks

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"
)

// Activities are the step activities. Create one with New and register it once
// per worker; workflows call its methods through a nil *Activities.
type Activities struct {
	// Env is the worker's environment; command steps see only the variables
	// their runbook allows.
	Env func(string) (string, bool)
	// MaxOutput caps the captured output of a command, in bytes.
	MaxOutput int
	// RootCAs are the certificate authorities hosting checks trust; nil means
	// the system roots. Tests add their own CA here.
	RootCAs *x509.CertPool
	// ReviewWindow is how long before T0 an exit plan may last have been
	// reviewed (exitplan.current); zero means 12 calendar months.
	ReviewWindow time.Duration
}

// New returns Activities reading environment variables through env (os.LookupEnv
// in production).
func New(env func(string) (string, bool)) *Activities {
	return &Activities{Env: env, MaxOutput: 64 << 10}
}

// stepFunc performs one kind of step. It returns a StepOutput with Passed false
// and a Reason when the check ran and did not pass, and an error when it could
// not run (retried by the workflow unless it is a non-retryable application
// error).
type stepFunc func(a *Activities, ctx context.Context, in drill.StepInput) (drill.StepOutput, error)

// RunStep executes one automated step of a runbook.
func (a *Activities) RunStep(ctx context.Context, in drill.StepInput) (drill.StepOutput, error) {
	start := time.Now()
	var out drill.StepOutput
	var err error
	run, ok := kinds[in.Step.Kind]
	if !ok {
		return drill.StepOutput{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("step kind %s is not implemented in this version of exitdrill: nothing was checked", in.Step.Kind),
			drill.ErrNotImplemented, nil)
	}
	out, err = run(a, ctx, in)
	out.Took = time.Since(start)
	if activity.IsActivity(ctx) {
		out.Attempt = int(activity.GetInfo(ctx).Attempt)
	}
	if err != nil {
		return out, err
	}
	if !out.Passed {
		return out, failed(out)
	}
	return out, nil
}

// failed wraps a failed check's output into a CheckFailed application error.
// Whether it is retried is the workflow's decision (the runbook's retry window).
func failed(out drill.StepOutput) error {
	return temporal.NewApplicationError(out.Reason, drill.ErrCheckFailed, out)
}

// heartbeat reports liveness every interval until ctx ends, so that a worker that
// dies mid-step is noticed within the heartbeat timeout rather than the step's.
func heartbeat(ctx context.Context, every time.Duration) (stop func()) {
	if !activity.IsActivity(ctx) {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				activity.RecordHeartbeat(ctx)
			}
		}
	}()
	return func() { close(done) }
}

var errNoCommand = errors.New("command step without a command")

// Register registers a's step activities on a worker (or a test environment)
// under the names of the step-activity contract in package drill, by which the
// workflows execute them.
func Register(r worker.ActivityRegistry, a *Activities) {
	r.RegisterActivityWithOptions(a.RunStep, activity.RegisterOptions{Name: drill.RunStepActivity})
}
