package judge

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/scenarios"
)

// ReadinessInput is what the readiness view is computed from.
type ReadinessInput struct {
	Catalog *catalog.Catalog
	// Bundles are verified evidence bundles; the latest per process and
	// scenario counts.
	Bundles []*evidence.Bundle
	// NotCounted are bundles the caller could not verify, listed with why.
	NotCounted []NotCounted
	// Now is the moment the scores are computed for (age of each drill).
	Now time.Time
}

// NotCounted is a bundle that does not count, and why.
type NotCounted struct {
	Bundle string `json:"bundle"`
	Reason string `json:"reason"`
}

// Readiness is the exit-readiness view: the supplier x 1 day / 1 week / 1 month
// matrix with each cell split into what drills proved and what is only on
// paper, and readiness scores per process and supplier.
type Readiness struct {
	Organisation string          `json:"organisation"`
	Now          time.Time       `json:"now"`
	Durations    []string        `json:"durations"`
	Suppliers    []SupplierReady `json:"suppliers"`
	Processes    []*ProcessReady `json:"processes"`
	Drills       []CountedDrill  `json:"drills"`
	Superseded   int             `json:"superseded"` // bundles replaced by a later drill of the same processes and scenario
	NotCounted   []NotCounted    `json:"notCounted"`
}

// SupplierReady is one supplier's row: its score and the matrix cells.
type SupplierReady struct {
	Supplier string `json:"supplier"`
	Name     string `json:"name,omitempty"`
	// Processes counts the processes its loss impacts; Score is nil when none.
	Processes int    `json:"processes"`
	Score     *int   `json:"score"`
	Cells     []Cell `json:"cells"`
}

// Cell is one matrix cell: the critical processes whose MTPD a loss of the
// supplier for the cell's duration would exceed (AtStake, as on paper), split
// by what the drills show.
type Cell struct {
	Duration string   `json:"duration"`
	AtStake  []string `json:"atStake"`
	Proven   []string `json:"proven"` // a drill recovered it within MTPD
	Stale    []string `json:"stale"`  // of Proven: drilled more than FreshFor ago
	Failed   []string `json:"failed"` // a drill shows the MTPD would be breached
	Retest   []string `json:"retest"` // drilled, but its definition changed since
	Paper    []string `json:"paper"`  // never drilled without this supplier
}

// State is the cell's colour in words: none, proven, partly, paper or failed.
func (c Cell) State() string {
	switch {
	case len(c.AtStake) == 0:
		return "none"
	case len(c.Failed) > 0:
		return "failed"
	case len(c.Proven) == len(c.AtStake) && len(c.Stale) == 0:
		return "proven"
	case len(c.Proven) > 0 || len(c.Retest) > 0:
		return "partly"
	default:
		return "paper"
	}
}

// ProcessReady is one process: its score and, per supplier whose loss impacts
// it, the drill that counts.
type ProcessReady struct {
	Process     string             `json:"process"`
	Name        string             `json:"name,omitempty"`
	Owner       string             `json:"owner"`
	Critical    bool               `json:"critical"`
	Score       int                `json:"score"`
	LastDrilled *time.Time         `json:"lastDrilled,omitempty"`
	NeedsRetest bool               `json:"needsRetest"`
	Stale       bool               `json:"stale"` // the latest drill is older than FreshFor
	Suppliers   []SupplierEvidence `json:"suppliers"`
}

// LastVerdict is the verdict of the process's most recent counted drill, or
// empty when it was never drilled without one of its suppliers.
func (p *ProcessReady) LastVerdict() drill.Verdict {
	var v drill.Verdict
	var last int64
	for _, s := range p.Suppliers {
		if s.Finished != nil && s.Finished.UnixNano() >= last {
			last, v = s.Finished.UnixNano(), s.Verdict
		}
	}
	return v
}

// SupplierEvidence is what proves a process survives a supplier's loss.
type SupplierEvidence struct {
	Supplier string `json:"supplier"`
	// Drill is empty when no verified drill took the supplier down with the
	// process impacted: only paper.
	Drill      string        `json:"drill,omitempty"`
	Scenario   string        `json:"scenario,omitempty"`
	Finished   *time.Time    `json:"finished,omitempty"`
	Verdict    drill.Verdict `json:"verdict,omitempty"`
	DrillScore int           `json:"drillScore"`
	Score      int           `json:"score"`
	Retest     string        `json:"retest,omitempty"` // why the process needs a re-test
}

// CountedDrill is a bundle that counts for at least one process.
type CountedDrill struct {
	Drill     string    `json:"drill"`
	Scenario  string    `json:"scenario"`
	Finished  time.Time `json:"finished"`
	Processes int       `json:"processes"` // processes for which it is the latest drill
}

// drilled is the latest drill of one process under one scenario.
type drilled struct {
	b      *evidence.Bundle
	p      *drill.ProcessResult
	at     time.Time
	hash   string // the process's definition hash in the bundle
	retest string
}

// NewReadiness computes the readiness view. It is pure: the same input gives
// the same view.
func NewReadiness(in ReadinessInput) (*Readiness, error) {
	c := in.Catalog
	if c == nil {
		return nil, fmt.Errorf("readiness: no catalog")
	}
	r := &Readiness{Organisation: c.Organisation, Now: in.Now.UTC(), NotCounted: in.NotCounted, Drills: []CountedDrill{}}
	if r.NotCounted == nil {
		r.NotCounted = []NotCounted{}
	}
	for _, d := range catalog.MatrixDurations {
		r.Durations = append(r.Durations, d.String())
	}
	latest, superseded := latestDrills(in.Bundles)
	r.Superseded = superseded
	markRetests(c, latest)
	r.Drills = countedDrills(latest)
	// byProc lists the latest drills of each process, newest first.
	byProc := map[string][]*drilled{}
	for _, d := range latest {
		byProc[d.p.Process] = append(byProc[d.p.Process], d)
	}
	for _, ds := range byProc {
		slices.SortFunc(ds, func(a, b *drilled) int { return cmp.Or(b.at.Compare(a.at), strings.Compare(a.b.DrillID, b.b.DrillID)) })
	}
	conc := c.Concentration()
	procs := map[string]*ProcessReady{}
	for _, p := range c.Processes {
		pr := &ProcessReady{Process: p.ID, Name: p.Name, Owner: p.Owner, Critical: p.IsCritical(), Suppliers: []SupplierEvidence{}}
		if ds := byProc[p.ID]; len(ds) > 0 {
			at := ds[0].at
			pr.LastDrilled, pr.Stale = &at, in.Now.Sub(at) > FreshFor
			for _, d := range ds {
				pr.NeedsRetest = pr.NeedsRetest || d.retest != ""
			}
		}
		procs[p.ID] = pr
		r.Processes = append(r.Processes, pr)
	}
	evid := map[string]map[string]*drilled{} // supplier -> process -> drill
	for _, k := range conc {
		evid[k.Supplier] = map[string]*drilled{}
		for _, pid := range k.Processes {
			d := drillWithout(byProc[pid], k.Supplier)
			evid[k.Supplier][pid] = d
			procs[pid].Suppliers = append(procs[pid].Suppliers, supplierEvidence(k.Supplier, d, in.Now))
		}
	}
	for _, p := range r.Processes {
		slices.SortFunc(p.Suppliers, func(a, b SupplierEvidence) int { return strings.Compare(a.Supplier, b.Supplier) })
		sum := 0
		for _, s := range p.Suppliers {
			sum += s.Score
		}
		if len(p.Suppliers) > 0 {
			p.Score = int(math.Round(float64(sum) / float64(len(p.Suppliers))))
		}
	}
	rows := c.Matrix(catalog.MatrixDurations)
	for _, k := range conc {
		row := matrixRow(rows, k.Supplier)
		sr := SupplierReady{Supplier: k.Supplier, Name: k.Name, Processes: len(k.Processes)}
		sr.Score = supplierScore(k.Processes, procs, k.Supplier)
		for j, d := range catalog.MatrixDurations {
			var atStake []string
			if row != nil {
				atStake = row.Processes[j]
			}
			sr.Cells = append(sr.Cells, newCell(d, atStake, evid[k.Supplier], in.Now))
		}
		r.Suppliers = append(r.Suppliers, sr)
	}
	// Suppliers in catalog order, as in the paper matrix.
	order := map[string]int{}
	for i, s := range c.Suppliers {
		order[s.ID] = i
	}
	slices.SortFunc(r.Suppliers, func(a, b SupplierReady) int { return cmp.Compare(order[a.Supplier], order[b.Supplier]) })
	return r, nil
}

func matrixRow(rows []catalog.MatrixRow, supplier string) *catalog.MatrixRow {
	for i := range rows {
		if rows[i].Supplier == supplier {
			return &rows[i]
		}
	}
	return nil
}

// latestDrills keeps, per process and scenario, the latest drill; it also
// returns how many bundles no longer count for any process.
func latestDrills(bundles []*evidence.Bundle) (map[string]*drilled, int) {
	latest := map[string]*drilled{}
	for _, b := range bundles {
		if b == nil || b.Result == nil || b.Plan == nil {
			continue
		}
		at := b.Result.Finished
		if at.IsZero() {
			at = b.Result.Started
		}
		hashes := map[string]string{}
		for _, e := range b.Events {
			if e.Type == evidence.EventProcessPlanned {
				var d evidence.ProcessData
				if json.Unmarshal(e.Data, &d) == nil {
					hashes[e.Process] = d.DefinitionHash
				}
			}
		}
		for _, p := range b.Result.Processes {
			k := p.Process + "\x00" + scenarioOf(b).ID
			old := latest[k]
			if old == nil || at.After(old.at) || at.Equal(old.at) && b.DrillID > old.b.DrillID {
				latest[k] = &drilled{b: b, p: p, at: at.UTC(), hash: hashes[p.Process]}
			}
		}
	}
	counted := map[*evidence.Bundle]bool{}
	for _, d := range latest {
		counted[d.b] = true
	}
	n := 0
	for _, b := range bundles {
		if b != nil && b.Result != nil && b.Plan != nil && !counted[b] {
			n++
		}
	}
	return latest, n
}

func scenarioOf(b *evidence.Bundle) drill.Info {
	if b.Result.Scenario.ID != "" {
		return b.Result.Scenario
	}
	return b.Plan.Scenario
}

// markRetests re-plans each drilled scenario on today's catalog and marks the
// drills whose process definition hash changed: they need a re-test.
func markRetests(c *catalog.Catalog, latest map[string]*drilled) {
	plans := map[string]*replanned{}
	for _, k := range sortedDrillKeys(latest) {
		d := latest[k]
		info := scenarioOf(d.b)
		key := info.ID + "\x00" + strings.Join(info.Lost, ",") + "\x00" + info.Duration.String()
		pl := plans[key]
		if pl == nil {
			pl = replan(c, info)
			plans[key] = pl
		}
		h, ok := pl.hashes[d.p.Process]
		switch {
		case pl.missing != "":
			d.retest = pl.missing
		case c.Process(d.p.Process) == nil:
			d.retest = "the process is no longer in the catalog"
		case !ok:
			d.retest = "the scenario no longer impacts the process"
		case d.hash == "":
			d.retest = "the bundle records no definition hash"
		case h != d.hash:
			d.retest = "its catalog entry or runbook changed since the drill"
		}
	}
}

// replanned is a scenario planned again on today's catalog: each impacted
// process's definition hash, or why it cannot be planned.
type replanned struct {
	hashes  map[string]string
	missing string
}

// replan plans scenario info on catalog c.
func replan(c *catalog.Catalog, info drill.Info) *replanned {
	out := &replanned{hashes: map[string]string{}}
	for _, s := range info.Lost {
		if c.Supplier(s) == nil {
			out.missing = "supplier " + s + " of scenario " + info.ID + " is no longer in the catalog"
			return out
		}
	}
	sc := &scenarios.Scenario{ID: info.ID, Title: info.Title, Lose: scenarios.Lose{Suppliers: info.Lost},
		Duration: info.Duration, Mode: info.Mode, TimeScale: info.TimeScale}
	plan := scenarios.NewPlan("readiness", c, sc)
	for _, p := range plan.Processes {
		out.hashes[p.ID] = evidence.ProcessDefinitionHash(p)
	}
	return out
}

func sortedDrillKeys(m map[string]*drilled) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func countedDrills(latest map[string]*drilled) []CountedDrill {
	byID := map[*evidence.Bundle]*CountedDrill{}
	for _, d := range latest {
		cd := byID[d.b]
		if cd == nil {
			cd = &CountedDrill{Drill: d.b.DrillID, Scenario: scenarioOf(d.b).ID, Finished: d.at}
			byID[d.b] = cd
		}
		cd.Processes++
	}
	out := []CountedDrill{}
	for _, cd := range byID {
		out = append(out, *cd)
	}
	slices.SortFunc(out, func(a, b CountedDrill) int {
		return cmp.Or(b.Finished.Compare(a.Finished), strings.Compare(a.Drill, b.Drill))
	})
	return out
}

// drillWithout returns the newest of ds (newest first) in which supplier was
// unavailable, or nil.
func drillWithout(ds []*drilled, supplier string) *drilled {
	for _, d := range ds {
		info := scenarioOf(d.b)
		down := info.Down
		if len(down) == 0 {
			down = info.Lost
		}
		if slices.Contains(down, supplier) {
			return d
		}
	}
	return nil
}

func supplierEvidence(supplier string, d *drilled, now time.Time) SupplierEvidence {
	se := SupplierEvidence{Supplier: supplier}
	if d == nil {
		return se
	}
	at := d.at
	se.Drill, se.Scenario, se.Finished, se.Verdict, se.Retest = d.b.DrillID, scenarioOf(d.b).ID, &at, d.p.Verdict, d.retest
	se.DrillScore = DrillScore(d.p)
	se.Score = CurrentScore(se.DrillScore, d.at, now, d.retest != "")
	return se
}

// supplierScore is the weighted mean of the scores its impacted processes
// have for its loss; critical processes count double. Nil when none.
func supplierScore(pids []string, procs map[string]*ProcessReady, supplier string) *int {
	if len(pids) == 0 {
		return nil
	}
	sum, weight := 0, 0
	for _, pid := range pids {
		p := procs[pid]
		w := 1
		if p.Critical {
			w = 2
		}
		for _, s := range p.Suppliers {
			if s.Supplier == supplier {
				sum += w * s.Score
			}
		}
		weight += w
	}
	v := int(math.Round(float64(sum) / float64(weight)))
	return &v
}

// newCell splits the processes at stake for a loss of d by what the drills
// show: the drill's recovery is judged again against the cell's duration.
func newCell(d drill.Duration, atStake []string, evid map[string]*drilled, now time.Time) Cell {
	c := Cell{Duration: d.String(), AtStake: nonNilS(atStake), Proven: []string{}, Stale: []string{}, Failed: []string{}, Retest: []string{}, Paper: []string{}}
	for _, pid := range atStake {
		dr := evid[pid]
		switch {
		case dr == nil || dr.p.Verdict == drill.Aborted:
			c.Paper = append(c.Paper, pid)
		case dr.retest != "":
			c.Retest = append(c.Retest, pid)
		default:
			v, _ := drill.Judge(dr.p.Recovered, dr.p.Recovery, dr.p.RTO, dr.p.MTPD, d)
			if v == drill.Breached {
				c.Failed = append(c.Failed, pid)
				continue
			}
			c.Proven = append(c.Proven, pid)
			if now.Sub(dr.at) > FreshFor {
				c.Stale = append(c.Stale, pid)
			}
		}
	}
	return c
}

func nonNilS(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
