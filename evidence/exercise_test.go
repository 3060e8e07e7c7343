package evidence

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/drill"
)

// TestExerciseAndObservationsInTheJournal: the hypothesis, participants and
// facilitators go into drill.started, each observation is a journal event
// at its time, and a loaded bundle gives both back.
func TestExerciseAndObservationsInTheJournal(t *testing.T) {
	in := sample()
	in.Exercise = &drill.Exercise{Hypothesis: "permits continue within 48 h without Microsoft",
		Participants: []drill.Participant{{Name: "Anna", Role: "process-owner"}}, Facilitators: []string{"Piet"}}
	in.Result.Observations = []drill.Observation{
		{At: t0.Add(30 * time.Second), Observe: drill.Observe{By: "Anna", Process: "vergunningen", Step: "restore", Text: "restore needed a second password"}},
	}
	b, files, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := Seal(b, files, testKey(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(mapFS(files), nil); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	got, err := Load(mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in.Exercise, got.Exercise); diff != "" {
		t.Errorf("loaded exercise (-want +got):\n%s", diff)
	}
	var obs []*Event
	for _, e := range got.Events {
		if e.Type == EventObservation {
			obs = append(obs, e)
		}
	}
	if len(obs) != 1 || obs[0].Process != "vergunningen" || obs[0].Step != "restore" || !obs[0].At.Equal(t0.Add(30*time.Second)) {
		t.Fatalf("observation events = %+v", obs)
	}
	if got.Events[0].Type != EventDrillStarted || got.Events[len(got.Events)-1].Type != EventDrillFinished {
		t.Errorf("journal starts with %s and ends with %s", got.Events[0].Type, got.Events[len(got.Events)-1].Type)
	}
	// An empty exercise leaves drill.started as it was.
	in = sample()
	in.Exercise = &drill.Exercise{}
	_, files, err = Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if firstLine(files) != oldStartedLine {
		t.Errorf("an empty exercise changed drill.started:\n%s", firstLine(files))
	}
}
