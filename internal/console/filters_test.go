package console

import (
	"net/http"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/reports/judge/judgetest"
)

// An unknown filter value is answered 400 on the page itself, in words that
// name the allowed values, and the page is shown unfiltered below it; a
// known value is not refused.
func TestUnknownFilterValuesSaySo(t *testing.T) {
	root := t.TempDir()
	cat := mgmtCatalog(t)
	writeDrill(t, root, "ms-1", cat, judgetest.Drill{ID: "ms-1", Suppliers: []string{"microsoft"}, At: mgmtNow.Add(-2 * drill.Day), Outage: month,
		Recovered: []string{"archief"}}, harnessKey, nil)
	c, srv := mgmtConsole(t, root)
	b := signedIn(t, c, srv)
	for _, tt := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/drills?mode=bogus", http.StatusBadRequest, []string{`Unknown filter value: no mode "bogus" (allowed: live, tabletop, compressed).`}},
		{"/drills?status=bogus", http.StatusBadRequest, []string{`Unknown filter value: no status "bogus" (allowed: running, finished, aborted, ended).`}},
		{"/drills?mode=bogus&status=bogus&supplier=bogus", http.StatusBadRequest, []string{`no supplier "bogus" in the catalog (known: microsoft, vismaraet)`,
			`no status "bogus" (allowed: running, finished, aborted, ended)`, `no mode "bogus" (allowed: live, tabletop, compressed)`}},
		{"/drills?page=-1", http.StatusBadRequest, []string{`Unknown page "-1": pages are numbered from 1.`}},
		{"/findings?status=bogus", http.StatusBadRequest, []string{`Unknown filter value: no finding status "bogus" (allowed: new, still open, resolved).`,
			"MTPD breached"}},
		{"/findings?page=bogus", http.StatusBadRequest, []string{`Unknown page "bogus": pages are numbered from 1.`}},
		{"/readiness?owner=bogus", http.StatusBadRequest, []string{`Unknown filter value: no owner "bogus" (known: Dienstverlening, Financien, HR, Informatiebeheer).`,
			"Microsoft (Azure, Microsoft 365)"}},
		{"/readiness?supplier=bogus", http.StatusBadRequest, []string{`no supplier "bogus" (known: microsoft (Microsoft (Azure, Microsoft 365)), vismaraet (Visma | Raet))`}},
		{"/readiness?owner=HR&supplier=vismaraet", http.StatusOK, nil},
		{"/drills?mode=live&status=running&supplier=microsoft", http.StatusOK, nil},
	} {
		p := b.get(tt.path)
		body := text(p.body)
		if p.status != tt.status || !strings.Contains(p.body, `<nav aria-label="Main">`) || (tt.status == http.StatusOK) == strings.Contains(p.body, `role="alert"`) {
			t.Errorf("GET %s: status %d; want %d in the console's layout:\n%s", tt.path, p.status, tt.status, body)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s does not say %q:\n%s", tt.path, w, body)
			}
		}
	}
}
