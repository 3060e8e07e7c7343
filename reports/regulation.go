package reports

import (
	"fmt"

	"github.com/exitdrill/exitdrill/drill"
)

// evidenceItem is a kind of evidence a bundle holds, with what this drill's
// bundle has of it and where an auditor finds it.
type evidenceItem struct {
	Code, Name, Where, Here string
}

// requirement is a regulatory requirement the evidence supports, summarised
// in plain words to locate it (the legal text governs), with the evidence
// items that support it.
type requirement struct {
	Ref, Source, Asks string
	Items             []string
}

// requirements maps the evidence to the regulations a Dutch municipality (and
// a financial entity) is held to. Paraphrases, not quotations.
var requirements = []requirement{
	{"DORA art. 11", "Regulation (EU) 2022/2554", "ICT business continuity policy with response and recovery plans that keep critical functions running, tested regularly, including scenarios of severe disruption.", []string{"E1", "E3", "E5", "E7", "E8"}},
	{"DORA art. 12", "Regulation (EU) 2022/2554", "Backup policies and restoration and recovery procedures; backups restored and checked periodically; recovery without undue loss of data.", []string{"E3", "E4"}},
	{"DORA art. 24–25", "Regulation (EU) 2022/2554", "A documented resilience testing programme with scenario-based tests of ICT tools and systems; weaknesses found are reported and addressed.", []string{"E1", "E2", "E3", "E8"}},
	{"DORA art. 28(8)", "Regulation (EU) 2022/2554", "Exit strategies for ICT services supporting critical or important functions: exit plans that are comprehensive, documented and sufficiently tested.", []string{"E1", "E3", "E6"}},
	{"RTS 2024/1774 art. 25", "Delegated Regulation (EU) 2024/1774", "Testing of the ICT business continuity plans: scenarios including the failure of ICT third-party service providers, switch-over to alternatives, restoring from backups; results documented.", []string{"E1", "E2", "E3", "E4", "E5"}},
	{"NIS2 art. 21(2)(c)", "Directive (EU) 2022/2555", "Business continuity measures, such as backup management and disaster recovery, and crisis management.", []string{"E3", "E4", "E5"}},
	{"BIO2 5.30.01", "Baseline Informatiebeveiliging Overheid 2 (ISO/IEC 27002 5.30)", "ICT readiness for business continuity: continuity arrangements for ICT are planned, implemented and tested against the continuity objectives.", []string{"E1", "E3", "E5"}},
	{"BIO2 8.13.04", "Baseline Informatiebeveiliging Overheid 2 (ISO/IEC 27002 8.13)", "Information backup: backups are made as agreed and their restore is tested.", []string{"E4"}},
	{"ISO 22301 clause 8.5", "ISO 22301:2019", "Exercise programme: exercises consistent with the continuity objectives, based on scenarios, minimising the risk of disruption, with post-exercise reports of outcomes, recommendations and actions.", []string{"E1", "E2", "E3", "E7", "E8", "E9"}},
}

// evidenceItems describes the evidence of r.
func evidenceItems(r *Report) []evidenceItem {
	var c struct{ simulated, declared, rollback, rollbackFailed int }
	steps, passed := map[drill.Proof]int{}, map[drill.Proof]int{} // by what the step's kind proves
	for _, p := range r.Processes {
		for _, s := range p.Steps {
			if proof, counted := proves(s); counted {
				steps[proof]++
				passed[proof] += b2i(s.Status == drill.StepPassed)
			}
			switch s.Measure {
			case drill.Simulated:
				c.simulated++
			case drill.Declared:
				c.declared++
			}
			if s.Rollback {
				c.rollback, c.rollbackFailed = c.rollback+1, c.rollbackFailed+b2i(s.Status == drill.StepFailed)
			}
		}
	}
	sc, s := r.Scenario, r.Summary
	return []evidenceItem{
		{"E1", "Scenario and plan", "plan.json; definitions/ (catalog, runbooks, scenario as drilled, with SHA-256); drill.started and process.planned events (definition hash per process)",
			fmt.Sprintf("scenario %s: %s lost for %s, %s mode; %s planned from %s", sc.ID, listOr(sc.Lost, "nothing"), sc.Duration, sc.Mode,
				plural(s.Processes, "process", "processes"), plural(len(r.Evidence.Definitions), "definition file", "definition files"))},
		{"E2", "Tamper-evident record", "journal.jsonl (each event holds the SHA-256 of the one before); manifest.json lists every file's SHA-256; manifest.sig (ed25519). Check with `exitdrill verify`",
			fmt.Sprintf("journal of %d events, head %s", r.Evidence.JournalEvents, short(r.Evidence.JournalHead))},
		{"E3", "Recovery against objectives", "process.verdict events; result.json; this report's objectives table and timeline",
			fmt.Sprintf("%s; %d of %d critical processes within MTPD", s.Verdicts.Words(), s.CriticalSurvive, s.Critical)},
		{"E4", "Backups restored, data loss against RPO", "step events of backup.fresh and backup.restore (age at T0, restore time, bytes); data loss per process",
			fmt.Sprintf("%d backup checks, %d passed; %s beyond RPO", steps[drill.ProofBackup], passed[drill.ProofBackup], plural(s.DataLossMissed, "process", "processes"))},
		{"E5", "Switch to alternatives", "step events of hosting, command, container and mirror steps (status, latency, output as artifacts)",
			fmt.Sprintf("%d recovery actions, %d passed", steps[drill.ProofSwitch], passed[drill.ProofSwitch])},
		{"E6", "Exit plans tested", "step events of exitplan.current and exitplan.export (review date, required sections, export parsed with record counts and SHA-256)",
			fmt.Sprintf("%d exit plan checks, %d passed", steps[drill.ProofExitPlan], passed[drill.ProofExitPlan])},
		{"E7", "People and time", "manual step events (actor, role, note); every step's measure: measured, declared or simulated",
			fmt.Sprintf("%d manual steps; %d steps with declared time, %d simulated", steps[drill.ProofPeople], c.declared, c.simulated)},
		{"E8", "Findings, owners and actions", "findings.json; the findings section of this report (severity, owner, remediation hint, fingerprint to follow it across drills)",
			fmt.Sprintf("%d critical, %d high, %d medium, %d low", s.Findings.Critical, s.Findings.High, s.Findings.Medium, s.Findings.Low)},
		{"E9", "Exercise without lasting disruption", "rollback step events: what the drill changed is undone",
			fmt.Sprintf("%d rollback steps, %d failed", c.rollback, c.rollbackFailed)},
	}
}

// proves is what the step s counts toward in the evidence (its kind's
// drill.KindSpec.Proves), and whether it is counted there at all: a rollback
// step that would switch to an alternative undoes the drill instead (E9), and
// a step of a kind this version does not know is not counted.
func proves(s *Step) (drill.Proof, bool) {
	spec, ok := s.Kind.Spec()
	if !ok || spec.Proves == drill.ProofSwitch && s.Rollback {
		return 0, false
	}
	return spec.Proves, true
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
