package console

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

// stopAllData is the emergency stop's confirmation page, then its result.
type stopAllData struct {
	// Running are the drills running and Schedules how many schedules
	// there are, before the stop.
	Running   []string
	Schedules int

	// Done is set on the result: who stopped and why, the drills that got
	// the stop (and those it did not reach), the schedules paused.
	Done          bool
	Actor, Reason string
	Stopped       []string
	Failed        []string
	Paused        []string
	PauseError    string
}

func (c *Console) stopAllPage(w http.ResponseWriter, r *http.Request, ss *session) {
	cx, cancel := ctx(r)
	defer cancel()
	ids, err := c.o.Backend.Running(cx)
	if err != nil {
		c.fail(w, r, ss, http.StatusBadGateway, err.Error())
		return
	}
	scheds, err := c.o.Backend.Schedules(cx)
	if err != nil {
		c.fail(w, r, ss, http.StatusBadGateway, err.Error())
		return
	}
	c.render(w, http.StatusOK, "stopall", newView(ss, "Emergency stop", "", stopAllData{Running: ids, Schedules: len(scheds)}))
}

// stopAll is the emergency stop, like exitdrill stop-all: every schedule is
// paused, then every running drill gets an abort marked as an emergency.
// The result page lists the drills stopped and the schedules paused, each
// with a button that resumes it.
func (c *Console) stopAll(w http.ResponseWriter, r *http.Request, ss *session) {
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if reason == "" || r.PostForm.Get("confirm") != "yes" {
		c.fail(w, r, ss, http.StatusUnprocessableEntity, "the emergency stop needs a reason and the confirmation box ticked")
		return
	}
	cx, cancel := ctx(r)
	defer cancel()
	sig := drill.Abort{Actor: ss.user.Actor(), Reason: reason, Emergency: true}
	d := stopAllData{Done: true, Actor: sig.Actor, Reason: reason}
	// Schedules first: none may start a drill while the running ones stop.
	// Those paused are listed even when others could not be.
	paused, err := c.o.Backend.PauseAllSchedules(cx, drillops.EmergencyNote(sig))
	d.Paused = paused
	if err != nil {
		d.PauseError = err.Error()
	}
	ids, err := c.o.Backend.Running(cx)
	if err != nil {
		c.fail(w, r, ss, http.StatusBadGateway, fmt.Sprintf("%d schedules were paused, but the running drills could not be listed, so none was stopped: %v", len(paused), err))
		return
	}
	for _, id := range ids {
		if err := c.o.Backend.Abort(cx, id, sig); err != nil {
			d.Failed = append(d.Failed, id+" ("+err.Error()+")")
			continue
		}
		d.Stopped = append(d.Stopped, id)
	}
	c.o.Logger.Warn("console: emergency stop", "user", ss.user.Name, "drills", len(d.Stopped), "failed", len(d.Failed), "schedules paused", len(paused))
	status := http.StatusOK
	if d.Failed != nil || d.PauseError != "" {
		status = http.StatusBadGateway
	}
	v := newView(ss, "Emergency stop sent", "", d)
	v.Flash = fmt.Sprintf("emergency stop sent to %d drills; %d schedules paused until a person resumes them", len(d.Stopped), len(paused))
	c.render(w, status, "stopall", v)
}
