package drill

import (
	"strings"
	"testing"
)

func TestJudge(t *testing.T) {
	const d = Duration(Day)
	rto, mtpd := 2*d, 7*d
	tests := []struct {
		name      string
		recovered bool
		recovery  Duration
		outage    Duration
		want      Verdict
		why       string
	}{
		{"recovered within RTO and outage", true, d, 7 * d, Recovered, "recovered in 1d, within RTO 2d"},
		{"recovered at the outage end", true, d, d, Recovered, "recovered in 1d"},
		{"late, within the outage", true, 3 * d, 7 * d, Late, "recovered in 3d: 1d after RTO 2d, within MTPD 7d"},
		{"within RTO but after the outage ended", true, 2 * d, d, WaitedOut,
			"waited out: the 1d outage ended within MTPD 7d before recovery finished; recovery would have taken 2d"},
		{"after the outage, beyond MTPD", true, 9 * d, 7 * d, WaitedOut, "recovery would have taken 9d"},
		{"not recovered, outage within MTPD", false, 0, d, WaitedOut,
			"waited out: the 1d outage ended within MTPD 7d before the process was recovered; recovery never completed"},
		{"recovered after MTPD within the outage", true, 10 * d, 30 * d, Breached, "MTPD breached on day 8: recovered only after 10d, MTPD 7d"},
		{"recovered after an outage beyond MTPD", true, 40 * d, 30 * d, Breached, "MTPD breached on day 8: recovered only after 40d"},
		{"not recovered, outage beyond MTPD", false, 0, 30 * d, Breached, "MTPD breached on day 8: not recovered while the outage lasts 30d > MTPD 7d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, why := Judge(tt.recovered, tt.recovery, rto, mtpd, tt.outage)
			if v != tt.want || !strings.HasPrefix(why, tt.why) && !strings.Contains(why, tt.why) {
				t.Errorf("Judge = %s %q, want %s %q", v, why, tt.want, tt.why)
			}
		})
	}
	if !WaitedOut.Met() || Breached.Met() {
		t.Error("waited-out keeps the objectives, breached does not")
	}
}
