package console

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

// ErrDrillStarted is returned by Backend.StartDrill when a drill with the id
// has been started before: the same form was submitted again.
var ErrDrillStarted = errors.New("a drill with this id has already been started")

// StartDrill implements Backend. A drill id is never used twice, running or
// finished, so a form submitted twice starts one drill.
func (t *Temporal) StartDrill(ctx context.Context, opts client.StartWorkflowOptions, in drill.DrillInput) error {
	opts.WorkflowIDReusePolicy = enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
	opts.WorkflowIDConflictPolicy = enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL
	opts.WorkflowExecutionErrorWhenAlreadyStarted = true
	_, err := drillops.Start(ctx, t.Client, opts, in)
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &started) {
		return fmt.Errorf("drill %s: %w", opts.ID, ErrDrillStarted)
	}
	return err
}

// Preflight implements Backend with drillops.Preflight once a worker polls
// the drill's task queue; without one it says so at once (wrapping
// drillops.ErrNoWorker) rather than keep the page waiting.
func (t *Temporal) Preflight(ctx context.Context, opts client.StartWorkflowOptions, plan *drill.Plan) (drill.PreflightOutput, error) {
	if err := drillops.WorkerPolls(ctx, t.Client, opts.TaskQueue); err != nil {
		return drill.PreflightOutput{}, fmt.Errorf("preflight of drill %s: %w", opts.ID, err)
	}
	return drillops.Preflight(ctx, t.Client, opts, plan)
}

// preflightTimeout bounds the preflight of a drill started from the form; a
// worker answers in well under a second.
const preflightTimeout = 30 * time.Second

// preflight has a worker examine the drill's steps as `exitdrill run` does;
// it returns what to show and the status when the drill must not start: 422
// with every step the worker cannot attempt, 502 when no worker answered.
func (c *Console) preflight(ctx context.Context, p drillops.Prepared) (int, string) {
	ctx, cancel := context.WithTimeout(ctx, preflightTimeout)
	defer cancel()
	out, err := c.o.Backend.Preflight(ctx, p.Options, p.Plan)
	if err != nil {
		return http.StatusBadGateway, err.Error()
	}
	if len(out.Problems) == 0 {
		return 0, ""
	}
	var lines []string
	for _, pr := range out.Problems {
		lines = append(lines, fmt.Sprintf("%s/%s (%s): %s", pr.Process, pr.Step, pr.Kind, pr.Problem))
	}
	return http.StatusUnprocessableEntity, fmt.Sprintf("preflight: %d of %d steps cannot be attempted on the worker, nothing was started (fix the worker, or start the drill with exitdrill run --allow-inconclusive): %s",
		out.Steps-out.Ready(), out.Steps, strings.Join(lines, "; "))
}

// nonceRE is a form nonce: when the form was shown, and six random characters.
var nonceRE = regexp.MustCompile(`^([0-9]{8}T[0-9]{6}Z)-([a-z2-7]{6})$`)

// newNonce is the nonce of a fresh form.
func (c *Console) newNonce() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return c.o.Now().UTC().Format(drillops.IDStamp) + "-" + strings.ToLower(base32.StdEncoding.EncodeToString(b))[:6]
}

// parseNonce splits a form nonce into its time and random suffix.
func parseNonce(nonce string) (time.Time, string, bool) {
	m := nonceRE.FindStringSubmatch(nonce)
	if m == nil {
		return time.Time{}, "", false
	}
	t, err := time.Parse(drillops.IDStamp, m[1])
	return t, m[2], err == nil
}
