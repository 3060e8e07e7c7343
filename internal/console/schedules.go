package console

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/reports"
)

// Schedules implements Backend with drillops.Schedules, as exitdrill
// schedule list.
func (t *Temporal) Schedules(ctx context.Context) ([]drillops.Schedule, error) {
	return drillops.Schedules(ctx, t.Client)
}

// CreateSchedule implements Backend: the cron is read in the IANA time zone
// tz, as exitdrill schedule create --tz does.
func (t *Temporal) CreateSchedule(ctx context.Context, p drillops.Prepared, cron, tz string) error {
	return drillops.CreateSchedule(ctx, t.Client, p, cron, tz)
}

// PauseSchedule implements Backend with drillops.PauseSchedule.
func (t *Temporal) PauseSchedule(ctx context.Context, id string, pause bool, actor, why string) error {
	return drillops.PauseSchedule(ctx, t.Client, id, pause, actor, why)
}

// PauseAllSchedules implements Backend.
func (t *Temporal) PauseAllSchedules(ctx context.Context, note string) ([]string, error) {
	return drillops.PauseAllSchedules(ctx, t.Client, note)
}

// DeleteSchedule implements Backend.
func (t *Temporal) DeleteSchedule(ctx context.Context, id string) error {
	if err := t.Client.ScheduleClient().GetHandle(ctx, id).Delete(ctx); err != nil {
		return fmt.Errorf("delete schedule %s: %w", id, err)
	}
	return nil
}

// scheduleForm is the form of a new schedule of drills: what to drill (as
// the start form), when — a preset (drillops.Preset) or a cron — and in
// which time zone.
type scheduleForm struct {
	Catalog  []string
	Scenario string
	ID       string
	// Preset is monthly, quarterly, yearly, or "cron" (or none) for Cron.
	Preset                   string
	Week, Weekday, At, Month string
	Cron                     string
	TZ                       string
	Note                     string
}

func readScheduleForm(v url.Values) scheduleForm {
	f := scheduleForm{ID: strings.TrimSpace(v.Get("id")), Preset: strings.TrimSpace(v.Get("preset")), Week: v.Get("week"),
		Weekday: v.Get("weekday"), At: strings.TrimSpace(v.Get("at")), Month: v.Get("month"), Cron: strings.TrimSpace(v.Get("cron")),
		TZ: strings.TrimSpace(v.Get("tz"))}
	f.Catalog, f.Scenario, f.Note = drillForm(v)
	return f
}

// cron is the form's calendar as a cron, or what is wrong with it in words.
func (f scheduleForm) cron() (string, error) {
	if f.Preset == "cron" || f.Preset == "" {
		return f.Cron, drillops.CheckCron(f.Cron)
	}
	p, err := drillops.NewPreset(f.Preset, f.Week, f.Weekday, f.At, f.Month)
	if err != nil {
		return "", err
	}
	return p.Cron(), nil
}

// scheduleView is a schedule as the page shows it.
type scheduleView struct {
	drillops.Schedule
	// What is its scenario in words: title, lost suppliers by name, duration.
	What      string
	Calendars []calendar
	// Next are its next three drills, in its zone; none while paused.
	Next []nextRun
	// Verdict is the verdict of its last drill once that has finished
	// (lastVerdict); nil while it runs or when it ended without one.
	Verdict *drillVerdict
}

// calendar is one cron of a schedule and the preset's words it carries.
type calendar struct{ Cron, Words string }

// nextRun is a drill to come: its time in the schedule's zone, and the
// instant (shown by when in the viewer's).
type nextRun struct {
	Text string
	At   time.Time
}

// nextLayout writes a drill to come in its schedule's zone.
const nextLayout = "Mon 2 Jan 2006 15:04 MST"

func newScheduleView(s drillops.Schedule) scheduleView {
	v := scheduleView{Schedule: s, What: s.Scenario}
	if in := s.Info; in != nil {
		var lost []string
		for _, id := range in.Lost {
			lost = append(lost, in.SupplierName(id))
		}
		v.What = fmt.Sprintf("%s: %s gone for %s (%s; %s)", in.Title, strings.Join(lost, ", "), reports.OutageWords(in.Duration), in.Mode, in.ID)
	}
	for _, c := range s.Cron {
		cron, words, _ := strings.Cut(c, " # ")
		v.Calendars = append(v.Calendars, calendar{Cron: cron, Words: words})
	}
	if !s.Paused {
		for _, t := range s.Next[:min(3, len(s.Next))] {
			v.Next = append(v.Next, nextRun{Text: t.Format(nextLayout), At: t})
		}
	}
	return v
}

type schedulesData struct {
	Schedules []scheduleView
	Form      scheduleForm
	Choices   choices
	// Zone is the console's time zone, the default of a new schedule.
	Zone     string
	Zones    []string
	Periods  []string
	Weeks    []string
	Weekdays []string
	Months   []string
	// Confirm is the schedule whose deletion is asked to be confirmed.
	Confirm *scheduleView
}

// zoneChoices are time zones offered beside the console's own; any IANA
// name is accepted.
var zoneChoices = []string{"UTC", "Europe/Amsterdam", "Europe/Brussels", "Europe/Berlin", "Europe/London", "Europe/Paris", "America/New_York", "Asia/Singapore"}

func (c *Console) schedules(w http.ResponseWriter, r *http.Request, ss *session) {
	f := readScheduleForm(r.URL.Query()) // choosing another catalog reloads the form
	c.showSchedules(w, r, ss, http.StatusOK, "", f)
}

func (c *Console) showSchedules(w http.ResponseWriter, r *http.Request, ss *session, status int, msg string, form scheduleForm) {
	cx, cancel := ctx(r)
	defer cancel()
	list, err := c.o.Backend.Schedules(cx)
	if err != nil {
		c.fail(w, r, ss, http.StatusBadGateway, err.Error())
		return
	}
	zone, _ := drillops.LocalZone()
	if form.TZ == "" {
		form.TZ = zone
	}
	switch {
	case form.Preset == "" && form.Cron != "":
		form.Preset = "cron"
	case form.Preset == "":
		form.Preset, form.Week, form.Weekday, form.At = "quarterly", "first", "Monday", "09:00"
	}
	d := schedulesData{Form: form, Zone: zone, Zones: zoneChoices, Periods: drillops.PresetPeriods, Weeks: drillops.PresetWeeks(),
		Weekdays: []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
		Months:   []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}}
	for _, s := range list {
		sv := newScheduleView(s)
		if s.Last != nil && s.Last.Status != "running" && s.Last.Status != "aborting" {
			if v, ok := c.lastVerdict(cx, s.Last.Drill); ok {
				sv.Verdict = &v
			}
		}
		d.Schedules = append(d.Schedules, sv)
	}
	if ss.user.Can(RoleManager) {
		d.Choices = c.choices(r.Context(), form.Catalog, form.Scenario)
	}
	v := newView(ss, "Schedules", "schedules", d)
	v.Error = msg
	v.Flash = c.sessions.popFlash(ss)
	c.render(w, status, "schedules", v)
}

// maxScheduleSuffix bounds the ids tried for a schedule of a scenario that
// has some: drill-SCENARIO, then drill-SCENARIO-2 and on.
const maxScheduleSuffix = 20

// scheduleCreate plans the drill of a new schedule as exitdrill schedule
// create does (drillops.Prepare), recording the signed-in user as its
// creator, and creates the schedule on the form's preset or cron in its
// time zone. A scenario may have several schedules: without an id, the
// first free of drill-SCENARIO, drill-SCENARIO-2... is taken. Nothing is
// created unless every check passed.
func (c *Console) scheduleCreate(w http.ResponseWriter, r *http.Request, ss *session) {
	f := readScheduleForm(r.PostForm)
	refuse := func(msg string) { c.showSchedules(w, r, ss, http.StatusUnprocessableEntity, msg, f) }
	if len(f.Catalog) == 0 || f.Scenario == "" {
		refuse("catalog and scenario are required")
		return
	}
	cron, err := f.cron()
	if err != nil {
		refuse(err.Error())
		return
	}
	if f.TZ == "" {
		f.TZ, _ = drillops.LocalZone()
	}
	if err := drillops.CheckZone(f.TZ); err != nil {
		refuse(err.Error())
		return
	}
	if why := c.checkSources(r.Context(), f.Catalog, f.Scenario); why != "" {
		refuse(why)
		return
	}
	var id string
	for n := 1; n <= maxScheduleSuffix; n++ {
		id, err = c.createSchedule(r, ss, f, n, cron)
		var exists *drillops.ScheduleExistsError
		if f.ID != "" || !errors.As(err, &exists) {
			break
		}
	}
	if err != nil {
		// As a drill started now: 422 for a mistake, 502 for GitHub, else
		// 500 with a plain message and the error in the server's log.
		status, msg := prepareFailure(err)
		if status == http.StatusInternalServerError {
			c.o.Logger.Error("console: create a schedule", "user", ss.user.Name, "scenario", f.Scenario, "error", err)
		}
		c.showSchedules(w, r, ss, status, msg, f)
		return
	}
	c.o.Logger.Info("console: schedule created", "user", ss.user.Name, "schedule", id)
	c.sessions.setFlash(ss, langOf(w).Printer().F("schedule %s created: %s (%s)", id, cron, f.TZ))
	http.Redirect(w, r, "/schedules", http.StatusSeeOther)
}

// createSchedule prepares and creates the schedule of the form, the n-th
// of its scenario when the form names no id, and returns its id.
func (c *Console) createSchedule(r *http.Request, ss *session, f scheduleForm, n int, cron string) (string, error) {
	req := drillops.Request{Schedule: true, ID: f.ID, Catalogs: f.Catalog, Scenario: f.Scenario,
		StartedBy: ss.user.Actor(), Note: f.Note, Reports: c.o.Reports, Repos: c.o.GitHub}
	pctx, cancel := context.WithTimeout(r.Context(), prepareTimeout)
	defer cancel()
	p, err := drillops.Prepare(pctx, req)
	if err == nil && n > 1 {
		req.ID = fmt.Sprintf("%s-%d", p.Plan.DrillID, n)
		p, err = drillops.Prepare(pctx, req)
	}
	if err != nil {
		return "", err
	}
	cx, cancel := ctx(r)
	defer cancel()
	return p.Plan.DrillID, c.o.Backend.CreateSchedule(cx, p, cron, f.TZ)
}

// schedule finds schedule id among the backend's.
func (c *Console) schedule(r *http.Request, id string) (*scheduleView, int, error) {
	cx, cancel := ctx(r)
	defer cancel()
	list, err := c.o.Backend.Schedules(cx)
	if err != nil {
		return nil, http.StatusBadGateway, err
	}
	for _, s := range list {
		if s.ID == id {
			v := newScheduleView(s)
			return &v, 0, nil
		}
	}
	return nil, http.StatusNotFound, fmt.Errorf("no schedule %q: it may have been deleted", id)
}

// scheduleDeletePage asks to confirm the deletion of a schedule.
func (c *Console) scheduleDeletePage(w http.ResponseWriter, r *http.Request, ss *session) {
	c.confirmDelete(w, r, ss, http.StatusOK, "")
}

func (c *Console) confirmDelete(w http.ResponseWriter, r *http.Request, ss *session, status int, msg string) {
	s, code, err := c.schedule(r, r.PathValue("id"))
	if err != nil {
		c.fail(w, r, ss, code, err.Error())
		return
	}
	v := newView(ss, "Delete schedule "+s.ID+"?", "schedules", schedulesData{Confirm: s})
	v.Error = msg
	c.render(w, status, "schedules", v)
}

// scheduleAct pauses (with a reason), resumes or deletes (once confirmed) a
// schedule.
func (c *Console) scheduleAct(w http.ResponseWriter, r *http.Request, ss *session) {
	id, act := r.PathValue("id"), r.PathValue("act")
	cx, cancel := ctx(r)
	defer cancel()
	var err error
	var done string
	switch act {
	case "pause":
		why := strings.TrimSpace(r.PostForm.Get("reason"))
		if why == "" {
			c.showSchedules(w, r, ss, http.StatusUnprocessableEntity, "pausing schedule "+id+" needs a reason: say why, so that whoever resumes it knows; it was not paused", scheduleForm{})
			return
		}
		err, done = c.o.Backend.PauseSchedule(cx, id, true, ss.user.Actor(), why), "paused: no drill of it starts until it is resumed"
	case "unpause":
		err, done = c.o.Backend.PauseSchedule(cx, id, false, ss.user.Actor(), ""), "resumed"
	case "delete":
		if r.PostForm.Get("confirm") != "yes" {
			c.confirmDelete(w, r, ss, http.StatusUnprocessableEntity, "deleting schedule "+id+" needs its confirmation: nothing was deleted; confirm below")
			return
		}
		err, done = c.o.Backend.DeleteSchedule(cx, id), "deleted (the drills it started stay)"
	default:
		c.fail(w, r, ss, http.StatusNotFound, "unknown schedule action "+act+"; allowed: pause, unpause, delete")
		return
	}
	switch {
	case drillops.IsInvalid(err):
		c.showSchedules(w, r, ss, http.StatusUnprocessableEntity, err.Error(), scheduleForm{})
		return
	case err != nil:
		c.fail(w, r, ss, http.StatusBadGateway, err.Error())
		return
	}
	c.o.Logger.Info("console: schedule "+act, "user", ss.user.Name, "schedule", id)
	c.sessions.setFlash(ss, langOf(w).Printer().F("schedule %s %s", id, langOf(w).Printer().T(done)))
	http.Redirect(w, r, "/schedules", http.StatusSeeOther)
}
