package console

import (
	"github.com/exitdrill/exitdrill/internal/recorder"
	"net/http"
	"slices"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/reports/judge"
)

type readinessData struct {
	R          *judge.Readiness
	Rows       []judge.SupplierReady
	Processes  []processLine
	Owners     []string
	Suppliers  []string
	Owner      string
	Supplier   string
	NoCatalog  bool
	NotCounted []judge.NotCounted
	Void       []judge.VoidDrill // drills that prove nothing for the processes shown
}

// processLine is a process row of the readiness page.
type processLine struct {
	*judge.ProcessReady
}

// readiness shows the supplier x 1 day / 1 week / 1 month matrix (proven vs
// paper) and the processes, computed by judge.NewReadiness from the catalog
// and the verified bundles, filtered by owner and supplier.
func (c *Console) readiness(w http.ResponseWriter, r *http.Request, ss *session) {
	d := readinessData{Owner: r.URL.Query().Get("owner"), Supplier: r.URL.Query().Get("supplier")}
	if len(c.o.Catalog) == 0 {
		d.NoCatalog = true
		c.render(w, http.StatusOK, "readiness", newView(ss, "Readiness", "readiness", d))
		return
	}
	cat, err := c.loadCatalog()
	if err != nil {
		c.fail(w, r, ss, http.StatusInternalServerError, "catalog: "+err.Error())
		return
	}
	bs, err := c.bundles(c.o.Reports)
	if err != nil {
		c.fail(w, r, ss, http.StatusInternalServerError, "reports: "+err.Error())
		return
	}
	// Bundles are named as the reports page names them, so that the page
	// links each verdict to the bundle's report.
	in := judge.ReadinessInput{Catalog: cat, Now: c.o.Now(), Names: map[*evidence.Bundle]string{}}
	trusted := c.o.Trusted
	if trusted == nil {
		trusted = &recorder.Trusted{From: "no trusted keys configured"}
	}
	for _, b := range bs {
		reason := b.Reason
		if b.Bundle != nil {
			reason = trusted.Judge(b.Signer) // only a trusted key's bundle raises readiness
		}
		if reason != "" {
			in.NotCounted = append(in.NotCounted, judge.NotCounted{Bundle: b.Name, Reason: reason})
			continue
		}
		in.Bundles = append(in.Bundles, b.Bundle)
		in.Names[b.Bundle] = b.Name
	}
	rd, err := judge.NewReadiness(in)
	if err != nil {
		c.fail(w, r, ss, http.StatusInternalServerError, "readiness: "+err.Error())
		return
	}
	d.R, d.NotCounted = rd, rd.NotCounted
	keep := map[string]bool{} // processes passing the filters
	for _, p := range rd.Processes {
		if !slices.Contains(d.Owners, p.Owner) {
			d.Owners = append(d.Owners, p.Owner)
		}
		if d.Owner != "" && p.Owner != d.Owner {
			continue
		}
		if d.Supplier != "" && !slices.ContainsFunc(p.Suppliers, func(s judge.SupplierEvidence) bool { return s.Supplier == d.Supplier }) {
			continue
		}
		keep[p.Process] = true
		d.Processes = append(d.Processes, processLine{ProcessReady: p})
	}
	slices.Sort(d.Owners)
	for _, v := range rd.Void {
		var ps []string
		for _, p := range v.Processes {
			if keep[p] {
				ps = append(ps, p)
			}
		}
		if len(ps) > 0 {
			v.Processes = ps
			d.Void = append(d.Void, v)
		}
	}
	for _, s := range rd.Suppliers {
		d.Suppliers = append(d.Suppliers, s.Supplier)
		if d.Supplier != "" && s.Supplier != d.Supplier {
			continue
		}
		row := s
		row.Cells = nil
		for _, cell := range s.Cells {
			row.Cells = append(row.Cells, filterCell(cell, keep))
		}
		d.Rows = append(d.Rows, row)
	}
	c.render(w, http.StatusOK, "readiness", newView(ss, "Readiness", "readiness", d))
}

// filterCell keeps the processes of a cell that pass the filters.
func filterCell(c judge.Cell, keep map[string]bool) judge.Cell {
	f := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			if keep[id] {
				out = append(out, id)
			}
		}
		return out
	}
	out := judge.Cell{Duration: c.Duration, AtStake: f(c.AtStake), Proven: f(c.Proven), Stale: f(c.Stale),
		Failed: f(c.Failed), Retest: f(c.Retest), Paper: f(c.Paper), AutomatedOnly: f(c.AutomatedOnly), PlanOnly: f(c.PlanOnly)}
	for _, e := range c.Evidence {
		if keep[e.Process] {
			out.Evidence = append(out.Evidence, e)
			if e.State == judge.StateProven {
				out.Proof = judge.Weaker(out.Proof, e.Proof)
			}
		}
	}
	return out
}
