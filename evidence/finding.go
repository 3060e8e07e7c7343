package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
)

// Severity ranks a finding, most urgent first.
type Severity string

// Severities.
const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
	Low      Severity = "low"
)

// Rank orders severities: 0 is the most urgent.
func (s Severity) Rank() int {
	switch s {
	case Critical:
		return 0
	case High:
		return 1
	case Medium:
		return 2
	default:
		return 3
	}
}

// Finding categories: what kind of weakness a finding is.
const (
	CatObjective   = "objective"   // a process missed its RTO or MTPD
	CatDataLoss    = "data-loss"   // the newest usable copy is older than the RPO
	CatStep        = "step"        // a recovery step failed
	CatEnvironment = "environment" // a step could not be attempted on the worker: the drill is inconclusive there
	CatExitPlan    = "exit-plan"   // an exit plan passed with remarks (migration time vs contract or MTPD)
	CatBackup      = "backup"      // a usable backup missed its schedule
	CatRollback    = "rollback"    // a rollback step failed: the drill left something behind
	CatNoRunbook   = "no-runbook"  // the process has no way back at all
	CatCoverage    = "coverage"    // no runbook step covers a lost application: the process is unproven
)

// Finding is a weakness a drill found, with who owns it and what to do.
type Finding struct {
	// Fingerprint identifies the finding across drills: the same weakness in a
	// later drill has the same fingerprint, whatever its measured figures.
	Fingerprint string   `json:"fingerprint"`
	Severity    Severity `json:"severity"`
	Category    string   `json:"category"`
	Process     string   `json:"process"`
	Owner       string   `json:"owner"`
	Step        string   `json:"step,omitempty"`
	Target      string   `json:"target,omitempty"`
	Title       string   `json:"title"`
	Detail      string   `json:"detail"`
	Hint        string   `json:"hint"`
}

// fingerprint is stable over what the weakness is, never over measurements.
func fingerprint(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:8])
}

// Findings derives the findings of a drill from its result, most urgent first
// (then by process and step). It is deterministic.
func Findings(res *drill.DrillResult) []Finding {
	var out []Finding
	for _, p := range res.Processes {
		out = append(out, processFindings(p)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Severity.Rank() != b.Severity.Rank() {
			return a.Severity.Rank() < b.Severity.Rank()
		}
		if a.Process != b.Process {
			return a.Process < b.Process
		}
		return a.Step < b.Step
	})
	return out
}

func processFindings(p *drill.ProcessResult) []Finding {
	var out []Finding
	add := func(sev Severity, cat, step, target, title, detail, hint string) {
		out = append(out, Finding{
			Fingerprint: fingerprint(cat, p.Process, step, target),
			Severity:    sev, Category: cat, Process: p.Process, Owner: p.Owner,
			Step: step, Target: target, Title: title, Detail: detail, Hint: hint,
		})
	}
	switch p.Verdict {
	case drill.Breached:
		sev := High
		if p.Critical {
			sev = Critical
		}
		add(sev, CatObjective, "", "", fmt.Sprintf("%s: MTPD breached", p.Process), p.Why,
			"shorten the recovery path (an alternative that is ready, a restore that is rehearsed) or renegotiate the MTPD with the process owner")
	case drill.Late:
		add(Medium, CatObjective, "", "", fmt.Sprintf("%s: recovered after its RTO", p.Process), p.Why,
			"automate or pre-stage the slowest steps of the runbook; the timeline shows which")
	case drill.WaitedOut:
		// The outage ended first; a longer one would meet the recovery as
		// it is. A failed step or a missing runbook has its own finding.
		switch {
		case !p.Recovered:
		case p.Recovery > p.MTPD:
			add(Medium, CatObjective, "", "", fmt.Sprintf("%s: recovery would outlast its MTPD", p.Process), p.Why,
				"a longer outage would breach the MTPD: shorten the recovery path (an alternative that is ready, a restore that is rehearsed)")
		case p.Recovery > p.RTO:
			add(Low, CatObjective, "", "", fmt.Sprintf("%s: recovery would outlast its RTO", p.Process), p.Why,
				"a longer outage would find the process late: automate or pre-stage the slowest steps of the runbook")
		}
	}
	if dl := p.DataLoss; dl.Missed() {
		sev := Medium
		if p.Critical {
			sev = High
		}
		add(sev, CatDataLoss, "", dl.Backup, fmt.Sprintf("%s: data loss beyond RPO %s", p.Process, dl.RPO), dl.Text,
			"back up more often, or keep a copy outside the lost supplier")
	}
	if p.Verdict == drill.Unproven {
		sev := Medium
		if p.Critical {
			sev = High
		}
		for _, c := range p.Coverage {
			if c.Result == drill.CoverNone {
				add(sev, CatCoverage, "", c.App, fmt.Sprintf("%s: nothing shows that %s comes back", p.Process, c.App), drill.NotShown([]string{c.App}),
					fmt.Sprintf("add a step that targets a backup or alternative of %s or its exit plan, or say covers: [%s] on the step that brings it back", c.App, c.App))
			}
		}
	}
	for _, s := range p.Steps {
		if s.Status == drill.StepInconclusive {
			add(Medium, CatEnvironment, s.Step, s.Target, fmt.Sprintf("%s: step %s could not be attempted", p.Process, s.Step), s.Reason,
				"fix the worker (install the tool, set the variable, provide the program) and run the drill again: until then the drill says nothing about this process")
		}
		if s.Status == drill.StepFailed {
			sev := Medium
			if p.Critical {
				sev = High
			}
			add(sev, CatStep, s.Step, s.Target, fmt.Sprintf("%s: step %s failed", p.Process, s.Step), s.Reason, stepHint(s))
		}
		if f := s.Details[drill.DetailFindings]; f != "" && s.Status == drill.StepPassed {
			rm := remarksOf(s)
			add(Low, rm.Category, s.Step, s.Target, p.Process+": "+drill.Fill(rm.Title, s), f, drill.Fill(rm.Hint, s))
		}
	}
	for _, s := range p.Rollback {
		if s.Status == drill.StepFailed {
			add(Medium, CatRollback, s.Step, s.Target, fmt.Sprintf("%s: rollback step %s failed", p.Process, s.Step), s.Reason,
				"undo the drill's change by hand and fix the rollback step")
		}
	}
	if len(p.Steps) == 0 && !p.Recovered && p.Verdict != drill.Aborted {
		add(High, CatNoRunbook, "", "", fmt.Sprintf("%s: no recovery runbook", p.Process), p.Why,
			"write a runbook for the loss of this process's suppliers")
	}
	return out
}

// stepHint is the remediation hint for a failed step: what to do about this
// step's own target (which backup, which exit plan, which endpoint), in the
// words of its kind (drill.KindSpec.Remedy).
func stepHint(s *drill.StepResult) string {
	if strings.Contains(s.Reason, "held by lost supplier") {
		return drill.Fill("keep a copy or an alternative of {target}'s data at a supplier that does not depend on the lost one, and add a step that checks it", s)
	}
	spec, _ := s.Kind.Spec()
	if spec.Remedy == "" {
		return drill.Fill(unknownRemedy, s)
	}
	return drill.Fill(spec.Remedy, s)
}

// unknownRemedy is the remedy of a step of a kind this version does not
// know (a bundle written by a later one).
const unknownRemedy = "fix step {step} or what it acts on, then run the drill again"

// remarksOf is what the remarks of the passed step s are about: its kind's,
// or, for a kind that declares none, remarks on the step itself.
func remarksOf(s *drill.StepResult) drill.Remarks {
	if spec, _ := s.Kind.Spec(); spec.Remarks.Category != "" {
		return spec.Remarks
	}
	return drill.Remarks{Category: CatStep, Title: "step {step} passed with remarks", Hint: "act on the remarks of step {step}"}
}
