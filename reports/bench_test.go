package reports

import (
	"fmt"
	"testing"
	"testing/fstest"
	"time"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/gen"
	"github.com/exitdrill/exitdrill/scenarios"
)

// BenchmarkReportsAll renders every format of the drill of a generated
// 1,300-application catalog (the source report's city) under a month-long
// loss of its largest supplier, with a synthesized result: every planned step
// ran, measured, declared or simulated by kind, one process in seven failing a
// step. Targets (scripts/bench prints them): all formats under 2 s, the HTML
// under 5 MB.
func BenchmarkReportsAll(b *testing.B) {
	bundle := generatedBundle(b, 1300)
	var out map[string][]byte
	for b.Loop() {
		var err error
		if out, err = All(bundle); err != nil {
			b.Fatal(err)
		}
	}
	steps := 0
	for _, p := range bundle.Result.Processes {
		steps += len(p.Steps) + len(p.Rollback)
	}
	b.ReportMetric(float64(len(bundle.Result.Processes)), "processes")
	b.ReportMetric(float64(steps), "steps")
	b.ReportMetric(float64(len(out["report.html"])), "html-bytes")
	total := 0
	for _, d := range out {
		total += len(d)
	}
	b.ReportMetric(float64(total), "all-bytes")
}

// generatedBundle builds the bundle of a synthesized drill of a generated
// catalog of apps applications.
func generatedBundle(tb testing.TB, apps int) *evidence.Bundle {
	tb.Helper()
	files, err := gen.Catalog(gen.Scaled(apps, 1))
	if err != nil {
		tb.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range files {
		fsys["cat/"+f.Name] = &fstest.MapFile{Data: f.Data}
	}
	c, err := catalog.Load(fsys, "cat")
	if err != nil {
		tb.Fatal(err)
	}
	sc := &scenarios.Scenario{ID: "largest-supplier-1-month", Lose: scenarios.Lose{Suppliers: []string{gen.LargestSupplier}}, Duration: dur(30 * day)}
	plan := scenarios.NewPlan("bench", c, sc)
	res := &drill.DrillResult{DrillID: "bench", Scenario: plan.Scenario, Started: t0, Runs: 1}
	wall := t0
	for i, p := range plan.Processes {
		pr := &drill.ProcessResult{Process: p.ID, Name: p.Name, Owner: p.Owner, Critical: p.Critical, RTO: p.RTO, MTPD: p.MTPD, RPO: p.RPO, Runs: 1}
		var clock time.Duration
		failed := ""
		for j, st := range p.Steps {
			measure, d := drill.Measured, time.Duration(10+j)*time.Second
			switch st.Kind {
			case drill.Wait:
				measure, d = drill.Declared, st.Expected.Std()
			case drill.ManualStep:
				measure, d = drill.Simulated, st.Expected.Std()
			}
			status := drill.StepPassed
			if failed != "" {
				status, d = drill.StepSkipped, 0
			} else if i%7 == 3 && j == len(p.Steps)-1 {
				status, failed = drill.StepFailed, st.ID
			}
			s := &drill.StepResult{Process: p.ID, Step: st.ID, Kind: st.Kind, Target: st.Target, Status: status, Measure: measure,
				ScenarioStart: dur(clock), ScenarioEnd: dur(clock + d), Duration: dur(d), WallStart: wall, WallEnd: wall.Add(time.Second), Wall: time.Second,
				Details: map[string]string{"note": fmt.Sprintf("step %d of %s", j, p.ID)}}
			if status == drill.StepFailed {
				s.Reason = "exit status 1"
			}
			wall, clock = wall.Add(time.Second), clock+d
			pr.Steps = append(pr.Steps, s)
		}
		pr.Recovered, pr.FailedStep = failed == "" && len(p.Steps) > 0, failed
		if pr.Recovered {
			pr.Recovery = dur(clock)
		}
		pr.Verdict, pr.Why = drill.Judge(pr.Recovered, pr.Recovery, p.RTO, p.MTPD, sc.Duration)
		res.Processes = append(res.Processes, pr)
	}
	res.Finished = wall
	bundle, _, err := evidence.Build(evidence.Input{Plan: plan, Result: res})
	if err != nil {
		tb.Fatal(err)
	}
	return bundle
}
