package drillops

import (
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

func TestCheckCron(t *testing.T) {
	for _, ok := range []string{"0 9 1 */3 *", "0 9 1-7 1,4,7,10 1 # first Monday of the quarter at 09:00", "30 14 * jan-mar MON", "0 0 * * 7", "@monthly"} {
		if err := CheckCron(ok); err != nil {
			t.Errorf("CheckCron(%q) = %v, want nil", ok, err)
		}
	}
	for _, tt := range []struct{ cron, want string }{
		{"0 9 1 */3", `cron "0 9 1 */3": cron needs 5 fields: minute hour day month weekday; "0 9 1 */3" has 4`},
		{"0 0 9 1 */3 *", `cron needs 5 fields: minute hour day month weekday; "0 0 9 1 */3 *" has 6`},
		{"", `the cron is empty; it needs 5 fields: minute hour day month weekday`},
		{"# only a comment", `the cron is empty`},
		{"0 25 * * *", `the hour field "25": 25 is out of range; allowed: 0-23, *, ranges a-b, lists a,b and steps */n`},
		{"61 9 * * *", `the minute field "61": 61 is out of range; allowed: 0-59`},
		{"0 9 0 * *", `the day field "0": 0 is out of range; allowed: 1-31 (day of the month)`},
		{"0 9 * 13 *", `the month field "13": 13 is out of range; allowed: 1-12 or jan-dec`},
		{"0 9 * * funday", `the weekday field "funday": "funday" is not a number; allowed: 0-7 or sun-sat`},
		{"0 9 * */0 *", `the month field "*/0": the step after / must be a whole number of at least 1`},
		{"0 9 10-2 * *", `the day field "10-2": the range ends before it starts`},
		{"0 9 1, * *", `the day field "": a value is missing`},
		{"TZ=Europe/Amsterdam 0 9 * * *", `remove the TZ= prefix and choose the schedule's time zone`},
		{"@every 1h", `unknown shorthand "@every 1h"; allowed: @yearly, @monthly, @weekly, @daily`},
	} {
		err := CheckCron(tt.cron)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !IsInvalid(err) {
			t.Errorf("CheckCron(%q) = %v; want an invalid-input error with %q", tt.cron, err, tt.want)
		}
	}
}

func TestPresets(t *testing.T) {
	for _, tt := range []struct{ phrase, cron, words string }{
		{"first Monday of the quarter at 09:00", "0 9 1-7 1,4,7,10 1", "first Monday of the quarter at 09:00"},
		{"Second tuesday of the month at 14:30", "30 14 8-14 * 2", "second Tuesday of the month at 14:30"},
		{"fourth friday of the year at 7:05", "5 7 22-28 1 5", "fourth Friday of the year at 07:05"},
		{"third sun of march at 23:59", "59 23 15-21 3 0", "third Sunday of March at 23:59"},
		{"first monday of january at 09:00", "0 9 1-7 1 1", "first Monday of the year at 09:00"},
	} {
		p, err := ParsePreset(tt.phrase)
		if err != nil {
			t.Errorf("ParsePreset(%q): %v", tt.phrase, err)
			continue
		}
		if want := tt.cron + " # " + tt.words; p.Cron() != want || p.String() != tt.words {
			t.Errorf("ParsePreset(%q): cron %q, words %q; want %q, %q", tt.phrase, p.Cron(), p, want, tt.words)
		}
		if err := CheckCron(p.Cron()); err != nil {
			t.Errorf("the cron of %q does not pass CheckCron: %v", tt.phrase, err)
		}
		if again, err := ParsePreset(p.String()); err != nil || again != p {
			t.Errorf("ParsePreset(%q) = %+v, %v; want %+v", p.String(), again, err, p)
		}
	}
	for _, tt := range []struct{ phrase, want string }{
		{"every fortnight", `preset "every fortnight": allowed: a phrase such as "first Monday of the quarter at 09:00"`},
		{"fifth Monday of the month at 09:00", `preset week "fifth": allowed: first, second, third, fourth`},
		{"first Caturday of the month at 09:00", `preset weekday "caturday": allowed: Monday, Tuesday`},
		{"first Monday of the decade at 09:00", `"decade" is not a month, quarter or year`},
		{"first Monday of the month at 9am", `preset time "9am": allowed: a time of day as HH:MM, 24-hour`},
		{"first Monday of the month at 24:00", `preset time "24:00"`},
		{"first Monday of Brumaire at 09:00", `preset month "brumaire": allowed: January to December`},
	} {
		_, err := ParsePreset(tt.phrase)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !IsInvalid(err) {
			t.Errorf("ParsePreset(%q) = %v; want an invalid-input error with %q", tt.phrase, err, tt.want)
		}
	}
	if _, err := NewPreset("fortnightly", "first", "Monday", "09:00", ""); err == nil || err.Error() != `unknown preset "fortnightly"; allowed: monthly, quarterly, yearly` {
		t.Errorf("NewPreset(fortnightly) = %v", err)
	}
	if _, err := NewPreset("monthly", "first", "Monday", "09:00", "March"); err == nil || !strings.Contains(err.Error(), "only a yearly preset names a month") {
		t.Errorf("NewPreset(monthly in March) = %v", err)
	}
	if p, err := NewPreset("yearly", "first", "Mon", "09:00", "Oct"); err != nil || p.Month != time.October || p.Cron() != "0 9 1-7 10 1 # first Monday of October at 09:00" {
		t.Errorf("NewPreset(yearly in October) = %+v, %v", p, err)
	}
}

func TestPauseOf(t *testing.T) {
	for _, tt := range []struct {
		note string
		want Pause
	}{
		{"paused by alice (console continuity-manager): audit week", Pause{By: "alice (console continuity-manager)", Why: "audit week"}},
		{"paused by bob", Pause{By: "bob"}},
		{"emergency stop by alice: fire: in the hall", Pause{By: "alice", Why: "fire: in the hall", Emergency: true}},
		{"holidays", Pause{Why: "holidays"}},
	} {
		if got := PauseOf(tt.note); got != tt.want {
			t.Errorf("PauseOf(%q) = %+v, want %+v", tt.note, got, tt.want)
		}
	}
	if n := EmergencyNote(drillAbort("alice", "fire")); PauseOf(n) != (Pause{By: "alice", Why: "fire", Emergency: true}) {
		t.Errorf("PauseOf(EmergencyNote) = %+v", PauseOf(n))
	}
}

func drillAbort(actor, reason string) drill.Abort { return drill.Abort{Actor: actor, Reason: reason} }
