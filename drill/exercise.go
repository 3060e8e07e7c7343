package drill

import (
	"fmt"
	"strings"
	"time"
)

// UpdateObserve adds an observation to a running Drill workflow. Payload:
// Observe; result: Observation (as recorded, with its time). The validator
// rejects empty or overlong text, a step the plan does not have, a missing
// author, and any observation once the drill has ended.
const UpdateObserve = "observe"

// Limits of the exercise's user text.
const (
	// MaxHypothesis is the most characters of a drill's hypothesis.
	MaxHypothesis = 1000
	// MaxName is the most characters of a participant's or facilitator's
	// name or role, and of an observation's author.
	MaxName = 200
	// MaxPeople is the most participants, and the most facilitators, a
	// drill may name.
	MaxPeople = 100
	// MaxObservation is the most characters of one observation.
	MaxObservation = 2000
	// MaxObservations is the most observations one drill records: the
	// workflow state and the evidence stay bounded.
	MaxObservations = 500
)

// Exercise is the exercise around a drill: what it sets out to show, who
// takes part and who facilitates. It travels in DrillInput (nil in drills
// started before it existed, and when nothing was given) and goes into the
// evidence's drill.started event.
type Exercise struct {
	// Hypothesis is what the drill sets out to show: "payments continue
	// within 48 h without SAP".
	Hypothesis   string        `json:"hypothesis,omitempty"`
	Participants []Participant `json:"participants,omitempty"`
	Facilitators []string      `json:"facilitators,omitempty"`
}

// Participant is one person taking part in a drill, with their role in it.
type Participant struct {
	Name string `json:"name"`
	Role string `json:"role,omitempty"`
}

// ParseParticipant reads "Name:role" (the role may be left out: "Name").
func ParseParticipant(s string) (Participant, error) {
	name, role, _ := strings.Cut(s, ":")
	p := Participant{Name: strings.TrimSpace(name), Role: strings.TrimSpace(role)}
	if p.Name == "" {
		return p, fmt.Errorf("participant %q: want NAME:ROLE, for example \"Anna de Vries:process-owner\"", s)
	}
	return p, nil
}

// String is "Name (role)", or the name alone.
func (p Participant) String() string {
	if p.Role == "" {
		return p.Name
	}
	return p.Name + " (" + p.Role + ")"
}

// Empty reports whether the exercise names nothing.
func (e *Exercise) Empty() bool {
	return e == nil || e.Hypothesis == "" && len(e.Participants) == 0 && len(e.Facilitators) == 0
}

// Check checks the exercise's text (see CheckText) and its bounds. Errors
// say what is wrong without quoting the text.
func (e *Exercise) Check() error {
	if e == nil {
		return nil
	}
	if err := CheckText("the hypothesis", e.Hypothesis, MaxHypothesis, true); err != nil {
		return err
	}
	if len(e.Participants) > MaxPeople || len(e.Facilitators) > MaxPeople {
		return fmt.Errorf("a drill names at most %d participants and %d facilitators", MaxPeople, MaxPeople)
	}
	for i, p := range e.Participants {
		if strings.TrimSpace(p.Name) == "" {
			return fmt.Errorf("participant %d has no name", i+1)
		}
		if err := CheckText(fmt.Sprintf("participant %d's name", i+1), p.Name, MaxName, false); err != nil {
			return err
		}
		if err := CheckText(fmt.Sprintf("participant %d's role", i+1), p.Role, MaxName, false); err != nil {
			return err
		}
	}
	for i, f := range e.Facilitators {
		if strings.TrimSpace(f) == "" {
			return fmt.Errorf("facilitator %d has no name", i+1)
		}
		if err := CheckText(fmt.Sprintf("facilitator %d's name", i+1), f, MaxName, false); err != nil {
			return err
		}
	}
	return nil
}

// Observe is the payload of UpdateObserve: what someone saw during the drill,
// at a step (Process and Step) or about the drill as a whole (both empty).
type Observe struct {
	By string `json:"by"`
	// Account is the OS account of the command that sends it (see
	// Abort.Account); empty from the console.
	Account string `json:"account,omitempty"`
	Process string `json:"process,omitempty"`
	Step    string `json:"step,omitempty"`
	Text    string `json:"text"`
}

// Observation is an observation as the drill recorded it: Observe with the
// workflow's time of recording.
type Observation struct {
	At time.Time `json:"at"`
	Observe
}

// Where is "process/step", the process alone, or "" for the drill.
func (o Observe) Where() string {
	if o.Step != "" {
		return o.Process + "/" + o.Step
	}
	return o.Process
}

// Check checks an observation against the plan: an author, text of at most
// MaxObservation characters, and a process and step the plan has.
func (o Observe) Check(plan *Plan) error {
	if strings.TrimSpace(o.By) == "" {
		return fmt.Errorf("say who observes (by)")
	}
	if err := CheckText("the author", o.By, MaxName, false); err != nil {
		return err
	}
	if strings.TrimSpace(o.Text) == "" {
		return fmt.Errorf("the observation is empty")
	}
	if err := CheckText("the observation", o.Text, MaxObservation, true); err != nil {
		return err
	}
	if o.Process == "" {
		if o.Step != "" {
			return fmt.Errorf("step %q: give it as PROCESS/STEP", o.Step)
		}
		return nil
	}
	return plan.HasStep(o.Process, o.Step)
}

// HasStep returns nil when the plan drills process and, unless step is "",
// the process's runbook has step (a recovery or rollback step); else an error
// naming what there is.
func (p *Plan) HasStep(process, step string) error {
	if p == nil {
		return fmt.Errorf("the drill has no plan to find process %q in", process)
	}
	var ids []string
	for _, pp := range p.Processes {
		ids = append(ids, pp.ID)
		if pp.ID != process {
			continue
		}
		if step == "" {
			return nil
		}
		var steps []string
		for _, s := range append(append([]*StepPlan{}, pp.Steps...), pp.Rollback...) {
			if s.ID == step {
				return nil
			}
			steps = append(steps, s.ID)
		}
		return fmt.Errorf("process %s has no step %q; its steps are: %s", process, step, orNothing(steps))
	}
	return fmt.Errorf("the drill has no process %q; its processes are: %s", process, orNothing(ids))
}

func orNothing(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}
