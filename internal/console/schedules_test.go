package console

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/serviceerror"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

// scheduleFormValues is the new-schedule form for the test catalog's
// tabletop scenario, quarterly on the first Monday at 09:00 in Amsterdam.
func scheduleFormValues(tok string) url.Values {
	return url.Values{"csrf": {tok}, "catalog": {"testdata/catalog"}, "scenario": {"testdata/portal-tabletop.yaml"},
		"preset": {"quarterly"}, "week": {"first"}, "weekday": {"Monday"}, "at": {"09:00"}, "tz": {"Europe/Amsterdam"}, "note": {"quarterly check"}}
}

// deleteSchedules deletes the schedules of the shared engine when the test ends.
func (tc *testConsole) deleteSchedules(t *testing.T, ids ...string) {
	t.Cleanup(func() {
		for _, id := range ids {
			_ = tc.eng.Client.ScheduleClient().GetHandle(context.Background(), id).Delete(context.Background())
		}
	})
}

// scheduleExists reports whether schedule id exists.
func (tc *testConsole) scheduleExists(t *testing.T, id string) bool {
	t.Helper()
	_, err := tc.eng.Client.ScheduleClient().GetHandle(context.Background(), id).Describe(context.Background())
	var nf *serviceerror.NotFound
	if err != nil && !errors.As(err, &nf) {
		t.Fatalf("describe schedule %s: %v", id, err)
	}
	return err == nil
}

// waitSchedulesPage waits until the schedules page lists id and returns it.
func (b *browser) waitSchedulesPage(id string) page {
	b.t.Helper()
	var p page
	waitFor(b.t, "the schedules page lists "+id, 30*time.Second, func() bool {
		p = b.get("/schedules")
		return strings.Contains(p.body, `id="s-`+id+`"`)
	})
	return p
}

// Every mistake in the new-schedule form is said in words, and nothing is
// created.
func TestScheduleFormErrors(t *testing.T) {
	tc := newTestConsole(t)
	b := tc.browser(t)
	tok := b.signIn("alice")
	tc.deleteSchedules(t, "drill-portal-tabletop")
	for _, tt := range []struct {
		name   string
		change map[string]string
		want   string
	}{
		{"cron of 4 fields", map[string]string{"preset": "cron", "cron": "0 9 1 */3"}, `cron &#34;0 9 1 */3&#34;: cron needs 5 fields: minute hour day month weekday; &#34;0 9 1 */3&#34; has 4`},
		{"cron hour out of range", map[string]string{"preset": "cron", "cron": "0 25 * * *"}, `the hour field &#34;25&#34;: 25 is out of range; allowed: 0-23`},
		{"empty cron", map[string]string{"preset": "cron", "cron": ""}, `the cron is empty; it needs 5 fields: minute hour day month weekday`},
		{"unknown preset", map[string]string{"preset": "fortnightly"}, `unknown preset &#34;fortnightly&#34;; allowed: monthly, quarterly, yearly`},
		{"preset week", map[string]string{"week": "fifth"}, `preset week &#34;fifth&#34;: allowed: first, second, third, fourth`},
		{"preset time", map[string]string{"at": "9am"}, `preset time &#34;9am&#34;: allowed: a time of day as HH:MM, 24-hour, for example 09:00`},
		{"month of a quarterly preset", map[string]string{"month": "March"}, `preset month &#34;March&#34;: only a yearly preset names a month`},
		{"time zone", map[string]string{"tz": "Mars/Olympus"}, `time zone &#34;Mars/Olympus&#34;: not an IANA time zone name, for example Europe/Amsterdam or UTC`},
		{"unknown catalog", map[string]string{"catalog": "/srv/other"}, `catalog &#34;/srv/other&#34; is not one of this console&#39;s catalogs (testdata/catalog)`},
		{"scenario not in the catalog", map[string]string{"scenario": "aws-1-week"}, `unknown supplier in catalog Consoletest`},
		{"no scenario", map[string]string{"scenario": ""}, "catalog and scenario are required"},
		{"bad id", map[string]string{"id": "a/b"}, "schedule id"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			form := scheduleFormValues(tok)
			for k, v := range tt.change {
				form.Set(k, v)
			}
			p := b.post("/schedules", form)
			if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, tt.want) || !strings.Contains(p.body, "Create schedule</button>") {
				t.Fatalf("status %d; want 422 with %q and the form:\n%s", p.status, tt.want, p.body)
			}
			if !strings.Contains(p.body, `value="quarterly check"`) {
				t.Errorf("the form lost its note:\n%s", p.body)
			}
		})
	}
	if tc.scheduleExists(t, "drill-portal-tabletop") {
		t.Errorf("a refused form created drill-portal-tabletop")
	}
}

var nextRunRE = regexp.MustCompile(`<li>(Mon \d+ \w+ \d{4} \d\d:\d\d CES?T) <small><time datetime="([^"]+)"`)

// A preset schedule in its own zone: its words and cron, the next three
// drills in that zone, a second schedule of the same scenario, pausing with
// who and why beside the note, and deleting only once confirmed.
func TestSchedulePresetPauseDelete(t *testing.T) {
	tc := newTestConsole(t)
	b := tc.browser(t)
	tok := b.signIn("alice")
	const id, id2 = "drill-portal-tabletop", "drill-portal-tabletop-2"
	tc.deleteSchedules(t, id, id2)
	p := b.post("/schedules", scheduleFormValues(tok))
	if p.status != http.StatusSeeOther {
		t.Fatalf("create: status %d\n%s", p.status, p.body)
	}
	if f := b.get("/schedules"); !strings.Contains(f.body, "schedule "+id+" created: 0 9 1-7 1,4,7,10 1 # first Monday of the quarter at 09:00 (Europe/Amsterdam)") {
		t.Errorf("no word of the schedule created:\n%s", f.body)
	}
	form := scheduleFormValues(tok)
	form.Set("preset", "cron")
	form.Set("cron", "30 14 * * 5")
	form.Set("tz", "UTC")
	if p := b.post("/schedules", form); p.status != http.StatusSeeOther {
		t.Fatalf("a second schedule of the scenario: status %d\n%s", p.status, p.body)
	}
	if !tc.scheduleExists(t, id2) {
		t.Fatalf("the second schedule of the scenario is not %s", id2)
	}

	page := b.waitSchedulesPage(id)
	card := scheduleCard(t, page.body, id)
	for _, want := range []string{
		"Hoster gone, people at the table: hoster gone for 1 week (tabletop; portal-tabletop)",
		"first Monday of the quarter at 09:00 · <code>0 9 1-7 1,4,7,10 1</code>", "time zone Europe/Amsterdam",
		"quarterly check", "created by alice (console continuity-manager)", "no drill yet", `<span class="tag ok">active</span>`,
	} {
		if !strings.Contains(card, want) {
			t.Errorf("the card of %s lacks %q:\n%s", id, want, card)
		}
	}
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	runs := nextRunRE.FindAllStringSubmatch(card, -1)
	if len(runs) != 3 {
		t.Fatalf("the card of %s shows %d next drills, want 3:\n%s", id, len(runs), card)
	}
	for _, m := range runs {
		at, err := time.Parse(time.RFC3339, m[2])
		if err != nil {
			t.Fatal(err)
		}
		at = at.In(ams)
		if at.Weekday() != time.Monday || at.Day() > 7 || (at.Month()-1)%3 != 0 || at.Hour() != 9 || at.Minute() != 0 || m[1] != at.Format(nextLayout) {
			t.Errorf("next drill %s (%s): want a first Monday of a quarter at 09:00 in Amsterdam, written in that zone", m[1], at)
		}
	}
	if card2 := scheduleCard(t, page.body, id2); !strings.Contains(card2, "<code>30 14 * * 5</code>") || !strings.Contains(card2, "time zone UTC") {
		t.Errorf("the card of %s:\n%s", id2, card2)
	}

	// Pausing needs a reason; it keeps the note and says who and why apart.
	if p := b.post("/schedules/"+id+"/pause", url.Values{"csrf": {tok}, "reason": {"  "}}); p.status != http.StatusUnprocessableEntity ||
		!strings.Contains(p.body, "pausing schedule "+id+" needs a reason: say why, so that whoever resumes it knows; it was not paused") {
		t.Errorf("pause without a reason: status %d\n%s", p.status, p.body)
	}
	if p := b.post("/schedules/"+id+"/pause", url.Values{"csrf": {tok}, "reason": {"audit week"}}); p.status != http.StatusSeeOther {
		t.Fatalf("pause: status %d\n%s", p.status, p.body)
	}
	card = scheduleCard(t, b.get("/schedules").body, id)
	for _, want := range []string{`<span class="tag paper">paused</span>`, "by alice (console continuity-manager)<br>why: audit week",
		"no drill starts until it is resumed", "quarterly check", "created by alice (console continuity-manager)", `action="/schedules/` + id + `/unpause"`} {
		if !strings.Contains(card, want) {
			t.Errorf("the paused card lacks %q:\n%s", want, card)
		}
	}
	if strings.Contains(card, "Next drills") || nextRunRE.MatchString(card) {
		t.Errorf("a paused schedule shows drills to come:\n%s", card)
	}
	if p := b.post("/schedules/"+id+"/unpause", url.Values{"csrf": {tok}}); p.status != http.StatusSeeOther {
		t.Fatalf("resume: status %d", p.status)
	}
	if card := scheduleCard(t, b.get("/schedules").body, id); len(nextRunRE.FindAllString(card, -1)) != 3 || !strings.Contains(card, "quarterly check") {
		t.Errorf("the resumed card shows no next drills or lost its note:\n%s", card)
	}

	// The last result is the drill the schedule started last.
	drillID, err := drillops.TriggerSchedule(context.Background(), tc.eng.Client, id, false)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = tc.c.o.Backend.Abort(context.Background(), drillID, drill.Abort{Actor: "test", Reason: "test over"})
	}()
	if card := scheduleCard(t, b.get("/schedules").body, id); !strings.Contains(card, `<a href="/drills/`+drillID+`"><span class="tag running">running</span></a><br><small>drill `+drillID+`, started `) {
		t.Errorf("the card does not show the last drill %s running:\n%s", drillID, card)
	}

	// Deleting asks first; without the confirmation nothing is deleted.
	if p := b.post("/schedules/"+id+"/delete", url.Values{"csrf": {tok}}); p.status != http.StatusUnprocessableEntity ||
		!strings.Contains(p.body, "deleting schedule "+id+" needs its confirmation: nothing was deleted; confirm below") ||
		!strings.Contains(p.body, "Delete schedule "+id+"</button>") {
		t.Errorf("delete without confirmation: status %d\n%s", p.status, p.body)
	}
	if !tc.scheduleExists(t, id) {
		t.Fatalf("delete without confirmation deleted %s", id)
	}
	confirm := b.get("/schedules/" + id + "/delete")
	if confirm.status != http.StatusOK || !strings.Contains(confirm.body, `<input type="hidden" name="confirm" value="yes">`) || !strings.Contains(confirm.body, "quarterly check") {
		t.Fatalf("confirmation page: status %d\n%s", confirm.status, confirm.body)
	}
	if p := b.post("/schedules/"+id+"/delete", url.Values{"csrf": {csrf(t, confirm)}, "confirm": {"yes"}}); p.status != http.StatusSeeOther || tc.scheduleExists(t, id) {
		t.Errorf("confirmed delete: status %d, still there %v", p.status, tc.scheduleExists(t, id))
	}
	if p := b.get("/schedules/no-such/delete"); p.status != http.StatusNotFound || !strings.Contains(p.body, `no schedule &#34;no-such&#34;: it may have been deleted`) {
		t.Errorf("confirmation of an unknown schedule: status %d\n%s", p.status, p.body)
	}
	if p := b.post("/schedules/"+id2+"/archive", url.Values{"csrf": {tok}}); p.status != http.StatusNotFound ||
		!strings.Contains(p.body, "unknown schedule action archive; allowed: pause, unpause, delete") {
		t.Errorf("unknown action: status %d\n%s", p.status, p.body)
	}
	if p := b.post("/schedules/"+id2+"/pause", url.Values{"csrf": {tok}, "reason": {"bell\a"}}); p.status != http.StatusUnprocessableEntity ||
		!strings.Contains(p.body, "the note has a control character (U&#43;0007)") {
		t.Errorf("a reason with a control character: status %d\n%s", p.status, p.body)
	}
}

// scheduleCard cuts the card of schedule id out of the schedules page.
func scheduleCard(t *testing.T, body, id string) string {
	t.Helper()
	start := strings.Index(body, `<article class="card sched" aria-labelledby="s-`+id+`">`)
	if start < 0 {
		t.Fatalf("no card of schedule %s:\n%s", id, body)
	}
	end := strings.Index(body[start:], "</article>")
	return body[start : start+end]
}
