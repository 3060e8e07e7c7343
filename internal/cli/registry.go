package cli

import (
	"context"
	"crypto/ed25519"
	"crypto/x509"
	"log/slog"
	"os"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/notify"
	"github.com/exitdrill/exitdrill/internal/procguard"
	"github.com/exitdrill/exitdrill/internal/recorder"
	"github.com/exitdrill/exitdrill/workflows"
)

// registerDrill registers exitdrill's workflows and activities on a worker of
// eng, signing evidence with the key the environment names, else the state
// directory's own (see signingFlag; a bad key is reported and the bundles are
// unsigned).
func registerDrill(eng *engine.Engine) func(worker.Registry) {
	k, err := (&signingFlag{}).key(eng.StateDir)
	if err != nil {
		slog.Warn("evidence bundles will be unsigned", "error", err)
	}
	return func(w worker.Registry) { registerWith(w, k, githubFlags{}.repos()) }
}

// registerWith is the single place that wires the workflows and activities,
// used by `exitdrill worker`, by `exitdrill server` and by commands that run an
// in-process engine. key signs the evidence bundles (nil: unsigned); repos
// fetches the files of github: sources that the worker does not see (nil:
// none, see checks.Activities.Repos).
func registerWith(w worker.Registry, key ed25519.PrivateKey, repos checks.Repos) {
	// The process that runs steps keeps its environment (tokens, secrets)
	// out of their reach through /proc (see procguard).
	if err := procguard.HideEnvironment(); err != nil {
		slog.Warn("the worker's environment stays readable to the programs its steps run", "error", err)
	}
	w.RegisterWorkflow(workflows.Drill)
	w.RegisterWorkflow(workflows.Process)
	w.RegisterWorkflow(workflows.HeldNotices)
	w.RegisterWorkflow(workflows.Preflight)
	a := newActivities(os.LookupEnv)
	a.Repos = repos
	checks.Register(w, a)
	w.RegisterActivityWithOptions(notifyActivity(os.Getenv), activity.RegisterOptions{Name: drill.NotifyActivity})
	w.RegisterActivityWithOptions(writeEvidence(newRecorder(key)), activity.RegisterOptions{Name: drill.WriteEvidenceActivity})
}

// writeEvidence is the evidence activity: r writes the bundle of the
// drill's result once its processes' details are filled in from their
// runs through the worker's client (the Drill keeps only their summaries,
// see engine.FillResult), as `exitdrill report` fills them to rebuild it.
func writeEvidence(r *recorder.Recorder) func(context.Context, drill.EvidenceInput) (*drill.EvidenceRef, error) {
	return func(ctx context.Context, in drill.EvidenceInput) (*drill.EvidenceRef, error) {
		if in.Result != nil && len(in.Result.Summarized()) > 0 {
			if err := engine.FillResult(ctx, activity.GetClient(ctx), in.Result); err != nil {
				return nil, err
			}
		}
		return r.WriteEvidence(ctx, in)
	}
}

// newRecorder is the evidence writer, rendering every report format.
func newRecorder(key ed25519.PrivateKey) *recorder.Recorder {
	return &recorder.Recorder{Key: key, Render: renderReports}
}

// newActivities builds the step activities from the worker's environment:
//
//	EXITDRILL_CA_FILE        PEM file of extra CAs the hosting checks trust (an internal PKI)
//	EXITDRILL_REVIEW_WINDOW  how recent an exit plan's review must be (default 12 months), e.g. 180d
//
// A bad value is reported and the default kept: a worker must start.
func newActivities(env func(string) (string, bool)) *checks.Activities {
	a := checks.New(env)
	if f, ok := env("EXITDRILL_CA_FILE"); ok && f != "" {
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if pem, err := os.ReadFile(f); err != nil || !pool.AppendCertsFromPEM(pem) {
			slog.Warn("EXITDRILL_CA_FILE: no certificates read; hosting checks trust the system roots only", "file", f, "error", err)
		} else {
			a.RootCAs = pool
		}
	}
	if v, ok := env("EXITDRILL_REVIEW_WINDOW"); ok && v != "" {
		if d, err := drill.ParseDuration(v); err != nil {
			slog.Warn("EXITDRILL_REVIEW_WINDOW: keeping 12 months", "value", v, "error", err)
		} else {
			a.ReviewWindow = d.Std()
		}
	}
	return a
}

// notifyActivity is the Notify activity of this worker: deliveries through the
// notifications config that $EXITDRILL_NOTIFY_CONFIG names. Without one, or
// with one that does not load, every delivery fails at once, not retried, in
// words the drill records (a notify-failed event on the step): a drill asked
// to notify must say that nobody was told, never wait for it.
func notifyActivity(getenv func(string) string) func(context.Context, drill.NotifyInput) (*drill.NotifyOutput, error) {
	path := getenv(notify.EnvConfig)
	fail := func(why string) func(context.Context, drill.NotifyInput) (*drill.NotifyOutput, error) {
		return func(context.Context, drill.NotifyInput) (*drill.NotifyOutput, error) {
			return nil, temporal.NewApplicationErrorWithOptions(why, drill.ErrNotifyPermanent, temporal.ApplicationErrorOptions{
				NonRetryable: true, Category: temporal.ApplicationErrorCategoryBenign})
		}
	}
	if path == "" {
		return fail("this worker has no notifications config: set " + notify.EnvConfig + " where the worker runs")
	}
	cfg, err := notify.LoadConfig(path)
	if err != nil {
		slog.Warn("notifications will fail: the config does not load", "error", err)
		return fail("this worker's notifications config does not load: " + err.Error())
	}
	return (&notify.Notifier{Config: cfg}).Notify
}
