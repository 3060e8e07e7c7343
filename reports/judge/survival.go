package judge

import (
	"github.com/exitdrill/exitdrill/drill"
)

// Survival answers the manager's question for one loss of a supplier (or of
// a drill's suppliers) for one outage length: do the critical processes it
// hits survive? A critical process survives when the outage ends within its
// MTPD (nothing at stake: it can wait) or when a valid drill showed it
// recovered within its MTPD before the outage ended. The drill's own report
// and the readiness views count with NewSurvival, so that they cannot
// disagree.
type Survival struct {
	// Critical counts the critical processes the loss hits.
	Critical int `json:"critical"`
	// Survive counts those that survive it.
	Survive int `json:"survive"`
	// Missing are the others, in the order given, each with why.
	Missing []Missing `json:"missing"`
}

// Missing is a critical process not shown to survive a loss.
type Missing struct {
	Process string `json:"process"`
	// State is why, in one word: failed, retest or paper in readiness; the
	// verdict (breached, aborted, unproven, inconclusive) in a drill.
	State string `json:"state"`
}

// Fate is what decides whether one critical process survives a loss.
type Fate struct {
	Process string
	// AtStake: the outage outlasts the process's MTPD, so it must be
	// recovered; otherwise it can wait the outage out.
	AtStake bool
	// Proven: a valid drill recovered it within its MTPD for this outage.
	Proven bool
	// State says why it is not proven ("" when it is).
	State string
}

// NewSurvival counts the fates of the critical processes a loss hits.
func NewSurvival(fates []Fate) Survival {
	s := Survival{Critical: len(fates), Missing: []Missing{}}
	for _, f := range fates {
		if !f.AtStake || f.Proven {
			s.Survive++
			continue
		}
		s.Missing = append(s.Missing, Missing{Process: f.Process, State: f.State})
	}
	return s
}

// FateOf judges what drill result p shows for a loss of outage: the verdict
// is judged again for that outage (drill.Judge); the process is at stake
// when the outage outlasts its MTPD, and proven when the drill recovered it
// within its MTPD before the outage ended. A result that says nothing
// (aborted, inconclusive, unproven) proves nothing.
func FateOf(p *drill.ProcessResult, outage drill.Duration) Fate {
	f := Fate{Process: p.Process, AtStake: outage > p.MTPD}
	if v := p.Verdict; v == drill.Aborted || v.SaysNothing() {
		f.State = string(v)
		return f
	}
	v, _ := drill.Judge(p.Recovered, p.Recovery, p.RTO, p.MTPD, outage)
	f.Proven = p.Recovered && (v == drill.Recovered || v == drill.Late)
	if !f.Proven {
		f.State = string(v)
	}
	return f
}

// DrillSurvival is the survival of a drill's critical processes under the
// drill's own loss (outage: its duration), as its report counts it.
func DrillSurvival(ps []*drill.ProcessResult, outage drill.Duration) Survival {
	var fates []Fate
	for _, p := range ps {
		if p != nil && p.Critical {
			fates = append(fates, FateOf(p, outage))
		}
	}
	return NewSurvival(fates)
}

// Survival is the cell's answer to "do the critical processes the
// supplier's loss hits survive an outage this long": those that wait it out
// (Waits) survive, and of those at stake the proven ones.
func (c Cell) Survival() Survival {
	fates := make([]Fate, 0, len(c.Waits)+len(c.AtStake))
	for _, p := range c.Waits {
		fates = append(fates, Fate{Process: p})
	}
	for _, e := range c.Evidence {
		f := Fate{Process: e.Process, AtStake: true, Proven: e.State == StateProven}
		if !f.Proven {
			f.State = e.State
			if f.State == StateTolerated { // at stake yet waited out: the catalog's MTPD changed since the drill
				f.State = StateFailed
			}
		}
		fates = append(fates, f)
	}
	return NewSurvival(fates)
}
