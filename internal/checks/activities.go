package checks

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/runbooks"
	"github.com/exitdrill/exitdrill/scenarios"
)

// Error types of application errors returned by activities. The workflow
// decides by these names which errors to retry.
const (
	// ErrCheckFailed: the step ran and its check did not pass.
	ErrCheckFailed = "CheckFailed"
	// ErrNotImplemented: the step kind has no implementation yet; never a pass.
	ErrNotImplemented = "NotImplemented"
	// ErrBadStep: the step cannot run as defined (for example a program that does
	// not exist); retrying does not help.
	ErrBadStep = "BadStep"
)

// StepInput is the input of RunStep.
type StepInput struct {
	DrillID  string              `json:"drillId"`
	Process  string              `json:"process"`
	Step     *scenarios.StepPlan `json:"step"`
	Scenario scenarios.Info      `json:"scenario"`
	// T0 is the outage start on the wall clock, for ages ("backup 3h old at T0").
	T0 time.Time `json:"t0"`
	// The process's objectives, for checks that judge against them.
	RPO  yamldoc.Duration `json:"rpo"`
	MTPD yamldoc.Duration `json:"mtpd"`
}

// Detail keys every backup check reports when it found a usable copy, so the
// workflow can judge data loss against the RPO.
const (
	// DetailBackupTime is when the newest copy was made, RFC 3339.
	DetailBackupTime = "backupTime"
	// DetailBackupAge is that copy's age at T0, as a Go duration ("26h0m0s").
	DetailBackupAge = "backupAgeAtT0"
	// DetailBackupID names the backup checked.
	DetailBackupID = "backup"
)

// StepOutput is what a step reports, passed or not.
type StepOutput struct {
	Passed   bool              `json:"passed"`
	Reason   string            `json:"reason,omitempty"`
	Output   string            `json:"output,omitempty"`
	ExitCode *int              `json:"exitCode,omitempty"`
	Took     time.Duration     `json:"took"`
	Attempt  int               `json:"attempt"`
	Details  map[string]string `json:"details,omitempty"`
}

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
type stepFunc func(a *Activities, ctx context.Context, in StepInput) (StepOutput, error)

// kinds maps each implemented step kind to its function. Each kind's file
// registers itself in init, so a kind is implemented exactly when its file
// exists; RunStep fails every other kind as not implemented.
var kinds = map[runbooks.StepKind]stepFunc{}

func register(k runbooks.StepKind, f stepFunc) { kinds[k] = f }

// RunStep executes one automated step of a runbook.
func (a *Activities) RunStep(ctx context.Context, in StepInput) (StepOutput, error) {
	start := time.Now()
	var out StepOutput
	var err error
	run, ok := kinds[in.Step.Kind]
	if !ok {
		return StepOutput{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("step kind %s is not implemented in this version of exitdrill: nothing was checked", in.Step.Kind),
			ErrNotImplemented, nil)
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
func failed(out StepOutput) error {
	return temporal.NewApplicationError(out.Reason, ErrCheckFailed, out)
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
