package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// statusFixture is a running drill's progress with an inject and a list of
// drills, for the status tests.
func statusFixture() (*drill.DrillProgress, *drill.ProcessProgress, []drillRow) {
	at := time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local)
	dp := &drill.DrillProgress{DrillID: "d1", Status: "running", Scenario: "microsoft-1-week", Mode: "compressed", Started: at,
		Processes: []drill.ProcessSummary{{ID: "vergunningen", Status: "running"}, {ID: "belastingen", Status: "done", Verdict: drill.Recovered},
			{ID: "parkeren", Status: "pending"}},
		Injects: []*drill.InjectResult{
			{Inject: drill.Inject{ID: "pers", At: drill.SceneTime(2 * 24 * time.Hour), To: "woordvoerder"}, Status: drill.InjectAcknowledged,
				Acks: []drill.Ack{{By: "Jan", At: at.Add(time.Hour)}}},
			{Inject: drill.Inject{ID: "raad", At: drill.SceneTime(3 * 24 * time.Hour), To: "griffie"}, Status: drill.InjectDelivered, Delivered: at.Add(2 * time.Hour)},
		}}
	pp := &drill.ProcessProgress{Process: "vergunningen", Status: "rolling-back", Done: []*drill.StepResult{{}, {}}, Total: 5,
		Running: []string{"restore"}, Waiting: []drill.Waiting{{Step: "approve", Role: "dpo"}}}
	rows := []drillRow{{ID: "d1", Scenario: "microsoft-1-week", Status: "running", Started: at}, {ID: "d0", Scenario: "aws-1-day", Status: "completed", Started: at, Closed: at.Add(time.Hour)}}
	return dp, pp, rows
}

// TestStatusInDutch: the progress and the list of exitdrill status (and
// list) with --lang nl: Dutch header line, column titles, states, step
// counts, inject lines and dates on the local clock; English as before.
func TestStatusInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	dp, pp, rows := statusFixture()
	render := func(l string) string {
		var out bytes.Buffer
		s := &Streams{Out: &out, lang: &langFlag{value: l}}
		p := s.printer()
		renderProgress(s, dp, func(ps drill.ProcessSummary) string { return childText(p, pp) })
		renderList(s, rows)
		return out.String()
	}
	nl := render("nl")
	says(t, "the Dutch status", nl,
		"Oefening d1 — scenario microsoft-1-week, modus gecomprimeerd, gestart 5 december 2026 09:00:00, bezig",
		"PROCES", "OORDEEL / VOORTGANG", "| bezig ", "| afgerond ", "| wacht ", "hersteld", "2/5 stappen, bezig met restore, approve wacht op dpo, wordt teruggedraaid",
		"Injects:", "T0+2d pers aan woordvoerder: bevestigd door Jan om 5 december 2026 10:00:00",
		"T0+3d raad aan griffie: bezorgd 5 december 2026 11:00:00, door NIEMAND BEVESTIGD",
		"OEFENING", "GESTART", "GESLOTEN", "| afgerond ")
	for _, notWant := range []string{"mode", "started", "VERDICT / PROGRESS", "steps", "waits for", "rolling back", " to woordvoerder", "acknowledged", "NOT ACKNOWLEDGED", "2026-12-05", "STARTED", "CLOSED"} {
		if strings.Contains(nl, notWant) {
			t.Errorf("the Dutch status still says %q:\n%s", notWant, nl)
		}
	}
	en := render("en")
	says(t, "the English status", en,
		"Drill d1 — scenario microsoft-1-week, compressed mode, started 2026-12-05 09:00:00, running\n",
		"VERDICT / PROGRESS", "2/5 steps, running restore, approve waits for dpo, rolling back",
		"  T0+2d pers to woordvoerder: acknowledged by Jan at 2026-12-05 10:00:00\n",
		"  T0+3d raad to griffie: delivered 2026-12-05 11:00:00, NOT ACKNOWLEDGED by anyone\n",
		"STARTED", "CLOSED", "2026-12-05 10:00:00")
}
