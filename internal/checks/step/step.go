// Package step holds what every family of checks shares: the worker's
// configuration a check reads, the signature of a check, and running one the
// way the RunStep activity does. A check that did not pass becomes a
// CheckFailed application error carrying its output, so the workflow can
// retry it within the runbook's retry window and record why it failed.
package step

import (
	"context"
	"crypto/x509"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
)

// DefaultMaxOutput is the cap on a command's captured output unless the
// worker sets another.
const DefaultMaxOutput = 64 << 10

// Config is the worker's configuration the checks read. It is set once, when
// the worker starts, and only read after.
type Config struct {
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
	// Resolver looks up the host names of hosting checks; nil means the
	// system's. Tests inject one to point a name at an address the checks
	// must refuse.
	Resolver Resolver
}

// Resolver looks up a host name's addresses, as net.Resolver does.
type Resolver interface {
	LookupHost(ctx context.Context, host string) ([]string, error)
}

// Func performs one kind of step. It returns a StepOutput with Passed false
// and a Reason when the check ran and did not pass, and an error when it could
// not run (retried by the workflow unless it is a non-retryable application
// error).
type Func func(ctx context.Context, cfg *Config, in drill.StepInput) (drill.StepOutput, error)

// Run performs one step with f as the RunStep activity does: it measures the
// step, records the activity's attempt, and returns a check that ran and did
// not pass as a CheckFailed application error.
func Run(ctx context.Context, f Func, cfg *Config, in drill.StepInput) (drill.StepOutput, error) {
	start := time.Now()
	out, err := f(ctx, cfg, in)
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

// Heartbeat reports liveness every interval until ctx ends, so that a worker that
// dies mid-step is noticed within the heartbeat timeout rather than the step's.
func Heartbeat(ctx context.Context, every time.Duration) (stop func()) {
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
