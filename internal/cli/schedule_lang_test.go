package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/drillops"
)

// TestScheduleListInDutch: exitdrill schedule list with --lang nl has Dutch
// column titles, yes/no, last result and note, and dates the Dutch way in
// the schedule's own zone; English as before.
func TestScheduleListInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip(err)
	}
	next := time.Date(2027, 1, 4, 9, 0, 0, 0, ams)
	rows := []scheduleRow{{ID: "s1", Paused: true, Note: "kwartaal", By: "Jan", Pause: &drillops.Pause{By: "Piet", Why: "verbouwing"},
		Spec: []string{"0 9 1 */3 *"}, TimeZone: "Europe/Amsterdam", Scenario: "microsoft-1-week", Next: []time.Time{next},
		Last: &drillops.LastResult{Drill: "d1", Status: "objectives-met", At: next.AddDate(0, -3, 0)}}}
	render := func(l string) string {
		var out bytes.Buffer
		renderSchedules(&Streams{Out: &out, lang: &langFlag{value: l}}, rows)
		return out.String()
	}
	nl := render("nl")
	for _, w := range []string{"TIJDZONE", "VOLGENDE UITVOERING", "LAATSTE RESULTAAT", "GEPAUZEERD", "NOTITIE", "4 januari 2027 09:00 +01:00", "| ja ",
		"kwartaal (gemaakt door Jan); gepauzeerd door Piet: verbouwing", "4 oktober 2026 09:00"} {
		if !strings.Contains(nl, w) {
			t.Errorf("schedule list --lang nl lacks %q:\n%s", w, nl)
		}
	}
	for _, w := range []string{"TIME ZONE", "NEXT RUN", "| yes ", "created by", "paused by"} {
		if strings.Contains(nl, w) {
			t.Errorf("schedule list --lang nl still says %q:\n%s", w, nl)
		}
	}
	en := render("en")
	for _, w := range []string{"TIME ZONE", "NEXT RUN", "2027-01-04 09:00 +01:00", "| yes ", "kwartaal (created by Jan); paused by Piet: verbouwing", "objectives-met 2026-10-04 09:00"} {
		if !strings.Contains(en, w) {
			t.Errorf("schedule list in English lacks %q:\n%s", w, en)
		}
	}
}
