package console

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

// AckInject implements Backend.
func (t *Temporal) AckInject(ctx context.Context, drillID string, req drill.AckInject) (*drill.InjectResult, error) {
	return drillops.AckInject(ctx, t.Client, drillID, req)
}

// ackInject acknowledges an exercise inject for the signed-in user (the
// drill page's Acknowledge button); the workflow's validator has the last
// word: an inject not delivered yet, or acknowledged by this user already,
// is refused in its words. Only a user who acts in the inject's role (or a
// manager) may.
func (c *Console) ackInject(w http.ResponseWriter, r *http.Request, ss *session) {
	id, inject := r.PathValue("id"), r.PathValue("inject")
	role := r.PostForm.Get("role")
	if !ss.user.ActsAs(role) {
		c.fail(w, r, ss, http.StatusForbidden, "you do not act in the role "+role+" that the inject was sent to")
		return
	}
	cx, cancel := ctx(r)
	defer cancel()
	req := drill.AckInject{Inject: inject, By: ss.user.Actor(), Note: strings.TrimSpace(r.PostForm.Get("note"))}
	res, err := c.o.Backend.AckInject(cx, id, req)
	if err != nil {
		status := http.StatusUnprocessableEntity
		if errors.Is(err, drillops.ErrNoDrill) {
			status = http.StatusNotFound
		}
		c.fail(w, r, ss, status, err.Error())
		return
	}
	if res.To != role {
		c.o.Logger.Warn("console: inject acknowledged in another role than the form said", "drill", id, "inject", inject, "role", role)
	}
	c.o.Logger.Info("console: inject acknowledged", "user", ss.user.Name, "drill", id, "inject", inject)
	c.sessions.setFlash(ss, langOf(w).Printer().F("inject %s acknowledged", inject))
	http.Redirect(w, r, "/drills/"+url.PathEscape(id), http.StatusSeeOther)
}

// injectsPart is the data of the drill page's injects section: the page
// (for the user, the drill id and the form's token), the injects, and
// whether the drill runs (only then can an inject be acknowledged).
type injectsPart struct {
	Page    view
	Injects []*drill.InjectResult
	Running bool
}

func injectsView(page view, injects []*drill.InjectResult, running bool) injectsPart {
	return injectsPart{Page: page, Injects: injects, Running: running}
}
