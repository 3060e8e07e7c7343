package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
)

// TestExerciseInEveryFormat: the hypothesis, participants, facilitators and
// observations of a drill are in the text, Markdown, HTML and JSON reports,
// the observations' text escaped in HTML; a drill without them shows none.
func TestExerciseInEveryFormat(t *testing.T) {
	in := fixture()
	in.Exercise = &drill.Exercise{Hypothesis: "permits continue within 48 h without Microsoft",
		Participants: []drill.Participant{{Name: "Anna", Role: "process-owner"}, {Name: "Piet"}}, Facilitators: []string{"Karin"}}
	at := in.Result.Started.Add(90 * time.Minute)
	in.Result.Observations = []drill.Observation{{At: at, Observe: drill.Observe{By: "anna", Process: "vergunningen", Text: "the <b>helpdesk</b> got 12 calls"}}}
	b, _, err := evidence.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(b)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"text": {"Hypothesis: permits continue within 48 h without Microsoft", "Participants: Anna (process-owner), Piet", "Facilitators: Karin",
			"Observations (1):", "anna at vergunningen: the <b>helpdesk</b> got 12 calls"},
		"md":   {"- Hypothesis: permits continue within 48 h without Microsoft", "- Participants: Anna (process-owner), Piet", "- Observation: "},
		"html": {`<p class="hypothesis" style="white-space: pre-line">Hypothesis: permits continue within 48 h without Microsoft</p>`, "Participants: Anna (process-owner), Piet", "the &lt;b&gt;helpdesk&lt;/b&gt; got 12 calls"},
		"json": {`"hypothesis": "permits continue within 48 h without Microsoft"`, `"observations": [`},
	}
	for format, wants := range want {
		var out strings.Builder
		if err := Render(&out, format, r); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		for _, w := range wants {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s report lacks %q", format, w)
			}
		}
	}
	plain, err := New(fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := Render(&out, "text", plain); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "Hypothesis") || strings.Contains(out.String(), "Observations") {
		t.Errorf("a drill without an exercise shows one:\n%s", out.String())
	}
}
