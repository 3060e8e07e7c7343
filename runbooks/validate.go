package runbooks

import (
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// Validate checks the rules a runbook follows on its own: unique step ids, one
// kind per step, the keys each kind needs and only those, after naming earlier
// steps, sensible retry windows. It does not look at the catalog.
func Validate(rb *Runbook, errs *yamldoc.List) {
	if len(rb.Steps) == 0 && rb.Src.Has("steps") && !errs.HasKey(rb.Src.Key("steps")) {
		errs.AddAt(rb.Src, "steps", "", "a runbook needs at least one step", "a list of steps, each with an id and one of check, action, manual")
	}
	seen := map[string]bool{}
	for i, s := range rb.Steps {
		validateStep(rb, s, i, seen, false, errs)
	}
	for i, s := range rb.Rollback {
		validateStep(rb, s, i, seen, true, errs)
	}
	ValidateInjects(rb.Injects, "runbook "+rb.ID, errs)
}

func validateStep(rb *Runbook, s *Step, i int, seen map[string]bool, rollback bool, errs *yamldoc.List) {
	if s == nil {
		errs.AddAt(rb.Src, "steps", "", "empty step", "a mapping with id and one of check, action, manual")
		return
	}
	if s.ID != "" {
		if seen[s.ID] {
			errs.AddAt(s.Src, "id", s.ID, "duplicate step id in runbook "+rb.ID, "each step id once per runbook, rollback included")
		}
		seen[s.ID] = true
	}
	kind := s.Kind()
	if kind == "" && errs.HasKey(s.Src.Key("")) {
		return // not a mapping: the decoder said so
	}
	if kind == "" {
		errs.Add(s.Src.Pos, s.Src.Key(""), "", "a step needs exactly one of check, action and manual", "check: "+kindList(drill.KeyCheck, true)+"; action: "+kindList(drill.KeyAction, false)+"; manual: {role, instructions}")
		return
	}
	if _, known := kind.Target(); known {
		validateKindKeys(s, kind, errs)
	}
	for _, a := range s.After {
		switch {
		case rollback:
			errs.AddAt(s.Src, "after", a, "rollback steps run in order and cannot use after", "")
		case a == s.ID:
			errs.AddAt(s.Src, "after", a, "a step cannot wait for itself", "ids of earlier steps")
		case !seen[a] || !earlier(rb.Steps, a, s):
			errs.AddAt(s.Src, "after", a, "after must name an earlier step of this runbook", "ids of earlier steps: "+earlierIDs(rb.Steps, s))
		}
	}
	if r := s.Retry; r != nil && r.Every > 0 && r.For > 0 && r.Every > r.For {
		errs.AddAt(r.Src, "every", r.Every.String(), "retry interval is longer than the retry window "+r.For.String(), "every <= for")
	}
	for _, e := range s.Env {
		if !yamldoc.IsEnvName(e) {
			errs.AddAt(s.Src, "env", e, "not an environment variable name", "letters, digits and _, not starting with a digit")
		}
	}
}

// validateKindKeys checks that a step has the keys its kind needs, and none that
// belong to another kind (a likely mistake that would otherwise be ignored).
func validateKindKeys(s *Step, kind drill.StepKind, errs *yamldoc.List) {
	tt, _ := kind.Target()
	need := func(key string, ok bool, what string) {
		if !ok && !errs.HasKey(s.Src.Key(key)) { // a malformed value is reported by the decoder
			errs.Add(s.Src.Pos, s.Src.Key(key), "", "missing required key for a "+string(kind)+" step", what)
		}
	}
	forbid := func(key string, set bool, only string) {
		if set {
			errs.AddAt(s.Src, key, "", key+" is only for "+only+" steps", "")
		}
	}
	switch {
	case tt != drill.NoTarget:
		need("target", s.Target != "", "the id of "+map[drill.TargetType]string{drill.TargetBackup: "a backup", drill.TargetAlternative: "an alternative", drill.TargetApplication: "an application with an exitPlan"}[tt])
	case s.Target != "":
		errs.AddAt(s.Src, "target", s.Target, string(kind)+" steps take no target", "")
	}
	switch kind {
	case drill.Command:
		need("command", len(s.Command) > 0 && s.Command[0] != "", "the program and its arguments, for example [./scripts/switch.sh, parkeren]")
	case drill.Wait, drill.ManualStep:
		need("expected", s.Expected > 0, "the declared duration, for example 4h")
	case drill.Container:
		need("image", s.Image != "", "an image name such as exitdrill/verify:latest")
	case drill.ForgeMirror:
		need("forge", s.Forge != nil, "a forge block: {owner: ORG, mirror: file:///srv/mirror/{repo}.git, maxBehind: 24h}")
	}
	forbid("command", len(s.Command) > 0 && kind != drill.Command && kind != drill.Container, "command and container")
	forbid("env", len(s.Env) > 0 && kind != drill.Command && kind != drill.Container, "command and container")
	forbid("dir", s.Dir != "" && kind != drill.Command, "command")
	forbid("image", s.Image != "" && kind != drill.Container, "container")
	forbid("limits", s.Limits != nil && kind != drill.Container, "container")
	s.Limits.Check(errs)
	forbid("retry", s.Retry != nil && kind == drill.ManualStep, "automated")
	forbid("forge", s.Forge != nil && kind != drill.ForgeMirror, "forge.mirror")
	spec, _ := kind.Spec()
	forbid("runsOn", s.RunsOn != "" && spec.Runner != drill.Worker, "automated")
	if s.RunsOn != "" && !drill.ValidLabel(s.RunsOn) {
		errs.AddAt(s.Src, "runsOn", s.RunsOn, "not a worker label", drill.LabelRule)
	}
	forbid("covers", len(s.Covers) > 0 && kind != drill.Command && kind != drill.Container && kind != drill.ManualStep, "command, container and manual")
	if s.Forge != nil && kind == drill.ForgeMirror {
		validateForge(s.Forge, errs)
	}
}

func earlier(steps []*Step, id string, s *Step) bool {
	for _, o := range steps {
		if o == s {
			return false
		}
		if o != nil && o.ID == id {
			return true
		}
	}
	return false
}

func earlierIDs(steps []*Step, s *Step) string {
	var ids []string
	for _, o := range steps {
		if o == s {
			break
		}
		if o != nil {
			ids = append(ids, o.ID)
		}
	}
	if len(ids) == 0 {
		return "none, this is the first step"
	}
	return strings.Join(ids, ", ")
}

// kindList lists the kinds declared under key, sorted or in the table's order.
func kindList(key string, sorted bool) string {
	ks := drill.KindsByKey(key)
	if sorted {
		slices.Sort(ks)
	}
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
