package reports

import (
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/scenarios"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func dur(d time.Duration) drill.Duration { return drill.Duration(d) }

const (
	hour = time.Hour
	day  = 24 * time.Hour
)

// fixture is a deterministic drill of five processes, one of each verdict:
// vergunningen recovered (measured, declared and simulated steps, a rollback),
// belastingen late, klantcontact breached (a failed export, data loss beyond
// RPO, a failed rollback), afval tolerated (a failed step and a skipped one),
// jeugdzorg aborted; the first three and afval have coverage matrices
// (klantcontact leaves idp uncovered). Names, and who started the drill and why, carry markup
// to prove it is escaped.
func fixture() evidence.Input {
	sc := drill.Info{ID: "microsoft-1-month", Title: "Microsoft unavailable for one month", Duration: dur(30 * day),
		Mode: scenarios.Compressed, TimeScale: 86400, Lost: []string{"microsoft"}, Down: []string{"microsoft", "sogeti"},
		Names: map[string]string{"microsoft": "Microsoft <Azure & 365>", "sogeti": "Sogeti"}}
	pp := func(id, name, owner string, critical bool, rto, mtpd, rpo time.Duration, paths []string, steps ...string) *drill.ProcessPlan {
		p := &drill.ProcessPlan{ID: id, Name: name, Owner: owner, Critical: critical, RTO: dur(rto), MTPD: dur(mtpd), RPO: dur(rpo),
			Paths: paths, Runbook: id + "-recovery"}
		for _, s := range steps {
			p.Steps = append(p.Steps, &drill.StepPlan{ID: s, Kind: drill.Command})
		}
		return p
	}
	plan := &drill.Plan{DrillID: "ms-1m-20261102", Organisation: "Gemeente Voorbeeldstad", Scenario: sc, Unaffected: 7,
		Definitions: []string{"catalog/voorbeeldstad.yaml"},
		Processes: []*drill.ProcessPlan{
			pp("vergunningen", "Parkeervergunningen verlenen", "Directie Parkeren", true, 2*day, 7*day, 24*hour,
				[]string{"vergunningen -> parkeren -> microsoft"}, "backup-fresh", "restore", "switch", "alt-up", "settle", "sign-off"),
			pp("belastingen", "Belastingaanslagen", "Directie Belastingen", true, 2*day, 5*day, 24*hour,
				[]string{"belastingen -> belasting-app -> microsoft"}, "restore", "recalc"),
			pp("klantcontact", "Klantcontact & meldingen", "KCC", true, 24*hour, 3*day, 4*hour,
				[]string{"klantcontact -> crm -> sogeti -> microsoft"}, "backup-fresh", "export"),
			pp("afval", "Afvalinzameling plannen", "Stadsreiniging", false, 7*day, 60*day, 7*day,
				[]string{"afval -> route-planner -> sogeti -> microsoft"}, "switch", "alt-up"),
			pp("jeugdzorg", "Jeugdzorg <script>alert(1)</script>", "Sociaal Domein", true, 24*hour, 2*day, 24*hour,
				[]string{"jeugdzorg -> dossier -> microsoft"}, "restore"),
		}}
	wall := t0
	step := func(proc, id string, kind drill.StepKind, status drill.StepStatus, measure string, start, d time.Duration, details map[string]string) *drill.StepResult {
		w := 2 * time.Second
		if kind == drill.BackupRestore {
			w = 41*time.Second + 300*time.Millisecond
		}
		s := &drill.StepResult{Process: proc, Step: id, Kind: kind, Status: status, Measure: measure,
			ScenarioStart: dur(start), ScenarioEnd: dur(start + d), Duration: dur(d),
			WallStart: wall, WallEnd: wall.Add(w), Wall: w, Attempts: 1, Details: details}
		wall = wall.Add(w)
		return s
	}
	pr := func(p *drill.ProcessPlan, v drill.Verdict, why string, recovered bool, rec time.Duration) *drill.ProcessResult {
		return &drill.ProcessResult{Process: p.ID, Name: p.Name, Owner: p.Owner, Critical: p.Critical, RTO: p.RTO, MTPD: p.MTPD, RPO: p.RPO,
			Verdict: v, Why: why, Recovered: recovered, Recovery: dur(rec), Runs: 1}
	}
	backup := func(id, age string) map[string]string {
		return map[string]string{"backup": id, "backupAgeAtT0": age, "backupTime": "2026-11-02T06:00:00Z", "backupUsable": "true"}
	}
	P := plan.Processes
	verg := pr(P[0], drill.Recovered, "recovered in 1d4h2m, within RTO 2d", true, day+4*hour+2*time.Minute)
	verg.DataLoss = &drill.DataLoss{Backup: "parkeren-db", Age: dur(3 * hour), RPO: P[0].RPO, Checked: true, Met: true, Text: "3h old at T0 (parkeren-db), within RPO 1d"}
	verg.Steps = []*drill.StepResult{
		step("vergunningen", "backup-fresh", "backup.fresh", drill.StepPassed, drill.Measured, 0, 20*time.Second, backup("parkeren-db", "3h0m0s")),
		step("vergunningen", "restore", "backup.restore", drill.StepPassed, drill.Measured, 20*time.Second, 41*time.Second,
			map[string]string{"backup": "parkeren-db", "restoreSeconds": "41.300", "bytes": "1073741824", "bytesPerSecond": "25998591"}),
		step("vergunningen", "switch", "command", drill.StepPassed, drill.Measured, 61*time.Second, time.Second, nil),
		step("vergunningen", "alt-up", "hosting.healthy", drill.StepPassed, drill.Measured, 62*time.Second, 58*time.Second,
			map[string]string{"url": "http://127.0.0.1:18081/health", "status": "200", "latencyMs": "3"}),
		step("vergunningen", "settle", "wait", drill.StepPassed, drill.Declared, 2*time.Minute, day, nil),
		step("vergunningen", "sign-off", "manual", drill.StepPassed, drill.Simulated, day+2*time.Minute, 4*hour, nil),
	}
	verg.Steps[0].Target, verg.Steps[1].Target, verg.Steps[3].Target = "parkeren-db", "parkeren-db", "parkeren-alt"
	verg.Coverage = []drill.CoverageResult{{App: "parkeren", Steps: []string{"backup-fresh", "restore", "alt-up"}, Result: drill.CoverProven}}
	verg.Steps[1].Output = "restored 1500 rows\n"
	verg.Steps[5].Role = "process-owner"
	verg.Steps[5].Events = []drill.Event{
		{At: t0.Add(3 * time.Second), Kind: "notified", Text: "step.waiting to Anna de Vries (process-owner) by email: delivered (250 2.0.0 queued)"},
		{At: t0.Add(4 * time.Second), Kind: "notify-failed", Text: "step.waiting to Anna de Vries (process-owner) by teams-parkeren: HTTP 502 <bad gateway>"},
	}
	rb := step("vergunningen", "switch-back", "command", drill.StepPassed, drill.Measured, day+4*hour+2*time.Minute, time.Second, nil)
	rb.Rollback = true
	verg.Rollback = []*drill.StepResult{rb}

	bel := pr(P[1], drill.Late, "recovered in 3d1m: 1d1m after RTO 2d, within MTPD 5d", true, 3*day+time.Minute)
	bel.DataLoss = &drill.DataLoss{Backup: "belasting-db", Age: dur(20 * hour), RPO: P[1].RPO, Checked: true, Met: true, Text: "20h old at T0 (belasting-db), within RPO 1d"}
	bel.Steps = []*drill.StepResult{
		step("belastingen", "restore", "backup.restore", drill.StepPassed, drill.Measured, 0, time.Minute, backup("belasting-db", "20h0m0s")),
		step("belastingen", "recalc", "wait", drill.StepPassed, drill.Declared, time.Minute, 3*day, nil),
	}

	kcc := pr(P[2], drill.Breached, "MTPD breached on day 4: not recovered while the outage lasts 30d > MTPD 3d; also not covered: idp", false, 0)
	kcc.Coverage = []drill.CoverageResult{{App: "crm", Steps: []string{"backup-fresh", "export"}, Result: string(drill.StepFailed), Step: "backup-fresh"},
		{App: "idp", Result: drill.CoverNone}}
	kcc.FailedStep = "export"
	kcc.DataLoss = &drill.DataLoss{Backup: "crm-export", Age: dur(2 * day), RPO: P[2].RPO, Checked: true, Met: false, Text: "2d old at T0 (crm-export), older than RPO 4h"}
	kcc.Steps = []*drill.StepResult{
		step("klantcontact", "backup-fresh", "backup.fresh", drill.StepFailed, drill.Measured, 0, 5*time.Second, backup("crm-export", "48h0m0s")),
		step("klantcontact", "export", "exitplan.export", drill.StepFailed, drill.Measured, 5*time.Second, 3*time.Second, nil),
	}
	kcc.Steps[0].Reason = "newest copy is 2d old at T0, older than every 24h"
	kcc.Steps[1].Reason = "exports/crm.csv line 7: 3 fields, want 4 <b>"
	kcc.Steps[1].Target = "crm"
	krb := step("klantcontact", "restore-crm", "command", drill.StepFailed, drill.Measured, 8*time.Second, time.Second, nil)
	krb.Rollback, krb.Reason = true, "exit status 1"
	kcc.Rollback = []*drill.StepResult{krb}

	afv := pr(P[3], drill.Tolerated, "not recovered, but the 30d outage ends within MTPD 60d", false, 0)
	afv.FailedStep = "switch"
	afv.Coverage = []drill.CoverageResult{{App: "route-planner", Steps: []string{"alt-up"}, Result: string(drill.StepSkipped), Step: "alt-up"}}
	afv.DataLoss = &drill.DataLoss{RPO: P[3].RPO, Met: true, Text: "not checked: the runbook checks no backup"}
	afv.Steps = []*drill.StepResult{
		step("afval", "switch", "command", drill.StepFailed, drill.Measured, 0, 2*time.Second, nil),
		{Process: "afval", Step: "alt-up", Kind: "hosting.healthy", Status: drill.StepSkipped, Reason: "after failed step switch",
			ScenarioStart: dur(2 * time.Second), ScenarioEnd: dur(2 * time.Second), Measure: drill.Measured},
	}
	afv.Steps[0].Reason = "exit status 2: route-planner-alt: no such host"

	jz := pr(P[4], drill.Aborted, "the drill was aborted before recovery was decided", false, 0)
	jz.Steps = []*drill.StepResult{
		step("jeugdzorg", "restore", "backup.restore", drill.StepAborted, drill.Measured, 0, 30*time.Second, nil),
	}
	jz.Steps[0].Reason = "aborted by a.de.vries: supplier back online"

	res := &drill.DrillResult{DrillID: plan.DrillID, Scenario: sc, Started: t0, Finished: wall.Add(time.Second), Runs: 1,
		Abort:     &drill.Abort{Actor: "a.de.vries", Reason: "supplier back online"},
		Processes: []*drill.ProcessResult{verg, bel, kcc, afv, jz}}
	res.Notifications = []drill.Event{
		{At: t0, Kind: "notified", Text: "drill.started to Anna de Vries (process-owner) by email: delivered"},
		{At: t0, Kind: "notify-held", Text: "drill.started to Carla (continuity-manager) by email: held: quiet hours 22:00-07:00 until 2026-11-03 07:00 Europe/Amsterdam"},
		{At: t0.Add(50 * time.Second), Kind: "notify-deferred", Text: "drill.ended to Carla (continuity-manager) by email: deferred: quiet hours until 2026-11-03 07:00 Europe/Amsterdam; workflow ms-1m-20261102#held-notices-1 sends it then, after the drill's result and evidence"},
	}
	inj := func(id string, at time.Duration, to, msg, status string) *drill.InjectResult {
		return &drill.InjectResult{Inject: drill.Inject{ID: id, At: drill.SceneTime(at), To: to, Message: msg}, Status: status}
	}
	press := inj("press", 0, "continuity-manager", "The press asks whether permits are late.", drill.InjectAcknowledged)
	press.Delivered = t0.Add(time.Second)
	press.Acks = []drill.Ack{{By: "Carla", At: t0.Add(20 * time.Second), Note: "holding statement <sent>"}}
	press.Events = []drill.Event{{At: t0.Add(time.Second), Kind: "notified", Text: "inject to Carla (continuity-manager) by email: delivered"}}
	council := inj("parkeren-recovery.council", 5*time.Second, "process-owner", "A council member wants a status.", drill.InjectDelivered)
	council.Delivered = t0.Add(6 * time.Second)
	late := inj("day20", 20*day, "process-owner", "Still down?", drill.InjectNotDelivered)
	late.Why = "the drill was aborted before its time"
	res.Injects = []*drill.InjectResult{press, council, late}
	return evidence.Input{Plan: plan, Result: res,
		StartedBy: "a.de.vries <CISO office>", Note: "Quarterly test for the audit committee & <the board>\nasked in finding F-12",
		Sources: []drill.Source{{Role: "catalog", Spec: "examples/voorbeeldstad"}, {Role: "scenario", Spec: "microsoft-1-month"}},
		Definitions: []evidence.Definition{
			{Path: "catalog/voorbeeldstad.yaml", Data: []byte("apiVersion: exitdrill/v1\nkind: Catalog\norganisation: Gemeente Voorbeeldstad\n")},
			{Path: "scenario.yaml", Data: []byte("apiVersion: exitdrill/v1\nkind: Scenario\nid: microsoft-1-month\n")},
		}}
}

// fixtureBundle builds the fixture's bundle.
func fixtureBundle(t testing.TB) *evidence.Bundle {
	t.Helper()
	b, _, err := evidence.Build(fixture())
	if err != nil {
		t.Fatal(err)
	}
	return b
}
