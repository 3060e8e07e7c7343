package drill

import (
	"regexp"
	"slices"
)

// A worker label names where a worker runs (a data centre, a network zone):
// `exitdrill worker --label dc-west` takes, beside the drill's own task
// queue, the steps whose runbook says `runsOn: dc-west`, and only such a
// worker takes them.

// LabelRule says what a worker label may be.
const LabelRule = "1 to 40 lower-case letters, digits and dashes, starting with a letter"

var labelPattern = regexp.MustCompile(`^[a-z][a-z0-9-]{0,39}$`)

// ValidLabel reports whether label is a worker label.
func ValidLabel(label string) bool { return labelPattern.MatchString(label) }

// StepQueue is the task queue of the steps that must run under label, for
// drills whose workflows run on the task queue base: base@label.
func StepQueue(base, label string) string { return base + "@" + label }

// ByLabel splits the plan for the preflight: the steps without runsOn
// (label "") and those of each label, each part a copy of the plan with only
// those steps (rollback steps included) in their processes; a process appears
// in a part only with steps of its label. Labels are in the order they first
// appear, "" first when the plan has steps without a label.
func (p *Plan) ByLabel() (labels []string, parts map[string]*Plan) {
	parts = map[string]*Plan{}
	for _, pp := range p.Processes {
		own := map[string]*ProcessPlan{}
		process := func(label string) *ProcessPlan {
			if q, ok := own[label]; ok {
				return q
			}
			part, ok := parts[label]
			if !ok {
				cp := *p
				cp.Processes = nil
				part = &cp
				parts[label] = part
				labels = append(labels, label)
			}
			q := *pp
			q.Steps, q.Rollback = nil, nil
			own[label] = &q
			part.Processes = append(part.Processes, &q)
			return &q
		}
		for _, s := range pp.Steps {
			q := process(s.RunsOn)
			q.Steps = append(q.Steps, s)
		}
		for _, s := range pp.Rollback {
			q := process(s.RunsOn)
			q.Rollback = append(q.Rollback, s)
		}
	}
	if i := slices.Index(labels, ""); i > 0 {
		labels = slices.Insert(slices.Delete(labels, i, i+1), 0, "")
	}
	return labels, parts
}
