package console

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/scenarios"
	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

// DrillFilter narrows the drills list: a supplier the drill loses, a status
// (one of drillStatuses) and a mode (one of scenarios.Modes); "" is any.
type DrillFilter struct {
	Supplier, Status, Mode string
}

// drillStatuses are the status filter's values and their visibility queries.
var drillStatuses = []struct{ Value, Label, Query string }{
	{"running", "running", "ExecutionStatus = 'Running'"},
	{"finished", "finished", "ExecutionStatus = 'Completed' AND ExitdrillStatus != 'aborted'"},
	{"aborted", "aborted", "ExitdrillStatus IN ('aborted', 'aborting')"},
	{"ended", "ended without a result", "ExecutionStatus IN ('Terminated', 'Failed', 'TimedOut', 'Canceled')"},
}

// query is the visibility query of f's supplier, status and mode; check
// has allowed only known values into it. A drill started before drills
// carried their mode (searchattr.Mode) has none, so a mode filter leaves it
// out.
func (f DrillFilter) query() string {
	q := drillops.All
	if f.Supplier != "" {
		q += " AND " + searchattr.SuppliersName + " IN ('" + f.Supplier + "', '" + searchattr.MoreSuppliers + "')"
	}
	if f.Mode != "" {
		q += " AND " + searchattr.ModeName + " = '" + f.Mode + "'"
	}
	for _, s := range drillStatuses {
		if s.Value == f.Status {
			q += " AND " + s.Query
		}
	}
	return q
}

// check says what is wrong with a filter value, or "".
func (f DrillFilter) check(suppliers []string) string {
	var bad []string
	if f.Supplier != "" && !slices.Contains(suppliers, f.Supplier) {
		bad = append(bad, fmt.Sprintf("no supplier %q in the catalog (known: %s)", f.Supplier, strings.Join(suppliers, ", ")))
	}
	if f.Status != "" && !slices.ContainsFunc(drillStatuses, func(s struct{ Value, Label, Query string }) bool { return s.Value == f.Status }) {
		var vs []string
		for _, s := range drillStatuses {
			vs = append(vs, s.Value)
		}
		bad = append(bad, fmt.Sprintf("no status %q (allowed: %s)", f.Status, strings.Join(vs, ", ")))
	}
	if f.Mode != "" && !slices.Contains(scenarios.Modes, f.Mode) {
		bad = append(bad, fmt.Sprintf("no mode %q (allowed: %s)", f.Mode, strings.Join(scenarios.Modes, ", ")))
	}
	if len(bad) == 0 {
		return ""
	}
	return "Unknown filter value: " + strings.Join(bad, "; ") + "."
}

// drillRow is a line of the drills list.
type drillRow struct {
	drillops.Row
	Mode, StartedBy, Title string
	// State is running, aborting, aborted, completed or how the workflow
	// ended; Verdict the drill's own word once it has finished.
	State, Verdict string
}

type drillsData struct {
	Rows      []drillRow
	Filter    DrillFilter
	Suppliers []string
	Statuses  []struct{ Value, Label, Query string }
	Modes     []string
	Page      int
	Prev      string // URL of the previous page, "" on the first
	Next      string // URL of the next page, "" on the last
}

// drillsPerPage is the paging of the drills list.
const drillsPerPage = 20

func (c *Console) drills(w http.ResponseWriter, r *http.Request, ss *session) {
	q := r.URL.Query()
	d := drillsData{Filter: DrillFilter{Supplier: q.Get("supplier"), Status: q.Get("status"), Mode: q.Get("mode")},
		Statuses: drillStatuses, Modes: scenarios.Modes, Page: 1}
	if cat, err := c.loadCatalog(); err == nil {
		for _, s := range cat.Suppliers {
			d.Suppliers = append(d.Suppliers, s.ID)
		}
	}
	v := newView(ss, "Drills", "drills", &d)
	v.Flash = c.sessions.popFlash(ss)
	msg := d.Filter.check(d.Suppliers)
	if msg == "" {
		d.Page, msg = pageNumber(q.Get("page"))
	}
	if msg != "" {
		v.Error = msg
		d.Filter = DrillFilter{}
		c.render(w, http.StatusBadRequest, "drills", v)
		return
	}
	cx, cancel := ctx(r)
	defer cancel()
	rows, err := c.o.Backend.ListDrills(cx, d.Filter, d.Page*drillsPerPage+1)
	if err != nil {
		c.fail(w, r, ss, http.StatusBadGateway, "listing drills: "+err.Error())
		return
	}
	var out []drillRow
	for _, row := range rows[min(len(rows), (d.Page-1)*drillsPerPage):] {
		dr := drillRow{Row: row, State: rowState(row)}
		if row.Workflow != "running" {
			dr.Verdict = row.Status
		}
		if len(out) < drillsPerPage { // the one more only says there is a next page
			if a, err := c.o.Backend.About(cx, row.ID, row.RunID); err == nil {
				dr.Mode, dr.StartedBy, dr.Title = a.Plan.Scenario.Mode, a.StartedBy, a.Plan.Scenario.Title
			}
		}
		out = append(out, dr)
	}
	if len(out) > drillsPerPage {
		out = out[:drillsPerPage]
		d.Next = d.pageURL(d.Page + 1)
	}
	if d.Page > 1 {
		d.Prev = d.pageURL(d.Page - 1)
	}
	d.Rows = out
	c.render(w, http.StatusOK, "drills", v)
}

// pageURL is the drills list's page n with the same filters.
func (d *drillsData) pageURL(n int) string {
	return pageURL("/drills", url.Values{"supplier": {d.Filter.Supplier}, "status": {d.Filter.Status}, "mode": {d.Filter.Mode}}, n)
}

// rowState is a listed drill's state: an aborted drill is aborted, never a
// completed workflow.
func rowState(r drillops.Row) string {
	switch {
	case r.Workflow == "running":
		return r.Status // running or aborting
	case r.Status == "aborted":
		return "aborted"
	}
	return r.Workflow
}

// State is the drill's state in a word: running or aborting while it runs;
// aborted when it was aborted (its workflow completed, but the drill did
// not); otherwise how its workflow ended.
func (v *DrillView) State() string {
	switch {
	case v.Progress != nil && v.Progress.Status != "":
		return v.Progress.Status
	case v.Result != nil && v.Result.Abort != nil:
		return "aborted"
	}
	return v.Status
}

// drillPage is the drill page's data: the drill and where its evidence is.
type drillPage struct {
	*DrillView
	// Bundle is the name of its evidence bundle on the reports page; ""
	// when it has none (yet).
	Bundle string
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
	pv := newView(ss, drillTitle(v), "drills", c.drillPage(v))
	pv.Flash = c.sessions.popFlash(ss)
	c.render(w, http.StatusOK, "drill", pv)
}

func (c *Console) drillLive(w http.ResponseWriter, r *http.Request, ss *session) {
	v, ok := c.drillView(w, r, ss)
	if !ok {
		return
	}
	c.renderTemplate(w, http.StatusOK, "drill", "live", newView(ss, "", "", c.drillPage(v)))
}

// drillTitle names a drill for people: its scenario's title (or id) and the
// day it started, not its id.
func drillTitle(v *DrillView) string {
	name := v.Scenario.Title
	var started time.Time
	switch {
	case v.Result != nil:
		started = v.Result.Started
		if name == "" {
			name = v.Result.Scenario.Title
		}
		if name == "" {
			name = v.Result.Scenario.ID
		}
	case v.Progress != nil:
		started = v.Progress.Started
		if name == "" {
			name = v.Progress.Scenario
		}
	}
	if name == "" {
		return "Drill " + v.ID
	}
	if started.IsZero() {
		return name
	}
	return name + " · " + started.In(time.Local).Format("2006-01-02")
}

// drillPage finds the evidence bundle of a finished drill on the reports
// page: the result names its directory, which lies under the reports.
func (c *Console) drillPage(v *DrillView) drillPage {
	p := drillPage{DrillView: v}
	if v.Result == nil || v.Result.Evidence == nil || v.Result.Evidence.Error != "" || c.o.Reports == "" {
		return p
	}
	rel, err := filepath.Rel(c.o.Reports, v.Result.Evidence.Dir)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return p
	}
	p.Bundle = filepath.ToSlash(rel)
	return p
}

func (c *Console) drillView(w http.ResponseWriter, r *http.Request, ss *session) (*DrillView, bool) {
	cx, cancel := ctx(r)
	defer cancel()
	id := r.PathValue("id")
	v, err := c.o.Backend.Drill(cx, id)
	if errors.Is(err, ErrNoSuchDrill) {
		c.fail(w, r, ss, http.StatusNotFound, fmt.Sprintf("There is no drill %s: see the drills list.", id))
		return nil, false
	}
	if err != nil {
		c.fail(w, r, ss, http.StatusBadGateway, err.Error())
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
	c.sessions.setFlash(ss, langOf(w).Printer().F("abort sent: %s", reason))
	http.Redirect(w, r, "/drills/"+url.PathEscape(id), http.StatusSeeOther)
}
