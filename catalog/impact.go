package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
)

// Loss is what an outage scenario takes away: suppliers by id and every supplier
// under the given jurisdictions, for a duration.
type Loss struct {
	Suppliers     []string       `json:"suppliers,omitempty"`
	Jurisdictions []string       `json:"jurisdictions,omitempty"`
	Duration      drill.Duration `json:"duration"`
}

// Impact is the result of [Catalog.Impact]: which suppliers are gone and which
// processes are hit, why, and what that means against their objectives.
type Impact struct {
	Loss Loss `json:"loss"`
	// Lost are the suppliers the loss names, directly or by jurisdiction.
	Lost []string `json:"lost"`
	// Down are the suppliers unavailable in the scenario: the lost ones and those
	// whose subprocessors, transitively, include a lost one.
	Down []string `json:"down"`
	// Processes are the impacted processes only, in catalog order.
	Processes []*ProcessImpact `json:"processes"`
	// Unaffected counts the processes the loss does not touch.
	Unaffected int `json:"unaffected"`

	c *Catalog
	r *reach
}

// DownReason explains why supplier is unavailable in the scenario ("held by lost
// supplier aws", or the chain of subprocessors), or returns "" when it is not.
func (im *Impact) DownReason(supplier string) string {
	if im.r == nil || !im.r.supplierDown(supplier) {
		return ""
	}
	return im.c.downReason(im.r, supplier)
}

// ProcessImpact is one impacted process.
type ProcessImpact struct {
	Process    *Process         `json:"process"`
	Paths      []Path           `json:"paths"`
	Assessment drill.Assessment `json:"assessment"`
	// Unusable are backups and alternatives of the process's applications that are
	// themselves held by a supplier that is down, and so useless in the scenario.
	Unusable []drill.Resource `json:"unusable,omitempty"`
	// Gaps are down applications left without any usable backup or alternative.
	Gaps []string `json:"gaps,omitempty"`
	// Coverage says, per down application the process needs, which steps of
	// its runbook cover it (see [Catalog.Coverage]). Empty for a process
	// without a runbook.
	Coverage []drill.Coverage `json:"-"`
	// Uncovered are the down applications no step covers, from Coverage: a
	// drill cannot show that they come back.
	Uncovered []string `json:"uncovered,omitempty"`
}

// Hop is one step of a dependency path.
type Hop struct {
	Kind string `json:"kind"` // process, application, supplier, subprocessor
	ID   string `json:"id"`
}

// Path is a dependency path from a process to a lost supplier, for example
// process -> application -> supplier -> subprocessor.
type Path []Hop

// String formats the path as "a -> b -> c".
func (p Path) String() string {
	ids := make([]string, len(p))
	for i, h := range p {
		ids[i] = h.ID
	}
	return strings.Join(ids, " -> ")
}

// Assess compares an outage duration with a process's objectives.
func Assess(p *Process, outage drill.Duration) drill.Assessment {
	switch {
	case outage > p.MTPD:
		return drill.Assessment{Level: drill.MustRecover, Text: fmt.Sprintf("outage %s > MTPD %s: must recover, within RTO %s", outage, p.MTPD, p.RTO)}
	case outage > p.RTO:
		return drill.Assessment{Level: drill.ExceedsRTO, Text: fmt.Sprintf("outage %s > RTO %s, <= MTPD %s: tolerable, but RTO missed unless recovered", outage, p.RTO, p.MTPD)}
	default:
		return drill.Assessment{Level: drill.WithinRTO, Text: fmt.Sprintf("outage %s <= RTO %s: can be waited out", outage, p.RTO)}
	}
}

// Impact computes, deterministically, which processes the loss hits.
func (c *Catalog) Impact(l Loss) *Impact {
	lost := c.lostSet(l)
	r := c.reachOf(lost, c.reverseEdges())
	im := &Impact{Loss: l, c: c, r: r}
	for _, s := range c.Suppliers {
		if lost[s.ID] {
			im.Lost = append(im.Lost, s.ID)
		}
		if r.supplierDown(s.ID) {
			im.Down = append(im.Down, s.ID)
		}
	}
	for _, p := range c.Processes {
		var paths []Path
		for _, a := range p.Applications {
			if r.appDown(a) {
				paths = append(paths, c.path(r, p, a))
			}
		}
		if len(paths) == 0 {
			im.Unaffected++
			continue
		}
		pi := &ProcessImpact{Process: p, Paths: paths, Assessment: Assess(p, l.Duration)}
		c.unusable(r, p, pi)
		var down []string
		for _, a := range c.closure(p) {
			if r.appDown(a.ID) {
				down = append(down, a.ID)
			}
		}
		if rb := c.Runbooks[p.Runbook]; rb != nil { // without one, the plan says so
			pi.Coverage = c.Coverage(rb, down)
			pi.Uncovered = drill.Uncovered(pi.Coverage)
		}
		im.Processes = append(im.Processes, pi)
	}
	return im
}

// path walks the recorded hops from application a down to a lost supplier.
func (c *Catalog) path(r *reach, p *Process, a string) Path {
	path := Path{{"process", p.ID}}
	for {
		path = append(path, Hop{"application", a})
		via := r.appVia[a]
		if via == "" {
			break
		}
		a = via
	}
	kind := "supplier"
	for s := c.applications[a].Supplier; ; kind = "subprocessor" {
		path = append(path, Hop{kind, s})
		if r.supVia[s] == "" {
			return path
		}
		s = r.supVia[s]
	}
}

// unusable lists the backups and alternatives, of every application the process
// needs, that live at a down supplier, and the down applications with nothing
// usable left.
func (c *Catalog) unusable(r *reach, p *Process, pi *ProcessImpact) {
	for _, a := range c.closure(p) {
		usableBackups, usableAlts := 0, 0
		for _, b := range a.Backups {
			if r.supplierDown(b.HeldBy) {
				pi.Unusable = append(pi.Unusable, drill.Resource{Kind: "backup", ID: b.ID, Application: a.ID, Supplier: b.HeldBy, Reason: c.downReason(r, b.HeldBy)})
			} else {
				usableBackups++
			}
		}
		for _, x := range a.Alternatives {
			if r.supplierDown(x.Supplier) {
				pi.Unusable = append(pi.Unusable, drill.Resource{Kind: "alternative", ID: x.ID, Application: a.ID, Supplier: x.Supplier, Reason: c.downReason(r, x.Supplier)})
			} else {
				usableAlts++
			}
		}
		if !r.appDown(a.ID) {
			continue
		}
		var missing []string
		if usableBackups == 0 {
			missing = append(missing, "usable backup")
		}
		if usableAlts == 0 {
			missing = append(missing, "usable alternative")
		}
		if len(missing) > 0 {
			pi.Gaps = append(pi.Gaps, fmt.Sprintf("application %s has no %s", a.ID, strings.Join(missing, " and no ")))
		}
	}
}

// downReason explains why a supplier is unavailable: lost itself, or through
// the chain of subprocessors that leads to a lost one.
func (c *Catalog) downReason(r *reach, s string) string {
	if r.lost[s] {
		return "held by lost supplier " + s
	}
	chain := []string{s}
	for v := r.supVia[s]; v != ""; v = r.supVia[v] {
		chain = append(chain, v)
	}
	return fmt.Sprintf("held by %s, which depends on lost supplier %s (%s)", s, chain[len(chain)-1], strings.Join(chain, " -> "))
}

// ProcessIDs returns the ids of the impacted processes.
func (im *Impact) ProcessIDs() []string {
	ids := make([]string, len(im.Processes))
	for i, p := range im.Processes {
		ids[i] = p.Process.ID
	}
	return slices.Clip(ids)
}
