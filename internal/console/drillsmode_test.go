package console

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

// listingBackend records the limits the drills list asks the backend for.
type listingBackend struct {
	Backend
	limits []int
}

func (b *listingBackend) ListDrills(ctx context.Context, f DrillFilter, limit int) ([]drillops.Row, error) {
	b.limits = append(b.limits, limit)
	return b.Backend.ListDrills(ctx, f, limit)
}

// The mode filter is a visibility query on the drill's ExitdrillMode, not a
// read of up to 1000 drill inputs: a page asks for one page (and one more).
// A drill started before drills carried their mode is listed without a mode
// filter, and left out by one.
func TestDrillsModeFilterIsAQuery(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "mode-new")
	startOldTabletop(t, tc.eng, "mode-old")
	tc.waitStep(t, "mode-new", "approve-switch")
	tc.waitStep(t, "mode-old", "approve-switch")
	defer func() {
		for _, id := range []string{"mode-new", "mode-old"} {
			_ = tc.c.o.Backend.Abort(context.Background(), id, drill.Abort{Actor: "test", Reason: "test over"})
		}
	}()
	lb := &listingBackend{Backend: tc.c.o.Backend}
	tc.c.o.Backend = lb
	b := tc.browser(t)
	b.signIn("vic")
	for _, tt := range []struct {
		query    string
		new, old bool
	}{
		{"", true, true},
		{"?mode=tabletop", true, false},
		{"?mode=tabletop&status=running", true, false},
		{"?mode=live", false, false},
	} {
		lb.limits = nil
		p := b.get("/drills" + tt.query)
		gotNew, gotOld := strings.Contains(p.body, `href="/drills/mode-new"`), strings.Contains(p.body, `href="/drills/mode-old"`)
		if p.status != http.StatusOK || gotNew != tt.new || gotOld != tt.old {
			t.Errorf("GET /drills%s: status %d, lists mode-new %v, mode-old %v; want 200, %v, %v:\n%s", tt.query, p.status, gotNew, gotOld, tt.new, tt.old, text(p.body))
		}
		if len(lb.limits) != 1 || lb.limits[0] != drillsPerPage+1 {
			t.Errorf("GET /drills%s asked the backend for %v drills, want one listing of %d", tt.query, lb.limits, drillsPerPage+1)
		}
	}
	if q := (DrillFilter{Mode: "tabletop"}).query(); !strings.HasSuffix(q, " AND ExitdrillMode = 'tabletop'") {
		t.Errorf("the mode filter's query is %q, want it to end with ExitdrillMode = 'tabletop'", q)
	}
}
