package console

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// findingsData is the findings page: every finding of the drills that
// count, followed over the drills of its scenario, a page at a time.
type findingsData struct {
	Findings   []findingRow
	Status     string // the status filter; "" all
	Statuses   []string
	Counts     map[string]int
	Total      int
	NotCounted int
	// Matching counts the findings that pass the filter; From and To
	// number the first and last of this page among them (from 1).
	Matching, From, To int
	Page, Pages        int
	Prev, Next         string // URLs of the newer and older page, "" at either end
}

// findingsPerPage is the paging of the findings page.
const findingsPerPage = 25

// findingRow is a finding with its suppliers by name and its links.
type findingRow struct {
	judge.TrackedFinding
	Suppliers string
	Report    string // the report of the drill that last showed it, at the step
}

// findings lists every finding of the verified, trusted drills with when it
// was first and last seen and whether it is new, still open or resolved
// since (judge.TrackFindings), newest first (last seen), findingsPerPage a
// page.
func (c *Console) findings(w http.ResponseWriter, r *http.Request, ss *session) {
	q := r.URL.Query()
	d := findingsData{Status: q.Get("status"), Counts: map[string]int{},
		Statuses: []string{judge.FindingNew, judge.FindingOpen, judge.FindingResolved}}
	var msg string
	if d.Status != "" && !slices.Contains(d.Statuses, d.Status) {
		msg = "Unknown filter value: no finding status " + quote(d.Status) + " (allowed: " + strings.Join(d.Statuses, ", ") + ")."
		d.Status = "" // every finding, under what was wrong
	}
	page, pmsg := pageNumber(q.Get("page"))
	if msg == "" {
		msg = pmsg
	}
	ct, err := c.counted()
	if err != nil {
		c.fail(w, r, ss, http.StatusInternalServerError, err.Error())
		return
	}
	d.NotCounted = len(ct.NotCounted)
	var all []judge.TrackedFinding
	for _, f := range judge.TrackFindings(ct.Bundles, ct.Names) {
		d.Counts[f.Status]++
		d.Total++
		if d.Status == "" || f.Status == d.Status {
			all = append(all, f)
		}
	}
	// Newest first; among findings last seen together, TrackFindings'
	// order (new, then still open; most severe first).
	slices.SortStableFunc(all, func(a, b judge.TrackedFinding) int { return b.LastSeen.Compare(a.LastSeen) })
	d.paginate(all, page)
	v := newView(ss, "Findings", "findings", d)
	status := http.StatusOK
	if msg != "" {
		v.Error, status = msg, http.StatusBadRequest
	}
	c.render(w, status, "findings", v)
}

// paginate keeps page n of the findings all, and the links to its
// neighbours.
func (d *findingsData) paginate(all []judge.TrackedFinding, n int) {
	d.Matching, d.Page = len(all), n
	d.Pages = max(1, (len(all)+findingsPerPage-1)/findingsPerPage)
	from, to := min(len(all), (n-1)*findingsPerPage), min(len(all), n*findingsPerPage)
	for _, f := range all[from:to] {
		d.Findings = append(d.Findings, newFindingRow(f))
	}
	if from < to {
		d.From, d.To = from+1, to
	}
	filter := url.Values{"status": {d.Status}}
	if n > 1 {
		d.Prev = pageURL("/findings", filter, min(n-1, d.Pages))
	}
	if to < len(all) {
		d.Next = pageURL("/findings", filter, n+1)
	}
}

func newFindingRow(f judge.TrackedFinding) findingRow {
	var names []string
	for _, id := range f.Lost {
		if n := f.Names[id]; n != "" {
			names = append(names, n)
		} else {
			names = append(names, id)
		}
	}
	anchor := "process-" + f.Process
	switch {
	case f.Step != "" && f.Category == evidence.CatRollback:
		anchor = "step-" + f.Process + "-rollback/" + f.Step // as the report names rollback steps
	case f.Step != "":
		anchor = "step-" + f.Process + "-" + f.Step
	}
	return findingRow{TrackedFinding: f, Suppliers: strings.Join(names, ", "),
		Report: "/reports/" + f.Bundle + "/report.html#" + url.PathEscape(anchor)}
}
