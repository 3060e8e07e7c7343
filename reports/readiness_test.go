package reports

import (
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/reports/judge"
	"github.com/exitdrill/exitdrill/reports/judge/judgetest"
)

// readinessFixture is the readiness view judge's TestReadiness checks (the
// same catalog and drills): microsoft drilled twice, kpn once long ago with a
// process changed since, one bundle not counted.
func readinessFixture(t *testing.T) *judge.Readiness {
	t.Helper()
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	bundles := judgetest.Drills(t, now)
	r, err := judge.NewReadiness(judge.ReadinessInput{Catalog: judgetest.Catalog(t, true), Bundles: bundles, Now: now,
		NotCounted: []judge.NotCounted{{Bundle: "drills/tampered", Reason: "journal.jsonl line 3: changed"}}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReadinessCellText(t *testing.T) {
	r := readinessFixture(t)
	for _, tc := range []struct {
		supplier string
		cell     int
		want     string
	}{
		{"microsoft", 0, "-"}, // nothing exceeds a 1-day loss
		{"microsoft", 1, "1/2 proven, 1 failed"},
		{"microsoft", 2, "2/2 proven (2 automated only)"}, // only the compressed drill lost microsoft for a month
		{"kpn", 1, "1/2 proven (1 stale), 1 re-test"},
		{"kpn", 2, "0/2 proven, 2 paper"}, // a 1-week drill proves no month
	} {
		for _, s := range r.Suppliers {
			if s.Supplier == tc.supplier {
				if got := cellText(s.Cells[tc.cell]); got != tc.want {
					t.Errorf("%s %s: %q, want %q", tc.supplier, r.Durations[tc.cell], got, tc.want)
				}
			}
		}
	}
	bare, err := judge.NewReadiness(judge.ReadinessInput{Catalog: judgetest.Catalog(t, false), Now: r.Now})
	if err != nil {
		t.Fatal(err)
	}
	if got := cellText(bare.Suppliers[0].Cells[1]); got != "0/2 proven, 2 paper" {
		t.Errorf("no drills: %s 1w cell %q, want 0/2 proven, 2 paper", bare.Suppliers[0].Supplier, got)
	}
}

func TestReadinessGoldens(t *testing.T) {
	r := readinessFixture(t)
	golden(t, "readiness.txt.golden", rendered(t, "text", r))
	golden(t, "readiness.md.golden", rendered(t, "md", r))
	golden(t, "readiness.html.golden", rendered(t, "html", r))
	golden(t, "readiness.json.golden", rendered(t, "json", r))
}
