package evidence

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// Event types of the journal, in the order a drill produces them.
const (
	EventDrillStarted   = "drill.started"
	EventProcessPlanned = "process.planned"
	EventStep           = "step"
	// EventObservation is what someone observed during the drill
	// (drill.Observation), at its time; Process and Step say where.
	EventObservation    = "observation"
	EventProcessVerdict = "process.verdict"
	EventDrillAborted   = "drill.aborted"
	EventDrillFinished  = "drill.finished"
	// EventDrillNotified is the outcome of one of the drill's own
	// notifications (started, aborted, ended): its data is a drill.Event.
	// A step's notifications are among its step event's events.
	EventDrillNotified = "drill.notified"
	// EventInject is one exercise inject of the scenario: delivered when and
	// to whom, acknowledged by whom and when, or not delivered and why; its
	// data is a drill.InjectResult, at its delivery (the drill's end when it
	// was not delivered).
	EventInject = "inject"
)

// Event is one line of the journal. Prev is the SHA-256 (hex) of the previous
// line's bytes, so that no event can be changed, removed, reordered or added
// without breaking the chain.
type Event struct {
	Seq       int             `json:"seq"`
	Prev      string          `json:"prev"`
	At        time.Time       `json:"at"`
	Type      string          `json:"type"`
	Process   string          `json:"process,omitempty"`
	Step      string          `json:"step,omitempty"`
	Data      json.RawMessage `json:"data,omitempty"`
	Artifacts []ArtifactRef   `json:"artifacts,omitempty"`

	// Hash is the SHA-256 of this event's line, set when the journal is read or
	// written; it is what the next event's Prev holds.
	Hash string `json:"-"`
}

// ArtifactRef points from an event to a file of the bundle by content hash.
type ArtifactRef struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Size   int    `json:"size"`
}

// journal builds the hash chain as events are appended.
type journal struct {
	buf    bytes.Buffer
	events []*Event
	prev   string
}

// add appends an event of type typ with data (marshalled to JSON), chaining it
// to the previous one.
func (j *journal) add(at time.Time, typ, process, step string, data any, arts []ArtifactRef) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("journal event %s: %w", typ, err)
	}
	e := &Event{Seq: len(j.events) + 1, Prev: j.prev, At: at.UTC(), Type: typ, Process: process, Step: step, Data: raw, Artifacts: arts}
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("journal event %s: %w", typ, err)
	}
	e.Hash = lineHash(line)
	j.prev = e.Hash
	j.events = append(j.events, e)
	j.buf.Write(line)
	j.buf.WriteByte('\n')
	return nil
}

// lineHash is the SHA-256 (hex) of one journal line without its newline.
func lineHash(line []byte) string {
	h := sha256.Sum256(line)
	return hex.EncodeToString(h[:])
}

// contentHash is the SHA-256 (hex) of a file's bytes.
func contentHash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
