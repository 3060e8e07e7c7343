package console

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

// stopAllData is the emergency stop's confirmation page, then its result.
type stopAllData struct {
	// Running are the drills running and Schedules how many schedules
	// there are, before the stop.
	Running   []string
	Schedules int

	// Done is set on the result: who stopped, when and why, the drills
	// that got the stop (and those it did not reach, or why none was
	// listed), the schedules paused.
	Done          bool
	At            time.Time
	Actor, Reason string
	Stopped       []string
	Failed        []string
	ListError     string
	Paused        []string
	PauseError    string
	// Gone is set on the result page when this session has no stop to
	// show (none sent, or longer ago than stopResultTTL).
	Gone bool
}

// stopResultTTL is how long the result of an emergency stop is kept for
// the session that sent it: its page can be reloaded, and nothing is sent
// again.
const stopResultTTL = time.Hour

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
// The result is kept for the session and shown by a GET (stopAllDone), so
// that reloading it sends nothing again (POST, redirect, GET): the drills
// stopped and the schedules paused, each with a button that resumes it.
func (c *Console) stopAll(w http.ResponseWriter, r *http.Request, ss *session) {
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if reason == "" || r.PostForm.Get("confirm") != "yes" {
		c.fail(w, r, ss, http.StatusUnprocessableEntity, "the emergency stop needs a reason and the confirmation box ticked")
		return
	}
	cx, cancel := ctx(r)
	defer cancel()
	sig := drill.Abort{Actor: ss.user.Actor(), Reason: reason, Emergency: true}
	d := &stopAllData{Done: true, At: c.o.Now(), Actor: sig.Actor, Reason: reason}
	// Schedules first: none may start a drill while the running ones stop.
	// Those paused are listed even when others could not be.
	paused, err := c.o.Backend.PauseAllSchedules(cx, drillops.EmergencyNote(sig))
	d.Paused = paused
	if err != nil {
		d.PauseError = err.Error()
	}
	ids, err := c.o.Backend.Running(cx)
	if err != nil {
		d.ListError = fmt.Sprintf("the running drills could not be listed, so none was stopped: %v", err)
	}
	for _, id := range ids {
		if err := c.o.Backend.Abort(cx, id, sig); err != nil {
			d.Failed = append(d.Failed, id+" ("+err.Error()+")")
			continue
		}
		d.Stopped = append(d.Stopped, id)
	}
	c.o.Logger.Warn("console: emergency stop", "user", ss.user.Name, "drills", len(d.Stopped), "failed", len(d.Failed), "schedules paused", len(paused))
	c.sessions.mu.Lock()
	ss.stopped = d
	c.sessions.mu.Unlock()
	http.Redirect(w, r, "/stop-all/done", http.StatusSeeOther)
}

// stopAllDone shows the result of the emergency stop this session sent,
// as it was when sent: showing it again stops and pauses nothing.
func (c *Console) stopAllDone(w http.ResponseWriter, r *http.Request, ss *session) {
	c.sessions.mu.Lock()
	d := ss.stopped
	c.sessions.mu.Unlock()
	if d == nil || c.o.Now().Sub(d.At) > stopResultTTL {
		c.render(w, http.StatusOK, "stopall", newView(ss, "Emergency stop", "", stopAllData{Done: true, Gone: true}))
		return
	}
	v := newView(ss, "Emergency stop sent", "", d)
	v.Flash = langOf(w).Printer().F("emergency stop sent to %d drills; %d schedules paused until a person resumes them", len(d.Stopped), len(d.Paused))
	c.render(w, http.StatusOK, "stopall", v)
}
