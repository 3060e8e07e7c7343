package reports

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// Report is the computed content of a drill's reports, made once from a bundle
// by New; every renderer shows (part of) it, and the JSON report is it.
type Report struct {
	// NotVerified says what failed when the bundle did not pass verification
	// and is rendered anyway ("WHERE: WHAT", as exitdrill verify names it);
	// every format then opens with a warning. Empty for a verified bundle,
	// and in the reports a bundle carries (they are written before sealing).
	NotVerified   string             `json:"notVerified,omitempty"`
	DrillID       string             `json:"drillId"`
	Organisation  string             `json:"organisation"`
	Scenario      drill.Info         `json:"scenario"`
	Started       time.Time          `json:"started"`
	StartedBy     string             `json:"startedBy,omitempty"`        // who started the drill (its drill.started event); empty in old bundles
	Account       string             `json:"startedByAccount,omitempty"` // the OS account of the command that started it
	Note          string             `json:"note,omitempty"`             // why, in their words
	Finished      time.Time          `json:"finished"`
	WallTime      string             `json:"wallTime"`
	Abort         *drill.Abort       `json:"abort,omitempty"`
	ObjectivesMet bool               `json:"objectivesMet"`
	Summary       Summary            `json:"summary"`
	Processes     []*Process         `json:"processes"`
	Suppliers     []SupplierLine     `json:"suppliers"`
	Findings      []evidence.Finding `json:"findings"`
	Evidence      Evidence           `json:"evidence"`

	// Exercise and Observations are the drill's hypothesis, participants and
	// facilitators, and what people observed during it; empty when none.
	Exercise     *drill.Exercise     `json:"exercise,omitempty"`
	Observations []drill.Observation `json:"observations,omitempty"`
	// Injects are the drill's injects: delivered when, to whom, who
	// acknowledged them and when; Notifications the events of its
	// notifications (the drill's, its manual steps', its injects'), in
	// time order. Empty when none.
	Injects       []*drill.InjectResult `json:"injects,omitempty"`
	Notifications []Notice              `json:"notifications,omitempty"`
}

// Summary is the management view of a drill in numbers.
type Summary struct {
	Processes int `json:"processes"` // impacted processes drilled
	// Unaffected counts the catalog's processes the loss does not touch.
	Unaffected int `json:"unaffected"`
	Critical   int `json:"critical"`
	// CriticalSurvive counts critical processes that stay within their MTPD
	// (recovered, late, tolerated or waited-out); CriticalInRTO those recovered within RTO.
	CriticalSurvive int            `json:"criticalSurvive"`
	CriticalInRTO   int            `json:"criticalWithinRto"`
	Verdicts        VerdictCounts  `json:"verdicts"`
	DataLossMissed  int            `json:"dataLossBeyondRpo"`
	Findings        SeverityCounts `json:"findings"`
	// Headline is the one sentence a manager reads first.
	Headline string `json:"headline"`
}

// VerdictCounts counts processes by verdict.
type VerdictCounts struct {
	Recovered int `json:"recovered"`
	Late      int `json:"late"`
	Breached  int `json:"breached"`
	Tolerated int `json:"tolerated"`
	Aborted   int `json:"aborted"`
	// WaitedOut: not recovered when the outage ended within the MTPD (omitted
	// when none, as in reports made before the verdict existed).
	WaitedOut int `json:"waitedOut,omitempty"`
	// Inconclusive: steps could not be attempted on the worker (omitted when
	// none, as in reports made before the verdict existed).
	Inconclusive int `json:"inconclusive,omitempty"`
	// Unproven: the runbook left a lost application uncovered (omitted when
	// none, as in reports made before the verdict existed).
	Unproven int `json:"unproven,omitempty"`
}

// Words counts the verdicts in words: "2 recovered, 0 late, 1 breached, 0
// tolerated, 0 aborted", with ", 1 waited out" when any process waited out
// and ", 1 unproven" when any is unproven.
func (c VerdictCounts) Words() string {
	s := fmt.Sprintf("%d recovered, %d late, %d breached, %d tolerated, %d aborted", c.Recovered, c.Late, c.Breached, c.Tolerated, c.Aborted)
	if c.WaitedOut > 0 {
		s += fmt.Sprintf(", %d waited out", c.WaitedOut)
	}
	if c.Unproven > 0 {
		s += fmt.Sprintf(", %d unproven", c.Unproven)
	}
	return s
}

func (c *VerdictCounts) add(v drill.Verdict) {
	switch v {
	case drill.Recovered:
		c.Recovered++
	case drill.Late:
		c.Late++
	case drill.Breached:
		c.Breached++
	case drill.Tolerated:
		c.Tolerated++
	case drill.WaitedOut:
		c.WaitedOut++
	case drill.Aborted:
		c.Aborted++
	case drill.Inconclusive:
		c.Inconclusive++
	case drill.Unproven:
		c.Unproven++
	}
}

// SeverityCounts counts findings by severity.
type SeverityCounts struct {
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
}

// Process is one drilled process: its verdict on the scenario clock, recovery
// against RTO and MTPD, data loss against RPO, and its steps.
type Process struct {
	ID       string        `json:"id"`
	Name     string        `json:"name,omitempty"`
	Owner    string        `json:"owner"`
	Critical bool          `json:"critical"`
	Verdict  drill.Verdict `json:"verdict"`
	Why      string        `json:"why"`
	// Survives is true when the process stays within its MTPD.
	Survives  bool           `json:"survives"`
	Recovered bool           `json:"recovered"`
	Recovery  drill.Duration `json:"recovery,omitempty"`
	RTO       drill.Duration `json:"rto"`
	MTPD      drill.Duration `json:"mtpd"`
	RPO       drill.Duration `json:"rpo"`
	// Against says how the recovery time compares with the objectives, in words.
	Against    string          `json:"againstObjectives"`
	DataLoss   *drill.DataLoss `json:"dataLoss,omitempty"`
	FailedStep string          `json:"failedStep,omitempty"`
	Problem    string          `json:"problem,omitempty"`
	Paths      []string        `json:"paths,omitempty"`
	// Measures counts the steps by how their scenario time was obtained.
	Measures       MeasureCounts `json:"measures"`
	Score          int           `json:"score"`
	DefinitionHash string        `json:"definitionHash,omitempty"`
	VerdictEvent   string        `json:"verdictEventHash,omitempty"`
	Steps          []*Step       `json:"steps"`
	// Coverage is the process's row of the coverage matrix: per lost
	// application it needs, the steps that cover it and what they proved.
	Coverage []drill.CoverageResult `json:"coverage,omitempty"`
}

// MeasureCounts counts steps by measure.
type MeasureCounts struct {
	Measured  int `json:"measured"`
	Declared  int `json:"declared"`
	Simulated int `json:"simulated"`
}

// MeasureText is how a step's duration was obtained, with the figure a
// person declared beside it: "measured (declared 5h)".
func (s *Step) MeasureText() string {
	if s.DeclaredTook > 0 {
		return fmt.Sprintf("%s (declared %s)", s.Measure, s.DeclaredTook)
	}
	return s.Measure
}

// Step is one step of a process, with the journal event that records it.
type Step struct {
	ID       string           `json:"id"`
	Kind     drill.StepKind   `json:"kind"`
	Target   string           `json:"target,omitempty"`
	Rollback bool             `json:"rollback,omitempty"`
	Status   drill.StepStatus `json:"status"`
	Reason   string           `json:"reason,omitempty"`
	Start    drill.Duration   `json:"scenarioStart"`
	End      drill.Duration   `json:"scenarioEnd"`
	Duration drill.Duration   `json:"duration"`
	Measure  string           `json:"measure"`
	Wall     string           `json:"wall"`
	Actor    string           `json:"actor,omitempty"`
	Account  string           `json:"account,omitempty"` // the OS account beside Actor, when it differs
	Role     string           `json:"role,omitempty"`
	Note     string           `json:"note,omitempty"`
	// DeclaredTook is the time the person said a manual step took, beside
	// the duration that counted (measured in live mode).
	DeclaredTook drill.Duration    `json:"declaredTook,omitempty"`
	Attempts     int               `json:"attempts,omitempty"`
	Details      map[string]string `json:"details,omitempty"`
	// Event is the journal event's sequence number and hash.
	EventSeq  int                    `json:"eventSeq,omitempty"`
	EventHash string                 `json:"eventHash,omitempty"`
	Artifacts []evidence.ArtifactRef `json:"artifacts,omitempty"`
}

// SupplierLine is one unavailable supplier and how the processes depending on
// it fared.
type SupplierLine struct {
	Supplier  string        `json:"supplier"`
	Lost      bool          `json:"lost"` // named by the scenario, not only down through a subprocessor
	Processes int           `json:"processes"`
	Verdicts  VerdictCounts `json:"verdicts"`
}

// Evidence identifies the bundle's records an auditor checks.
type Evidence struct {
	JournalEvents int                      `json:"journalEvents"`
	JournalHead   string                   `json:"journalHead"`
	Files         []evidence.ArtifactRef   `json:"files"` // plan, result, findings
	Definitions   []evidence.DefinitionRef `json:"definitions"`
	Sources       []drill.Source           `json:"sources,omitempty"`
	// Signer is the key that signs the bundle; empty when it is unsigned.
	Signer string `json:"signer,omitempty"`
}

// New computes the report of bundle b. It fails only on a bundle without a plan
// or result.
func New(b *evidence.Bundle) (*Report, error) {
	if b == nil || b.Plan == nil || b.Result == nil {
		return nil, errNoDrill
	}
	res, plan := b.Result, b.Plan
	r := &Report{DrillID: b.DrillID, Organisation: plan.Organisation, Scenario: res.Scenario, Started: res.Started.UTC(),
		StartedBy: b.StartedBy, Account: b.Account, Note: b.Note, Finished: res.Finished.UTC(), Abort: res.Abort,
		Exercise: exerciseOrNil(b.Exercise), Observations: res.Observations, Injects: res.Injects, Notifications: notices(res),
		ObjectivesMet: res.ObjectivesMet, Findings: b.Findings}
	if r.Findings == nil {
		r.Findings = []evidence.Finding{}
	}
	if r.Scenario.ID == "" {
		r.Scenario = plan.Scenario
	}
	if !res.Finished.IsZero() {
		r.WallTime = res.Finished.Sub(res.Started).Round(time.Second).String()
	}
	idx := indexEvents(b.Events)
	for _, p := range res.Processes {
		r.Processes = append(r.Processes, newProcess(p, idx))
	}
	r.Summary = summarise(r, plan.Unaffected)
	r.Suppliers = supplierLines(r)
	r.Evidence = evidenceOf(b)
	return r, nil
}

// eventIndex finds a step's or a verdict's journal event without a scan per step.
type eventIndex struct {
	steps    map[string]*evidence.Event
	verdicts map[string]*evidence.Event
	planned  map[string]*evidence.Event
}

func stepKey(process, step string, rollback bool) string {
	k := process + "\x00" + step
	if rollback {
		k += "\x00r"
	}
	return k
}

func indexEvents(events []*evidence.Event) *eventIndex {
	idx := &eventIndex{steps: map[string]*evidence.Event{}, verdicts: map[string]*evidence.Event{}, planned: map[string]*evidence.Event{}}
	for _, e := range events {
		switch e.Type {
		case evidence.EventStep:
			var s struct {
				Rollback bool `json:"rollback"`
			}
			_ = unmarshal(e.Data, &s)
			k := stepKey(e.Process, e.Step, s.Rollback)
			if idx.steps[k] == nil {
				idx.steps[k] = e
			}
		case evidence.EventProcessVerdict:
			idx.verdicts[e.Process] = e
		case evidence.EventProcessPlanned:
			idx.planned[e.Process] = e
		}
	}
	return idx
}

func newProcess(p *drill.ProcessResult, idx *eventIndex) *Process {
	out := &Process{ID: p.Process, Name: p.Name, Owner: p.Owner, Critical: p.Critical, Verdict: p.Verdict, Why: p.Why,
		Survives: judge.Survives(p.Verdict), Recovered: p.Recovered, RTO: p.RTO, MTPD: p.MTPD, RPO: p.RPO,
		DataLoss: p.DataLoss, FailedStep: p.FailedStep, Score: judge.DrillScore(p), Steps: []*Step{}, Coverage: p.Coverage}
	if p.Recovered {
		out.Recovery = p.Recovery
	}
	out.Against = against(p)
	if e := idx.planned[p.Process]; e != nil {
		var d evidence.ProcessData
		if unmarshal(e.Data, &d) == nil {
			out.DefinitionHash, out.Paths, out.Problem = d.DefinitionHash, d.Paths, d.Problem
			if out.Name == "" {
				out.Name = d.Name
			}
		}
	}
	if e := idx.verdicts[p.Process]; e != nil {
		out.VerdictEvent = e.Hash
	}
	for _, group := range [][]*drill.StepResult{p.Steps, p.Rollback} {
		for _, s := range group {
			st := newStep(s)
			if e := idx.steps[stepKey(p.Process, s.Step, s.Rollback)]; e != nil {
				st.EventSeq, st.EventHash, st.Artifacts = e.Seq, e.Hash, e.Artifacts
			}
			switch s.Measure {
			case drill.Measured:
				out.Measures.Measured++
			case drill.Declared:
				out.Measures.Declared++
			case drill.Simulated:
				out.Measures.Simulated++
			}
			out.Steps = append(out.Steps, st)
		}
	}
	return out
}

// account is the OS account to show beside actor: "" when it is the same.
func account(actor, acct string) string {
	if acct == actor {
		return ""
	}
	return acct
}

// Starter is who started the drill, with the OS account beside (drill.Who).
func (r *Report) Starter() string { return drill.Who(r.StartedBy, r.Account) }

func newStep(s *drill.StepResult) *Step {
	st := &Step{ID: s.Step, Kind: s.Kind, Target: s.Target, Rollback: s.Rollback, Status: s.Status, Reason: s.Reason,
		Start: s.ScenarioStart, End: s.ScenarioEnd, Duration: s.Duration, Measure: s.Measure,
		Actor: s.Actor, Account: account(s.Actor, s.Account), Role: s.Role, Note: s.Note, DeclaredTook: s.DeclaredTook, Attempts: s.Attempts, Details: s.Details}
	if s.Wall > 0 {
		st.Wall = roundWall(s.Wall).String()
	}
	return st
}

// roundWall keeps wall times readable: milliseconds under a minute, seconds above.
func roundWall(d time.Duration) time.Duration {
	if d < time.Minute {
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Second)
}

// against describes the recovery time against RTO and MTPD.
func against(p *drill.ProcessResult) string {
	switch {
	case p.Verdict == drill.Aborted:
		return "not decided: the drill was aborted"
	case p.Verdict == drill.WaitedOut && p.Recovered:
		return "the outage ended before recovery finished; recovery would have taken " + p.Recovery.String()
	case p.Verdict == drill.WaitedOut:
		return "not recovered when the outage ended; recovery never completed"
	case p.Verdict == drill.Unproven:
		return "not shown: the runbook leaves a lost application uncovered"
	case !p.Recovered:
		return "not recovered"
	case p.Recovery <= p.RTO:
		return "within RTO, " + (p.RTO - p.Recovery).String() + " to spare"
	case p.Recovery <= p.MTPD:
		return (p.Recovery - p.RTO).String() + " over RTO, " + (p.MTPD - p.Recovery).String() + " before MTPD"
	default:
		return (p.Recovery - p.MTPD).String() + " beyond MTPD"
	}
}

func summarise(r *Report, unaffected int) Summary {
	s := Summary{Processes: len(r.Processes), Unaffected: unaffected}
	var results []*drill.ProcessResult
	for _, p := range r.Processes {
		s.Verdicts.add(p.Verdict)
		if p.Critical {
			results = append(results, p.result())
			if p.Verdict == drill.Recovered {
				s.CriticalInRTO++
			}
		}
		if p.DataLoss.Missed() {
			s.DataLossMissed++
		}
	}
	for _, f := range r.Findings {
		switch f.Severity {
		case evidence.Critical:
			s.Findings.Critical++
		case evidence.High:
			s.Findings.High++
		case evidence.Medium:
			s.Findings.Medium++
		default:
			s.Findings.Low++
		}
	}
	// Counted as the readiness views count a supplier's loss, by one function.
	surv := judge.DrillSurvival(results, r.Scenario.Duration)
	s.Critical, s.CriticalSurvive = surv.Critical, surv.Survive
	s.Headline = headline(r, s)
	return s
}

// result is the drill result the process was made from, as far as judging
// its survival needs.
func (p *Process) result() *drill.ProcessResult {
	return &drill.ProcessResult{Process: p.ID, Critical: p.Critical, Verdict: p.Verdict, Recovered: p.Recovered,
		Recovery: p.Recovery, RTO: p.RTO, MTPD: p.MTPD}
}

// headline answers the manager's question in one sentence: does the
// organisation get through the loss ("Yes: …" or "No: …", the suppliers by
// name, the processes that miss their objectives and why), then the figures.
func headline(r *Report, s Summary) string {
	loss := "losing " + lostPhrase(r.Scenario) + " for " + spanForPeople(r.Scenario.Duration)
	var missed []string
	for _, p := range r.Processes {
		var why []string
		if !p.Verdict.Met() && !p.Verdict.SaysNothing() {
			why = append(why, string(p.Verdict))
		}
		if p.DataLoss.Missed() {
			why = append(why, "data older than its RPO")
		}
		if len(why) > 0 {
			missed = append(missed, p.ID+" ("+strings.Join(why, ", ")+")")
		}
	}
	scope := plural(s.Processes, "impacted process", "impacted processes")
	var b strings.Builder
	switch {
	case len(missed) > 0:
		b.WriteString("No: " + plural(len(missed), "of "+itoa(s.Processes)+" impacted processes misses its", "of "+itoa(s.Processes)+" impacted processes miss their") +
			" objectives after " + loss + ": " + strings.Join(missed, ", ") + ".")
	case r.Abort != nil || s.Verdicts.Inconclusive > 0 || s.Verdicts.Unproven > 0:
		b.WriteString("Not shown: the drill did not prove that the " + scope + " keep their objectives after " + loss + ".")
	default:
		if s.Processes == 1 {
			scope = "the impacted process keeps its"
		} else {
			scope = "all " + scope + " keep their"
		}
		b.WriteString("Yes: " + scope + " objectives (RTO, MTPD, RPO) after " + loss + ".")
	}
	if s.Critical > 0 {
		b.WriteString(" " + plural(s.CriticalSurvive, "of "+itoa(s.Critical)+" critical process survives", "of "+itoa(s.Critical)+" critical processes survive"))
		if s.CriticalInRTO == 1 {
			b.WriteString("; 1 of them is recovered within its RTO.")
		} else {
			b.WriteString("; " + itoa(s.CriticalInRTO) + " of them are recovered within their RTO.")
		}
	}
	if r.Abort != nil {
		b.WriteString(" The drill was aborted: the result is incomplete.")
	}
	if n := s.Verdicts.Inconclusive; n > 0 {
		b.WriteString(" " + plural(n, "process is", "processes are") + " inconclusive: steps could not be attempted on the worker, which says nothing about the loss.")
	}
	if n := s.Verdicts.Unproven; n > 0 {
		b.WriteString(" " + plural(n, "process is", "processes are") + " unproven: the runbook leaves a lost application uncovered, so nothing shows that it comes back.")
	}
	return b.String()
}

// lostPhrase names the lost suppliers for people: "Microsoft (Azure,
// Microsoft 365)", "SAP and KPN".
func lostPhrase(sc drill.Info) string {
	var names []string
	for _, id := range sc.Lost {
		names = append(names, sc.SupplierName(id))
	}
	switch len(names) {
	case 0:
		return "the scenario's suppliers"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func supplierLines(r *Report) []SupplierLine {
	lost := map[string]bool{}
	for _, s := range r.Scenario.Lost {
		lost[s] = true
	}
	var out []SupplierLine
	for _, sup := range r.Scenario.Down {
		line := SupplierLine{Supplier: sup, Lost: lost[sup]}
		for _, p := range r.Processes {
			if slices.ContainsFunc(p.Paths, func(path string) bool { return slices.Contains(strings.Split(path, " -> ")[1:], sup) }) {
				line.Processes++
				line.Verdicts.add(p.Verdict)
			}
		}
		out = append(out, line)
	}
	slices.SortStableFunc(out, func(a, b SupplierLine) int {
		if a.Processes != b.Processes {
			return b.Processes - a.Processes
		}
		return strings.Compare(a.Supplier, b.Supplier)
	})
	return out
}

func evidenceOf(b *evidence.Bundle) Evidence {
	ev := Evidence{JournalEvents: len(b.Events), Definitions: b.Definitions, Sources: b.Sources, Files: []evidence.ArtifactRef{}, Signer: b.Signer}
	if ev.Definitions == nil {
		ev.Definitions = []evidence.DefinitionRef{}
	}
	if n := len(b.Events); n > 0 {
		ev.JournalHead = b.Events[n-1].Hash
	}
	for _, e := range b.Events {
		if e.Type == evidence.EventDrillStarted || e.Type == evidence.EventDrillFinished {
			ev.Files = append(ev.Files, e.Artifacts...)
		}
	}
	return ev
}

// notVerifiedBanner is the warning a report or diff opens with when a bundle
// failed verification; problem is "WHERE: WHAT".
func notVerifiedBanner(problem string) string {
	return "NOT VERIFIED: " + problem + ". This was rendered from a bundle that failed verification: " +
		"it may have been changed since the drill; do not rely on it."
}
