package console

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

// The after-action review lives at /drills/{id}/after-action: the path
// /drills/review is the start form's "review before start" step.

// observe adds an observation to a running drill, by the signed-in user.
func (c *Console) observe(w http.ResponseWriter, r *http.Request, ss *session) {
	id := r.PathValue("id")
	o := drill.Observe{By: ss.user.Actor(), Text: strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get("text"), "\r\n", "\n"))}
	step := strings.TrimSpace(r.PostForm.Get("step"))
	o.Process, o.Step, _ = strings.Cut(step, "/")
	cx, cancel := ctx(r)
	defer cancel()
	rec, err := c.o.Backend.Observe(cx, id, o)
	var rejected *temporal.ApplicationError
	switch {
	case errors.Is(err, drillops.ErrDrillEnded) || errors.As(err, &rejected):
		c.fail(w, r, ss, http.StatusUnprocessableEntity, "The observation was not recorded: "+err.Error())
		return
	case err != nil:
		c.fail(w, r, ss, http.StatusBadGateway, err.Error())
		return
	}
	c.o.Logger.Info("console: observation recorded", "user", ss.user.Name, "drill", id)
	lp := langOf(w).Printer()
	where := rec.Where()
	if where == "" {
		where = lp.T("the drill")
	}
	c.sessions.setFlash(ss, lp.F("observation recorded (%s) at %s", where, rec.At.UTC().Format("15:04:05Z")))
	http.Redirect(w, r, "/drills/"+url.PathEscape(id), http.StatusSeeOther)
}

// afterActionData is the after-action review page.
type afterActionData struct {
	ID     string
	Review *evidence.Review
	// Rows are the review's action items with their status today.
	Rows []afterActionRow
	// Steps are the PROCESS/STEP an action may follow from.
	Steps []string
	// Problem says why the review cannot be recorded here (no bundle, a
	// review that does not verify, no signing key); empty when it can.
	Problem string
	// PublishTo is the repository the action items can be published to
	// (Options.Actions); empty when the console has none.
	PublishTo string
}

type afterActionRow struct {
	evidence.Action
	Status string // open, overdue, done
}

// afterActionBundle finds the finished drill's bundle under the reports.
func (c *Console) afterActionBundle(w http.ResponseWriter, r *http.Request, ss *session) (*evidence.Bundle, string, bool) {
	v, ok := c.drillView(w, r, ss)
	if !ok {
		return nil, "", false
	}
	p := c.drillPage(v)
	if p.Bundle == "" {
		c.fail(w, r, ss, http.StatusConflict, fmt.Sprintf("Drill %s has no evidence bundle under the reports (yet): an after-action review is recorded after the drill, beside its bundle.", v.ID))
		return nil, "", false
	}
	dir := filepath.Join(c.o.Reports, filepath.FromSlash(p.Bundle))
	b, err := evidence.Load(os.DirFS(dir))
	if err != nil {
		c.fail(w, r, ss, http.StatusConflict, fmt.Sprintf("The evidence bundle of drill %s cannot be read: %v", v.ID, err))
		return nil, "", false
	}
	return b, dir, true
}

// afterAction shows the drill's after-action review and the form that adds
// to it.
func (c *Console) afterAction(w http.ResponseWriter, r *http.Request, ss *session) {
	b, dir, ok := c.afterActionBundle(w, r, ss)
	if !ok {
		return
	}
	d := afterActionData{ID: b.DrillID}
	if c.o.Actions != nil && c.o.Actions.Publisher != nil {
		d.PublishTo = c.o.Actions.Repo
	}
	rv, _, err := recorder.CurrentReview(dir, b.DrillID)
	switch {
	case err != nil:
		d.Problem = err.Error()
	case c.o.SigningKey == nil:
		d.Problem = "the console has no signing key: record the review with exitdrill review " + b.DrillID
	}
	if rv != nil {
		d.Review = rv
		for _, a := range rv.Actions {
			st := "open"
			switch {
			case !a.Open():
				st = "done"
			case a.Overdue(c.o.Now()):
				st = "overdue"
			}
			d.Rows = append(d.Rows, afterActionRow{Action: a, Status: st})
		}
	}
	for _, p := range b.Plan.Processes {
		for _, s := range p.Steps {
			d.Steps = append(d.Steps, p.ID+"/"+s.ID)
		}
	}
	v := newView(ss, "After-action review", "drills", d)
	v.Flash = c.sessions.popFlash(ss) // "review recorded", "action items published"
	c.render(w, http.StatusOK, "afteraction", v)
}

// recordAfterAction adds the form's entries (and done marks) to the review
// as a new signed revision.
func (c *Console) recordAfterAction(w http.ResponseWriter, r *http.Request, ss *session) {
	b, dir, ok := c.afterActionBundle(w, r, ss)
	if !ok {
		return
	}
	if c.o.SigningKey == nil {
		c.fail(w, r, ss, http.StatusConflict, "The console has no signing key: record the review with exitdrill review "+b.DrillID)
		return
	}
	rv, prev, err := recorder.CurrentReview(dir, b.DrillID)
	if err != nil {
		c.fail(w, r, ss, http.StatusConflict, err.Error())
		return
	}
	if msg := c.applyAfterAction(r.PostForm, rv, ss.user.Actor()); msg != "" {
		c.fail(w, r, ss, http.StatusUnprocessableEntity, msg)
		return
	}
	rv.Revision++
	rv.RecordedAt, rv.RecordedBy = c.o.Now().UTC().Truncate(time.Second), ss.user.Actor()
	if err := rv.Check(b); err != nil {
		c.fail(w, r, ss, http.StatusUnprocessableEntity, "The review was not recorded: "+err.Error())
		return
	}
	if _, err := recorder.WriteReview(dir, rv, prev, c.o.SigningKey); err != nil {
		c.fail(w, r, ss, http.StatusConflict, err.Error())
		return
	}
	c.o.Logger.Info("console: after-action review recorded", "user", ss.user.Name, "drill", b.DrillID, "revision", rv.Revision)
	c.sessions.setFlash(ss, langOf(w).Printer().F("review recorded: revision %d, signed", rv.Revision))
	http.Redirect(w, r, "/drills/"+url.PathEscape(b.DrillID)+"/after-action", http.StatusSeeOther)
}

// applyAfterAction adds the form's entries to rv; it returns what is wrong
// with the form, or "".
func (c *Console) applyAfterAction(f url.Values, rv *evidence.Review, who string) string {
	added := 0
	for field, list := range map[string]*[]string{"wentWell": &rv.WentWell, "notWell": &rv.NotWell, "lesson": &rv.Lessons} {
		if v := strings.TrimSpace(strings.ReplaceAll(f.Get(field), "\r\n", "\n")); v != "" {
			*list = append(*list, v)
			added++
		}
	}
	if title := strings.TrimSpace(f.Get("title")); title != "" {
		a := evidence.Action{ID: rv.NextActionID(), Title: title, Owner: strings.TrimSpace(f.Get("owner"))}
		if err := a.Due.UnmarshalScalar(f.Get("due")); err != nil {
			return "the action's due date: want YYYY-MM-DD, for example 2027-01-31"
		}
		a.Process, a.Step, _ = strings.Cut(strings.TrimSpace(f.Get("step")), "/")
		rv.Actions = append(rv.Actions, a)
		added++
	}
	for _, id := range f["done"] {
		for i := range rv.Actions {
			if rv.Actions[i].ID == id && rv.Actions[i].Open() {
				rv.Actions[i].Done, rv.Actions[i].DoneBy = c.o.Now().UTC().Truncate(time.Second), who
				added++
			}
		}
	}
	if added == 0 {
		return "nothing to record: fill in at least one field, or mark an action done"
	}
	return ""
}
