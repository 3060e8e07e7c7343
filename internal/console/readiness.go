package console

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/internal/recorder"
	"github.com/exitdrill/exitdrill/reports"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// judged is the readiness view of the catalog and the evidence bundles, as
// judge.NewReadiness computes it for every place that shows it.
type judged struct {
	C *catalog.Catalog
	R *judge.Readiness
	// Counted are the bundles that verify and are signed by a trusted key:
	// only they count, in readiness and in the findings.
	Counted []*evidence.Bundle
	// Names are the bundles' paths under the reports directory.
	Names map[*evidence.Bundle]string
}

// judgeAll loads the catalog and the bundles and judges them. Its error
// says which of them failed.
func (c *Console) judgeAll() (*judged, error) {
	cat, err := c.loadCatalog()
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	ct, err := c.counted()
	if err != nil {
		return nil, err
	}
	in := judge.ReadinessInput{Catalog: cat, Now: c.o.Now(), Bundles: ct.Bundles, Names: ct.Names, NotCounted: ct.NotCounted}
	if reviews := c.reviews(ct); len(reviews) > 0 {
		in.Reviews = reviews
	}
	rd, err := judge.NewReadiness(in)
	if err != nil {
		return nil, fmt.Errorf("readiness: %w", err)
	}
	return &judged{C: cat, R: rd, Counted: ct.Bundles, Names: ct.Names}, nil
}

// countedBundles are the bundles under the reports directory that count —
// they verify and a trusted key signed them — and those that do not, with
// why.
type countedBundles struct {
	Bundles    []*evidence.Bundle
	Names      map[*evidence.Bundle]string // paths under the reports directory
	NotCounted []judge.NotCounted
}

func (c *Console) counted() (countedBundles, error) {
	ct := countedBundles{Names: map[*evidence.Bundle]string{}}
	bs, err := c.bundles(c.o.Reports)
	if err != nil {
		return ct, fmt.Errorf("reports: %w", err)
	}
	trusted := c.o.Trusted
	if trusted == nil {
		trusted = &recorder.Trusted{From: "no trusted keys configured"}
	}
	for _, b := range bs {
		reason := b.Reason
		if b.Bundle != nil {
			reason = trusted.Judge(b.Signer) // only a trusted key's bundle counts
		}
		if reason != "" {
			ct.NotCounted = append(ct.NotCounted, judge.NotCounted{Bundle: b.Name, Reason: reason})
			continue
		}
		// Bundles are named as the reports page names them, so that the
		// pages link each verdict to the bundle's report.
		ct.Bundles = append(ct.Bundles, b.Bundle)
		ct.Names[b.Bundle] = b.Name
	}
	return ct, nil
}

type readinessData struct {
	R          *judge.Readiness
	Rows       []supplierRow
	Processes  []processLine
	Owners     []string
	Suppliers  []judge.SupplierReady // for the filter: id and name
	Owner      string
	Supplier   string
	NoCatalog  bool
	NotCounted []judge.NotCounted
	Void       []judge.VoidDrill // drills that prove nothing for the processes shown
	Formula    string
}

// supplierRow is a supplier's row of the matrix, with its headline.
type supplierRow struct {
	judge.SupplierReady
	Label    string // its name, or its id when it has none
	Headline string
	Cells    []cellView
}

// cellView is a matrix cell with its outage in words and the page of the
// processes behind it.
type cellView struct {
	judge.Cell
	Outage string // "1 month"
	Href   string
}

// processLine is a process row of the readiness page.
type processLine struct {
	*judge.ProcessReady
}

// readiness shows the supplier x 1 day / 1 week / 1 month matrix (proven vs
// paper) with a headline per supplier, and the processes, computed by
// judge.NewReadiness from the catalog and the verified bundles, filtered by
// owner and supplier.
func (c *Console) readiness(w http.ResponseWriter, r *http.Request, ss *session) {
	d := readinessData{Owner: r.URL.Query().Get("owner"), Supplier: r.URL.Query().Get("supplier"), Formula: judge.ScoreFormula}
	if len(c.o.Catalog) == 0 {
		d.NoCatalog = true
		c.render(w, http.StatusOK, "readiness", newView(ss, "Readiness", "readiness", d))
		return
	}
	j, err := c.judgeAll()
	if err != nil {
		c.fail(w, r, ss, http.StatusInternalServerError, err.Error())
		return
	}
	rd := j.R
	d.R, d.NotCounted, d.Suppliers = rd, rd.NotCounted, rd.Suppliers
	for _, p := range rd.Processes {
		if !slices.Contains(d.Owners, p.Owner) {
			d.Owners = append(d.Owners, p.Owner)
		}
	}
	slices.Sort(d.Owners)
	msg := readinessFilterCheck(d.Owners, rd.Suppliers, d.Owner, d.Supplier)
	if msg != "" {
		d.Owner, d.Supplier = "", "" // the whole page, under what was wrong
	}
	keep := map[string]bool{} // processes passing the filters
	for _, p := range rd.Processes {
		if d.Owner != "" && p.Owner != d.Owner {
			continue
		}
		if d.Supplier != "" && !slices.ContainsFunc(p.Suppliers, func(s judge.SupplierEvidence) bool { return s.Supplier == d.Supplier }) {
			continue
		}
		keep[p.Process] = true
		d.Processes = append(d.Processes, processLine{ProcessReady: p})
	}
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
		if d.Supplier != "" && s.Supplier != d.Supplier {
			continue
		}
		row := s
		row.Cells = nil
		for _, cell := range s.Cells {
			row.Cells = append(row.Cells, filterCell(cell, keep))
		}
		d.Rows = append(d.Rows, newSupplierRow(langOf(w).Printer(), row))
	}
	v := newView(ss, "Readiness", "readiness", d)
	status := http.StatusOK
	if msg != "" {
		v.Error, status = msg, http.StatusBadRequest
	}
	c.render(w, status, "readiness", v)
}

// readinessFilterCheck says what is wrong with the readiness page's owner
// and supplier filters, naming the values allowed, or "".
func readinessFilterCheck(owners []string, suppliers []judge.SupplierReady, owner, supplier string) string {
	var bad []string
	if owner != "" && !slices.Contains(owners, owner) {
		bad = append(bad, fmt.Sprintf("no owner %q (known: %s)", owner, strings.Join(owners, ", ")))
	}
	if supplier != "" && !slices.ContainsFunc(suppliers, func(s judge.SupplierReady) bool { return s.Supplier == supplier }) {
		var known []string
		for _, s := range suppliers {
			known = append(known, s.Supplier+" ("+supplierLabel(s)+")")
		}
		bad = append(bad, fmt.Sprintf("no supplier %q (known: %s)", supplier, strings.Join(known, ", ")))
	}
	if len(bad) == 0 {
		return ""
	}
	return "Unknown filter value: " + strings.Join(bad, "; ") + "."
}

func newSupplierRow(p *lang.Printer, s judge.SupplierReady) supplierRow {
	row := supplierRow{SupplierReady: s, Label: supplierLabel(s), Headline: reports.SupplierHeadlineIn(p, s)}
	for _, cell := range s.Cells {
		row.Cells = append(row.Cells, cellView{Cell: cell, Outage: reports.OutageLabel(cell.Duration),
			Href: "/readiness/" + url.PathEscape(s.Supplier) + "/" + url.PathEscape(cell.Duration)})
	}
	return row
}

func supplierLabel(s judge.SupplierReady) string {
	if s.Name != "" {
		return s.Name
	}
	return s.Supplier
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
		Failed: f(c.Failed), Retest: f(c.Retest), Paper: f(c.Paper), Waits: f(c.Waits), AutomatedOnly: f(c.AutomatedOnly), PlanOnly: f(c.PlanOnly)}
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
