package judge

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/reports/judge/judgetest"
)

// evidenceOf returns what decides process pid for a loss of supplier for the
// j-th matrix duration (0: 1 day, 1: 1 week, 2: 1 month).
func evidenceOf(t *testing.T, r *Readiness, pid, supplier string, j int) Evidence {
	t.Helper()
	for _, p := range r.Processes {
		if p.Process != pid {
			continue
		}
		for _, s := range p.Suppliers {
			if s.Supplier == supplier {
				return s.Durations[j]
			}
		}
	}
	t.Fatalf("no evidence of %s for %s", pid, supplier)
	return Evidence{}
}

func cellOf(t *testing.T, r *Readiness, supplier string, j int) Cell {
	t.Helper()
	for _, s := range r.Suppliers {
		if s.Supplier == supplier {
			return s.Cells[j]
		}
	}
	t.Fatalf("no supplier %s", supplier)
	return Cell{}
}

func processOf(t *testing.T, r *Readiness, pid string) *ProcessReady {
	t.Helper()
	for _, p := range r.Processes {
		if p.Process == pid {
			return p
		}
	}
	t.Fatalf("no process %s", pid)
	return nil
}

// states is the state and proof of an evidence per duration: "proven/full
// paper paper".
func states(t *testing.T, r *Readiness, pid, supplier string) string {
	t.Helper()
	var out []string
	for j := range r.Durations {
		e := evidenceOf(t, r, pid, supplier, j)
		s := e.State
		if e.Proof != "" {
			s += "/" + string(e.Proof)
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestReadinessProof(t *testing.T) {
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	ago := func(days int) time.Time { return now.Add(-time.Duration(days) * day) }
	ms := []string{"microsoft"}
	for _, tc := range []struct {
		name   string
		drills []judgetest.Drill
		check  func(t *testing.T, r *Readiness)
	}{
		{"a 1-day live drill proves the 1-day cell only", []judgetest.Drill{
			{ID: "d1", Suppliers: ms, At: ago(2), Outage: dur(day), Recovered: []string{"mail", "klant"}, Recovery: dur(2 * hour)},
		}, func(t *testing.T, r *Readiness) {
			if got := states(t, r, "mail", "microsoft"); got != "proven/full paper paper" {
				t.Errorf("mail without microsoft: %s, want proven/full for 1 day only", got)
			}
			if c := cellOf(t, r, "microsoft", 0); c.State() != "proven" || c.Proof != ProofFull || strings.Join(c.Proven, ",") != "mail" {
				t.Errorf("1d cell %+v (%s), want mail proven in full", c, c.State())
			}
			for j := 1; j < 3; j++ {
				if c := cellOf(t, r, "microsoft", j); len(c.Proven) != 0 || c.State() != "paper" {
					t.Errorf("%s cell %+v (%s), want paper: a 1-day drill proves no longer outage", r.Durations[j], c, c.State())
				}
			}
			// 100 for a day, nothing for a week or a month.
			if p := processOf(t, r, "mail"); p.Score != 33 {
				t.Errorf("mail score %d, want 33", p.Score)
			}
		}},
		// Judged again for a 1-day outage, a recovery that took 1d12h
		// finishes after the outage ended: waited out, which proves nothing
		// about recovery (like tolerated) and scores nothing.
		{"a recovery longer than the cell's outage is waited-out there", []judgetest.Drill{
			{ID: "w1", Suppliers: ms, At: ago(2), Recovered: []string{"klant"}, Recovery: dur(36 * hour)},
		}, func(t *testing.T, r *Readiness) {
			if got := states(t, r, "klant", "microsoft"); got != "tolerated proven/full paper" {
				t.Errorf("klant without microsoft: %s, want tolerated for a day, proven for a week", got)
			}
			e := evidenceOf(t, r, "klant", "microsoft", 0)
			if e.Verdict != drill.WaitedOut || e.Points != 0 || !strings.Contains(e.Why, "tolerated, nothing proven") ||
				!strings.Contains(e.Why, "recovery would have taken 1d12h") {
				t.Errorf("klant 1d: %+v, want waited-out, 0 points, saying how long recovery would have taken", e)
			}
		}},
		{"a compressed drill is labelled automated only", []judgetest.Drill{
			{ID: "c1", Suppliers: ms, At: ago(2), Outage: dur(30 * day), Mode: "compressed", Recovered: []string{"mail", "klant"}, Recovery: dur(2 * hour)},
		}, func(t *testing.T, r *Readiness) {
			if got := states(t, r, "klant", "microsoft"); got != "proven/automated-only proven/automated-only proven/automated-only" {
				t.Errorf("klant without microsoft: %s, want automated-only throughout", got)
			}
			c := cellOf(t, r, "microsoft", 1)
			if c.Proof != ProofAutomated || strings.Join(c.AutomatedOnly, ",") != "klant,mail" || c.State() != "partly" {
				t.Errorf("1w cell %+v (%s): want klant and mail proven automated only, partly", c, c.State())
			}
			if e := evidenceOf(t, r, "klant", "microsoft", 1); !strings.Contains(e.Why, "automated only") || e.Points != 50 {
				t.Errorf("klant 1w: %+v, want why naming automated only and 50 points", e)
			}
			if p := processOf(t, r, "klant"); p.Proof != ProofAutomated {
				t.Errorf("klant proof %q, want automated-only", p.Proof)
			}
		}},
		{"a tabletop drill proves the plan only", []judgetest.Drill{
			{ID: "t1", Suppliers: ms, At: ago(2), Mode: "tabletop", Recovered: []string{"klant"}},
		}, func(t *testing.T, r *Readiness) {
			if got := states(t, r, "klant", "microsoft"); got != "proven/plan-only proven/plan-only paper" {
				t.Errorf("klant without microsoft: %s, want plan-only for a day and a week", got)
			}
			if c := cellOf(t, r, "microsoft", 1); c.Proof != ProofPlan || strings.Join(c.PlanOnly, ",") != "klant" {
				t.Errorf("1w cell %+v, want klant plan only", c)
			}
		}},
		{"an aborted drill proves nothing and erases nothing", []judgetest.Drill{
			{ID: "good", Suppliers: ms, At: ago(10), Outage: dur(30 * day), Recovered: []string{"klant", "mail"}},
			{ID: "stopped", Suppliers: ms, At: ago(1), Outage: dur(30 * day), Recovered: []string{"klant"}, Aborted: true},
		}, func(t *testing.T, r *Readiness) {
			if e := evidenceOf(t, r, "klant", "microsoft", 2); e.State != StateProven || e.Drill != "good" {
				t.Errorf("klant 1m: %+v, want proven by the earlier drill", e)
			}
			if p := processOf(t, r, "klant"); p.LastDrilled == nil || !p.LastDrilled.Equal(ago(10)) {
				t.Errorf("klant last drilled %v, want the valid drill 10 days ago", p.LastDrilled)
			}
			if len(r.Void) != 1 || r.Void[0].Drill != "stopped" || !strings.Contains(r.Void[0].Reason, "aborted by tester") {
				t.Errorf("void %+v, want the aborted drill listed with why", r.Void)
			}
			if len(r.Drills) != 1 || r.Drills[0].Drill != "good" || r.Superseded != 0 {
				t.Errorf("counted %+v, superseded %d: want the valid drill only", r.Drills, r.Superseded)
			}
		}},
		{"an aborted drill alone is no drill", []judgetest.Drill{
			{ID: "stopped", Suppliers: ms, At: ago(1), Recovered: []string{"klant"}, Aborted: true},
		}, func(t *testing.T, r *Readiness) {
			if got := states(t, r, "klant", "microsoft"); got != "paper paper paper" {
				t.Errorf("klant: %s, want paper: an aborted drill proves nothing", got)
			}
			if p := processOf(t, r, "klant"); p.LastDrilled != nil || p.Score != 0 {
				t.Errorf("klant %+v, want never drilled, score 0", p)
			}
		}},
		{"an aborted process erases nothing", []judgetest.Drill{
			{ID: "good", Suppliers: ms, At: ago(10), Recovered: []string{"klant", "mail"}},
			{ID: "part", Suppliers: ms, At: ago(1), Recovered: []string{"mail"}, AbortedProcesses: []string{"klant"}},
		}, func(t *testing.T, r *Readiness) {
			if e := evidenceOf(t, r, "klant", "microsoft", 1); e.Drill != "good" {
				t.Errorf("klant 1w decided by %q, want good", e.Drill)
			}
			if e := evidenceOf(t, r, "mail", "microsoft", 1); e.Drill != "part" {
				t.Errorf("mail 1w decided by %q, want the later drill", e.Drill)
			}
			if len(r.Void) != 1 || strings.Join(r.Void[0].Processes, ",") != "klant" {
				t.Errorf("void %+v, want part's klant", r.Void)
			}
		}},
		{"an inconclusive process proves nothing and erases nothing", []judgetest.Drill{
			{ID: "good", Suppliers: ms, At: ago(10), Recovered: []string{"klant", "mail"}},
			{ID: "no-tool", Suppliers: ms, At: ago(1), Recovered: []string{"mail"}, Inconclusive: []string{"klant"}},
		}, func(t *testing.T, r *Readiness) {
			if e := evidenceOf(t, r, "klant", "microsoft", 1); e.Drill != "good" || e.State != StateProven {
				t.Errorf("klant 1w: %+v, want proven by the earlier drill", e)
			}
			if len(r.Void) != 1 || r.Void[0].Drill != "no-tool" || !strings.Contains(r.Void[0].Reason, "inconclusive") {
				t.Errorf("void %+v, want no-tool's klant, inconclusive", r.Void)
			}
		}},
		{"an unproven process proves nothing and erases nothing", []judgetest.Drill{
			{ID: "good", Suppliers: ms, At: ago(10), Recovered: []string{"klant", "mail"}},
			{ID: "half", Suppliers: ms, At: ago(1), Recovered: []string{"mail"}, Unproven: []string{"klant"}},
		}, func(t *testing.T, r *Readiness) {
			if e := evidenceOf(t, r, "klant", "microsoft", 1); e.Drill != "good" || e.State != StateProven {
				t.Errorf("klant 1w: %+v, want proven by the earlier drill", e)
			}
			if e := evidenceOf(t, r, "mail", "microsoft", 1); e.Drill != "half" {
				t.Errorf("mail 1w decided by %q, want the later drill", e.Drill)
			}
			if len(r.Void) != 1 || r.Void[0].Drill != "half" || !strings.Contains(r.Void[0].Reason, "unproven") {
				t.Errorf("void %+v, want half's klant, unproven", r.Void)
			}
		}},
		{"an unproven process alone proves nothing", []judgetest.Drill{
			{ID: "half", Suppliers: ms, At: ago(1), Recovered: []string{"klant", "mail"}, Unproven: []string{"klant"}},
		}, func(t *testing.T, r *Readiness) {
			if e := evidenceOf(t, r, "klant", "microsoft", 1); e.State != StatePaper || e.Drill != "" {
				t.Errorf("klant 1w: %+v, want paper: nothing proven", e)
			}
		}},
		{"a compressed drill does not override a tabletop failure", []judgetest.Drill{
			{ID: "owner-said-fail", Suppliers: ms, At: ago(10), Mode: "tabletop"},
			{ID: "simulated", Suppliers: ms, At: ago(1), Mode: "compressed", Recovered: []string{"klant", "mail"}},
		}, func(t *testing.T, r *Readiness) {
			e := evidenceOf(t, r, "klant", "microsoft", 1)
			if e.State != StateFailed || e.Drill != "owner-said-fail" || e.Mode != "tabletop" || e.Verdict != drill.Breached {
				t.Errorf("klant 1w: %+v, want the tabletop failure", e)
			}
			if c := cellOf(t, r, "microsoft", 1); c.State() != "failed" {
				t.Errorf("1w cell %s, want failed", c.State())
			}
			if p := processOf(t, r, "klant"); p.Score != 0 {
				t.Errorf("klant score %d, want 0", p.Score)
			}
		}},
		{"a later live drill overrides a tabletop one", []judgetest.Drill{
			{ID: "owner-said-fail", Suppliers: ms, At: ago(10), Mode: "tabletop"},
			{ID: "live", Suppliers: ms, At: ago(1), Recovered: []string{"klant"}},
		}, func(t *testing.T, r *Readiness) {
			if e := evidenceOf(t, r, "klant", "microsoft", 1); e.State != StateProven || e.Drill != "live" {
				t.Errorf("klant 1w: %+v, want the later live drill", e)
			}
		}},
		{"a drill of another supplier does not change the verdict for this one", []judgetest.Drill{
			{ID: "month-without-ms", Suppliers: ms, At: ago(10), Outage: dur(30 * day)},
			{ID: "day-without-kpn", Suppliers: []string{"kpn"}, At: ago(1), Outage: dur(day), Recovered: []string{"klant"}},
		}, func(t *testing.T, r *Readiness) {
			e := evidenceOf(t, r, "klant", "microsoft", 2)
			if e.State != StateFailed || e.Drill != "month-without-ms" || e.Verdict != drill.Breached {
				t.Errorf("klant without microsoft for a month: %+v, want breached by month-without-ms", e)
			}
			if got := states(t, r, "klant", "kpn"); got != "proven/full paper paper" {
				t.Errorf("klant without kpn: %s", got)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := judgetest.Shared(t)
			var bs []*evidence.Bundle
			for _, d := range tc.drills {
				bs = append(bs, judgetest.Build(t, c, d))
			}
			r, err := NewReadiness(ReadinessInput{Catalog: c, Bundles: bs, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, r)
		})
	}
}

// TestRulesInDocuments keeps the README's and docs/semantics.md's
// readiness rules in the words the reports print; docs/semantics.md also
// quotes the score's formula and the diff's default tolerance as the reports
// state them.
func TestRulesInDocuments(t *testing.T) {
	read := func(name string) string {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, doc := range []string{"../../README.md", "../../docs/semantics.md"} {
		data := read(doc)
		for _, rule := range Rules {
			if !strings.Contains(data, "- "+rule+"\n") {
				t.Errorf("%s lacks the readiness rule %q", doc, rule)
			}
		}
		if !strings.Contains(data, "monotonic in proof: it never rises when proof falls") {
			t.Errorf("%s does not state the score as monotonic in proof", doc)
		}
	}
	semantics := flat(read("../../docs/semantics.md"))
	for what, words := range map[string]string{"the score's formula": ScoreFormula, "the default tolerance": DefaultTolerance.Text()} {
		if !strings.Contains(semantics, flat(words)) {
			t.Errorf("docs/semantics.md does not quote %s:\n%s", what, words)
		}
	}
}
