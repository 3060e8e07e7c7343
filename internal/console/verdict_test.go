package console

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

func TestVerdictWords(t *testing.T) {
	procs := func(vs ...drill.Verdict) []*drill.ProcessResult {
		var out []*drill.ProcessResult
		for _, v := range vs {
			out = append(out, &drill.ProcessResult{Verdict: v})
		}
		return out
	}
	for _, tt := range []struct {
		name      string
		res       drill.DrillResult
		want, tag string
	}{
		{"all held", drill.DrillResult{ObjectivesMet: true, Processes: procs(drill.Recovered, drill.Tolerated)}, "all held: 2 of 2 processes kept their objectives", "objectives-met"},
		{"missed", drill.DrillResult{Processes: procs(drill.Recovered, drill.Late, drill.Breached, drill.Recovered, drill.Recovered, drill.Recovered, drill.Recovered, drill.Recovered, drill.Inconclusive)},
			"missed objectives: 2 of 9 processes", "objectives-missed"},
		{"inconclusive", drill.DrillResult{Processes: procs(drill.Recovered, drill.Inconclusive)}, "inconclusive: 1 of 2 processes had a step the worker could not attempt", "inconclusive"},
		{"unproven", drill.DrillResult{Processes: procs(drill.Unproven)}, "unproven: 1 of 1 process left a lost application uncovered", "unproven"},
		{"aborted", drill.DrillResult{Abort: &drill.Abort{Actor: "anna"}, Processes: procs(drill.Aborted)}, "aborted: this drill proves nothing", "aborted"},
		{"nothing impacted", drill.DrillResult{ObjectivesMet: true}, "no process impacted: this drill proves nothing", "unproven"},
	} {
		if got := verdictOf(&tt.res); got.Words != tt.want || got.Class != tt.tag {
			t.Errorf("%s: %q (%s), want %q (%s)", tt.name, got.Words, got.Class, tt.want, tt.tag)
		}
	}
}

// The schedules page says the verdict of a schedule's last drill in words,
// as the drill page's summary does, linking to the drill.
func TestScheduleLastResultInWords(t *testing.T) {
	tc := newTestConsole(t)
	const id = "verdict-schedule"
	p, err := drillops.Prepare(context.Background(), drillops.Request{Schedule: true, ID: id, Catalogs: []string{"testdata/catalog"},
		Scenario: "testdata/portal-tabletop.yaml", StartedBy: "test", Reports: reportsDir, Mode: "compressed", TimeScale: 720000})
	if err != nil {
		t.Fatal(err)
	}
	if err := tc.c.o.Backend.CreateSchedule(context.Background(), p, "0 9 1 1 *", "UTC"); err != nil {
		t.Fatal(err)
	}
	tc.deleteSchedules(t, id)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	drillID, err := drillops.TriggerSchedule(ctx, tc.eng.Client, id, false)
	if err != nil {
		t.Fatal(err)
	}
	if res := tc.result(t, drillID); !res.ObjectivesMet {
		t.Fatalf("the scheduled drill missed its objectives: %+v", res.Processes)
	}
	b := tc.browser(t)
	b.signIn("vic")
	card := scheduleCard(t, b.get("/schedules").body, id)
	want := `<a href="/drills/` + drillID + `"><span class="tag objectives-met">all held: 1 of 1 process kept their objectives</span></a>`
	if !strings.Contains(card, want) || strings.Contains(card, `<span class="tag completed">`) {
		t.Errorf("the last result of %s: want %s, not the workflow's status:\n%s", id, want, card)
	}
	if d := b.get("/drills/" + drillID); d.status != http.StatusOK ||
		!strings.Contains(d.body, `<h2 id="summary-h">All held: 1 of 1 process kept their objectives</h2>`) {
		t.Errorf("the drill page's summary does not say it in the same words:\n%s", d.body)
	}
}
