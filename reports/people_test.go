package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

func TestForPeople(t *testing.T) {
	for d, want := range map[time.Duration]string{
		270468779 * time.Nanosecond:                       "270 ms",
		3200 * time.Millisecond:                           "3.2 s",
		41 * time.Second:                                  "41 s",
		4*time.Minute + 10*time.Second + time.Millisecond: "4m 10s",
		2*time.Hour + 5*time.Minute + 7*time.Second:       "2h 5m",
		time.Hour + 8*time.Second:                         "1h",
		30 * time.Hour:                                    "1d 6h",
		30*time.Hour + 17*time.Second:                     "1d 6h",
		30 * 24 * time.Hour:                               "30d",
		0:                                                 "0 s",
		-90 * time.Second:                                 "-1m 30s",
	} {
		if got := ForPeople(drill.Duration(d)); got != want {
			t.Errorf("ForPeople(%s) = %q, want %q", d, got, want)
		}
	}
	for d, want := range map[time.Duration]string{24 * time.Hour: "1 day", 30 * 24 * time.Hour: "30 days", 12 * time.Hour: "12 hours", 90 * time.Minute: "1h30m"} {
		if got := spanForPeople(drill.Duration(d)); got != want {
			t.Errorf("spanForPeople(%s) = %q, want %q", d, got, want)
		}
	}
}

// TestHeadline: the first sentence answers the manager's question, yes or
// no, with the lost suppliers by name and the processes that miss their
// objectives; a drill that proved nothing says so instead.
func TestHeadline(t *testing.T) {
	sc := drill.Info{Duration: drill.Duration(30 * 24 * time.Hour), Lost: []string{"microsoft", "kpn"},
		Names: map[string]string{"microsoft": "Microsoft"}}
	ok := &Process{ID: "a", Critical: true, Verdict: drill.Recovered, Survives: true, Recovered: true, DataLoss: &drill.DataLoss{Checked: true, Met: true}}
	late := &Process{ID: "b", Critical: true, Verdict: drill.Late, Survives: true, Recovered: true, DataLoss: &drill.DataLoss{Checked: true}}
	unproven := &Process{ID: "c", Critical: true, Verdict: drill.Unproven}
	for _, tc := range []struct {
		procs []*Process
		want  string
	}{
		{[]*Process{ok}, "Yes: the impacted process keeps its objectives (RTO, MTPD, RPO) after losing Microsoft and kpn for 30 days. 1 of 1 critical process survives; 1 of them is recovered within its RTO."},
		{[]*Process{ok, late}, "No: 1 of 2 impacted processes misses its objectives after losing Microsoft and kpn for 30 days: b (late, data older than its RPO)."},
		{[]*Process{ok, unproven}, "Not shown: the drill did not prove that the 2 impacted processes keep their objectives after losing Microsoft and kpn for 30 days."},
	} {
		r := &Report{Scenario: sc, Processes: tc.procs}
		got := summarise(r, 0).Headline
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("headline\n %q\nwant prefix\n %q", got, tc.want)
		}
	}
}

// TestZoomedTimeline: a recovery of hours on a 30-day axis gets an enlarged
// chart of the first part; steps that fill the axis get none.
func TestZoomedTimeline(t *testing.T) {
	const h = drill.Duration(time.Hour)
	r := &Report{Scenario: drill.Info{Duration: 30 * 24 * h}, Processes: []*Process{{ID: "a", RTO: 4 * h, MTPD: 12 * h, Recovered: true, Recovery: 2 * h,
		Steps: []*Step{{ID: "s", Start: 0, End: 2 * h, Measure: drill.Measured, Status: "passed"}}}}}
	z := newZoom(r)
	if z == nil || z.Zoomed != "2h 6m" || z.OutageX != 0 || z.Lanes[0].RecoveryX == 0 || z.Lanes[0].RTOX != 0 || z.Lanes[0].MTPDBeyond != "RTO 4h, MTPD 12h ›" {
		t.Fatalf("zoom %+v; want the first 2h 6m, the recovery on it, RTO and MTPD beyond it", z)
	}
	r.Processes[0].Steps[0].End = 20 * 24 * h
	if z := newZoom(r); z != nil {
		t.Errorf("steps over 20 of 30 days got an enlarged chart of %s", z.Zoomed)
	}
}
