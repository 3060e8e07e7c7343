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
	// Bundles are verified evidence bundles; which of them counts is decided
	// per process, supplier and duration (see Rules).
	Bundles []*evidence.Bundle
	// Names say where each bundle is, as the caller names it (a path under
	// the reports directory); a bundle not named is named by its drill ID.
	Names map[*evidence.Bundle]string
	// NotCounted are bundles the caller could not verify, listed with why.
	NotCounted []NotCounted
	// Now is the moment the scores are computed for (age of each drill).
	Now time.Time
	// Reviews are the verified after-action reviews of the bundles that
	// have one; nil leaves FollowUp out.
	Reviews map[*evidence.Bundle]*evidence.Review
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
	// Superseded counts valid bundles that decide nothing: a later (or, for
	// compressed drills, a performed) drill of the same processes, suppliers
	// and durations counts instead.
	Superseded int `json:"superseded"`
	// Void are the drills that prove nothing (aborted), listed with why.
	Void       []VoidDrill  `json:"void"`
	NotCounted []NotCounted `json:"notCounted"`
	// Rules are the rules the view was judged by, in words.
	Rules []string `json:"rules"`
	// FollowUp are the action items of the drills' reviews; nil when the
	// caller gave no reviews.
	FollowUp *FollowUp `json:"followUp,omitempty"`
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

// States of a process in a cell.
const (
	StateProven = "proven" // a valid drill recovered it within its MTPD for this outage
	StateFailed = "failed" // the drill shows the MTPD would be breached, or it was not recovered
	StateRetest = "retest" // drilled, but its definition changed since
	StatePaper  = "paper"  // no valid drill of that supplier for this outage or longer
	// StateTolerated: the drill did not recover the process before an outage
	// this short ended (verdict waited-out, or tolerated in older bundles),
	// and it ends within its MTPD: nothing at stake, nothing proven. It
	// never shows in a cell (a cell holds the processes at stake).
	StateTolerated = "tolerated"
)

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
	Paper    []string `json:"paper"`  // never drilled without this supplier for this long
	// Waits are the critical processes the loss hits whose MTPD outlasts
	// it: nothing at stake, they wait the outage out (see Survival).
	Waits []string `json:"waits"`
	// AutomatedOnly and PlanOnly are those of Proven that a compressed or a
	// tabletop drill proves: only the automated part, or only the plan.
	AutomatedOnly []string `json:"automatedOnly"`
	PlanOnly      []string `json:"planOnly"`
	// Proof is the weakest proof of Proven, empty when nothing is proven.
	Proof Proof `json:"proof,omitempty"`
	// Evidence says, per process at stake, what decides it and why.
	Evidence []Evidence `json:"evidence"`
}

// State is the cell's colour in words: none, proven, partly, paper or failed.
// A cell proven only in part of its processes, or not in full, is partly.
func (c Cell) State() string {
	switch {
	case len(c.AtStake) == 0:
		return "none"
	case len(c.Failed) > 0:
		return "failed"
	case len(c.Proven) == len(c.AtStake) && len(c.Stale) == 0 && c.Proof == ProofFull:
		return "proven"
	case len(c.Proven) > 0 || len(c.Retest) > 0:
		return "partly"
	default:
		return "paper"
	}
}

// ProcessReady is one process: its score and, per supplier whose loss impacts
// it, the drills that count for each outage duration.
type ProcessReady struct {
	Process     string     `json:"process"`
	Name        string     `json:"name,omitempty"`
	Owner       string     `json:"owner"`
	Critical    bool       `json:"critical"`
	Score       int        `json:"score"`
	LastDrilled *time.Time `json:"lastDrilled,omitempty"` // its latest valid drill
	NeedsRetest bool       `json:"needsRetest"`
	Stale       bool       `json:"stale"` // the latest valid drill is older than FreshFor
	// Proof is the weakest proof of its proven evidence, empty when none.
	Proof     Proof              `json:"proof,omitempty"`
	Suppliers []SupplierEvidence `json:"suppliers"`
}

// SupplierEvidence is what proves a process survives a supplier's loss, per
// matrix duration.
type SupplierEvidence struct {
	Supplier string `json:"supplier"`
	// Score is the mean of the points of Durations.
	Score     int        `json:"score"`
	Durations []Evidence `json:"durations"`
}

// Drilled reports whether any valid drill counts for the supplier's loss.
func (s SupplierEvidence) Drilled() bool {
	return slices.ContainsFunc(s.Durations, func(e Evidence) bool { return e.Drill != "" })
}

// Evidence is what decides one process for a loss of one supplier for one
// duration: the drill that counts (none: paper), its verdict judged again for
// that duration, the state and proof that follow, the points it scores, and
// why, in words.
type Evidence struct {
	Process  string        `json:"process"`
	Supplier string        `json:"supplier"`
	Duration string        `json:"duration"`
	State    string        `json:"state"`
	Proof    Proof         `json:"proof,omitempty"`
	Drill    string        `json:"drill,omitempty"`
	Bundle   string        `json:"bundle,omitempty"`
	Scenario string        `json:"scenario,omitempty"`
	Mode     string        `json:"mode,omitempty"`
	Outage   string        `json:"outage,omitempty"` // the drill's own outage duration
	Finished *time.Time    `json:"finished,omitempty"`
	Verdict  drill.Verdict `json:"verdict,omitempty"`
	Points   int           `json:"points"`
	Retest   string        `json:"retest,omitempty"` // why the process needs a re-test
	Why      string        `json:"why"`
}

// CountedDrill is a bundle that decides at least one process, supplier and
// duration.
type CountedDrill struct {
	Drill     string    `json:"drill"`
	Bundle    string    `json:"bundle"`
	Scenario  string    `json:"scenario"`
	Mode      string    `json:"mode"`
	Outage    string    `json:"outage"`
	Finished  time.Time `json:"finished"`
	Processes int       `json:"processes"` // processes for which it decides something
}

// VoidDrill is a bundle, or one process of it, that proves nothing.
type VoidDrill struct {
	Drill    string    `json:"drill"`
	Bundle   string    `json:"bundle"`
	Scenario string    `json:"scenario"`
	Mode     string    `json:"mode"`
	Finished time.Time `json:"finished"`
	// Processes are the processes it proves nothing for.
	Processes []string `json:"processes"`
	Reason    string   `json:"reason"`
}

// drilled is one process's result in one bundle.
type drilled struct {
	b      *evidence.Bundle
	p      *drill.ProcessResult
	info   drill.Info
	name   string
	at     time.Time
	hash   string // the process's definition hash in the bundle
	retest string
	void   string // why it proves nothing; "" when valid
}

// covers reports whether d took supplier down for outage or longer.
func (d *drilled) covers(supplier string, outage drill.Duration) bool {
	down := d.info.Down
	if len(down) == 0 {
		down = d.info.Lost
	}
	return d.info.Duration >= outage && slices.Contains(down, supplier)
}

// better reports whether a is the evidence that counts over b: a drill in
// which people performed the manual steps beats one that simulated them,
// then the latest wins.
func better(a, b *drilled) bool {
	if pa, pb := performed(a.info.Mode), performed(b.info.Mode); pa != pb {
		return pa
	}
	return a.at.After(b.at) || a.at.Equal(b.at) && a.b.DrillID > b.b.DrillID
}

// NewReadiness computes the readiness view. It is pure: the same input gives
// the same view. Which drill decides a cell, and what it proves, follows
// Rules; the scores follow ScoreFormula.
func NewReadiness(in ReadinessInput) (*Readiness, error) {
	c := in.Catalog
	if c == nil {
		return nil, fmt.Errorf("readiness: no catalog")
	}
	r := &Readiness{Organisation: c.Organisation, Now: in.Now.UTC(), NotCounted: in.NotCounted, Rules: Rules,
		FollowUp: NewFollowUp(in.Bundles, in.Reviews, in.Names, in.Now)}
	if r.NotCounted == nil {
		r.NotCounted = []NotCounted{}
	}
	for _, d := range catalog.MatrixDurations {
		r.Durations = append(r.Durations, d.String())
	}
	all := collect(in.Bundles, in.Names)
	r.Void = voidDrills(all)
	byProc := map[string][]*drilled{} // valid drills per process
	var valid []*drilled
	for _, d := range all {
		if d.void == "" {
			valid = append(valid, d)
			byProc[d.p.Process] = append(byProc[d.p.Process], d)
		}
	}
	markRetests(c, valid)
	procs := map[string]*ProcessReady{}
	for _, p := range c.Processes {
		pr := &ProcessReady{Process: p.ID, Name: p.Name, Owner: p.Owner, Critical: p.IsCritical(), Suppliers: []SupplierEvidence{}}
		for _, d := range byProc[p.ID] {
			if pr.LastDrilled == nil || d.at.After(*pr.LastDrilled) {
				at := d.at
				pr.LastDrilled = &at
			}
		}
		pr.Stale = pr.LastDrilled != nil && in.Now.Sub(*pr.LastDrilled) > FreshFor
		procs[p.ID] = pr
		r.Processes = append(r.Processes, pr)
	}
	conc := c.Concentration()
	decides := map[*drilled]bool{}
	evid := map[string]map[string]SupplierEvidence{} // supplier -> process -> evidence
	for _, k := range conc {
		evid[k.Supplier] = map[string]SupplierEvidence{}
		for _, pid := range k.Processes {
			se := SupplierEvidence{Supplier: k.Supplier, Durations: []Evidence{}}
			sum := 0
			for _, d := range catalog.MatrixDurations {
				best := decisive(byProc[pid], k.Supplier, d)
				if best != nil {
					decides[best] = true
				}
				e := evidenceFor(pid, k.Supplier, d, best, in.Now)
				sum += e.Points
				se.Durations = append(se.Durations, e)
			}
			se.Score = int(math.Round(float64(sum) / float64(len(catalog.MatrixDurations))))
			evid[k.Supplier][pid] = se
			if pr := procs[pid]; pr != nil {
				pr.Suppliers = append(pr.Suppliers, se)
			}
		}
	}
	for _, p := range r.Processes {
		finishProcess(p)
	}
	r.Drills, r.Superseded = countedDrills(valid, decides)
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
			cell := newCell(d, j, atStake, k.Supplier, evid[k.Supplier], in.Now)
			for _, pid := range k.Processes {
				if pr := procs[pid]; pr != nil && pr.Critical && !slices.Contains(atStake, pid) {
					cell.Waits = append(cell.Waits, pid)
				}
			}
			sr.Cells = append(sr.Cells, cell)
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

// finishProcess sorts a process's suppliers and sets its score (the mean of
// its suppliers'), its weakest proof and whether any evidence needs a
// re-test.
func finishProcess(p *ProcessReady) {
	slices.SortFunc(p.Suppliers, func(a, b SupplierEvidence) int { return strings.Compare(a.Supplier, b.Supplier) })
	sum := 0
	for _, s := range p.Suppliers {
		sum += s.Score
		for _, e := range s.Durations {
			p.NeedsRetest = p.NeedsRetest || e.Retest != ""
			if e.State == StateProven {
				p.Proof = Weaker(p.Proof, e.Proof)
			}
		}
	}
	if len(p.Suppliers) > 0 {
		p.Score = int(math.Round(float64(sum) / float64(len(p.Suppliers))))
	}
}

// decisive is the drill of ds that counts for a loss of supplier for outage
// (see better), or nil when no valid drill covers it.
func decisive(ds []*drilled, supplier string, outage drill.Duration) *drilled {
	var best *drilled
	for _, d := range ds {
		if d.covers(supplier, outage) && (best == nil || better(d, best)) {
			best = d
		}
	}
	return best
}

func matrixRow(rows []catalog.MatrixRow, supplier string) *catalog.MatrixRow {
	for i := range rows {
		if rows[i].Supplier == supplier {
			return &rows[i]
		}
	}
	return nil
}

// drillAt is when a bundle's drill finished, or started when it has no end.
func drillAt(b *evidence.Bundle) time.Time {
	if b.Result.Finished.IsZero() {
		return b.Result.Started
	}
	return b.Result.Finished
}

// drillName is a bundle's name in names, else its drill's id.
func drillName(b *evidence.Bundle, names map[*evidence.Bundle]string) string {
	if n := names[b]; n != "" {
		return n
	}
	return b.DrillID
}

// collect lists every process result of every loadable bundle, valid or
// void, in bundle order.
func collect(bundles []*evidence.Bundle, names map[*evidence.Bundle]string) []*drilled {
	var out []*drilled
	for _, b := range bundles {
		if b == nil || b.Result == nil || b.Plan == nil {
			continue
		}
		at, name := drillAt(b), drillName(b, names)
		hashes := map[string]string{}
		for _, e := range b.Events {
			if e.Type == evidence.EventProcessPlanned {
				var d evidence.ProcessData
				if json.Unmarshal(e.Data, &d) == nil {
					hashes[e.Process] = d.DefinitionHash
				}
			}
		}
		info := scenarioOf(b)
		info.Mode = modeOf(info)
		for _, p := range b.Result.Processes {
			if p == nil {
				continue
			}
			out = append(out, &drilled{b: b, p: p, info: info, name: name, at: at.UTC(), hash: hashes[p.Process], void: voidReason(b, p)})
		}
	}
	return out
}

// voidDrills lists the drills, or the processes of a drill, that prove
// nothing, newest first.
func voidDrills(all []*drilled) []VoidDrill {
	out := []VoidDrill{}
	idx := map[string]int{}
	for _, d := range all {
		if d.void == "" {
			continue
		}
		k := d.name + "\x00" + d.void
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, VoidDrill{Drill: d.b.DrillID, Bundle: d.name, Scenario: d.info.ID, Mode: d.info.Mode, Finished: d.at, Reason: d.void})
		}
		out[i].Processes = append(out[i].Processes, d.p.Process)
	}
	slices.SortStableFunc(out, func(a, b VoidDrill) int {
		return cmp.Or(b.Finished.Compare(a.Finished), strings.Compare(a.Bundle, b.Bundle))
	})
	return out
}

func scenarioOf(b *evidence.Bundle) drill.Info {
	if b.Result.Scenario.ID != "" {
		return b.Result.Scenario
	}
	return b.Plan.Scenario
}

// markRetests re-plans each drilled scenario on today's catalog and marks the
// drills whose process definition hash changed: they need a re-test.
func markRetests(c *catalog.Catalog, ds []*drilled) {
	plans := map[string]*replanned{}
	for _, d := range ds {
		info := d.info
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

// countedDrills lists the bundles that decide something, newest first, and
// counts the valid bundles that decide nothing (superseded).
func countedDrills(valid []*drilled, decides map[*drilled]bool) ([]CountedDrill, int) {
	byB := map[*evidence.Bundle]*CountedDrill{}
	var order []*evidence.Bundle
	for _, d := range valid {
		cd := byB[d.b]
		if cd == nil {
			cd = &CountedDrill{Drill: d.b.DrillID, Bundle: d.name, Scenario: d.info.ID, Mode: d.info.Mode, Outage: d.info.Duration.String(), Finished: d.at}
			byB[d.b] = cd
			order = append(order, d.b)
		}
		if decides[d] {
			cd.Processes++
		}
	}
	out := []CountedDrill{}
	superseded := 0
	for _, b := range order {
		if cd := byB[b]; cd.Processes > 0 {
			out = append(out, *cd)
		} else {
			superseded++
		}
	}
	slices.SortFunc(out, func(a, b CountedDrill) int {
		return cmp.Or(b.Finished.Compare(a.Finished), strings.Compare(a.Bundle, b.Bundle))
	})
	return out, superseded
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
		if p == nil {
			continue
		}
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
	if weight == 0 {
		return nil
	}
	v := int(math.Round(float64(sum) / float64(weight)))
	return &v
}

// newCell splits the processes at stake for a loss of supplier for d (the
// j-th matrix duration) by the evidence that decides each.
func newCell(d drill.Duration, j int, atStake []string, supplier string, evid map[string]SupplierEvidence, now time.Time) Cell {
	c := Cell{Duration: d.String(), AtStake: nonNilS(atStake), Proven: []string{}, Stale: []string{}, Failed: []string{},
		Retest: []string{}, Paper: []string{}, Waits: []string{}, AutomatedOnly: []string{}, PlanOnly: []string{}, Evidence: []Evidence{}}
	for _, pid := range atStake {
		se, ok := evid[pid]
		e := evidenceFor(pid, supplier, d, nil, now)
		if ok && j < len(se.Durations) {
			e = se.Durations[j]
		}
		c.Evidence = append(c.Evidence, e)
		switch e.State {
		case StatePaper:
			c.Paper = append(c.Paper, pid)
		case StateRetest:
			c.Retest = append(c.Retest, pid)
		case StateFailed, StateTolerated:
			c.Failed = append(c.Failed, pid)
		default:
			c.Proven = append(c.Proven, pid)
			c.Proof = Weaker(c.Proof, e.Proof)
			switch e.Proof {
			case ProofAutomated:
				c.AutomatedOnly = append(c.AutomatedOnly, pid)
			case ProofPlan:
				c.PlanOnly = append(c.PlanOnly, pid)
			}
			if e.Finished != nil && now.Sub(*e.Finished) > FreshFor {
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
