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
// count, followed over the drills of its scenario.
type findingsData struct {
	Findings   []findingRow
	Status     string // the status filter; "" all
	Statuses   []string
	Counts     map[string]int
	Total      int
	NotCounted int
}

// findingRow is a finding with its suppliers by name and its links.
type findingRow struct {
	judge.TrackedFinding
	Suppliers string
	Report    string // the report of the drill that last showed it, at the step
}

// findings lists every finding of the verified, trusted drills with when it
// was first and last seen and whether it is new, still open or resolved
// since (judge.TrackFindings).
func (c *Console) findings(w http.ResponseWriter, r *http.Request, ss *session) {
	d := findingsData{Status: r.URL.Query().Get("status"), Counts: map[string]int{},
		Statuses: []string{judge.FindingNew, judge.FindingOpen, judge.FindingResolved}}
	if d.Status != "" && !slices.Contains(d.Statuses, d.Status) {
		c.fail(w, r, ss, http.StatusBadRequest, "no finding status "+quote(d.Status)+": it is one of "+strings.Join(d.Statuses, ", "))
		return
	}
	ct, err := c.counted()
	if err != nil {
		c.fail(w, r, ss, http.StatusInternalServerError, err.Error())
		return
	}
	d.NotCounted = len(ct.NotCounted)
	for _, f := range judge.TrackFindings(ct.Bundles, ct.Names) {
		d.Counts[f.Status]++
		d.Total++
		if d.Status != "" && f.Status != d.Status {
			continue
		}
		d.Findings = append(d.Findings, newFindingRow(f))
	}
	c.render(w, http.StatusOK, "findings", newView(ss, "Findings", "findings", d))
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
