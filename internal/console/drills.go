package console

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

func (c *Console) drills(w http.ResponseWriter, r *http.Request, ss *session) {
	cx, cancel := ctx(r)
	defer cancel()
	rows, err := c.o.Backend.Drills(cx, 200)
	if err != nil {
		c.fail(w, r, ss, http.StatusBadGateway, "listing drills: "+err.Error())
		return
	}
	v := newView(ss, "Drills", "drills", rows)
	v.Flash = c.sessions.popFlash(ss)
	c.render(w, http.StatusOK, "drills", v)
}

// drill is the live view of a drill: the fragment "live" is also served alone
// (drillLive) for the script that refreshes it.
func (c *Console) drill(w http.ResponseWriter, r *http.Request, ss *session) {
	v, ok := c.drillView(w, r, ss)
	if !ok {
		return
	}
	if v.Result != nil {
		v.Changes = c.changesFor(v.ID)
	}
	pv := newView(ss, "Drill "+v.ID, "drills", v)
	pv.Flash = c.sessions.popFlash(ss)
	c.render(w, http.StatusOK, "drill", pv)
}

func (c *Console) drillLive(w http.ResponseWriter, r *http.Request, ss *session) {
	v, ok := c.drillView(w, r, ss)
	if !ok {
		return
	}
	c.renderTemplate(w, http.StatusOK, "drill", "live", newView(ss, "", "", v))
}

func (c *Console) drillView(w http.ResponseWriter, r *http.Request, ss *session) (*DrillView, bool) {
	cx, cancel := ctx(r)
	defer cancel()
	v, err := c.o.Backend.Drill(cx, r.PathValue("id"))
	if err != nil {
		c.fail(w, r, ss, http.StatusNotFound, err.Error())
		return nil, false
	}
	return v, true
}

// abort signals one drill to stop, with the user as actor.
func (c *Console) abort(w http.ResponseWriter, r *http.Request, ss *session) {
	id := r.PathValue("id")
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if reason == "" {
		c.fail(w, r, ss, http.StatusUnprocessableEntity, "an abort needs a reason: it goes into the evidence")
		return
	}
	cx, cancel := ctx(r)
	defer cancel()
	sig := drill.Abort{Actor: ss.user.Actor(), Reason: reason}
	if err := c.o.Backend.Abort(cx, id, sig); err != nil {
		status := http.StatusBadGateway
		if errors.Is(err, drillops.ErrNoDrill) {
			status = http.StatusNotFound
		}
		c.fail(w, r, ss, status, err.Error())
		return
	}
	c.o.Logger.Info("console: drill aborted", "user", ss.user.Name, "drill", id)
	c.sessions.setFlash(ss, "abort sent: "+reason)
	http.Redirect(w, r, "/drills/"+url.PathEscape(id), http.StatusSeeOther)
}
