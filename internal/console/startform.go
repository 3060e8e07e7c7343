package console

import (
	"context"
	"errors"
	"fmt"
	"github.com/exitdrill/exitdrill/reports"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/scenarios"
)

// Starting a drill takes two pages, both GET-able but the last step: the
// form (/drills/new) chooses the catalog, the scenario, the mode and, but for
// a live drill, the time scale; the review (/drills/review) prepares the
// drill as exitdrill run does (drillops.Prepare) and shows what it will
// touch — the impacted processes, their applications and runbooks, and
// which steps run commands on real systems — above the Start button, which
// posts the same fields to /drills.

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
}

// readStartForm reads a start form from a query or a posted form.
func readStartForm(v url.Values) startForm {
	f := startForm{Nonce: v.Get("nonce"), Mode: strings.TrimSpace(v.Get("mode")), TimeScale: strings.TrimSpace(v.Get("timescale"))}
	f.Catalog, f.Scenario, f.Note = drillForm(v)
	return f
}

// query is the form as the query of a GET of the form or the review.
func (f startForm) query() string {
	v := url.Values{"catalog": {catalogValue(f.Catalog)}, "scenario": {f.Scenario}, "nonce": {f.Nonce}}
	for k, s := range map[string]string{"mode": f.Mode, "timescale": f.TimeScale, "note": f.Note} {
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
	// Review is set on the review page.
	Review *review
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
	c.showStart(w, ss, http.StatusOK, "", f)
}

func (c *Console) showStart(w http.ResponseWriter, ss *session, status int, msg string, form startForm) {
	d := startData{Form: form, Choices: c.choices(form.Catalog, form.Scenario), Modes: scenarios.Modes}
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
	if f.Mode != "" && !slices.Contains(scenarios.Modes, f.Mode) {
		return drillops.Prepared{}, http.StatusUnprocessableEntity, fmt.Sprintf("mode %q is not a drill mode; allowed: %s, or the scenario's own", f.Mode, strings.Join(scenarios.Modes, ", "))
	}
	var scale float64
	if f.TimeScale != "" {
		var err error
		if scale, err = strconv.ParseFloat(f.TimeScale, 64); err != nil || scale <= 0 {
			return drillops.Prepared{}, http.StatusUnprocessableEntity, fmt.Sprintf("time scale %q is not a positive number; allowed: scenario seconds per wall-clock second, for example 720 or 86400", f.TimeScale)
		}
	}
	if why := c.checkSources(f.Catalog, f.Scenario); why != "" {
		return drillops.Prepared{}, http.StatusUnprocessableEntity, why
	}
	pctx, cancel := context.WithTimeout(ctx, prepareTimeout)
	defer cancel()
	p, err := drillops.Prepare(pctx, drillops.Request{Catalogs: f.Catalog, Scenario: f.Scenario, At: stamp, Suffix: suffix,
		StartedBy: ss.user.Actor(), Note: f.Note, Reports: c.o.Reports, Repos: c.o.GitHub, Mode: f.Mode, TimeScale: scale,
		StateDir: c.o.StateDir})
	if err != nil {
		return drillops.Prepared{}, http.StatusUnprocessableEntity, err.Error()
	}
	return p, 0, ""
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
	c.showStart(w, ss, status, msg, f)
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
	d := startData{Form: f, Review: newReview(p.Plan), Change: "/drills/new?" + f.query()}
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
