package reports

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/internal/testkit"
	"github.com/exitdrill/exitdrill/reports/judge"
	"github.com/exitdrill/exitdrill/scenarios"
)

// variant is the fixture's bundle after change, sealed with key (unsigned
// when nil).
func variant(t *testing.T, key ed25519.PrivateKey, change func(in *evidence.Input)) *evidence.Bundle {
	t.Helper()
	in := fixture()
	if change != nil {
		change(&in)
	}
	b, files, err := evidence.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := evidence.Seal(b, files, key); err != nil {
		t.Fatal(err)
	}
	return b
}

func newKey(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// otherScenario makes the drill one of another scenario: another id, outage
// length and mode.
func otherScenario(in *evidence.Input) {
	sc := in.Plan.Scenario
	sc.ID, sc.Duration, sc.Mode, sc.TimeScale = "microsoft-1-week", dur(7*day), scenarios.Live, 1
	plan, res := *in.Plan, *in.Result
	plan.Scenario, res.Scenario = sc, sc
	in.Plan, in.Result = &plan, &res
	in.Definitions[1].Data = []byte("apiVersion: exitdrill/v1\nkind: Scenario\nid: microsoft-1-week\n")
}

// otherDefinitions keeps the scenario's id but changes its file, changes
// the catalog file and adds a runbook file, adds a step to vergunningen's
// runbook, tightens belastingen's RTO, and takes the catalog from another
// commit.
func otherDefinitions(in *evidence.Input) {
	plan := *in.Plan
	plan.Processes = nil
	for _, p := range in.Plan.Processes {
		q := *p
		switch q.ID {
		case "vergunningen":
			q.Steps = append(append([]*drill.StepPlan{}, q.Steps...), &drill.StepPlan{ID: "notify", Kind: drill.Command})
		case "belastingen":
			q.RTO = dur(day)
		}
		plan.Processes = append(plan.Processes, &q)
	}
	in.Plan = &plan
	in.Definitions[0].Data = append(in.Definitions[0].Data, "# edited\n"...)
	in.Definitions[1].Data = append(in.Definitions[1].Data, "duration: 30d\n"...)
	in.Definitions = append(in.Definitions, evidence.Definition{Path: "catalog/runbooks.yaml", Data: []byte("kind: Runbook\n")})
	in.Sources = []drill.Source{{Role: "catalog", Spec: "github:voorbeeldstad/continuity@main", Commit: "2222222222222222222222222222222222222222"},
		{Role: "scenario", Spec: "microsoft-1-month"}}
}

func fromCommit(in *evidence.Input) {
	in.Sources = []drill.Source{{Role: "catalog", Spec: "github:voorbeeldstad/continuity@main", Commit: "1111111111111111111111111111111111111111"},
		{Role: "scenario", Spec: "microsoft-1-month"}}
}

func TestDiffNotLikeForLike(t *testing.T) {
	key, other := newKey(t), newKey(t)
	signer, otherSigner := evidence.SignerID(key.Public().(ed25519.PublicKey)), evidence.SignerID(other.Public().(ed25519.PublicKey))
	for _, tc := range []struct {
		name     string
		old, new *evidence.Bundle
		want     []DiffWarning
	}{
		{"like for like, signed by one key", variant(t, key, nil), variant(t, key, nil), []DiffWarning{}},
		{"like for like, both unsigned", variant(t, nil, nil), variant(t, nil, nil), []DiffWarning{}},
		{"another scenario", variant(t, key, nil), variant(t, key, otherScenario), []DiffWarning{
			{Kind: WarnScenario, Old: "microsoft-1-month", New: "microsoft-1-week",
				Text: "different scenarios: microsoft-1-month → microsoft-1-week; each process is compared across them"},
			{Kind: WarnDuration, Old: "30d", New: "7d", Text: "different outage lengths: 30d → 7d; a verdict holds for its own outage"},
			{Kind: WarnMode, Old: "compressed", New: "live", Text: "different modes: compressed → live; what a drill proves depends on its mode"},
		}},
		{"the same scenario, other definitions", variant(t, key, fromCommit), variant(t, key, otherDefinitions), []DiffWarning{
			{Kind: WarnCatalog, Items: []string{"catalog/runbooks.yaml (added)", "catalog/voorbeeldstad.yaml (changed)"},
				Text: "different catalog definitions: catalog/runbooks.yaml (added), catalog/voorbeeldstad.yaml (changed)"},
			{Kind: WarnScenarioDefinition, Items: []string{"scenario.yaml (changed)"},
				Text: "scenario microsoft-1-month was defined differently: scenario.yaml (changed)"},
			{Kind: WarnRunbook, Items: []string{"vergunningen"}, Text: "different runbooks (steps or rollback) for vergunningen"},
			{Kind: WarnProcess, Items: []string{"belastingen"},
				Text: "different process definitions (objectives or dependency paths) for belastingen"},
			{Kind: WarnSource, Old: "github:voorbeeldstad/continuity@main at 111111111111", New: "github:voorbeeldstad/continuity@main at 222222222222",
				Text: "the catalog came from another commit: github:voorbeeldstad/continuity@main at 111111111111 → github:voorbeeldstad/continuity@main at 222222222222"},
		}},
		{"signed, then unsigned", variant(t, key, nil), variant(t, nil, nil), []DiffWarning{
			{Kind: WarnSignature, Old: signer, Text: "the new drill's bundle is not signed; the old one is, by " + signer}}},
		{"unsigned, then signed", variant(t, nil, nil), variant(t, key, nil), []DiffWarning{
			{Kind: WarnSignature, New: signer, Text: "the old drill's bundle is not signed; the new one is, by " + signer}}},
		{"signed by another key", variant(t, key, nil), variant(t, other, nil), []DiffWarning{
			{Kind: WarnSignature, Old: signer, New: otherSigner, Text: "signed by different keys: " + signer + " → " + otherSigner}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := NewDiff(tc.old, tc.new, judge.DefaultTolerance)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, d.Warnings); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
			data, err := renderDoc("json", d)
			if err != nil {
				t.Fatal(err)
			}
			var back struct {
				Warnings []DiffWarning `json:"warnings"`
			}
			if err := json.Unmarshal(data, &back); err != nil || back.Warnings == nil || !cmp.Equal(tc.want, back.Warnings) {
				t.Errorf("json warnings %+v (%v), want %+v", back.Warnings, err, tc.want)
			}
			notLikeForLikeShown(t, d)
		})
	}
}

// notLikeForLikeShown checks that text, Markdown and HTML open with d's
// warnings, or do not mention them when there are none.
func notLikeForLikeShown(t *testing.T, d *Diff) {
	t.Helper()
	txt, mdown := string(rendered(t, "text", d)), string(rendered(t, "md", d))
	page, err := renderDoc("html", d)
	if err != nil {
		t.Fatal(err)
	}
	first := testkit.Elements(testkit.ParseHTML(t, page), "body")[0].FirstChild.NextSibling
	if len(d.Warnings) == 0 {
		if strings.Contains(txt+mdown+string(page), "Not like for like") {
			t.Error("a diff of like drills says they are not like for like")
		}
		return
	}
	wantText, wantMD := notLikeForLike+"\n", "> **"+md(notLikeForLike)+"**\n>\n"
	var items []string
	for _, w := range d.Warnings {
		wantText += "  - " + w.Text + "\n"
		wantMD += "> - " + md(w.Text) + "\n"
		items = append(items, w.Text)
	}
	if !strings.HasPrefix(txt, wantText+"\n") {
		t.Errorf("text opens with\n%s\nwant\n%s", txt[:min(len(txt), len(wantText)+80)], wantText)
	}
	if !strings.HasPrefix(mdown, wantMD+"\n") {
		t.Errorf("markdown opens with\n%s\nwant\n%s", mdown[:min(len(mdown), len(wantMD)+80)], wantMD)
	}
	var got []string
	for _, li := range testkit.Elements(first, "li") {
		got = append(got, testkit.Text(li))
	}
	if testkit.Attr(first, "id") != "not-like-for-like" || !cmp.Equal(items, got) {
		t.Errorf("the HTML body opens with <%s id=%q> listing %q, want the warnings %q", first.Data, testkit.Attr(first, "id"), got, items)
	}
}

// TestDiffWithinTolerance: timing jitter is the same recovery, said so; a
// tighter tolerance makes the same drills worse.
func TestDiffWithinTolerance(t *testing.T) {
	slower := func(by drill.Duration) func(in *evidence.Input) {
		return func(in *evidence.Input) {
			res := *in.Result
			res.Processes = nil
			for _, p := range in.Result.Processes {
				q := *p
				if q.Process == "vergunningen" {
					q.Recovery += by
				}
				res.Processes = append(res.Processes, &q)
			}
			in.Result = &res
		}
	}
	for _, tc := range []struct {
		name     string
		by       drill.Duration
		tol      string
		change   string
		why      string
		withinIt string
	}{
		{"jitter", dur(5e9), "10%,5m", ChangeSame, "recovery 1d4h2m → 1d4h2m5s within tolerance (±2h48m12s)", "±2h48m12s"},
		{"jitter, tighter", dur(5e9), "0%", ChangeWorse, "recovery 1d4h2m → 1d4h2m5s", ""},
		{"under a second, shown a second apart", dur(600e6), "0%", ChangeSame, "recovery 1d4h2m → 1d4h2m1s within tolerance (under a second)", "under a second"},
		{"an hour within 15m", dur(hour), "15m", ChangeWorse, "recovery 1d4h2m → 1d5h2m", ""},
		{"an hour within 10%", dur(hour), "10%", ChangeSame, "recovery 1d4h2m → 1d5h2m within tolerance (±2h48m12s)", "±2h48m12s"},
		{"an hour within 4%,2h", dur(hour), "4%,2h", ChangeSame, "recovery 1d4h2m → 1d5h2m within tolerance (±2h)", "±2h"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tol, err := judge.ParseTolerance(tc.tol)
			if err != nil {
				t.Fatal(err)
			}
			d, err := NewDiff(variant(t, nil, nil), variant(t, nil, slower(tc.by)), tol)
			if err != nil {
				t.Fatal(err)
			}
			c := d.Processes[0]
			if c.Process != "vergunningen" || c.Change != tc.change || c.Why != tc.why || c.WithinTolerance != tc.withinIt {
				t.Errorf("%s: %s, %q, within %q; want %s, %q, within %q", c.Process, c.Change, c.Why, c.WithinTolerance, tc.change, tc.why, tc.withinIt)
			}
			if d.Tolerance != tol.String() || !strings.Contains(string(rendered(t, "text", d)), "\nTolerance: "+tol.Text()+".\n") {
				t.Errorf("the diff does not state its tolerance %s", tol)
			}
		})
	}
}

// TestDiffClockInDutch: a recovery time that changed is written in Dutch
// words to the second, the tolerance too; English as compareProcess wrote it.
func TestDiffClockInDutch(t *testing.T) {
	why := "recovery 1d4h2m → 1d4h2m5s within tolerance (±2h48m12s)"
	want := "herstelduur 1 dag 4 uur 2 min → 1 dag 4 uur 2 min 5 s binnen de tolerantie (±2 uur 48 min 12 s)"
	if got := ChangeIn(lang.Dutch.Printer(), why); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := ChangeIn(lang.English.Printer(), why); got != why {
		t.Errorf("English %q, want %q", got, why)
	}
}
