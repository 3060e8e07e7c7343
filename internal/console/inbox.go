package console

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/reports"
)

// inboxStep is a waiting step as the inbox shows it.
type inboxStep struct {
	drillops.Waiting
	// Escalates and Fails are when the step escalates (its expected time
	// is up) and when it fails unanswered (its limit); Fails is zero when
	// the workflow does not report its limit.
	Escalates, Fails time.Time
	// Form is what the user typed, kept after a refusal; Error says what to
	// fix.
	Form  stepForm
	Error template.HTML
}

// Key names the step in forms, anchors and errors: DRILL/PROCESS/STEP.
func (s inboxStep) Key() string { return s.Drill + "/" + s.Process + "/" + s.Step }

// Live says whether the drill counts measured time (live mode): only then
// does the person's own count of the time apply.
func (s inboxStep) Live() bool { return s.Mode == "live" }

// stepForm is a completion form as submitted. Nonce is new for every form
// shown: the same form sent twice is one answer (see updateID).
type stepForm struct {
	Outcome, Note, Took, Nonce string
}

type inboxData struct {
	Mine, Others []inboxStep
	// Notice says why a step that is no longer on the page was not completed,
	// with what the user typed for it.
	Notice template.HTML
	Typed  stepForm
}

func (c *Console) inbox(w http.ResponseWriter, r *http.Request, ss *session) {
	c.showInbox(w, r, ss, http.StatusOK, "", stepForm{}, "", c.sessions.popFlash(ss))
}

// showInbox renders the inbox; a refused completion of key comes back with
// what was typed (form) and why (msg).
func (c *Console) showInbox(w http.ResponseWriter, r *http.Request, ss *session, status int, key string, form stepForm, msg template.HTML, flash string) {
	cx, cancel := ctx(r)
	defer cancel()
	all, err := c.waits.fresh(cx, c.o.Backend)
	if err != nil {
		c.fail(w, r, ss, http.StatusBadGateway, "listing waiting steps: "+err.Error())
		return
	}
	d := inboxData{}
	shown := false
	for _, ws := range all {
		s := inboxStep{Waiting: ws, Escalates: ws.Since.Add(ws.Expected.Std())}
		if ws.Limit > 0 {
			s.Fails = ws.Since.Add(ws.Limit.Std())
		}
		if !ss.user.ActsAs(ws.Role) {
			d.Others = append(d.Others, s)
			continue
		}
		s.Form.Nonce = randomToken()[:16]
		if s.Key() == key {
			nonce := s.Form.Nonce
			s.Form, s.Error, shown = form, msg, true
			if s.Form.Nonce == "" { // the same answer sent again is still one answer
				s.Form.Nonce = nonce
			}
		}
		d.Mine = append(d.Mine, s)
	}
	v := newView(ss, "Inbox", "inbox", nil)
	v.Flash = flash
	if msg != "" {
		v.Error = "The step was not completed: see below."
		if !shown {
			d.Notice, d.Typed = msg, form // its form is not on the page
		}
	}
	v.Data = d
	c.render(w, status, "inbox", v)
}

// complete records a manual step's outcome through the complete-step Update;
// the workflow's validator decides, and its message comes back to the form
// with everything typed. A step that no longer waits is described in words
// (who completed it, or when and why it failed); the same answer sent twice
// is recorded once.
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
	form := stepForm{Outcome: f.Get("outcome"), Note: f.Get("note"), Took: strings.TrimSpace(f.Get("took")), Nonce: f.Get("nonce")}
	req := drill.CompleteStep{Step: step, Actor: ss.user.Actor(), Role: role, Outcome: form.Outcome, Note: strings.TrimSpace(form.Note)}
	if form.Took != "" {
		d, err := drill.ParseDuration(form.Took)
		if err != nil {
			c.showInbox(w, r, ss, http.StatusUnprocessableEntity, key, form,
				htmlf("Your own count of the time, %q: %s. Write it like 25m, 1h30m or 2d (allowed: %s).", form.Took, err.Error(), drill.DurationAllowed), "")
			return
		}
		req.Took = d
	}
	if req.Outcome != drill.OutcomePass && req.Outcome != drill.OutcomeFail {
		c.showInbox(w, r, ss, http.StatusUnprocessableEntity, key, form,
			htmlf("Choose the outcome: pass or fail (the form sent %q).", req.Outcome), "")
		return
	}
	cx, cancel := ctx(r)
	defer cancel()
	res, err := c.o.Backend.CompleteOnce(cx, drillID, process, req, updateID(form.Nonce, drillID, process, req))
	c.waits.forget()
	if err != nil {
		st := c.stepState(cx, drillID, process, step, err)
		if st.same(req) { // this answer, recorded before: a double submit
			c.sessions.setFlash(ss, langOf(w).Printer().F("%s/%s was already completed with your answer (%s): it is recorded once", process, step, req.Outcome))
			http.Redirect(w, r, "/inbox", http.StatusSeeOther)
			return
		}
		c.o.Logger.Info("console: step refused", "user", ss.user.Name, "step", key, "error", err)
		c.showInbox(w, r, ss, st.status, key, form, st.msg, "")
		return
	}
	c.o.Logger.Info("console: step completed", "user", ss.user.Name, "step", key, "outcome", res.Status)
	lp := langOf(w).Printer()
	flash := lp.F("%s/%s %s by %s, %s %s on the scenario clock", process, step, lp.T(string(res.Status)), res.Actor, lp.T(res.Measure),
		lp.Duration(res.Duration.Std(), reports.ForPeople(res.Duration)))
	c.sessions.setFlash(ss, flash)
	http.Redirect(w, r, "/inbox", http.StatusSeeOther)
}

// updateID names an answer for Temporal, which records an Update id once: the
// same form (its nonce) with the same answer sent twice is one Update. A form
// without a nonce gets a new id each time.
func updateID(nonce, drillID, process string, req drill.CompleteStep) string {
	if nonce == "" {
		return ""
	}
	h := sha256.New()
	for _, s := range []string{nonce, drillID, process, req.Step, req.Actor, req.Role, req.Outcome, req.Note, req.Took.String()} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "console-" + hex.EncodeToString(h.Sum(nil)[:12])
}

// stepState is what became of a step whose completion was refused.
type stepState struct {
	status int
	msg    template.HTML
	done   *drill.StepResult // the step's result, when it has one
}

// same says whether the step was completed with req's answer by req's actor.
func (st stepState) same(req drill.CompleteStep) bool {
	r := st.done
	return r != nil && r.Actor == req.Actor && r.Role == req.Role && r.Note == req.Note &&
		(r.Status == drill.StepPassed) == (req.Outcome == drill.OutcomePass)
}

// settle bounds how long stepState waits for a step that another answer is
// completing to show its result.
const settle = 5 * time.Second

// stepState explains a refused completion from the drill's state: who
// completed the step and when, when and why it failed, or, while it still
// waits, the workflow's own words (refusal).
func (c *Console) stepState(ctx context.Context, drillID, process, step string, refusal error) stepState {
	deadline := time.Now().Add(settle)
	for {
		st, waiting := c.lookStep(ctx, drillID, process, step, refusal)
		if !waiting || time.Now().After(deadline) || !strings.Contains(refusal.Error(), "being completed") {
			return st
		}
		select { // another answer is being recorded: show its result
		case <-ctx.Done():
			return st
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// lookStep describes a step from its drill's state and says whether it
// still waits for a person.
func (c *Console) lookStep(ctx context.Context, drillID, process, step string, refusal error) (stepState, bool) {
	v, err := c.o.Backend.Drill(ctx, drillID)
	if err != nil {
		if errors.Is(err, ErrNoSuchDrill) {
			return stepState{status: http.StatusNotFound, msg: htmlf("There is no drill %s.", drillID)}, false
		}
		return stepState{status: http.StatusBadGateway, msg: htmlf("The drill %s could not be read: %s", drillID, err.Error())}, false
	}
	var steps []*drill.StepResult
	found := false
	if pp := v.Processes[process]; pp != nil {
		found, steps = true, pp.Done
		for _, w := range pp.Waiting {
			if w.Step == step {
				return stepState{status: http.StatusUnprocessableEntity, msg: htmlf("%s.", refusalWords(refusal))}, true
			}
		}
	}
	if v.Progress != nil {
		found = found || slices.ContainsFunc(v.Progress.Processes, func(p drill.ProcessSummary) bool { return p.ID == process })
	}
	if v.Result != nil {
		for _, p := range v.Result.Processes {
			if p.Process == process {
				found, steps = true, append(slices.Clip(p.Steps), p.Rollback...)
			}
		}
	}
	if !found {
		return stepState{status: http.StatusNotFound, msg: htmlf("Drill %s has no process %s.", drillID, process)}, false
	}
	for _, r := range steps {
		if r.Step == step {
			return stepState{status: http.StatusConflict, msg: stepWords(r), done: r}, false
		}
	}
	if !v.Running {
		return stepState{status: http.StatusConflict, msg: htmlf("The drill %s has ended (%s): its step %s waits for nobody.", drillID, v.State(), step)}, false
	}
	return stepState{status: http.StatusConflict, msg: htmlf("%s.", refusalWords(refusal))}, false
}

// stepWords says what became of a step that no longer waits.
func stepWords(r *drill.StepResult) template.HTML {
	at := when(r.WallEnd)
	switch {
	case r.Actor != "" && (r.Status == drill.StepPassed || r.Status == drill.StepFailed):
		outcome := drill.OutcomePass
		if r.Status == drill.StepFailed {
			outcome = drill.OutcomeFail
		}
		return htmlf("This step was already completed by %s at %s (%s).", r.Actor, at, outcome)
	case r.Status == drill.StepFailed && strings.HasPrefix(r.Reason, "no answer from"):
		return htmlf("This step failed at %s: nobody answered within its limit (%s).", at, r.Reason)
	case r.Status == drill.StepAborted:
		return htmlf("This step stopped at %s: the drill was aborted while it waited.", at)
	case r.Status == drill.StepSkipped:
		return htmlf("This step was skipped at %s: %s.", at, strings.TrimPrefix(r.Reason, "not run: "))
	}
	return htmlf("This step no longer waits: it %s at %s (%s).", r.Status, at, r.Reason)
}

// refusalWords is the workflow validator's message without Temporal's
// wrapping.
func refusalWords(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, "): "); i >= 0 && strings.Contains(msg[:i], "rpc error") {
		msg = msg[i+3:]
	}
	return strings.TrimSuffix(msg, ".")
}

// htmlf formats HTML: the arguments are escaped unless they are
// template.HTML (such as a when).
func htmlf(format string, args ...any) template.HTML {
	for i, a := range args {
		if h, ok := a.(template.HTML); ok {
			args[i] = string(h)
			continue
		}
		args[i] = template.HTMLEscapeString(fmt.Sprint(a))
	}
	return template.HTML(fmt.Sprintf(format, args...))
}

// waitingCache keeps the waiting steps for a few seconds: every page's menu
// counts the steps waiting for its user, and asking every running drill on
// each page view would be slow.
type waitingCache struct {
	mu   sync.Mutex
	at   time.Time
	list []drillops.Waiting
}

// waitingTTL is how old the menu's count may be.
const waitingTTL = 5 * time.Second

// fresh lists the waiting steps anew and keeps them.
func (wc *waitingCache) fresh(ctx context.Context, b Backend) ([]drillops.Waiting, error) {
	list, err := b.Waiting(ctx)
	if err != nil {
		return nil, err
	}
	wc.mu.Lock()
	defer wc.mu.Unlock()
	wc.at, wc.list = time.Now(), list
	return list, nil
}

// get lists the waiting steps, at most waitingTTL old.
func (wc *waitingCache) get(ctx context.Context, b Backend) ([]drillops.Waiting, error) {
	wc.mu.Lock()
	if !wc.at.IsZero() && time.Since(wc.at) < waitingTTL {
		defer wc.mu.Unlock()
		return wc.list, nil
	}
	wc.mu.Unlock()
	return wc.fresh(ctx, b)
}

// forget drops the kept list: a step was just answered.
func (wc *waitingCache) forget() {
	wc.mu.Lock()
	defer wc.mu.Unlock()
	wc.at = time.Time{}
}

// waitingFor counts the steps waiting for u, for the menu; -1 when they
// cannot be listed now.
func (c *Console) waitingFor(u *User) int {
	if u == nil || !u.Can(RoleOperator) {
		return 0
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	all, err := c.waits.get(ctx, c.o.Backend)
	if err != nil {
		return -1
	}
	n := 0
	for _, w := range all {
		if u.ActsAs(w.Role) {
			n++
		}
	}
	return n
}

// home sends an operator with steps waiting to the inbox, everyone else to
// readiness.
func (c *Console) home(w http.ResponseWriter, r *http.Request, ss *session) {
	if ss.user.Role == RoleOperator && c.waitingFor(ss.user) > 0 {
		http.Redirect(w, r, "/inbox", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/readiness", http.StatusSeeOther)
}
