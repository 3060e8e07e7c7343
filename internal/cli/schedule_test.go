package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// nextDaily is when a "0 HOUR * * *" schedule in loc fires next after now.
func nextDaily(now time.Time, loc *time.Location, hour int) time.Time {
	n := now.In(loc)
	next := time.Date(n.Year(), n.Month(), n.Day(), hour, 0, 0, 0, loc)
	if !next.After(now) {
		next = time.Date(n.Year(), n.Month(), n.Day()+1, hour, 0, 0, 0, loc)
	}
	return next
}

// schedulesJSON returns `schedule list --format json` by schedule id.
func (s *drillServer) schedulesJSON(t *testing.T) map[string]scheduleRow {
	t.Helper()
	code, out, errs := s.cmd(t, "schedule", "list", "--format", "json")
	var rows []scheduleRow
	if code != ExitOK || json.Unmarshal([]byte(out), &rows) != nil {
		t.Fatalf("schedule list: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	m := map[string]scheduleRow{}
	for _, r := range rows {
		m[r.ID] = r
	}
	return m
}

// tableRow returns the cells of the row of the ASCII table in out whose first
// cell is id, and the header's cells.
func tableRow(out, id string) (header, row []string) {
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		switch {
		case header == nil:
			header = cells
		case cells[0] == id:
			row = cells
		}
	}
	return header, row
}

var scheduleHeader = []string{"ID", "CRON", "TIME ZONE", "SCENARIO", "NEXT RUN", "LAST RESULT", "PAUSED", "NOTE"}

func TestScheduleTimeZone(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := srv.cmd(t, "schedule", "create", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-mail-compressed"),
		"--cron", "0 3 * * *", "--tz", "Europe/Amsterdam", "--id", "nightly", "--actor", "tess")
	next := nextDaily(time.Now(), ams, 3)
	wantOut := "schedule nightly created: portal-mail-compressed on Drilltest (0 3 * * * Europe/Amsterdam), next drill " +
		next.Format("2006-01-02 15:04 -07:00") + "\n"
	if code != ExitOK || out != wantOut {
		t.Fatalf("schedule create --tz: exit %d, stdout %q, stderr %q; want 0 and %q", code, out, errs, wantOut)
	}
	if strings.Contains(errs, "time zone") {
		t.Errorf("stderr names a default time zone although --tz was given: %q", errs)
	}

	var row scheduleRow
	testkit.WaitFor(t, "schedule list shows nightly", 30*time.Second, func() bool {
		var ok bool
		row, ok = srv.schedulesJSON(t)["nightly"]
		return ok
	})
	_, wantOffset := next.Zone()
	if row.TimeZone != "Europe/Amsterdam" || row.Scenario != "portal-mail-compressed" || !slices.Equal(row.Spec, []string{"0 3 * * *"}) ||
		len(row.Next) == 0 || !row.Next[0].Equal(next) || row.Last != nil {
		t.Errorf("schedule list -o json: %+v; want zone Europe/Amsterdam, scenario, cron 0 3 * * *, next %s, no last result", row, next)
	} else if _, off := row.Next[0].Zone(); off != wantOffset || row.Next[0].In(ams).Hour() != 3 {
		t.Errorf("next run %s: offset %d, want 03:00 in Amsterdam (offset %d)", row.Next[0], off, wantOffset)
	}

	code, out, errs = srv.cmd(t, "schedule", "list")
	header, cells := tableRow(out, "nightly")
	want := []string{"nightly", "0 3 * * *", "Europe/Amsterdam", "portal-mail-compressed", next.Format("2006-01-02 15:04 -07:00"), "-", "no", "(created by tess)"}
	if code != ExitOK || !slices.Equal(header, scheduleHeader) || !slices.Equal(cells, want) {
		t.Errorf("schedule list: exit %d, stderr %q:\n%s\nwant header %q and row %q", code, errs, out, scheduleHeader, want)
	}
}

func TestScheduleBadTimeZone(t *testing.T) {
	t.Parallel()
	for _, tz := range []string{"Mars/Olympus", "Local", "CEST"} {
		code, out, errs := run(t, "schedule", "create", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-mail-compressed"),
			"--cron", "0 3 * * *", "--tz", tz, "--state-dir", t.TempDir())
		want := `time zone "` + tz + `": not an IANA time zone name, for example Europe/Amsterdam or UTC`
		if code != ExitInvalid || out != "" || !strings.Contains(errs, want) {
			t.Errorf("schedule create --tz %s: exit %d, stdout %q, stderr %q; want 2 and %q", tz, code, out, errs, want)
		}
	}
}

// localZone is the zone a schedule created without --tz reads its cron in.
func localZone(t *testing.T) (string, *time.Location) {
	t.Helper()
	name, _ := drillops.LocalZone()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return name, loc
}

func TestSchedulePresetAndCronInWords(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ flag, value, want string }{
		{"--cron", "0 9 1 */3", `cron "0 9 1 */3": cron needs 5 fields: minute hour day month weekday; "0 9 1 */3" has 4`},
		{"--preset", "every other Tuesday", `preset "every other Tuesday": allowed: a phrase such as "first Monday of the quarter at 09:00"`},
	} {
		code, out, errs := run(t, "schedule", "create", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-mail-compressed"),
			tt.flag, tt.value, "--state-dir", t.TempDir())
		if code != ExitInvalid || out != "" || !strings.Contains(errs, tt.want) {
			t.Errorf("schedule create %s %q: exit %d, stdout %q, stderr %q; want 2 and %q", tt.flag, tt.value, code, out, errs, tt.want)
		}
	}
	srv := startDrillServer(t)
	code, out, errs := srv.cmd(t, "schedule", "create", "--catalog", drillCatalog, "--scenario", scenarioFile("portal-mail-compressed"),
		"--preset", "first Monday of the quarter at 09:00", "--tz", "Europe/Amsterdam", "--id", "preset", "--actor", "tess")
	const cron = "0 9 1-7 1,4,7,10 1 # first Monday of the quarter at 09:00"
	if code != ExitOK || !strings.HasPrefix(out, "schedule preset created: portal-mail-compressed on Drilltest ("+cron+" Europe/Amsterdam), next drill ") {
		t.Fatalf("schedule create --preset: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	var row scheduleRow
	testkit.WaitFor(t, "schedule list shows preset", 30*time.Second, func() bool {
		var ok bool
		row, ok = srv.schedulesJSON(t)["preset"]
		return ok
	})
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	if !slices.Equal(row.Spec, []string{cron}) || len(row.Next) < 3 {
		t.Fatalf("schedule list: %+v; want cron %q and drills to come", row, cron)
	}
	for _, n := range row.Next[:3] {
		if n = n.In(ams); n.Weekday() != time.Monday || n.Day() > 7 || (n.Month()-1)%3 != 0 || n.Hour() != 9 {
			t.Errorf("next run %s: want the first Monday of a quarter at 09:00 in Amsterdam", n)
		}
	}
}
