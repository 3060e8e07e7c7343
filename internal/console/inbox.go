package console

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

type inboxData struct {
	Mine, Others []drillops.Waiting
	// Errors by DRILL/PROCESS/STEP: why the last completion was refused.
	Errors map[string]string
}

func (c *Console) inbox(w http.ResponseWriter, r *http.Request, ss *session) {
	c.showInbox(w, r, ss, http.StatusOK, nil, c.sessions.popFlash(ss))
}

func (c *Console) showInbox(w http.ResponseWriter, r *http.Request, ss *session, status int, errs map[string]string, flash string) {
	cx, cancel := ctx(r)
	defer cancel()
	all, err := c.o.Backend.Waiting(cx)
	if err != nil {
		c.fail(w, r, ss, http.StatusBadGateway, "listing waiting steps: "+err.Error())
		return
	}
	d := inboxData{Errors: errs}
	for _, ws := range all {
		if ss.user.ActsAs(ws.Role) {
			d.Mine = append(d.Mine, ws)
		} else {
			d.Others = append(d.Others, ws)
		}
	}
	v := newView(ss, "Inbox", "inbox", d)
	v.Flash = flash
	for key, msg := range errs {
		v.Error = "The step was not completed: see below."
		if !slices.ContainsFunc(d.Mine, func(w drillops.Waiting) bool { return w.Drill+"/"+w.Process+"/"+w.Step == key }) {
			v.Error = "The step " + key + " was not completed: " + msg // its form is not on the page
		}
	}
	c.render(w, status, "inbox", v)
}

// complete records a manual step's outcome through the complete-step Update;
// the workflow's validator decides, and its message comes back to the form.
func (c *Console) complete(w http.ResponseWriter, r *http.Request, ss *session) {
	f := r.PostForm
	drillID, process, step, role := f.Get("drill"), f.Get("process"), f.Get("step"), f.Get("role")
	key := drillID + "/" + process + "/" + step
	if drillID == "" || process == "" || step == "" {
		c.fail(w, r, ss, http.StatusBadRequest, "the form names no drill, process and step")
		return
	}
	if !ss.user.ActsAs(role) {
		c.fail(w, r, ss, http.StatusForbidden, fmt.Sprintf("you do not hold the role %q this step waits for", role))
		return
	}
	req := drill.CompleteStep{Step: step, Actor: ss.user.Actor(), Role: role,
		Outcome: f.Get("outcome"), Note: strings.TrimSpace(f.Get("note"))}
	if took := strings.TrimSpace(f.Get("took")); took != "" {
		d, err := drill.ParseDuration(took)
		if err != nil {
			c.showInbox(w, r, ss, http.StatusUnprocessableEntity, map[string]string{key: fmt.Sprintf("declared duration %q: %v (allowed: %s)", took, err, drill.DurationAllowed)}, "")
			return
		}
		req.Took = d
	}
	cx, cancel := ctx(r)
	defer cancel()
	res, err := c.o.Backend.Complete(cx, drillID, process, req)
	if errors.Is(err, drillops.ErrNoProcess) {
		err = fmt.Errorf("drill %s runs no process %s", drillID, process)
	}
	if err != nil {
		c.o.Logger.Info("console: step refused", "user", ss.user.Name, "step", key, "error", err)
		c.showInbox(w, r, ss, http.StatusUnprocessableEntity, map[string]string{key: err.Error()}, "")
		return
	}
	c.o.Logger.Info("console: step completed", "user", ss.user.Name, "step", key, "outcome", res.Status)
	flash := fmt.Sprintf("%s/%s %s by %s, %s %s on the scenario clock", process, step, res.Status, res.Actor, res.Measure, res.Duration)
	c.sessions.setFlash(ss, flash)
	http.Redirect(w, r, "/inbox", http.StatusSeeOther)
}
