package reports

import (
	"fmt"
	"sort"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
)

// Kinds of DiffWarning: what differs between two drills beyond their results.
const (
	WarnScenario           = "scenario"            // different scenario ids
	WarnDuration           = "scenario-duration"   // different outage lengths
	WarnMode               = "scenario-mode"       // live, compressed or tabletop
	WarnScenarioDefinition = "scenario-definition" // the same scenario id, defined differently
	WarnCatalog            = "catalog"             // catalog files (runbooks among them) added, removed or changed
	WarnRunbook            = "runbook"             // a process's runbook or its steps differ
	WarnProcess            = "process-definition"  // a process's objectives or dependency paths differ
	WarnSource             = "source"              // definitions from another commit of a repository
	WarnSignature          = "signature"           // one side unsigned, or signed by another key
)

// DiffWarning is one reason the two drills of a diff are not compared like
// for like: every format shows them first, after any NOT VERIFIED banner.
type DiffWarning struct {
	// Kind is one of the Warn constants.
	Kind string `json:"kind"`
	// Text says it in words, as the text format shows it.
	Text string `json:"text"`
	// Old and New are the differing values, where there is one per drill.
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
	// Items name what differs: definition files ("PATH (changed)") or
	// process ids.
	Items []string `json:"items,omitempty"`
}

// comparability lists what differs between drills a and b, from bundles ab
// and bb, besides their results: scenario, definitions, runbooks, sources,
// signer.
func comparability(ab, bb *evidence.Bundle, a, b *Report) []DiffWarning {
	w := scenarioWarnings(a.Scenario, b.Scenario)
	w = append(w, definitionWarnings(a, b)...)
	w = append(w, processWarnings(ab, bb, a, b)...)
	w = append(w, sourceWarnings(a.Evidence.Sources, b.Evidence.Sources)...)
	if s := signatureWarning(a.Evidence.Signer, b.Evidence.Signer); s != nil {
		w = append(w, *s)
	}
	return w
}

func scenarioWarnings(a, b drill.Info) []DiffWarning {
	var w []DiffWarning
	if a.ID != b.ID {
		w = append(w, DiffWarning{Kind: WarnScenario, Old: a.ID, New: b.ID,
			Text: fmt.Sprintf("different scenarios: %s → %s; each process is compared across them", a.ID, b.ID)})
	}
	if a.Duration != b.Duration {
		w = append(w, DiffWarning{Kind: WarnDuration, Old: a.Duration.String(), New: b.Duration.String(),
			Text: fmt.Sprintf("different outage lengths: %s → %s; a verdict holds for its own outage", a.Duration, b.Duration)})
	}
	if a.Mode != b.Mode {
		w = append(w, DiffWarning{Kind: WarnMode, Old: a.Mode, New: b.Mode,
			Text: fmt.Sprintf("different modes: %s → %s; what a drill proves depends on its mode", a.Mode, b.Mode)})
	}
	return w
}

// definitionWarnings compares the definition files the bundles record, the
// scenario's apart from the catalog's (runbooks are catalog files).
func definitionWarnings(a, b *Report) []DiffWarning {
	olds, news := a.Evidence.Definitions, b.Evidence.Definitions
	switch {
	case len(olds) == 0 && len(news) == 0:
		return []DiffWarning{{Kind: WarnCatalog, Text: "neither bundle records its definition files: whether the catalog or scenario changed cannot be told"}}
	case len(olds) == 0 || len(news) == 0:
		side := "old"
		if len(news) == 0 {
			side = "new"
		}
		return []DiffWarning{{Kind: WarnCatalog, Text: "the " + side + " drill's bundle records no definition files: whether the catalog or scenario changed cannot be told"}}
	}
	var w []DiffWarning
	catalog, scenario := changedDefinitions(olds, news)
	if len(catalog) > 0 {
		w = append(w, DiffWarning{Kind: WarnCatalog, Items: catalog,
			Text: "different catalog definitions: " + strings.Join(catalog, ", ")})
	}
	if len(scenario) > 0 && a.Scenario.ID == b.Scenario.ID {
		w = append(w, DiffWarning{Kind: WarnScenarioDefinition, Items: scenario,
			Text: fmt.Sprintf("scenario %s was defined differently: %s", b.Scenario.ID, strings.Join(scenario, ", "))})
	}
	return w
}

// changedDefinitions lists the definition files added, removed or changed,
// as "PATH (what)" without the definitions/ prefix, split into the
// catalog's and the scenario's.
func changedDefinitions(olds, news []evidence.DefinitionRef) (catalog, scenario []string) {
	before := map[string]string{}
	for _, d := range olds {
		before[d.Path] = d.SHA256
	}
	after := map[string]string{}
	for _, d := range news {
		after[d.Path] = d.SHA256
	}
	var out []string
	for p, h := range after {
		switch old, ok := before[p]; {
		case !ok:
			out = append(out, p+" (added)")
		case old != h:
			out = append(out, p+" (changed)")
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, p+" (removed)")
		}
	}
	sort.Strings(out)
	for _, item := range out {
		rel := strings.TrimPrefix(item, evidence.DefinitionsDir+"/")
		if strings.HasPrefix(rel, "scenario/") || strings.HasPrefix(rel, "scenario.") {
			scenario = append(scenario, rel)
		} else {
			catalog = append(catalog, rel)
		}
	}
	return catalog, scenario
}

// processWarnings names the processes in both drills whose runbook differs
// (its id or its steps), and those whose definition hash differs otherwise
// (objectives, dependency paths).
func processWarnings(ab, bb *evidence.Bundle, a, b *Report) []DiffWarning {
	oldPlan, newPlan := plansByID(ab.Plan), plansByID(bb.Plan)
	oldHash := map[string]string{}
	for _, p := range a.Processes {
		oldHash[p.ID] = p.DefinitionHash
	}
	var runbook, other []string
	for _, p := range b.Processes {
		op, np := oldPlan[p.ID], newPlan[p.ID]
		if op == nil || np == nil {
			continue
		}
		switch {
		case evidence.RunbookHash(op) != evidence.RunbookHash(np):
			runbook = append(runbook, p.ID)
		case oldHash[p.ID] != "" && p.DefinitionHash != "" && oldHash[p.ID] != p.DefinitionHash:
			other = append(other, p.ID)
		}
	}
	var w []DiffWarning
	if len(runbook) > 0 {
		w = append(w, DiffWarning{Kind: WarnRunbook, Items: runbook,
			Text: "different runbooks (steps or rollback) for " + strings.Join(runbook, ", ")})
	}
	if len(other) > 0 {
		w = append(w, DiffWarning{Kind: WarnProcess, Items: other,
			Text: "different process definitions (objectives or dependency paths) for " + strings.Join(other, ", ")})
	}
	return w
}

func plansByID(p *drill.Plan) map[string]*drill.ProcessPlan {
	out := map[string]*drill.ProcessPlan{}
	for _, pp := range p.Processes {
		out[pp.ID] = pp
	}
	return out
}

// sourceWarnings names the definitions taken from a repository at another
// commit (or from another source), by role (catalog, scenario). Sources
// without commits are left to the definition hashes: the same files given by
// another path are no change.
func sourceWarnings(olds, news []drill.Source) []DiffWarning {
	before := map[string]drill.Source{}
	for _, s := range olds {
		before[s.Role] = s
	}
	var w []DiffWarning
	for _, n := range news {
		o, ok := before[n.Role]
		if !ok || (o.Commit == "" && n.Commit == "") || (o.Spec == n.Spec && o.Commit == n.Commit) {
			continue
		}
		what := "commit"
		if o.Spec != n.Spec {
			what = "source"
		}
		w = append(w, DiffWarning{Kind: WarnSource, Old: sourceText(o), New: sourceText(n),
			Text: fmt.Sprintf("the %s came from another %s: %s → %s", n.Role, what, sourceText(o), sourceText(n))})
	}
	return w
}

func sourceText(s drill.Source) string {
	if s.Commit == "" {
		return s.Spec + " (no commit recorded)"
	}
	c := s.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	return s.Spec + " at " + c
}

// signatureWarning says when one drill's bundle is unsigned and the other's
// signed, or the two are signed by different keys.
func signatureWarning(old, new string) *DiffWarning {
	switch {
	case old == new:
		return nil
	case old == "":
		return &DiffWarning{Kind: WarnSignature, New: new, Text: "the old drill's bundle is not signed; the new one is, by " + new}
	case new == "":
		return &DiffWarning{Kind: WarnSignature, Old: old, Text: "the new drill's bundle is not signed; the old one is, by " + old}
	}
	return &DiffWarning{Kind: WarnSignature, Old: old, New: new, Text: fmt.Sprintf("signed by different keys: %s → %s", old, new)}
}
