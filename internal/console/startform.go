package console

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/reports"
	"github.com/exitdrill/exitdrill/scenarios"
)

// Starting a drill takes two pages, both GET-able but the last step: the
// form (/drills/new) chooses the catalog, the scenario, the mode and, but for
// a live drill, the time scale; the review (/drills/review) prepares the
// drill as exitdrill run does (drillops.Prepare) and shows what it will
// touch — the impacted processes, their applications and runbooks, and
// which steps run commands on real systems — and which steps the worker
// cannot attempt (reviewcheck.go) above the Start button, which posts the
// same fields to /drills.

// startForm is the form of a drill started now: the fields it shares with a
// new schedule, the mode and time scale, and the nonce that makes the
// drill's id, so that submitting the form twice lands on one drill.
type startForm struct {
	Catalog   []string
	Scenario  string
	Mode      string
	TimeScale string
	Note      string
	Nonce     string
	// Hypothesis, Participants ("Name:role" a line) and Facilitators (a
	// name a line): the exercise around the drill (see exercise).
	Hypothesis   string
	Participants string
	Facilitators string
}

// readStartForm reads a start form from a query or a posted form.
func readStartForm(v url.Values) startForm {
	f := startForm{Nonce: v.Get("nonce"), Mode: strings.TrimSpace(v.Get("mode")), TimeScale: strings.TrimSpace(v.Get("timescale"))}
	f.Catalog, f.Scenario, f.Note = drillForm(v)
	f.Hypothesis, f.Participants, f.Facilitators = v.Get("hypothesis"), v.Get("participants"), v.Get("facilitators")
	return f
}

// query is the form as the query of a GET of the form or the review.
func (f startForm) query() string {
	v := url.Values{"catalog": {catalogValue(f.Catalog)}, "scenario": {f.Scenario}, "nonce": {f.Nonce}}
	for k, s := range map[string]string{"mode": f.Mode, "timescale": f.TimeScale, "note": f.Note,
		"hypothesis": f.Hypothesis, "participants": f.Participants, "facilitators": f.Facilitators} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v.Encode()
}

type startData struct {
	Form    startForm
	Choices choices
	Modes   []string
	// Review and Check (the worker's preflight) are set on the review page.
	Review *review
	Check  *reviewCheck
	// Change opens the form again as it was.
	Change string
}

// startPage shows the form to start a drill now, filled from its query
// (the review's "change" link, or choosing another catalog).
func (c *Console) startPage(w http.ResponseWriter, r *http.Request, ss *session) {
	f := readStartForm(r.URL.Query())
	if _, _, ok := parseNonce(f.Nonce); !ok {
		f.Nonce = c.newNonce()
	}
	c.showStart(w, r, ss, http.StatusOK, "", f)
}

func (c *Console) showStart(w http.ResponseWriter, r *http.Request, ss *session, status int, msg string, form startForm) {
	d := startData{Form: form, Choices: c.choices(r.Context(), form.Catalog, form.Scenario), Modes: scenarios.Modes}
	v := newView(ss, "Start a drill now", "drills", d)
	v.Error = msg
	c.render(w, status, "start", v)
}

// prepareTimeout bounds planning a drill from a form, which may fetch its
// definitions from GitHub; below the server's write timeout.
const prepareTimeout = 45 * time.Second

// prepareStart checks a start form and prepares its drill as exitdrill run
// does (drillops.Prepare), with the user ("NAME (console ROLE)") and the
// note in its input. It returns the status and message to show the form
// again with when the form cannot start a drill.
func (c *Console) prepareStart(ctx context.Context, ss *session, f startForm) (drillops.Prepared, int, string) {
	stamp, suffix, ok := parseNonce(f.Nonce)
	if !ok {
		return drillops.Prepared{}, http.StatusUnprocessableEntity, "the form lacks its drill nonce: check the fields and submit it again"
	}
	if len(f.Catalog) == 0 || f.Scenario == "" {
		return drillops.Prepared{}, http.StatusUnprocessableEntity, "catalog and scenario are required"
	}
	// The mode and the time scale are checked where exitdrill run's are, by
	// drillops.Prepare (scenarios.Override); the field's text is read here,
	// and 0, which Override takes for "the scenario's", is refused as the
	// CLI refuses --time-scale 0.
	var scale float64
	if f.TimeScale != "" {
		var err error
		if scale, err = strconv.ParseFloat(f.TimeScale, 64); err != nil || scale == 0 {
			return drillops.Prepared{}, http.StatusUnprocessableEntity, fmt.Sprintf("time scale %q is not a positive number; allowed: scenario seconds per wall-clock second, for example 720 or 86400", f.TimeScale)
		}
	}
	exercise, err := f.exercise()
	if err != nil {
		return drillops.Prepared{}, http.StatusUnprocessableEntity, err.Error()
	}
	if why := c.checkSources(ctx, f.Catalog, f.Scenario); why != "" {
		return drillops.Prepared{}, http.StatusUnprocessableEntity, why
	}
	pctx, cancel := context.WithTimeout(ctx, prepareTimeout)
	defer cancel()
	p, err := drillops.Prepare(pctx, drillops.Request{Catalogs: f.Catalog, Scenario: f.Scenario, At: stamp, Suffix: suffix,
		StartedBy: ss.user.Actor(), Note: f.Note, Reports: c.o.Reports, Repos: c.o.GitHub, Mode: f.Mode, TimeScale: scale,
		StateDir: c.o.StateDir, Exercise: exercise})
	if err != nil {
		status, msg := prepareFailure(err)
		if status == http.StatusInternalServerError {
			c.o.Logger.Error("console: prepare a drill", "user", ss.user.Name, "scenario", f.Scenario, "error", err)
		}
		return drillops.Prepared{}, status, msg
	}
	return p, 0, ""
}

// prepareFailure is the status and message of a drill that could not be
// prepared, or of a schedule that could not be created: 422 and what is
// wrong for a mistake in the form or the definitions (drillops.IsInvalid);
// 502 and GitHub's answer, in the forge's words (which never hold its
// token), when a repository source could not be read; else 500 and a plain
// message: the error, which may name the server's files and directories,
// goes to the server's log only (the caller logs it).
func prepareFailure(err error) (int, string) {
	if drillops.IsInvalid(err) {
		return http.StatusUnprocessableEntity, err.Error()
	}
	if _, ok := forge.AsError(err); ok {
		return http.StatusBadGateway, err.Error()
	}
	return http.StatusInternalServerError, "the server could not prepare the drill (reading its definitions or its files, checking where its evidence goes, or recording it on the Temporal server): the server's log says what failed; try again, or ask whoever runs the server"
}

// prepareOrShow prepares the drill of f (prepareStart), or shows the form
// again with what is wrong, with a new nonce when f's is unusable.
func (c *Console) prepareOrShow(w http.ResponseWriter, r *http.Request, ss *session, f startForm) (drillops.Prepared, bool) {
	p, status, msg := c.prepareStart(r.Context(), ss, f)
	if msg == "" {
		return p, true
	}
	if _, _, ok := parseNonce(f.Nonce); !ok {
		f.Nonce = c.newNonce()
	}
	c.showStart(w, r, ss, status, msg, f)
	return drillops.Prepared{}, false
}

// reviewPage prepares the drill of the form and shows its impact with the
// Start button, or the form again with what is wrong.
func (c *Console) reviewPage(w http.ResponseWriter, r *http.Request, ss *session) {
	f := readStartForm(r.URL.Query())
	p, ok := c.prepareOrShow(w, r, ss, f)
	if !ok {
		return
	}
	d := startData{Form: f, Review: newReview(p.Plan), Check: c.reviewPreflight(r.Context(), p), Change: "/drills/new?" + f.query()}
	c.render(w, http.StatusOK, "start", newView(ss, "Review the drill before it starts", "drills", d))
}

// startDrill checks the form, prepares the drill (prepareStart), has a
// worker preflight it and starts it. Its evidence goes under the console's
// reports. The drill's id is SCENARIO-TIMESTAMP, as exitdrill run's, and the
// random part of the form's nonce. Nothing starts unless every check
// passed; the same form submitted again lands on the drill it started.
func (c *Console) startDrill(w http.ResponseWriter, r *http.Request, ss *session) {
	f := readStartForm(r.PostForm)
	p, ok := c.prepareOrShow(w, r, ss, f)
	if !ok {
		return
	}
	cx, cancel := ctx(r)
	defer cancel()
	plan := p.Plan
	id := plan.DrillID
	if status, msg := c.preflight(cx, p); msg != "" {
		c.showStart(w, r, ss, status, msg, f)
		return
	}
	switch err := c.o.Backend.StartDrill(cx, p.Options, p.Input); {
	case errors.Is(err, ErrDrillStarted):
		c.sessions.setFlash(ss, langOf(w).Printer().F("this form had already started drill %s: here it is", id))
	case err != nil:
		// The drill may have started all the same: the form keeps its nonce,
		// so submitting it again lands on that drill.
		c.showStart(w, r, ss, http.StatusBadGateway, err.Error(), f)
		return
	default:
		c.o.Logger.Info("console: drill started", "user", ss.user.Name, "drill", id, "scenario", plan.Scenario.ID)
		lp := langOf(w).Printer()
		c.sessions.setFlash(ss, lp.F("drill %s started: %d of %d processes impacted, mode %s",
			id, len(plan.Processes), len(plan.Processes)+plan.Unaffected, lp.T(plan.Scenario.Mode)))
	}
	http.Redirect(w, r, "/drills/"+url.PathEscape(id), http.StatusSeeOther)
}

// review is what a drill will touch, from its plan.
type review struct {
	Plan      *drill.Plan
	Lost      []string // the lost suppliers by name
	Duration  string   // in words
	Total     int      // processes of the catalog
	Processes []reviewProcess
	// Real are the steps that run commands on real systems: command and
	// container steps, rollback included.
	Real []realStep
}

// reviewProcess is an impacted process with the lost applications it needs.
type reviewProcess struct {
	*drill.ProcessPlan
	Apps []string
}

// realStep is a step that runs a command on a real system.
type realStep struct {
	Process, Step string
	Kind          drill.StepKind
	Rollback      bool
	// What is the command line, or the image and command of a container.
	What string
}

func newReview(plan *drill.Plan) *review {
	rv := &review{Plan: plan, Duration: reports.OutageWords(plan.Scenario.Duration), Total: len(plan.Processes) + plan.Unaffected}
	for _, id := range plan.Scenario.Lost {
		rv.Lost = append(rv.Lost, plan.Scenario.SupplierName(id))
	}
	for _, pp := range plan.Processes {
		rp := reviewProcess{ProcessPlan: pp}
		for _, cv := range pp.Coverage {
			rp.Apps = append(rp.Apps, cv.App)
		}
		rv.Processes = append(rv.Processes, rp)
		add := func(steps []*drill.StepPlan, rollback bool) {
			for _, st := range steps {
				if st.Kind != drill.Command && st.Kind != drill.Container {
					continue
				}
				what := strings.Join(st.Command, " ")
				if st.Kind == drill.Container {
					what = strings.TrimSpace("image " + st.Image + ": " + what)
				}
				rv.Real = append(rv.Real, realStep{Process: pp.ID, Step: st.ID, Kind: st.Kind, Rollback: rollback, What: what})
			}
		}
		add(pp.Steps, false)
		add(pp.Rollback, true)
	}
	return rv
}
