package console

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

// TestStartFormTakesTheExercise: the hypothesis, participants and
// facilitators of the start form travel in the drill's input and show on
// its page; a participant line without a name is refused, nothing started.
func TestStartFormTakesTheExercise(t *testing.T) {
	tc := newTestConsole(t)
	b := tc.browser(t)
	tok := b.signIn("alice")
	nonce := b.startForm()
	form := tabletopForm(tok, nonce, "with an exercise")
	form.Set("hypothesis", "the portal is back within 2 days without the hoster")
	form.Set("participants", "Anna de Vries:process-owner\r\nPiet:service-desk\r\n")
	form.Set("facilitators", "Karin")
	p := b.post("/drills", form)
	id := "portal-tabletop-" + nonce
	if p.status != http.StatusSeeOther {
		t.Fatalf("start: status %d\n%s", p.status, p.body)
	}
	defer func() {
		_ = tc.c.o.Backend.Abort(context.Background(), id, drill.Abort{Actor: "test", Reason: "test over"})
	}()
	var in drill.DrillInput
	if err := drillops.InputOf(context.Background(), tc.eng.Client, tc.eng.Namespace, id, "", &in); err != nil {
		t.Fatal(err)
	}
	e := in.Exercise
	if e == nil || e.Hypothesis != "the portal is back within 2 days without the hoster" || len(e.Participants) != 2 ||
		e.Participants[0] != (drill.Participant{Name: "Anna de Vries", Role: "process-owner"}) || len(e.Facilitators) != 1 || e.Facilitators[0] != "Karin" {
		t.Fatalf("the drill's exercise = %+v", e)
	}
	view := b.get("/drills/" + id)
	for _, want := range []string{"Hypothesis: the portal is back within 2 days without the hoster",
		"Participants: Anna de Vries (process-owner), Piet (service-desk)", "Facilitators: Karin"} {
		if !strings.Contains(view.body, want) {
			t.Errorf("drill page lacks %q", want)
		}
	}

	bad := tabletopForm(tok, b.startForm(), "bad participant")
	bad.Set("participants", ":observer")
	if p := b.post("/drills", bad); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "want NAME:ROLE") {
		t.Errorf("a participant without a name: status %d\n%s", p.status, p.body)
	}
}
