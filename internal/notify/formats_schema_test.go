package notify

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/exitdrill/exitdrill/drill"
)

// payloadSchemas compiles the documented payload schemas of
// testdata/schemas (see its README.md), by format.
func payloadSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	ids := map[string]string{}
	for _, name := range []string{"adaptive-card-1.5", "teams-message", "slack-webhook", "mattermost-webhook"} {
		f, err := os.Open(filepath.Join("testdata", "schemas", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("schema %s: %v", name, err)
		}
		id, _ := doc.(map[string]any)["$id"].(string)
		if err := c.AddResource(id, doc); err != nil {
			t.Fatalf("schema %s: %v", name, err)
		}
		ids[name] = id
	}
	out := map[string]*jsonschema.Schema{}
	for format, name := range map[string]string{FormatTeams: "teams-message", FormatSlack: "slack-webhook", FormatMattermost: "mattermost-webhook", "card": "adaptive-card-1.5"} {
		s, err := c.Compile(ids[name])
		if err != nil {
			t.Fatalf("compile %s: %v", name, err)
		}
		out[format] = s
	}
	return out
}

func validate(s *jsonschema.Schema, body []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// rawReceiver is a real HTTP receiver that keeps every body posted.
type rawReceiver struct {
	mu     sync.Mutex
	bodies [][]byte
}

func (rr *rawReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rr.mu.Lock()
	rr.bodies = append(rr.bodies, body)
	rr.mu.Unlock()
}

// schemaMessages are one message of every kind the drill sends: a waiting
// step with instructions and a link, an escalation, a drill's end summary
// over several lines without step or role, a test message without a link.
func schemaMessages() []drill.NotifyInput {
	step := webhookInput()
	late := webhookInput()
	late.Message.Event, late.Message.Subject, late.Message.Instructions = drill.NotifyLate, "Late: step sign-off", ""
	ended := drill.NotifyInput{To: drill.Contact{Name: "Carla"}, Delivery: "d-1/drill.ended/ops/Carla", Message: drill.Message{
		Event: drill.NotifyDrillEnded, DrillID: "d-1", Subject: "Drill d-1 ended: objectives-missed",
		Text: "Drill d-1 (live, Microsoft 1 month) ended: objectives-missed.\n- vergunningen: late: recovered in 3d", Link: "https://console.gemeente.test/drills/d-1"}}
	test := drill.NotifyInput{To: drill.Contact{Name: "Anna \"AJ\" <de Vries>"}, Delivery: "test/1", Message: drill.Message{
		Event: drill.NotifyTest, Subject: "exitdrill test message", Text: "If you read this, the channel works."}}
	return []drill.NotifyInput{step, late, ended, test}
}

// TestPayloadsMatchDocumentedSchemas: every Slack, Mattermost and Teams
// payload a real receiver gets validates against the documented schema
// (the Teams one: the workflow envelope around an Adaptive Card 1.5).
func TestPayloadsMatchDocumentedSchemas(t *testing.T) {
	schemas := payloadSchemas(t)
	for _, format := range []string{FormatSlack, FormatMattermost, FormatTeams} {
		rr := &rawReceiver{}
		srv := httptest.NewServer(rr)
		n := &Notifier{Config: &Config{Webhooks: []*Webhook{{Name: "chat", URL: srv.URL, Format: format}}}}
		for _, in := range schemaMessages() {
			in.Channel = "chat"
			if _, err := n.Send(t.Context(), in); err != nil {
				t.Fatalf("%s %s: %v", format, in.Message.Event, err)
			}
		}
		srv.Close()
		if len(rr.bodies) != len(schemaMessages()) {
			t.Fatalf("%s: receiver got %d bodies, want %d", format, len(rr.bodies), len(schemaMessages()))
		}
		for i, body := range rr.bodies {
			if err := validate(schemas[format], body); err != nil {
				t.Errorf("%s payload %d does not match the schema: %v\n%s", format, i, err, body)
			}
		}
	}
}

// TestPayloadSchemasHaveTeeth: the schemas refuse what the services refuse
// or ignore: a Fact written the pre-1.0 way (name for title), an unknown
// weight, a card element exitdrill does not send, a card without version,
// an OpenUrl without url, a Slack body without text, a Teams envelope of
// another content type.
func TestPayloadSchemasHaveTeeth(t *testing.T) {
	schemas := payloadSchemas(t)
	card := func(body, actions string) string {
		return `{"type":"AdaptiveCard","version":"1.5","body":[` + body + `],"actions":[` + actions + `]}`
	}
	good := card(`{"type":"TextBlock","text":"x","weight":"Bolder","size":"Medium","wrap":true},{"type":"FactSet","facts":[{"title":"Drill","value":"d-1"}]}`,
		`{"type":"Action.OpenUrl","title":"Open","url":"https://console.gemeente.test/drills/d-1"}`)
	if err := validate(schemas["card"], []byte(good)); err != nil {
		t.Fatalf("a valid card refused: %v", err)
	}
	for _, tt := range []struct{ name, format, body string }{
		{"fact with name", "card", card(`{"type":"FactSet","facts":[{"name":"Drill","value":"d-1"}]}`, ``)},
		{"unknown weight", "card", card(`{"type":"TextBlock","text":"x","weight":"Heavy"}`, ``)},
		{"element not sent", "card", card(`{"type":"Image","url":"https://x.test/a.png"}`, ``)},
		{"text missing", "card", card(`{"type":"TextBlock"}`, ``)},
		{"no version", "card", `{"type":"AdaptiveCard","body":[]}`},
		{"open url without url", "card", card(``, `{"type":"Action.OpenUrl","title":"Open"}`)},
		{"unknown card property", "card", `{"type":"AdaptiveCard","version":"1.5","colour":"red"}`},
		{"slack without text", FormatSlack, `{"username":"exitdrill"}`},
		{"mattermost empty text", FormatMattermost, `{"text":""}`},
		{"teams other content type", FormatTeams, `{"type":"message","attachments":[{"contentType":"application/json","content":` + good + `}]}`},
		{"teams no attachments", FormatTeams, `{"type":"message","attachments":[]}`},
	} {
		if err := validate(schemas[tt.format], []byte(tt.body)); err == nil {
			t.Errorf("%s: accepted %s", tt.name, tt.body)
		}
	}
	// The enumerations are case-insensitive, as in the 1.5 schema.
	if err := validate(schemas["card"], []byte(card(`{"type":"TextBlock","text":"x","weight":"BOLDER","size":"extralarge"}`, ``))); err != nil {
		t.Errorf("case-insensitive enumerations refused: %v", err)
	}
}
