package reports

import (
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/lang"
)

// TestInjectsAndNotificationsInEveryFormat: the fixture's injects (one
// acknowledged with a note, one nobody acknowledged, one not delivered)
// and its notifications (the drill's, a manual step's, an inject's, one
// failed, one held, one deferred) are in the text, Markdown, HTML (in
// English and Dutch, escaped) and JSON reports; a drill without them shows
// no such section.
func TestInjectsAndNotificationsInEveryFormat(t *testing.T) {
	r, err := New(fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(r.Notifications); got != 6 {
		t.Errorf("%d notifications, want the drill's 3, the step's 2 and the inject's 1", got)
	}
	want := map[string][]string{
		"text": {"Injects (3):", "acknowledged by Carla at 2026-11-02 09:00:20 UTC (holding statement <sent>)", "NOT ACKNOWLEDGED by anyone",
			"not delivered: the drill was aborted before its time", "Notifications (3 delivered, 1 failed, 1 held by quiet hours):",
			"vergunningen/sign-off: notify-failed: step.waiting to Anna de Vries (process-owner) by teams-parkeren: HTTP 502 <bad gateway>",
			"drill: notify-deferred: drill.ended to Carla"},
		"md": {"## Injects", "| parkeren-recovery.council | T0+5s | process-owner | A council member wants a status. | 2026-11-02 09:00:06 UTC | NOT ACKNOWLEDGED by anyone |",
			"## Notifications", "| 2026-11-02 09:00:01 UTC | inject press | notified | inject to Carla (continuity-manager) by email: delivered |"},
		"html": {`<a href="#people">Injects and notifications</a>`, `<tr id="inject-press">`, "(holding statement &lt;sent&gt;)",
			`<td class="reason">NOT ACKNOWLEDGED by anyone</td>`, `<td class="reason">notify-failed</td>`, "HTTP 502 &lt;bad gateway&gt;"},
		"json": {`"injects": [`, `"notifications": [`, `"about": "vergunningen/sign-off"`},
	}
	for format, wants := range want {
		out := string(rendered(t, format, r))
		for _, w := range wants {
			if !strings.Contains(out, w) {
				t.Errorf("%s report lacks %q", format, w)
			}
		}
	}
	var nl strings.Builder
	if err := Render(&nl, "html", r, Language(lang.Dutch)); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Injects en meldingen", "door NIEMAND bevestigd", "bevestigd door Carla om", "niet bezorgd: de oefening werd afgebroken",
		"3 bezorgd, 1 mislukt, 1 vastgehouden door rusttijden"} {
		if !strings.Contains(nl.String(), w) {
			t.Errorf("the Dutch report lacks %q", w)
		}
	}
	in := fixture()
	in.Result.Injects, in.Result.Notifications = nil, nil
	for _, p := range in.Result.Processes {
		for _, s := range p.Steps {
			s.Events = nil
		}
	}
	plain, err := New(buildBundle(t, in))
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "md", "html"} {
		out := string(rendered(t, format, plain))
		if strings.Contains(out, "Injects") || strings.Contains(out, "Notifications") {
			t.Errorf("%s: a drill without injects or notifications shows them", format)
		}
	}
}

// buildBundle builds the bundle of in.
func buildBundle(t *testing.T, in evidence.Input) *evidence.Bundle {
	t.Helper()
	b, _, err := evidence.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
