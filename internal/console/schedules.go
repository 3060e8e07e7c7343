package console

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/internal/drillops"
)

// Schedule is one Temporal schedule of drills.
type Schedule struct {
	ID     string
	Paused bool
	Note   string
	Cron   []string
	Next   time.Time
	Recent []string
}

// scheduleForm is the form of a new schedule of drills.
type scheduleForm struct {
	Catalog  []string
	Scenario string
	Cron     string
	Note     string
}

// Schedules implements Backend.
func (t *Temporal) Schedules(ctx context.Context) ([]Schedule, error) {
	it, err := t.Client.ScheduleClient().List(ctx, client.ScheduleListOptions{PageSize: 100})
	if err != nil {
		return nil, fmt.Errorf("list schedules: %w", err)
	}
	var out []Schedule
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("list schedules: %w", err)
		}
		s := Schedule{ID: e.ID, Paused: e.Paused, Note: e.Note}
		if len(e.NextActionTimes) > 0 {
			s.Next = e.NextActionTimes[0]
		}
		if e.Spec != nil {
			for _, cal := range e.Spec.Calendars {
				s.Cron = append(s.Cron, drillops.CronOf(cal))
			}
		}
		for _, a := range e.RecentActions {
			if a.StartWorkflowResult != nil {
				s.Recent = append(s.Recent, a.StartWorkflowResult.WorkflowID)
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// CreateSchedule implements Backend: the cron is read in the local time zone
// of the console's machine (drillops.LocalZone), as exitdrill schedule
// create without --tz does.
func (t *Temporal) CreateSchedule(ctx context.Context, p drillops.Prepared, cron string) error {
	tz, _ := drillops.LocalZone()
	return drillops.CreateSchedule(ctx, t.Client, p, cron, tz)
}

// PauseSchedule implements Backend: pause or unpause, with a note naming the user.
func (t *Temporal) PauseSchedule(ctx context.Context, id string, pause bool, note string) error {
	h := t.Client.ScheduleClient().GetHandle(ctx, id)
	if pause {
		return h.Pause(ctx, client.SchedulePauseOptions{Note: note})
	}
	return h.Unpause(ctx, client.ScheduleUnpauseOptions{Note: note})
}

// PauseAllSchedules implements Backend.
func (t *Temporal) PauseAllSchedules(ctx context.Context, note string) ([]string, error) {
	return drillops.PauseAllSchedules(ctx, t.Client, note)
}

// DeleteSchedule implements Backend.
func (t *Temporal) DeleteSchedule(ctx context.Context, id string) error {
	return t.Client.ScheduleClient().GetHandle(ctx, id).Delete(ctx)
}

type schedulesData struct {
	Schedules []Schedule
	Catalog   string
	Form      scheduleForm
}

func (c *Console) schedules(w http.ResponseWriter, r *http.Request, ss *session) {
	c.showSchedules(w, r, ss, http.StatusOK, "", scheduleForm{})
}

func (c *Console) showSchedules(w http.ResponseWriter, r *http.Request, ss *session, status int, msg string, form scheduleForm) {
	cx, cancel := ctx(r)
	defer cancel()
	list, err := c.o.Backend.Schedules(cx)
	if err != nil {
		c.fail(w, r, ss, http.StatusBadGateway, err.Error())
		return
	}
	d := schedulesData{Schedules: list, Catalog: strings.Join(c.o.Catalog, ","), Form: form}
	v := newView(ss, "Schedules", "schedules", d)
	v.Error = msg
	v.Flash = c.sessions.popFlash(ss)
	c.render(w, status, "schedules", v)
}

// scheduleCreate plans the drill of a new schedule as exitdrill schedule
// create does (drillops.Prepare), recording the signed-in user as its
// creator, and creates the schedule. Nothing is created unless every check
// passed.
func (c *Console) scheduleCreate(w http.ResponseWriter, r *http.Request, ss *session) {
	f := scheduleForm{Cron: strings.TrimSpace(r.PostForm.Get("cron"))}
	f.Catalog, f.Scenario, f.Note = drillForm(r.PostForm)
	if len(f.Catalog) == 0 || f.Scenario == "" || f.Cron == "" {
		c.showSchedules(w, r, ss, http.StatusUnprocessableEntity, "catalog, scenario and cron are required", f)
		return
	}
	if why := c.checkSources(f.Catalog, f.Scenario); why != "" {
		c.showSchedules(w, r, ss, http.StatusUnprocessableEntity, why, f)
		return
	}
	pctx, cancel := context.WithTimeout(r.Context(), prepareTimeout)
	defer cancel()
	p, err := drillops.Prepare(pctx, drillops.Request{Schedule: true, Catalogs: f.Catalog, Scenario: f.Scenario,
		StartedBy: ss.user.Actor(), Note: f.Note, Reports: c.o.Reports, Repos: c.o.GitHub})
	if err != nil {
		c.showSchedules(w, r, ss, http.StatusUnprocessableEntity, err.Error(), f)
		return
	}
	cx, cancel := ctx(r)
	defer cancel()
	if err := c.o.Backend.CreateSchedule(cx, p, f.Cron); err != nil {
		c.showSchedules(w, r, ss, http.StatusUnprocessableEntity, err.Error(), f)
		return
	}
	id := p.Plan.DrillID
	c.o.Logger.Info("console: schedule created", "user", ss.user.Name, "schedule", id)
	c.sessions.setFlash(ss, "schedule "+id+" created")
	http.Redirect(w, r, "/schedules", http.StatusSeeOther)
}

// drillForm reads the fields that plan a drill, shared by the forms of a new
// schedule and of a drill started now: the catalog directories or files
// (comma-separated), the scenario (a library id or a file; either may be
// github:OWNER/REPO/PATH@REF) and a note.
func drillForm(f url.Values) (catalogs []string, scenario, note string) {
	for _, p := range strings.Split(f.Get("catalog"), ",") {
		if p = strings.TrimSpace(p); p != "" {
			catalogs = append(catalogs, p)
		}
	}
	return catalogs, strings.TrimSpace(f.Get("scenario")), strings.TrimSpace(f.Get("note"))
}

func (c *Console) scheduleAct(w http.ResponseWriter, r *http.Request, ss *session) {
	id, act := r.PathValue("id"), r.PathValue("act")
	cx, cancel := ctx(r)
	defer cancel()
	var err error
	switch act {
	case "pause", "unpause":
		err = c.o.Backend.PauseSchedule(cx, id, act == "pause", act+"d by "+ss.user.Actor())
	case "delete":
		err = c.o.Backend.DeleteSchedule(cx, id)
	default:
		c.fail(w, r, ss, http.StatusNotFound, "unknown schedule action "+act)
		return
	}
	if err != nil {
		c.fail(w, r, ss, http.StatusBadGateway, fmt.Sprintf("schedule %s: %v", id, err))
		return
	}
	c.o.Logger.Info("console: schedule "+act, "user", ss.user.Name, "schedule", id)
	c.sessions.setFlash(ss, "schedule "+id+": "+act+" done")
	http.Redirect(w, r, "/schedules", http.StatusSeeOther)
}
