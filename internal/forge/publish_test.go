package forge_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/forge/fakegithub"
)

func findings() []forge.Finding {
	return []forge.Finding{
		{Fingerprint: "aaaa000000000001", Severity: "critical", Category: "objective", Process: "vergunningen",
			Owner: "Directie Parkeren", Title: "vergunningen: MTPD breached", Detail: "not recovered in 30d", Hint: "shorten the path"},
		{Fingerprint: "aaaa000000000002", Severity: "high", Category: "step", Process: "vergunningen", Step: "restore",
			Target: "parkeren-db", Owner: "Directie Parkeren", Title: "vergunningen: step restore failed", Detail: "restic: pack damaged", Hint: "repair"},
		{Fingerprint: "aaaa000000000003", Severity: "low", Category: "exit-plan", Process: "belastingen", Step: "plan",
			Owner: "Team Belastingen", Title: "belastingen: exit plan has remarks", Detail: "migration 90d > notice", Hint: "align"},
	}
}

func publication(drill string, fs []forge.Finding) forge.Publication {
	return forge.Publication{Owner: "voorbeeldstad", Repo: "continuity", DrillID: drill, Link: "https://reports.example.nl/" + drill,
		Scope: "microsoft-1-month", Findings: fs, Assignees: map[string]string{"Directie Parkeren": "jdevries"}}
}

func issueServer(t *testing.T) *fakegithub.Server {
	srv := newServer(t)
	srv.AddRepo("voorbeeldstad", "continuity", "", true)
	return srv
}

// openByFingerprint maps each fingerprint to its open issues' numbers.
func openByFingerprint(srv *fakegithub.Server) map[string][]int {
	out := map[string][]int{}
	for _, is := range srv.Issues("voorbeeldstad", "continuity") {
		fp := between(is.Body, "fingerprint=", " ")
		if fp != "" && is.State == "open" {
			out[fp] = append(out[fp], is.Number)
		}
	}
	return out
}

func between(s, a, b string) string {
	_, rest, ok := strings.Cut(s, a)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, b)
	return v
}

func wantOnePerFinding(t *testing.T, srv *fakegithub.Server, fs []forge.Finding) {
	t.Helper()
	open := openByFingerprint(srv)
	if len(open) != len(fs) {
		t.Errorf("open issues by fingerprint = %v, want one for each of %d findings", open, len(fs))
	}
	for _, f := range fs {
		if n := len(open[f.Fingerprint]); n != 1 {
			t.Errorf("finding %s has %d open issues, want 1", f.Fingerprint, n)
		}
	}
}

func TestPublishTwiceThenFixThenRegress(t *testing.T) {
	srv := issueServer(t)
	c, _ := newClient(t, srv, secret, fast)
	ctx := context.Background()
	fs := findings()

	res, err := c.Publish(ctx, publication("d1", fs))
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(forge.Created) != 3 {
		t.Errorf("first publish created %d, want 3: %+v", res.Count(forge.Created), res.Issues)
	}
	wantOnePerFinding(t, srv, fs)
	is := srv.Issues("voorbeeldstad", "continuity")[1]
	if !slices.Equal(is.Labels, []string{"exitdrill", "severity:high", "process:vergunningen"}) || !slices.Equal(is.Assignees, []string{"jdevries"}) {
		t.Errorf("issue 2 labels %v assignees %v", is.Labels, is.Assignees)
	}
	if !strings.Contains(is.Body, "restic: pack damaged") || !strings.Contains(is.Body, "[d1](https://reports.example.nl/d1)") {
		t.Errorf("issue body lacks the detail or the drill link:\n%s", is.Body)
	}

	res, err = c.Publish(ctx, publication("d1", fs)) // the same drill again: nothing to change
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(forge.Unchanged) != 3 || srv.Count("PATCH", "/repos/") != 0 {
		t.Errorf("republishing the same drill: %+v, %d edits; want 3 unchanged, 0 edits", res.Issues, srv.Count("PATCH", "/repos/"))
	}
	res, err = c.Publish(ctx, publication("d2", fs)) // a later drill, same findings
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(forge.Updated) != 3 || res.Count(forge.Created) != 0 {
		t.Errorf("second drill: %+v, want 3 updated", res.Issues)
	}
	wantOnePerFinding(t, srv, fs)

	// The restore is repaired: its issue is closed with a comment linking the drill.
	res, err = c.Publish(ctx, publication("d3", []forge.Finding{fs[0], fs[2]}))
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(forge.Closed) != 1 {
		t.Errorf("fixed finding: %+v, want 1 closed", res.Issues)
	}
	closed := srv.Issues("voorbeeldstad", "continuity")[1]
	if closed.State != "closed" || closed.StateReason != "completed" || len(closed.Comments) != 1 ||
		!strings.Contains(closed.Comments[0], "No longer found in drill [d3](https://reports.example.nl/d3)") {
		t.Errorf("fixed finding's issue: state %s/%s comments %q", closed.State, closed.StateReason, closed.Comments)
	}
	wantOnePerFinding(t, srv, []forge.Finding{fs[0], fs[2]})

	// It breaks again: the same issue is reopened, not a new one opened.
	res, err = c.Publish(ctx, publication("d4", fs))
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(forge.Reopened) != 1 || res.Count(forge.Created) != 0 {
		t.Errorf("regression: %+v, want 1 reopened, 0 created", res.Issues)
	}
	wantOnePerFinding(t, srv, fs)
	if n := len(srv.Issues("voorbeeldstad", "continuity")); n != 3 {
		t.Errorf("%d issues in all, want 3", n)
	}
}

func TestPublishScopesDoNotCloseEachOther(t *testing.T) {
	srv := issueServer(t)
	c, _ := newClient(t, srv, secret, fast)
	ctx := context.Background()
	if _, err := c.Publish(ctx, publication("d1", findings())); err != nil {
		t.Fatal(err)
	}
	other := publication("k1", findings()[:1])
	other.Scope = "kpn-1-week"
	res, err := c.Publish(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(forge.Closed) != 0 || res.Count(forge.Created) != 1 {
		t.Errorf("another scope: %+v, want 1 created and nothing closed", res.Issues)
	}
}

func TestPublishAfterCrashCreatesNoDuplicate(t *testing.T) {
	srv := issueServer(t)
	ctx := context.Background()
	fs := findings()
	// The first run dies after two issues: GitHub refuses every further create.
	srv.Inject(&fakegithub.Fault{Method: "POST", Prefix: "/repos/voorbeeldstad/continuity/issues", Kind: "status", Status: 500, Skip: 2, Times: 100})
	c, _ := newClient(t, srv, secret, fast)
	if _, err := c.Publish(ctx, publication("d1", fs)); err == nil || !strings.Contains(err.Error(), "GitHub answered 500") {
		t.Fatalf("err = %v, want the 500 that stopped the publish", err)
	}
	if n := len(srv.Issues("voorbeeldstad", "continuity")); n != 2 {
		t.Fatalf("after the crash: %d issues, want 2", n)
	}
	srv.ClearFaults() // GitHub is healthy again; the publish is run again
	c2, _ := newClient(t, srv, secret, fast)
	res, err := c2.Publish(ctx, publication("d1", fs))
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(forge.Created) != 1 || res.Count(forge.Unchanged) != 2 {
		t.Errorf("rerun: %+v, want 1 created and 2 found again", res.Issues)
	}
	if n := len(srv.Issues("voorbeeldstad", "continuity")); n != 3 {
		t.Errorf("%d issues, want 3", n)
	}
	wantOnePerFinding(t, srv, fs)
}

func TestPublishLostAnswerCreatesNoDuplicate(t *testing.T) {
	srv := issueServer(t)
	// GitHub creates the issue, but the answer is lost (502): the retry must
	// find the issue instead of opening it twice.
	srv.Inject(&fakegithub.Fault{Method: "POST", Prefix: "/repos/voorbeeldstad/continuity/issues", Kind: "after", Skip: 1})
	c, notes := newClient(t, srv, secret, fast)
	fs := findings()
	res, err := c.Publish(context.Background(), publication("d1", fs))
	if err != nil {
		t.Fatal(err)
	}
	if len(*notes) != 1 {
		t.Errorf("retries = %q, want one", *notes)
	}
	if res.Count(forge.Created) != 3 {
		t.Errorf("result %+v, want 3 created", res.Issues)
	}
	if n := len(srv.Issues("voorbeeldstad", "continuity")); n != 3 {
		t.Errorf("%d issues, want 3", n)
	}
	wantOnePerFinding(t, srv, fs)
}

func TestPublishReportOnTrackingIssueOncePerDrill(t *testing.T) {
	srv := issueServer(t)
	srv.MaxPerPage = 1 // the tracking issue's comments span pages
	c, _ := newClient(t, srv, secret, fast)
	ctx := context.Background()
	for _, drill := range []string{"d1", "d1", "d2", "d3"} {
		p := publication(drill, findings())
		p.Report = "# Drill " + drill + "\n\nverdicts…"
		res, err := c.Publish(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if res.Tracking == nil || res.Tracking.Number != 4 {
			t.Fatalf("tracking = %+v, want issue #4", res.Tracking)
		}
	}
	tr := srv.Issues("voorbeeldstad", "continuity")[3]
	if len(tr.Comments) != 3 || !strings.Contains(tr.Comments[0], "# Drill d1") || !strings.Contains(tr.Comments[2], "# Drill d3") {
		t.Errorf("tracking comments = %q, want d1, d2, d3 once each", tr.Comments)
	}
	wantOnePerFinding(t, srv, findings())
}

func TestPublishUnknownAssigneeSaysWhatToFix(t *testing.T) {
	srv := issueServer(t)
	c, _ := newClient(t, srv, secret, fast)
	p := publication("d1", findings())
	p.Assignees = map[string]string{"Directie Parkeren": "nobody-here"}
	_, err := c.Publish(context.Background(), p)
	if err == nil || !strings.Contains(err.Error(), "422 Validation Failed (assignees invalid)") {
		t.Fatalf("err = %v, want a 422 naming assignees", err)
	}
}
