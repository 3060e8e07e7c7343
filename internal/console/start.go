package console

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
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

// Preflight implements Backend with drillops.Preflight.
func (t *Temporal) Preflight(ctx context.Context, opts client.StartWorkflowOptions, plan *drill.Plan) (drill.PreflightOutput, error) {
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

// startForm is the form of a drill started now: the fields it shares with a
// new schedule, and the nonce that makes the drill's id, so that submitting
// the form twice lands on one drill.
type startForm struct {
	Catalog  []string
	Scenario string
	Note     string
	Nonce    string
}

type startData struct {
	Form    startForm
	Library []*scenarios.Scenario
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

// startPage shows the form to start a drill now.
func (c *Console) startPage(w http.ResponseWriter, r *http.Request, ss *session) {
	c.showStart(w, ss, http.StatusOK, "", startForm{Catalog: c.o.Catalog, Nonce: c.newNonce()})
}

func (c *Console) showStart(w http.ResponseWriter, ss *session, status int, msg string, form startForm) {
	// The library scenarios offered are those that fit the console's catalog.
	d := startData{Form: form, Library: scenarios.Library()}
	if cat, err := c.loadCatalog(); err == nil && len(c.o.Catalog) > 0 {
		d.Library = slices.DeleteFunc(d.Library, func(sc *scenarios.Scenario) bool {
			var errs yamldoc.List
			scenarios.Check(sc, cat, &errs)
			return errs.Len() > 0
		})
	}
	v := newView(ss, "Start a drill now", "drills", d)
	v.Error = msg
	c.render(w, status, "start", v)
}

// prepareTimeout bounds planning a drill from a form, which may fetch its
// definitions from GitHub; below the server's write timeout.
const prepareTimeout = 45 * time.Second

// startDrill checks the form, prepares the drill as `exitdrill run` does
// (drillops.Prepare) and starts it, with the user ("NAME (console ROLE)") and
// the note in its input: the evidence records them, and the drill's page
// reads them from there. Its evidence goes under the console's reports. The
// drill's id is SCENARIO-TIMESTAMP, as exitdrill run's, and the random part
// of the form's nonce. Nothing starts unless every check passed; the same
// form submitted again lands on the drill it started.
func (c *Console) startDrill(w http.ResponseWriter, r *http.Request, ss *session) {
	f := startForm{Nonce: r.PostForm.Get("nonce")}
	f.Catalog, f.Scenario, f.Note = drillForm(r.PostForm)
	stamp, suffix, ok := parseNonce(f.Nonce)
	if !ok {
		f.Nonce = c.newNonce()
		c.showStart(w, ss, http.StatusUnprocessableEntity, "the form lacks its drill nonce: check the fields and submit it again", f)
		return
	}
	if len(f.Catalog) == 0 || f.Scenario == "" {
		c.showStart(w, ss, http.StatusUnprocessableEntity, "catalog and scenario are required", f)
		return
	}
	if why := c.checkSources(f.Catalog, f.Scenario); why != "" {
		c.showStart(w, ss, http.StatusUnprocessableEntity, why, f)
		return
	}
	pctx, cancel := context.WithTimeout(r.Context(), prepareTimeout)
	defer cancel()
	p, err := drillops.Prepare(pctx, drillops.Request{Catalogs: f.Catalog, Scenario: f.Scenario, At: stamp, Suffix: suffix,
		StartedBy: ss.user.Actor(), Note: f.Note, Reports: c.o.Reports, Repos: c.o.GitHub})
	if err != nil {
		c.showStart(w, ss, http.StatusUnprocessableEntity, err.Error(), f)
		return
	}
	cx, cancel := ctx(r)
	defer cancel()
	plan := p.Plan
	id := plan.DrillID
	if status, msg := c.preflight(cx, p); msg != "" {
		c.showStart(w, ss, status, msg, f)
		return
	}
	switch err := c.o.Backend.StartDrill(cx, p.Options, p.Input); {
	case errors.Is(err, ErrDrillStarted):
		c.sessions.setFlash(ss, "this form had already started drill "+id+": here it is")
	case err != nil:
		// The drill may have started all the same: the form keeps its nonce,
		// so submitting it again lands on that drill.
		c.showStart(w, ss, http.StatusBadGateway, err.Error(), f)
		return
	default:
		c.o.Logger.Info("console: drill started", "user", ss.user.Name, "drill", id, "scenario", plan.Scenario.ID)
		c.sessions.setFlash(ss, fmt.Sprintf("drill %s started: %d of %d processes impacted, mode %s",
			id, len(plan.Processes), len(plan.Processes)+plan.Unaffected, plan.Scenario.Mode))
	}
	http.Redirect(w, r, "/drills/"+url.PathEscape(id), http.StatusSeeOther)
}
