package notify

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// GenericSchema is the value of the schema field of a generic webhook body.
const GenericSchema = "exitdrill.notification/v1"

// Generic is the JSON body of a generic webhook (schema
// exitdrill.notification/v1). The body is signed: see [Sign]. Fields may be
// added in later versions of the same schema; none is removed or renamed.
type Generic struct {
	Schema string `json:"schema"`
	// Event is step.waiting, step.late, step.overdue, drill.started,
	// drill.aborted, drill.ended or test.
	Event string `json:"event"`
	// Delivery is the same on every retry of one delivery: drop repeats.
	Delivery     string    `json:"delivery"`
	SentAt       time.Time `json:"sentAt"`
	DrillID      string    `json:"drillId,omitempty"`
	Process      string    `json:"process,omitempty"`
	Step         string    `json:"step,omitempty"`
	Role         string    `json:"role,omitempty"`
	To           string    `json:"to"`
	Subject      string    `json:"subject"`
	Text         string    `json:"text"`
	Instructions string    `json:"instructions,omitempty"`
	Link         string    `json:"link,omitempty"`
	// Expected is the step's expected time, as the runbook writes it ("4h").
	Expected string `json:"expected,omitempty"`
}

// payload is the request body of in for a webhook of the given format.
func payload(format string, in drill.NotifyInput, now time.Time) ([]byte, error) {
	m := in.Message
	switch format {
	case FormatGeneric:
		g := Generic{Schema: GenericSchema, Event: m.Event, Delivery: in.Delivery, SentAt: now.UTC(),
			DrillID: m.DrillID, Process: m.Process, Step: m.Step, Role: m.Role, To: in.To.Name,
			Subject: m.Subject, Text: m.Text, Instructions: m.Instructions, Link: m.Link}
		if m.Expected > 0 {
			g.Expected = m.Expected.String()
		}
		return json.Marshal(g)
	case FormatSlack, FormatMattermost:
		// Both take {"text": markdown}; Slack's <url|label> and Mattermost's
		// [label](url) links differ, a bare URL is linked by both.
		return json.Marshal(map[string]string{"text": chatText(in)})
	case FormatTeams:
		return json.Marshal(teamsMessage(in))
	}
	return nil, fmt.Errorf("webhook format %q: allowed are generic, slack, mattermost and teams", format)
}

// chatText is the message as one markdown text for a chat channel.
func chatText(in drill.NotifyInput) string {
	m := in.Message
	var b strings.Builder
	fmt.Fprintf(&b, "*%s*\n%s", m.Subject, m.Text)
	if m.Instructions != "" {
		fmt.Fprintf(&b, "\nInstructions: %s", m.Instructions)
	}
	if m.Link != "" {
		fmt.Fprintf(&b, "\n%s", m.Link)
	}
	fmt.Fprintf(&b, "\n(for %s)", in.To.Name)
	return b.String()
}

// teamsMessage is a Teams workflow ("When a Teams webhook request is
// received") message: an envelope with one Adaptive Card 1.5 attachment.
func teamsMessage(in drill.NotifyInput) map[string]any {
	m := in.Message
	body := []map[string]any{
		{"type": "TextBlock", "text": m.Subject, "weight": "Bolder", "size": "Medium", "wrap": true},
		{"type": "TextBlock", "text": m.Text, "wrap": true},
	}
	var facts []map[string]string
	for _, f := range [][2]string{{"Drill", m.DrillID}, {"Process", m.Process}, {"Step", m.Step}, {"Role", m.Role}, {"For", in.To.Name}} {
		if f[1] != "" {
			facts = append(facts, map[string]string{"title": f[0], "value": f[1]})
		}
	}
	body = append(body, map[string]any{"type": "FactSet", "facts": facts})
	if m.Instructions != "" {
		body = append(body, map[string]any{"type": "TextBlock", "text": "Instructions: " + m.Instructions, "wrap": true})
	}
	card := map[string]any{
		"$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
		"type":    "AdaptiveCard", "version": "1.5", "body": body,
	}
	if m.Link != "" {
		card["actions"] = []map[string]string{{"type": "Action.OpenUrl", "title": "Open in the console", "url": m.Link}}
	}
	return map[string]any{
		"type": "message",
		"attachments": []map[string]any{{
			"contentType": "application/vnd.microsoft.card.adaptive",
			"contentUrl":  nil,
			"content":     card,
		}},
	}
}
