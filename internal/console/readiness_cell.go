package console

import (
	"net/http"
	"strings"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/reports"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// cellData is the page of one matrix cell: the processes behind it and the
// drill that decides each.
type cellData struct {
	R        *judge.Readiness
	Row      supplierRow
	Cell     cellView
	Headline string
	// AtStake are the critical processes whose MTPD the loss outlasts, each
	// with the evidence that decides it; Waits those that wait it out.
	AtStake []cellProcess
	Waits   []cellProcess
}

// cellProcess is a process of a cell with its catalog entry.
type cellProcess struct {
	judge.Evidence
	Name  string
	Owner string
	MTPD  drill.Duration
	RTO   drill.Duration
}

// readinessCell shows the processes behind one cell of the matrix:
// GET /readiness/{supplier}/{duration}, the duration as the matrix writes
// it (1d, 7d, 30d).
func (c *Console) readinessCell(w http.ResponseWriter, r *http.Request, ss *session) {
	if len(c.o.Catalog) == 0 {
		c.fail(w, r, ss, http.StatusNotFound, "no catalog: start the console with --catalog DIR to see readiness")
		return
	}
	j, err := c.judgeAll()
	if err != nil {
		c.fail(w, r, ss, http.StatusInternalServerError, err.Error())
		return
	}
	sup, dur := r.PathValue("supplier"), r.PathValue("duration")
	var row *judge.SupplierReady
	for i := range j.R.Suppliers {
		if j.R.Suppliers[i].Supplier == sup {
			row = &j.R.Suppliers[i]
		}
	}
	if row == nil {
		c.fail(w, r, ss, http.StatusNotFound, "no supplier "+quote(sup)+" in the catalog: the readiness page lists them")
		return
	}
	col := -1
	var allowed []string
	for i, d := range j.R.Durations {
		allowed = append(allowed, d+" ("+reports.OutageLabel(d)+")")
		if d == dur {
			col = i
		}
	}
	if col < 0 || col >= len(row.Cells) {
		c.fail(w, r, ss, http.StatusNotFound, "no outage length "+quote(dur)+" in the readiness matrix: it has "+strings.Join(allowed, ", "))
		return
	}
	sr := newSupplierRow(langOf(w).Printer(), *row)
	d := cellData{R: j.R, Row: sr, Cell: sr.Cells[col]}
	cell := row.Cells[col]
	d.Headline = reports.SurvivalHeadlineIn(langOf(w).Printer(), sr.Label, outageOf(cell.Duration), cell.Survival())
	for _, e := range cell.Evidence {
		d.AtStake = append(d.AtStake, newCellProcess(j.C, e))
	}
	for _, pid := range cell.Waits {
		d.Waits = append(d.Waits, newCellProcess(j.C, judge.Evidence{Process: pid}))
	}
	lp := langOf(w).Printer()
	title := lp.F("%s lost for %s", sr.Label, lp.T(d.Cell.Outage))
	c.render(w, http.StatusOK, "readiness-cell", newView(ss, title, "readiness", d))
}

func newCellProcess(c *catalog.Catalog, e judge.Evidence) cellProcess {
	cp := cellProcess{Evidence: e}
	if p := c.Process(e.Process); p != nil {
		cp.Name, cp.Owner, cp.MTPD, cp.RTO = p.Name, p.Owner, p.MTPD, p.RTO
	}
	return cp
}

func outageOf(s string) drill.Duration {
	d, _ := drill.ParseDuration(s)
	return d
}

// quote shows a value from the request in an error message, cut short.
func quote(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return `"` + strings.ToValidUTF8(s, "?") + `"`
}

// outageList says matrix durations in words: "1 day, 1 week".
func outageList(ds []string) string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = reports.OutageLabel(d)
	}
	return strings.Join(out, ", ")
}

// readinessSupplier is a supplier's name in the readiness view, or its id.
func readinessSupplier(r *judge.Readiness, id string) string {
	if r != nil {
		for _, s := range r.Suppliers {
			if s.Supplier == id && s.Name != "" {
				return s.Name
			}
		}
	}
	return id
}
