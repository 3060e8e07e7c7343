package workflows

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/google/go-cmp/cmp"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/encoding/protojson"
)

// TestRecordedEvidenceInputsUnchanged decodes the input of every recorded
// drill and of its evidence activity with today's types and encodes them
// again: the bytes must be the recorded ones. Adding StartedBy and Note
// (empty in these drills) must not change what an old drill's evidence is
// built from, or `exitdrill report` would rebuild its bundle differently.
// The v1-* and v2-* histories are left out: they predate the evidence
// activity, and the plan has gained fields since.
func TestRecordedEvidenceInputsUnchanged(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "histories", "*-drill*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no recorded drill histories (%v)", err)
	}
	evidenceInputs := 0
	for _, f := range files {
		if base := filepath.Base(f); strings.HasPrefix(base, "v1-") || strings.HasPrefix(base, "v2-") {
			continue
		}
		t.Run(strings.TrimSuffix(filepath.Base(f), ".json"), func(t *testing.T) {
			h := readHistory(t, f)
			var in drill.DrillInput
			roundTrip(t, h.Events[0].GetWorkflowExecutionStartedEventAttributes().GetInput().GetPayloads()[0].GetData(), &in)
			for _, e := range h.Events {
				a := e.GetActivityTaskScheduledEventAttributes()
				if a == nil || a.GetActivityType().GetName() != drill.WriteEvidenceActivity {
					continue
				}
				evidenceInputs++
				var ev drill.EvidenceInput
				roundTrip(t, a.GetInput().GetPayloads()[0].GetData(), &ev)
				if ev.StartedBy != "" || ev.Note != "" {
					t.Errorf("recorded evidence input has StartedBy %q, Note %q", ev.StartedBy, ev.Note)
				}
			}
		})
	}
	if evidenceInputs == 0 {
		t.Error("no recorded history runs the evidence activity")
	}
}

// roundTrip decodes data into v and checks that encoding v again gives data.
func roundTrip(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
	p, err := converter.GetDefaultDataConverter().ToPayload(v)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p.GetData(), data) {
		t.Errorf("%T encodes differently from the recorded input:\n got %.300s\nwant %.300s", v, p.GetData(), data)
	}
}

func TestEvidenceInputCarriesStarter(t *testing.T) {
	in := drill.DrillInput{Sources: []drill.Source{{Role: "catalog", Spec: "examples/voorbeeldstad"}}, Definitions: []byte{1, 2},
		StartedBy: "schedule quarterly (created by anna)", Note: "every quarter"}
	res := &drill.DrillResult{DrillID: "d1"}
	want := drill.EvidenceInput{Dir: "/r/d1", Sources: in.Sources, Definitions: in.Definitions, Result: res,
		StartedBy: "schedule quarterly (created by anna)", Note: "every quarter"}
	if diff := cmp.Diff(want, in.EvidenceInput("/r/d1", res)); diff != "" {
		t.Errorf("EvidenceInput (-want +got):\n%s", diff)
	}
}

// TestReplayWithStarter replays a recorded drill whose input names who
// started it and why: StartedBy and Note are data the workflow hands to the
// evidence activity, not a change of its commands, so no GetVersion is needed
// for a drill started with them either.
func TestReplayWithStarter(t *testing.T) {
	h := readHistory(t, filepath.Join("testdata", "histories", "compressed-drill.json"))
	p := h.Events[0].GetWorkflowExecutionStartedEventAttributes().GetInput().GetPayloads()[0]
	var in drill.DrillInput
	if err := json.Unmarshal(p.GetData(), &in); err != nil {
		t.Fatal(err)
	}
	in.StartedBy, in.Note = "anna (console continuity-manager)", "quarterly"
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	p.Data = data
	data, err = protojson.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "compressed-drill.json") // the name gives the recorded workflow id
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := replay(file, Process); err != nil {
		t.Fatalf("replay with StartedBy and Note: %v", err)
	}
}

// readHistory reads a recorded workflow history (JSON, as temporal workflow
// show writes it).
func readHistory(t *testing.T, file string) *historypb.History {
	t.Helper()
	r, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	h, err := client.HistoryFromJSON(r, client.HistoryJSONOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return h
}
