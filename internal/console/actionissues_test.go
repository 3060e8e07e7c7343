package console

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/forge/fakegithub"
)

// finishTabletop runs a tabletop drill of the test catalog to its end,
// its manual steps passed, so that its bundle is under the reports.
func finishTabletop(t *testing.T, tc *testConsole, id string) {
	t.Helper()
	startTabletop(t, tc.eng, id)
	for _, step := range []string{"approve-switch", "confirm-service"} {
		tc.waitStep(t, id, step)
		role := map[string]string{"approve-switch": "process-owner", "confirm-service": "service-desk"}[step]
		if _, err := tc.c.o.Backend.Complete(context.Background(), id, "portal-service",
			drill.CompleteStep{Step: step, Actor: "desk", Role: role, Outcome: drill.OutcomePass}); err != nil {
			t.Fatalf("complete %s: %v", step, err)
		}
	}
	tc.result(t, id)
}

// TestPublishActionItemsFromReviewPage: a console started with an actions
// repository lets a continuity manager publish the review's action items
// as issues on a (fake) GitHub, through the code exitdrill review --github
// uses: one issue per open item, assigned by the owners map; publishing
// again opens no duplicate; an item marked done is closed. An operator may
// not publish, and a console without a repository offers no button and
// refuses the post.
func TestPublishActionItemsFromReviewPage(t *testing.T) {
	gh := fakegithub.New()
	gh.Token = "test-token"
	t.Cleanup(gh.Close)
	gh.AddRepo("voorbeeldstad", "continuity", t.TempDir(), false)
	client, err := forge.New(forge.Config{APIURL: gh.APIURL(), Token: "test-token", TokenEnv: "GITHUB_TOKEN"})
	if err != nil {
		t.Fatal(err)
	}
	tc := consoleOn(t, writeTestUsers(t), Options{SigningKey: harnessKey,
		Actions: &ActionIssues{Publisher: client, Repo: "voorbeeldstad/continuity", Owners: map[string]string{"Operations": "jdevries"}}})
	id := "aar-publish-" + time.Now().UTC().Format("150405.000")
	finishTabletop(t, tc, id)

	b := tc.browser(t)
	tok := b.signIn("alice")
	aar := "/drills/" + id + "/after-action"
	for _, f := range []url.Values{
		{"csrf": {tok}, "title": {"Put the runbook link in the approver's notification"}, "owner": {"Operations"}, "due": {"2027-01-31"}, "step": {"portal-service/approve-switch"}},
		{"csrf": {tok}, "title": {"Print the runbook for the service desk"}, "owner": {"Service desk"}, "due": {"2027-02-28"}},
	} {
		if p := b.post(aar, f); p.status != http.StatusSeeOther {
			t.Fatalf("record the review: status %d\n%s", p.status, p.body)
		}
	}
	form := b.get(aar)
	if !strings.Contains(form.body, `action="/drills/`+id+`/after-action/publish"`) || !strings.Contains(form.body, "Publish as issues of voorbeeldstad/continuity") {
		t.Fatalf("the review page offers no publish button:\n%s", form.body)
	}
	publish := func(b *browser, tok string) page {
		t.Helper()
		return b.post(aar+"/publish", url.Values{"csrf": {tok}})
	}
	if p := publish(b, tok); p.status != http.StatusSeeOther {
		t.Fatalf("publish: status %d\n%s", p.status, p.body)
	}
	if flash := b.get(aar).body; !strings.Contains(flash, "action items published to voorbeeldstad/continuity: 2 created, 0 updated, 0 reopened, 0 unchanged, 0 closed") {
		t.Errorf("no confirmation of the publication:\n%s", flash)
	}
	issues := gh.Issues("voorbeeldstad", "continuity")
	if len(issues) != 2 {
		t.Fatalf("%d issues, want one per action item: %+v", len(issues), issues)
	}
	first := issues[0]
	if !strings.Contains(first.Title, "Put the runbook link in the approver's notification") || first.State != "open" ||
		!strings.Contains(first.Body, "Action item A1 of the after-action review of drill `"+id+"`") ||
		len(first.Assignees) != 1 || first.Assignees[0] != "jdevries" || !containsLabel(first.Labels, forge.LabelAction) {
		t.Errorf("issue of A1 = %+v", first)
	}

	// Again: nothing new. Then A1 is done: its issue is closed.
	if p := publish(b, tok); p.status != http.StatusSeeOther {
		t.Fatalf("publish again: status %d\n%s", p.status, p.body)
	}
	if n := len(gh.Issues("voorbeeldstad", "continuity")); n != 2 {
		t.Errorf("%d issues after publishing twice, want still 2", n)
	}
	if p := b.post(aar, url.Values{"csrf": {tok}, "done": {"A1"}}); p.status != http.StatusSeeOther {
		t.Fatalf("mark A1 done: status %d\n%s", p.status, p.body)
	}
	publish(b, tok)
	issues = gh.Issues("voorbeeldstad", "continuity")
	if issues[0].State != "closed" || issues[1].State != "open" {
		t.Errorf("after A1 done: states %s, %s; want closed, open", issues[0].State, issues[1].State)
	}

	// An operator may not publish.
	ob := tc.browser(t)
	otok := ob.signIn("olga")
	if p := publish(ob, otok); p.status != http.StatusForbidden {
		t.Errorf("an operator publishes: status %d", p.status)
	}

	// A console without a repository: no button, and the post is refused.
	plain := consoleOn(t, writeTestUsers(t), Options{SigningKey: harnessKey})
	pb := plain.browser(t)
	ptok := pb.signIn("alice")
	if body := pb.get(aar).body; strings.Contains(body, "after-action/publish") || strings.Contains(body, "Publish as issues") {
		t.Errorf("a console without an actions repository offers to publish:\n%s", body)
	}
	if p := publish(pb, ptok); p.status != http.StatusNotFound || !strings.Contains(p.body, "--actions-repo") {
		t.Errorf("publish without a repository: status %d\n%s", p.status, p.body)
	}
	if n := len(gh.Issues("voorbeeldstad", "continuity")); n != 2 {
		t.Errorf("%d issues, want still 2", n)
	}
}

func containsLabel(labels []string, want string) bool {
	for _, l := range labels {
		if l == want {
			return true
		}
	}
	return false
}
