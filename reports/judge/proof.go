package judge

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/scenarios"
)

// Proof is how much of a recovery a drill showed, by its mode.
type Proof string

// Proof levels, strongest first.
const (
	// ProofFull: a live drill, people acted in real time: the plan and the
	// technology both proven.
	ProofFull Proof = "full"
	// ProofAutomated: a compressed drill: the automated steps ran, the manual
	// steps were simulated; only the automated part is proven.
	ProofAutomated Proof = "automated-only"
	// ProofPlan: a tabletop drill: people walked through the plan and recorded
	// outcomes; the plan is proven, not the technology.
	ProofPlan Proof = "plan-only"
)

// Proof rules in words, for the reports and the README (same text).
const (
	// RuleDuration is why a drill proves no longer outage than its own.
	RuleDuration = "A drill proves a cell only for outages up to its own duration: a 1-day drill proves the 1-day cell, never the 1-week or 1-month cells."
	// RuleMode is what each mode proves.
	RuleMode = "Live drills prove in full; compressed drills prove the automated part only (manual steps were simulated): automated only; tabletop drills prove the plan, not the technology: plan only."
	// RuleVoid is why aborted drills count for nothing.
	RuleVoid = "Aborted, inconclusive and unproven drills prove nothing and erase nothing: they never replace earlier valid evidence."
	// RuleLatest is which drill decides a process for a supplier and duration.
	RuleLatest = "Per process, supplier and duration the evidence that counts is the latest valid drill of a scenario that took that supplier down for at least that long; a drill of another supplier never changes it, and a compressed drill (manual steps simulated) never overrides a live or tabletop drill (a person performed them)."
)

// Rules are the readiness rules, in the order the reports print them.
var Rules = []string{RuleDuration, RuleMode, RuleVoid, RuleLatest}

// factor is what a proof level's points count for in the score.
func (p Proof) factor() float64 {
	switch p {
	case ProofFull:
		return 1
	case ProofAutomated, ProofPlan:
		return 0.5
	default:
		return 0
	}
}

// rank orders proof levels, weakest lowest: the weakest proof of a cell or
// process is the one it shows.
func (p Proof) rank() int {
	switch p {
	case ProofFull:
		return 3
	case ProofAutomated:
		return 2
	case ProofPlan:
		return 1
	default:
		return 0
	}
}

// Words is the proof level as the reports write it: "full", "automated only",
// "plan only".
func (p Proof) Words() string {
	switch p {
	case ProofAutomated:
		return "automated only"
	case ProofPlan:
		return "plan only"
	default:
		return string(p)
	}
}

// Weaker returns the weaker of two proof levels, ignoring the empty one
// (none proven): the proof a cell or process shows is its weakest.
func Weaker(a, b Proof) Proof {
	if a == "" || b != "" && b.rank() < a.rank() {
		return b
	}
	return a
}

// proofOf is what a drill in mode can prove. An empty mode is the default,
// compressed: a bundle that does not say claims the least.
func proofOf(mode string) Proof {
	switch mode {
	case scenarios.Live:
		return ProofFull
	case scenarios.Tabletop:
		return ProofPlan
	default:
		return ProofAutomated
	}
}

// performed reports whether people performed the manual steps of a drill in
// mode (live or tabletop), rather than having them simulated (compressed).
func performed(mode string) bool { return mode == scenarios.Live || mode == scenarios.Tabletop }

// voidReason says why a process's result in a bundle proves nothing, or ""
// when it is valid evidence: an aborted drill or process, an inconclusive
// process (a step could not be attempted on the worker) or an unproven one
// (its runbook left a lost application uncovered) proves nothing. Any future
// verdict that says nothing about the loss belongs here too.
func voidReason(b *evidence.Bundle, p *drill.ProcessResult) string {
	if a := b.Result.Abort; a != nil {
		why := "aborted"
		if a.Actor != "" {
			why += " by " + a.Who()
		}
		if a.Reason != "" {
			why += ": " + a.Reason
		}
		return why
	}
	switch p.Verdict {
	case drill.Aborted:
		return "the process's recovery was aborted"
	case drill.Inconclusive:
		return "inconclusive: a step could not be attempted on the worker"
	case drill.Unproven:
		return "unproven: the runbook leaves a lost application uncovered"
	}
	return ""
}

// evidenceFor judges drill d (nil: none) as the evidence of process pid for a
// loss of supplier for outage, at now: its state, proof, points and why.
func evidenceFor(pid, supplier string, outage drill.Duration, d *drilled, now time.Time) Evidence {
	e := Evidence{Process: pid, Supplier: supplier, Duration: outage.String(), State: StatePaper}
	if d == nil {
		e.Why = fmt.Sprintf("paper: no valid drill took %s down for %s or longer", supplier, outage)
		return e
	}
	at := d.at
	e.Drill, e.Bundle, e.Scenario, e.Mode, e.Outage, e.Finished = d.b.DrillID, d.name, d.info.ID, modeOf(d.info), d.info.Duration.String(), &at
	e.Retest = d.retest
	p := *d.p
	p.Verdict, e.Why = drill.Judge(p.Recovered, p.Recovery, p.RTO, p.MTPD, outage)
	e.Verdict = p.Verdict
	src := fmt.Sprintf("%s drill %s (%s, %s outage, %s)", e.Mode, e.Drill, e.Scenario, e.Outage, at.UTC().Format("2006-01-02"))
	// A waited-out process survived by waiting, not by recovering: like
	// tolerated, it proves nothing about recovery and scores no points.
	waited := p.Verdict == drill.WaitedOut || (!p.Recovered && p.Verdict == drill.Tolerated)
	survives := FateOf(d.p, outage).Proven // as the drill's own report counts it
	switch {
	case d.retest != "":
		e.State, e.Proof = StateRetest, proofOf(d.info.Mode)
		e.Why = fmt.Sprintf("re-test: %s; %s: %s", d.retest, src, e.Why)
	case waited:
		e.State = StateTolerated
		e.Why = fmt.Sprintf("tolerated, nothing proven: %s: %s", src, e.Why)
	case !survives:
		e.State = StateFailed
		e.Why = fmt.Sprintf("failed: %s: %s", src, e.Why)
	default:
		e.State, e.Proof = StateProven, proofOf(d.info.Mode)
		e.Why = fmt.Sprintf("proven (%s): %s: %s", e.Proof.Words(), src, e.Why)
	}
	if survives {
		f := e.Proof.factor() * Freshness(d.at, now)
		if d.retest != "" {
			f *= RetestFactor
		}
		e.Points = int(math.Round(float64(DrillScore(&p)) * f))
	}
	return e
}

// modeOf is the drill's mode, compressed when the bundle does not say.
func modeOf(info drill.Info) string {
	if info.Mode == "" {
		return scenarios.Compressed
	}
	return info.Mode
}

// EvidenceGroup is evidence that decides a process for several durations
// alike: the same drill, state, proof and verdict.
type EvidenceGroup struct {
	Durations []string
	Evidence
}

// For is the group's durations in words: "1d, 7d".
func (g EvidenceGroup) For() string { return strings.Join(g.Durations, ", ") }

// Groups merges consecutive durations decided alike, so that the process
// list names each drill behind a verdict once.
func (s SupplierEvidence) Groups() []EvidenceGroup {
	var out []EvidenceGroup
	for _, e := range s.Durations {
		if n := len(out); n > 0 {
			g := &out[n-1]
			if g.Drill == e.Drill && g.State == e.State && g.Proof == e.Proof && g.Verdict == e.Verdict {
				g.Durations = append(g.Durations, e.Duration)
				continue
			}
		}
		out = append(out, EvidenceGroup{Durations: []string{e.Duration}, Evidence: e})
	}
	return out
}

// Label is the evidence's state in words: "proven (automated only)",
// "failed", "re-test", "paper", "tolerated".
func (e Evidence) Label() string {
	switch e.State {
	case StateProven:
		return "proven (" + e.Proof.Words() + ")"
	case StateRetest:
		return "re-test"
	default:
		return e.State
	}
}

// Source names the drill behind the evidence: "ms-new (live,
// microsoft-1-week, 2027-02-19)", or "" for paper.
func (e Evidence) Source() string {
	if e.Drill == "" {
		return ""
	}
	date := ""
	if e.Finished != nil {
		date = ", " + e.Finished.UTC().Format("2006-01-02")
	}
	return e.Drill + " (" + e.Mode + ", " + e.Scenario + date + ")"
}
