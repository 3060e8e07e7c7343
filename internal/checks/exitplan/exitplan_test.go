package exitplan

import (
	"context"
	"errors"
	"path"
	"slices"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step/steptest"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// exitT0 is the outage start the exit-plan tests judge review dates against.
var exitT0 = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

func reviewDate(t *testing.T, s string) drill.Date {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return drill.Date{Time: d}
}

func exitDays(n int) drill.Duration { return drill.Duration(time.Duration(n) * drill.Day) }

// exitPlanInput builds an exitplan.current step for a plan in testdata/exitplan.
func exitPlanInput(ep *drill.ExitPlan, c *drill.Contract, mtpd drill.Duration) drill.StepInput {
	return drill.StepInput{
		Step: &drill.StepPlan{ID: "exit", Kind: drill.ExitPlanCurrent, Target: "zaken", App: "zaken",
			BaseDir: "testdata/exitplan", ExitPlan: ep, Contract: c},
		T0: exitT0, MTPD: mtpd,
	}
}

func TestExitPlanCurrent(t *testing.T) {
	contract := &drill.Contract{NoticePeriod: exitDays(90), ExitAssistance: exitDays(180)}
	plan := func(doc, reviewed string, migration int) *drill.ExitPlan {
		return &drill.ExitPlan{Document: doc, Owner: "Directie Ruimte", Reviewed: reviewDate(t, reviewed), Target: "own",
			MigrationTime: exitDays(migration)}
	}
	tests := []struct {
		name     string
		plan     *drill.ExitPlan
		contract *drill.Contract
		mtpd     drill.Duration
		window   time.Duration
		want     string            // the reason shown, "" when the check passes
		details  map[string]string // details that must be reported
	}{
		{name: "complete", plan: plan("complete.md", "2026-09-01", 45), contract: contract, mtpd: exitDays(60),
			details: map[string]string{"sections": "7 of 7", "migrationTime": "45d (declared)", "reviewDue": "2027-09-01",
				"exitWindow": "270d (notice period 90d + exit assistance 180d)", "reviewPolicy": "every 12 months"}},
		{name: "synonyms, numbering and setext headings", plan: plan("synonyms.md", "2026-09-01", 45), contract: contract,
			details: map[string]string{"sections": "7 of 7"}},
		{name: "reviewed exactly 12 months before T0", plan: plan("complete.md", "2025-11-29", 45), contract: contract},
		{name: "missing two sections", plan: plan("missing-two.md", "2026-09-01", 45), contract: contract,
			want:    `missing sections "Alternative providers", "Record of tests": add them to missing-two.md`,
			details: map[string]string{"sections": "5 of 7", "missingSections": "Alternative providers, Record of tests"}},
		{name: "empty section", plan: plan("empty-section.md", "2026-09-01", 45), contract: contract,
			want: `empty section "Record of tests": write it in empty-section.md`},
		{name: "stale review", plan: plan("complete.md", "2025-06-30", 45), contract: contract,
			want: "reviewed 2025-06-30, 16 months before the drill (T0 2026-11-29); the policy asks for a review every 12 months: review the plan and update exitPlan.reviewed"},
		{name: "stale under a configured window", plan: plan("complete.md", "2026-04-01", 45), contract: contract, window: 180 * drill.Day,
			want: "reviewed 2026-04-01, 7 months before the drill (T0 2026-11-29); the policy asks for a review every 180d: review the plan and update exitPlan.reviewed"},
		{name: "migration longer than notice plus assistance", plan: plan("complete.md", "2026-09-01", 400), contract: contract,
			want:    "declared migration time 400d is longer than notice period 90d + exit assistance 180d = 270d: plan a faster migration or negotiate longer exit assistance",
			details: map[string]string{"findings": "declared migration time 400d is longer than notice period 90d + exit assistance 180d = 270d: plan a faster migration or negotiate longer exit assistance"}},
		{name: "migration longer than the MTPD is a finding", plan: plan("complete.md", "2026-09-01", 45), contract: contract, mtpd: exitDays(7),
			details: map[string]string{"mtpd": "7d", "findings": "declared migration time 45d is longer than the process's MTPD 7d: the exit plan cannot be the recovery from a sudden loss of the supplier; backups and alternative hosting must carry the process"}},
		{name: "no contract terms is a finding", plan: plan("complete.md", "2026-09-01", 45),
			details: map[string]string{"findings": "the contract of the supplier being exited gives no noticePeriod or exitAssistance: the migration time was not compared with it"}},
		{name: "document missing", plan: plan("absent.md", "2026-09-01", 45), contract: contract,
			want: "exit plan document absent.md not found (looked for testdata/exitplan/absent.md): write it or correct exitPlan.document"},
		{name: "no owner", plan: &drill.ExitPlan{Document: "complete.md", Reviewed: reviewDate(t, "2026-09-01"), Target: "own", MigrationTime: exitDays(45)},
			contract: contract, want: "the catalog names no owner of the exit plan: set exitPlan.owner"},
		{name: "several problems", plan: plan("missing-two.md", "2024-03-01", 400), contract: contract,
			want: "reviewed 2024-03-01, 32 months before the drill (T0 2026-11-29); the policy asks for a review every 12 months: review the plan and update exitPlan.reviewed; " +
				`missing sections "Alternative providers", "Record of tests": add them to missing-two.md; ` +
				"declared migration time 400d is longer than notice period 90d + exit assistance 180d = 270d: plan a faster migration or negotiate longer exit assistance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newRunner(func(string) (string, bool) { return "", false })
			a.ReviewWindow = tt.window
			out, got := steptest.Reason(t, a, exitPlanInput(tt.plan, tt.contract, tt.mtpd))
			if got != tt.want {
				t.Errorf("reason:\n got %q\nwant %q", got, tt.want)
			}
			for k, want := range tt.details {
				if out.Details[k] != want {
					t.Errorf("Details[%q] = %q, want %q", k, out.Details[k], want)
				}
			}
			if tt.want == "" && tt.details["findings"] == "" && out.Details["findings"] != "" {
				t.Errorf("unexpected findings %q", out.Details["findings"])
			}
			if len(out.Details["documentSha256"]) != 64 && tt.plan.Document != "absent.md" {
				t.Errorf("documentSha256 = %q, want a SHA-256", out.Details["documentSha256"])
			}
		})
	}
}

func TestExitPlanWithoutPlanIsBadStep(t *testing.T) {
	a := newRunner(func(string) (string, bool) { return "", false })
	in := exitPlanInput(nil, nil, 0)
	for _, kind := range []drill.StepKind{drill.ExitPlanCurrent, drill.ExitPlanExport} {
		in.Step.Kind = kind
		_, err := a.RunStep(context.Background(), in)
		var appErr *temporal.ApplicationError
		if !errors.As(err, &appErr) || appErr.Type() != drill.ErrBadStep || !appErr.NonRetryable() {
			t.Fatalf("%s: error = %v, want a non-retryable %s", kind, err, drill.ErrBadStep)
		}
		want := "application zaken has no exitPlan in the catalog: add one, or target an application that has one"
		if appErr.Message() != want {
			t.Errorf("%s: message %q, want %q", kind, appErr.Message(), want)
		}
	}
}

func TestExitPlanSections(t *testing.T) {
	tests := []struct {
		doc     string
		missing []string
		empty   []string
	}{
		{doc: "# Plan\n## 3.1 Exit Triggers\ntext\n## Alternatives & data return\ntext\n", missing: []string{
			"Transition plan and timeline", "Roles and responsibilities", "Continuity during the exit", "Record of tests"}},
		{doc: "## Exit triggers ##\n### Detail\ntext\n## Alternative providers\n---\n", empty: []string{"Alternative providers"},
			missing: []string{"Data return and transfer", "Transition plan and timeline", "Roles and responsibilities", "Continuity during the exit", "Record of tests"}},
		{doc: "#Exit triggers\ntext\n", missing: []string{"Exit triggers", "Alternative providers", "Data return and transfer",
			"Transition plan and timeline", "Roles and responsibilities", "Continuity during the exit", "Record of tests"}},
	}
	for _, tt := range tests {
		r := findSections(tt.doc, nil)
		if !slices.Equal(r.Missing, tt.missing) || !slices.Equal(r.Empty, tt.empty) {
			t.Errorf("findSections(%q):\n got missing %q, empty %q\nwant missing %q, empty %q", tt.doc, r.Missing, r.Empty, tt.missing, tt.empty)
		}
	}
}

// exitExampleDir is the example organisation used by the demo.
const exitExampleDir = "../../../examples/voorbeeldstad"

// TestExitPlanExample runs both exit-plan checks over every exit plan of the
// example organisation: everything passes except sap-finance's plan, which the
// example keeps stale and incomplete on purpose.
func TestExitPlanExample(t *testing.T) {
	c, err := catalog.Load(yamldoc.OSFS{}, exitExampleDir)
	if err != nil {
		t.Fatalf("load %s: %v", exitExampleDir, err)
	}
	want := map[string]string{
		"sap-finance": "reviewed 2024-03-01, 32 months before the drill (T0 2026-11-29); the policy asks for a review every 12 months: review the plan and update exitPlan.reviewed; " +
			`missing sections "Roles and responsibilities", "Record of tests": add them to ../exitplans/sap-finance.md`,
	}
	a := newRunner(func(string) (string, bool) { return "", false })
	n := 0
	for _, app := range c.Applications {
		if app.ExitPlan == nil {
			continue
		}
		n++
		st := &drill.StepPlan{ID: "exit", Target: app.ID, App: app.ID, ExitPlan: app.ExitPlan, BaseDir: path.Dir(app.Src.Pos.File)}
		if s := c.Supplier(app.Supplier); s != nil {
			st.Contract = s.Contract
		}
		for _, kind := range []drill.StepKind{drill.ExitPlanCurrent, drill.ExitPlanExport} {
			t.Run(app.ID+"/"+string(kind), func(t *testing.T) {
				st := *st
				st.Kind = kind
				_, got := steptest.Reason(t, a, drill.StepInput{Step: &st, T0: exitT0, MTPD: exampleMTPD(c, app.ID)})
				w := ""
				if kind == drill.ExitPlanCurrent {
					w = want[app.ID]
				}
				if got != w {
					t.Errorf("reason:\n got %q\nwant %q", got, w)
				}
			})
		}
	}
	if n < 10 {
		t.Errorf("the example has %d exit plans, want at least 10", n)
	}
}

// exampleMTPD is the shortest MTPD of the processes that use an application.
func exampleMTPD(c *catalog.Catalog, app string) drill.Duration {
	var m drill.Duration
	for _, p := range c.Processes {
		if slices.Contains(p.Applications, app) && (m == 0 || p.MTPD < m) {
			m = p.MTPD
		}
	}
	return m
}
