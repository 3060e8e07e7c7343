package drill

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/internal/yamldoc/defs"
)

// Injects are the facilitation tool of a tabletop exercise: messages a
// scenario schedules to participants at scenario times ("T0+2d: the press
// asks whether payments are late"). The Drill workflow delivers each at its
// time (scaled like other declared time outside live mode) through the
// notification channels to the contacts of its role, and records who
// acknowledged it and when.

// UpdateAckInject acknowledges a delivered inject on a Drill workflow.
// Payload: AckInject; result: InjectResult. The validator refuses an
// unknown inject, one not delivered yet, a missing name, and a second
// acknowledgement by the same person.
const UpdateAckInject = "ack-inject"

// SceneTimeAllowed describes the inject time syntax for error messages.
const SceneTimeAllowed = `a time on the scenario clock: T0, T0+DURATION or DURATION, for example "T0+2d", "T0+1d12h" or "4h"`

// SceneTime is an offset from T0 on the scenario clock, written "T0",
// "T0+2d" or "2d". Unlike Duration, zero is a time: T0 itself.
type SceneTime Duration

// ParseSceneTime parses "T0", "T0+DURATION" or "DURATION".
func ParseSceneTime(s string) (SceneTime, error) {
	rest, t0 := strings.CutPrefix(s, "T0")
	if t0 && rest == "" {
		return 0, nil
	}
	if t0 {
		var ok bool
		if rest, ok = strings.CutPrefix(rest, "+"); !ok {
			return 0, fmt.Errorf("malformed scenario time %q", s)
		}
	}
	d, err := ParseDuration(rest)
	if err != nil {
		return 0, fmt.Errorf("scenario time %q: %w", s, err)
	}
	return SceneTime(d), nil
}

// String writes the time as T0 or T0+DURATION.
func (t SceneTime) String() string {
	if t == 0 {
		return "T0"
	}
	return "T0+" + Duration(t).String()
}

// UnmarshalScalar implements [defs.Scalar].
func (t *SceneTime) UnmarshalScalar(s string) error {
	v, err := ParseSceneTime(s)
	if err != nil {
		return &defs.Error{Problem: err.Error(), Allowed: SceneTimeAllowed}
	}
	*t = v
	return nil
}

// MarshalJSON writes the time as T0+DURATION.
func (t SceneTime) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// UnmarshalJSON reads T0+DURATION.
func (t *SceneTime) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseSceneTime(s)
	*t = v
	return err
}

// MarshalYAML writes the time as T0+DURATION.
func (t SceneTime) MarshalYAML() (any, error) { return t.String(), nil }

// JSONSchema implements [defs.Schemer].
func (SceneTime) JSONSchema() map[string]any {
	return map[string]any{
		"type":        "string",
		"pattern":     `^(T0|T0\+([0-9]+[smhdw])+|([0-9]+[smhdw])+)$`,
		"description": "Scenario time: " + SceneTimeAllowed + ".",
	}
}

// Inject is a message a scenario schedules to a role at a scenario time.
type Inject struct {
	ID      string    `yaml:"id" json:"id" required:"true" doc:"Unique inject id; participants acknowledge it by this id (exitdrill ack DRILL ID)."`
	At      SceneTime `yaml:"at" json:"at" required:"true" doc:"When, on the scenario clock: T0+2d (or 2d); scaled like other declared time outside live mode."`
	To      string    `yaml:"to" json:"to" required:"true" doc:"The role told, through the contacts the catalog gives it."`
	Message string    `yaml:"message" json:"message" required:"true" doc:"What the participants are told, for example: the press asks whether payments are late."`

	Src defs.Source `yaml:"-" json:"-"`
}

// AckInject is the payload of UpdateAckInject.
type AckInject struct {
	Inject string `json:"inject"`
	// By is who acknowledges; Account the OS account of the command that
	// sent it (see Abort.Account).
	By      string `json:"by"`
	Account string `json:"account,omitempty"`
	Note    string `json:"note,omitempty"`
}

// Ack is one acknowledgement of an inject.
type Ack struct {
	By      string    `json:"by"`
	Account string    `json:"account,omitempty"`
	At      time.Time `json:"at"`
	Note    string    `json:"note,omitempty"`
}

// Inject statuses.
const (
	// InjectPending: its time has not come.
	InjectPending = "pending"
	// InjectDelivered: delivered, nobody acknowledged it.
	InjectDelivered = "delivered"
	// InjectAcknowledged: delivered and acknowledged.
	InjectAcknowledged = "acknowledged"
	// InjectNotDelivered: the drill ended (or was aborted) before its time.
	InjectNotDelivered = "not-delivered"
)

// InjectResult is what happened to one inject, for the evidence.
type InjectResult struct {
	Inject
	// Status is pending, delivered (nobody acknowledged it), acknowledged
	// or not-delivered.
	Status string `json:"status"`
	// Delivered is the wall time it was sent at.
	Delivered time.Time `json:"delivered,omitzero"`
	// Events are the outcomes of its notifications.
	Events []Event `json:"events,omitempty"`
	Acks   []Ack   `json:"acks,omitempty"`
	// Why says why it was not delivered.
	Why string `json:"why,omitempty"`
}
