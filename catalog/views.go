package catalog

import (
	"cmp"
	"slices"

	"github.com/exitdrill/exitdrill/drill"
)

// Concentration is how much depends on one supplier: what its loss alone takes
// down, directly and through subprocessors and dependencies.
type Concentration struct {
	Supplier     string `json:"supplier"`
	Name         string `json:"name,omitempty"`
	Jurisdiction string `json:"jurisdiction,omitempty"`
	// DirectApps are the applications the supplier runs.
	DirectApps []string `json:"directApplications"`
	// IndirectApps are applications down when it is lost although it does not run
	// them: run by a supplier that uses it as subprocessor, or depending on a down
	// application.
	IndirectApps []string `json:"indirectApplications"`
	// ViaSubprocessor are the suppliers that go down with it because they use it,
	// transitively, as a subprocessor.
	ViaSubprocessor []string `json:"viaSubprocessor,omitempty"`
	// Processes are the processes its loss impacts; Critical counts the critical ones.
	Processes []string `json:"processes"`
	Critical  int      `json:"critical"`
	// HeldBackups are the backups stored at the supplier.
	HeldBackups []string `json:"heldBackups,omitempty"`
}

// Concentration returns, for every supplier, what depends on it, the most
// depended-on suppliers first.
func (c *Catalog) Concentration() []Concentration {
	held := map[string][]string{}
	for _, a := range c.Applications {
		for _, b := range a.Backups {
			held[b.HeldBy] = append(held[b.HeldBy], b.ID)
		}
	}
	e := c.reverseEdges()
	out := make([]Concentration, 0, len(c.Suppliers))
	for _, s := range c.Suppliers {
		r := c.reachOf(map[string]bool{s.ID: true}, e)
		k := Concentration{Supplier: s.ID, Name: s.Name, Jurisdiction: s.Jurisdiction, HeldBackups: held[s.ID],
			DirectApps: []string{}, IndirectApps: []string{}, Processes: []string{}}
		for _, o := range c.Suppliers {
			if o.ID != s.ID && r.supplierDown(o.ID) {
				k.ViaSubprocessor = append(k.ViaSubprocessor, o.ID)
			}
		}
		for _, a := range c.Applications {
			switch {
			case a.Supplier == s.ID:
				k.DirectApps = append(k.DirectApps, a.ID)
			case r.appDown(a.ID):
				k.IndirectApps = append(k.IndirectApps, a.ID)
			}
		}
		for _, p := range c.Processes {
			if c.processDown(r, p) {
				k.Processes = append(k.Processes, p.ID)
				if p.IsCritical() {
					k.Critical++
				}
			}
		}
		out = append(out, k)
	}
	slices.SortStableFunc(out, func(a, b Concentration) int {
		return cmp.Or(
			cmp.Compare(len(b.Processes), len(a.Processes)),
			cmp.Compare(len(b.DirectApps)+len(b.IndirectApps), len(a.DirectApps)+len(a.IndirectApps)),
			cmp.Compare(a.Supplier, b.Supplier))
	})
	return out
}

func (c *Catalog) processDown(r *reach, p *Process) bool {
	return slices.ContainsFunc(p.Applications, r.appDown)
}

// MatrixDurations are the outage durations of the exit-readiness matrix: the
// source report's 1 day, 1 week and 1 month.
var MatrixDurations = []drill.Duration{
	drill.Duration(drill.Day), drill.Duration(drill.Week), drill.Duration(30 * drill.Day),
}

// MatrixRow is one supplier's row of the exit-readiness matrix.
type MatrixRow struct {
	Supplier string `json:"supplier"`
	Name     string `json:"name,omitempty"`
	// Impacted counts the critical processes the supplier's loss touches at all.
	Impacted int `json:"impacted"`
	// Exceeded[i] counts the critical processes whose MTPD a loss of
	// MatrixDurations[i] exceeds: what cannot be waited out and must be recovered.
	Exceeded []int `json:"exceeded"`
	// Processes[i] lists those processes.
	Processes [][]string `json:"processes"`
}

// Matrix returns the exit-readiness matrix: per supplier, for each of durations,
// the critical processes whose MTPD its loss would exceed if nothing were
// recovered. Rows are in catalog order.
func (c *Catalog) Matrix(durations []drill.Duration) []MatrixRow {
	e := c.reverseEdges()
	out := make([]MatrixRow, 0, len(c.Suppliers))
	for _, s := range c.Suppliers {
		r := c.reachOf(map[string]bool{s.ID: true}, e)
		row := MatrixRow{Supplier: s.ID, Name: s.Name, Exceeded: make([]int, len(durations)), Processes: make([][]string, len(durations))}
		for i := range row.Processes {
			row.Processes[i] = []string{}
		}
		for _, p := range c.Processes {
			if !p.IsCritical() || !c.processDown(r, p) {
				continue
			}
			row.Impacted++
			for i, d := range durations {
				if d > p.MTPD {
					row.Exceeded[i]++
					row.Processes[i] = append(row.Processes[i], p.ID)
				}
			}
		}
		out = append(out, row)
	}
	return out
}
