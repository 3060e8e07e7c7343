package evidence

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/drill"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// sample is a small drill: one process recovered by a restore and a switch,
// one breached by a failed export check.
func sample() Input {
	plan := &drill.Plan{DrillID: "ms-1m", Organisation: "Gemeente Proefdorp",
		Scenario: drill.Info{ID: "microsoft-1-month", Duration: drill.Duration(30 * 24 * time.Hour), Mode: "compressed", Lost: []string{"microsoft"}},
		Processes: []*drill.ProcessPlan{
			{ID: "vergunningen", Owner: "Directie Parkeren", Critical: true, RTO: drill.Duration(48 * time.Hour), MTPD: drill.Duration(7 * 24 * time.Hour), RPO: drill.Duration(24 * time.Hour),
				Paths: []string{"parkeren -> microsoft"}, Runbook: "parkeren", Steps: []*drill.StepPlan{{ID: "restore", Kind: drill.BackupRestore, Target: "pg"}, {ID: "switch", Kind: drill.HostingHealthy, Target: "alt"}}},
			{ID: "klantcontact", Owner: "KCC", RTO: drill.Duration(24 * time.Hour), MTPD: drill.Duration(3 * 24 * time.Hour), RPO: drill.Duration(4 * time.Hour),
				Paths: []string{"crm -> salesforce"}, Runbook: "crm", Steps: []*drill.StepPlan{{ID: "export", Kind: drill.ExitPlanExport, Target: "crm"}}},
		}}
	step := func(proc, id string, kind drill.StepKind, status drill.StepStatus, reason, out string, start, end time.Duration) *drill.StepResult {
		return &drill.StepResult{Process: proc, Step: id, Kind: kind, Status: status, Reason: reason, Output: out,
			ScenarioStart: drill.Duration(start), ScenarioEnd: drill.Duration(end), Duration: drill.Duration(end - start), Measure: drill.Measured,
			WallStart: t0.Add(start / 1000), WallEnd: t0.Add(end / 1000), Wall: (end - start) / 1000}
	}
	res := &drill.DrillResult{DrillID: "ms-1m", Scenario: plan.Scenario, Started: t0, Finished: t0.Add(time.Minute), Runs: 1,
		Processes: []*drill.ProcessResult{
			{Process: "vergunningen", Owner: "Directie Parkeren", Critical: true, RTO: plan.Processes[0].RTO, MTPD: plan.Processes[0].MTPD, RPO: plan.Processes[0].RPO,
				Verdict: drill.Recovered, Why: "recovered in 2m, within RTO 2d", Recovered: true, Recovery: drill.Duration(2 * time.Minute), Runs: 1,
				DataLoss: &drill.DataLoss{Backup: "pg", Age: drill.Duration(3 * time.Hour), RPO: plan.Processes[0].RPO, Checked: true, Met: true, Text: "3h old at T0"},
				Steps: []*drill.StepResult{
					step("vergunningen", "restore", "backup.restore", drill.StepPassed, "", "restored 1500 rows in 0.4s\n", 0, time.Minute),
					step("vergunningen", "switch", "hosting.healthy", drill.StepPassed, "", "", time.Minute, 2*time.Minute)}},
			{Process: "klantcontact", Owner: "KCC", RTO: plan.Processes[1].RTO, MTPD: plan.Processes[1].MTPD, RPO: plan.Processes[1].RPO,
				Verdict: drill.Breached, Why: "MTPD breached on day 4: not recovered while the outage lasts 30d > MTPD 3d", FailedStep: "export", Runs: 1,
				Steps: []*drill.StepResult{
					step("klantcontact", "export", "exitplan.export", drill.StepFailed, "exports/crm.csv line 7: 3 fields, want 4", "", 0, 30*time.Second)}},
		}}
	return Input{Plan: plan, Result: res,
		Sources:     []drill.Source{{Role: "catalog", Spec: "examples/proefdorp"}, {Role: "scenario", Spec: "microsoft-1-month"}},
		Definitions: []Definition{{Path: "catalog/catalog.yaml", Data: []byte("apiVersion: exitdrill/v1\nkind: Catalog\n")}, {Path: "scenario.yaml", Data: []byte("id: microsoft-1-month\n")}}}
}

func sealed(t *testing.T, key ed25519.PrivateKey) Files {
	t.Helper()
	b, files, err := Build(sample())
	if err != nil {
		t.Fatal(err)
	}
	files["reports/report.md"] = []byte("# report\n")
	if err := Seal(b, files, key); err != nil {
		t.Fatal(err)
	}
	return files
}

func testKey(seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

func mapFS(files Files) fstest.MapFS { return files.FS().(fstest.MapFS) }

func TestBuildIsDeterministic(t *testing.T) {
	a, b := sealed(t, testKey(1)), sealed(t, testKey(1))
	for _, p := range a.Paths() {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s differs between two builds of the same drill", p)
		}
	}
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
}

func TestJournal(t *testing.T) {
	files := sealed(t, nil)
	b, err := Load(files.FS())
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	steps := map[string]int{}
	for _, e := range b.Events {
		types = append(types, e.Type)
		if e.Type == EventStep {
			steps[e.Process+"/"+e.Step]++
		}
	}
	// In time order: klantcontact's export failed before vergunningen's restore ended.
	want := "drill.started process.planned process.planned step process.verdict step step process.verdict drill.finished"
	if got := strings.Join(types, " "); got != want {
		t.Errorf("events:\n got %s\nwant %s", got, want)
	}
	for _, s := range []string{"vergunningen/restore", "vergunningen/switch", "klantcontact/export"} {
		if steps[s] != 1 {
			t.Errorf("step %s appears %d times, want once", s, steps[s])
		}
	}
	ev := b.StepEvent("vergunningen", "restore", false)
	if ev == nil || len(ev.Artifacts) != 1 || ev.Artifacts[0].Name != "output" {
		t.Fatalf("restore event %+v: want its output as an artifact", ev)
	}
	if out, _ := b.File(ev.Artifacts[0].Path); string(out) != "restored 1500 rows in 0.4s\n" {
		t.Errorf("artifact holds %q", out)
	}
	if b.Signed || len(b.Findings) != 2 || len(b.Definitions) != 2 || b.Sources[0].Spec != "examples/proefdorp" {
		t.Errorf("signed %v, findings %d, definitions %d, sources %v", b.Signed, len(b.Findings), len(b.Definitions), b.Sources)
	}
}

func TestVerifySound(t *testing.T) {
	key := testKey(7)
	files := sealed(t, key)
	v, err := Verify(files.FS(), key.Public().(ed25519.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	if v.Events != 9 || v.Signer != SignerID(key.Public().(ed25519.PublicKey)) {
		t.Errorf("verification %+v", v)
	}
	if _, err := Verify(files.FS(), testKey(8).Public().(ed25519.PublicKey)); !isProblem(err, SignatureFile, "signed by ed25519:") {
		t.Errorf("another key: %v", err)
	}
	unsigned := sealed(t, nil)
	if _, err := Verify(unsigned.FS(), nil); err != nil {
		t.Errorf("unsigned bundle without a key to check: %v", err)
	}
	if _, err := Verify(unsigned.FS(), key.Public().(ed25519.PublicKey)); !isProblem(err, ManifestFile, "the bundle is unsigned") {
		t.Errorf("unsigned bundle with a key to check: %v", err)
	}
}

func isProblem(err error, where, what string) bool {
	var p *Problem
	return errors.As(err, &p) && strings.HasPrefix(p.Where, where) && strings.Contains(p.What, what)
}

// TestEveryByteChangeIsDetected flips every byte of every file of a signed and
// of an unsigned bundle, one at a time.
func TestEveryByteChangeIsDetected(t *testing.T) {
	for _, key := range []ed25519.PrivateKey{testKey(3), nil} {
		files := sealed(t, key)
		fsys := mapFS(files)
		var pub ed25519.PublicKey
		if key != nil {
			pub = key.Public().(ed25519.PublicKey)
		}
		checked := 0
		for _, p := range files.Paths() {
			orig := fsys[p].Data
			for i := range orig {
				changed := bytes.Clone(orig)
				changed[i] ^= 0x01
				fsys[p] = &fstest.MapFile{Data: changed}
				if _, err := Verify(fsys, pub); err == nil {
					t.Fatalf("signed=%v: flipping byte %d of %s went unnoticed", key != nil, i, p)
				}
				checked++
			}
			fsys[p] = &fstest.MapFile{Data: orig}
		}
		if _, err := Verify(fsys, pub); err != nil {
			t.Fatalf("restored bundle: %v", err)
		}
		t.Logf("signed=%v: %d single-byte changes, all detected", key != nil, checked)
	}
}

func TestTamperingIsNamed(t *testing.T) {
	lines := func(f fstest.MapFS) [][]byte {
		return bytes.SplitAfter(bytes.TrimSuffix(f[JournalFile].Data, []byte("\n")), []byte("\n"))
	}
	failedLine := 0 // the klantcontact/export event
	for i, l := range bytes.Split(sealed(t, nil)[JournalFile], []byte("\n")) {
		if bytes.Contains(l, []byte(`"status":"failed"`)) {
			failedLine = i + 1
		}
	}
	setLines := func(f fstest.MapFS, l [][]byte) {
		data := bytes.Join(l, nil)
		if !bytes.HasSuffix(data, []byte("\n")) {
			data = append(data, '\n')
		}
		f[JournalFile] = &fstest.MapFile{Data: data}
	}
	fix := func(l []byte) []byte { // keep every line newline-terminated
		if !bytes.HasSuffix(l, []byte("\n")) {
			return append(bytes.Clone(l), '\n')
		}
		return l
	}
	tests := []struct {
		name        string
		tamper      func(f fstest.MapFS)
		where, what string
	}{
		{"event changed", func(f fstest.MapFS) {
			f[JournalFile] = &fstest.MapFile{Data: bytes.Replace(f[JournalFile].Data, []byte(`"status":"failed"`), []byte(`"status":"passed"`), 1)}
		}, fmt.Sprintf("%s line %d ", JournalFile, failedLine+1), fmt.Sprintf("does not chain to line %d: line %d was changed", failedLine, failedLine)},
		{"event removed", func(f fstest.MapFS) {
			l := lines(f)
			setLines(f, append(l[:4:4], l[5:]...))
		}, JournalFile + " line 5 ", "has seq 6 where 5 belongs"},
		{"events reordered", func(f fstest.MapFS) {
			l := lines(f)
			l[4], l[5] = fix(l[5]), fix(l[4])
			setLines(f, l)
		}, JournalFile + " line 5 ", "has seq 6 where 5 belongs"},
		{"event added at the end", func(f fstest.MapFS) {
			l := lines(f)
			l[len(l)-1] = fix(l[len(l)-1])
			setLines(f, append(l, l[len(l)-1]))
		}, JournalFile + " line 10 ", "has seq 9 where 10 belongs"},
		{"last event changed", func(f fstest.MapFS) {
			f[JournalFile] = &fstest.MapFile{Data: bytes.Replace(f[JournalFile].Data, []byte(`"objectivesMet":false`), []byte(`"objectivesMet":true`), 1)}
		}, JournalFile + " line 9", "the last event was changed"},
		{"artifact changed", func(f fstest.MapFS) {
			for p, file := range f {
				if strings.HasPrefix(p, ArtifactsDir+"/") {
					f[p] = &fstest.MapFile{Data: append(bytes.Clone(file.Data), 'x')}
				}
			}
		}, ArtifactsDir + "/", "changed: SHA-256"},
		{"artifact removed", func(f fstest.MapFS) {
			for p := range f {
				if strings.HasPrefix(p, ArtifactsDir+"/") {
					delete(f, p)
				}
			}
		}, ArtifactsDir + "/", "removed: the manifest lists it"},
		{"file added", func(f fstest.MapFS) { f["reports/extra.html"] = &fstest.MapFile{Data: []byte("x")} }, "reports/extra.html", "added"},
		{"signature removed", func(f fstest.MapFS) { delete(f, SignatureFile) }, SignatureFile, "missing, but the manifest says"},
		{"result changed", func(f fstest.MapFS) {
			f[ResultFile] = &fstest.MapFile{Data: bytes.Replace(f[ResultFile].Data, []byte(`"breached"`), []byte(`"recovered"`), 1)}
		}, ResultFile, "changed: SHA-256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := testKey(5)
			f := mapFS(sealed(t, key))
			tt.tamper(f)
			_, err := Verify(f, key.Public().(ed25519.PublicKey))
			if !isProblem(err, tt.where, tt.what) {
				t.Errorf("got %v\nwant a problem at %q saying %q", err, tt.where, tt.what)
			}
		})
	}
}

func TestFindings(t *testing.T) {
	in := sample()
	f := Findings(in.Result)
	if len(f) != 2 {
		t.Fatalf("%d findings: %+v", len(f), f)
	}
	if f[0].Category != CatObjective || f[0].Severity != High || f[0].Process != "klantcontact" ||
		f[1].Category != CatStep || f[1].Step != "export" || f[1].Detail != "exports/crm.csv line 7: 3 fields, want 4" {
		t.Errorf("findings %+v", f)
	}
	// The same weakness with other figures keeps its fingerprint.
	in.Result.Processes[1].Steps[0].Reason = "exports/crm.csv line 9: 2 fields, want 4"
	if g := Findings(in.Result); g[1].Fingerprint != f[1].Fingerprint {
		t.Errorf("fingerprint changed with the reason's figures")
	}
}

// TestFindingWaitedOut: a process that waited out the outage has a finding
// when its recovery would have outlasted its RTO or MTPD, none when it would
// have been in time or never completed (its failed step has the finding).
func TestFindingWaitedOut(t *testing.T) {
	const day = drill.Duration(24 * time.Hour)
	tests := []struct {
		recovered bool
		recovery  drill.Duration
		want      string // title, "" for none
		sev       Severity
	}{
		{true, 2 * day, "", ""},
		{true, 4 * day, "p: recovery would outlast its RTO", Low},
		{true, 9 * day, "p: recovery would outlast its MTPD", Medium},
		{false, 0, "", ""},
	}
	for _, tt := range tests {
		p := &drill.ProcessResult{Process: "p", Verdict: drill.WaitedOut, Recovered: tt.recovered, Recovery: tt.recovery,
			RTO: 3 * day, MTPD: 7 * day, Steps: []*drill.StepResult{{Step: "s", Status: drill.StepPassed}}, Why: "waited out"}
		f := Findings(&drill.DrillResult{Processes: []*drill.ProcessResult{p}})
		switch {
		case tt.want == "" && len(f) != 0:
			t.Errorf("recovery %s: findings %+v, want none", tt.recovery, f)
		case tt.want != "" && (len(f) != 1 || f[0].Title != tt.want || f[0].Severity != tt.sev || f[0].Category != CatObjective):
			t.Errorf("recovery %s: findings %+v, want %s %q", tt.recovery, f, tt.sev, tt.want)
		}
	}
}

// TestFindingCoverage: an unproven process has a coverage finding per lost
// application no step covers, and none for the ones its steps proved.
func TestFindingCoverage(t *testing.T) {
	p := &drill.ProcessResult{Process: "permits", Owner: "A", Critical: true, Verdict: drill.Unproven,
		Why:   drill.UnprovenWhy([]string{"idp"}, drill.Duration(time.Hour)),
		Steps: []*drill.StepResult{{Step: "restart", Status: drill.StepPassed}},
		Coverage: []drill.CoverageResult{{App: "portal", Steps: []string{"restart"}, Result: drill.CoverProven},
			{App: "idp", Result: drill.CoverNone}}}
	f := Findings(&drill.DrillResult{Processes: []*drill.ProcessResult{p}})
	if len(f) != 1 || f[0].Category != CatCoverage || f[0].Severity != High || f[0].Target != "idp" ||
		f[0].Title != "permits: nothing shows that idp comes back" ||
		f[0].Detail != "nothing in the runbook shows that idp comes back (no step targets its backups, alternatives or exit plan, or names it in covers)" {
		t.Errorf("findings %+v, want one high coverage finding on idp", f)
	}
	// A breached process names what is not covered in its why, and its
	// breach is the finding.
	p.Verdict = drill.Breached
	if f := Findings(&drill.DrillResult{Processes: []*drill.ProcessResult{p}}); len(f) != 1 || f[0].Category != CatObjective {
		t.Errorf("breached: findings %+v, want only the objective", f)
	}
}

// TestFindingMissedSchedule: a usable backup that missed its schedule passes
// its step and is a finding on the backup job, not an exit-plan remark.
func TestFindingMissedSchedule(t *testing.T) {
	res := &drill.DrillResult{Processes: []*drill.ProcessResult{{Process: "parkeren", Owner: "Directie Parkeren", Verdict: drill.Recovered,
		Steps: []*drill.StepResult{{Step: "fresh", Kind: drill.BackupFresh, Target: "parkeren-restic", Status: drill.StepPassed,
			Details: map[string]string{"findings": "backup parkeren-restic missed its schedule: newest copy 2d old at T0, every 1d (6h grace)"}}}}}}
	f := Findings(res)
	if len(f) != 1 || f[0].Category != CatBackup || f[0].Severity != Low || f[0].Title != "parkeren: backup parkeren-restic missed its schedule" {
		t.Errorf("findings %+v, want one low backup finding on the missed schedule", f)
	}
}

func TestProcessDefinitionHash(t *testing.T) {
	p := sample().Plan.Processes[0]
	h := ProcessDefinitionHash(p)
	moved := *p
	moved.Steps = []*drill.StepPlan{{ID: "restore", Kind: drill.BackupRestore, Target: "pg", BaseDir: "/elsewhere/catalog",
		Files: []drill.FileStamp{{Path: "/elsewhere/catalog/pg.dump", Kind: drill.FileRegular, Size: 5, SHA256: "ab12"}}}, p.Steps[1]}
	if ProcessDefinitionHash(&moved) != h {
		t.Error("the same catalog read from another directory, its files stamped, counts as a change")
	}
	changed := *p
	changed.RTO = drill.Duration(72 * time.Hour)
	if ProcessDefinitionHash(&changed) == h {
		t.Error("a changed RTO keeps the hash")
	}
	if p.Steps[0].BaseDir != "" || moved.Steps[0].BaseDir != "/elsewhere/catalog" {
		t.Error("hashing changed the plan")
	}
}

func TestRunbookHash(t *testing.T) {
	p := sample().Plan.Processes[0]
	h := RunbookHash(p)
	moved := *p
	moved.Steps = []*drill.StepPlan{{ID: "restore", Kind: drill.BackupRestore, Target: "pg", BaseDir: "/elsewhere/catalog"}, p.Steps[1]}
	if RunbookHash(&moved) != h {
		t.Error("the same runbook read from another directory counts as a change")
	}
	objectives := *p
	objectives.RTO = drill.Duration(72 * time.Hour)
	if RunbookHash(&objectives) != h {
		t.Error("a changed RTO changes the runbook's hash")
	}
	for name, change := range map[string]func(q *drill.ProcessPlan){
		"another runbook": func(q *drill.ProcessPlan) { q.Runbook = "other" },
		"a step more": func(q *drill.ProcessPlan) {
			q.Steps = append(q.Steps[:2:2], &drill.StepPlan{ID: "notify", Kind: drill.Command})
		},
		"a rollback": func(q *drill.ProcessPlan) { q.Rollback = []*drill.StepPlan{{ID: "back", Kind: drill.Command}} },
	} {
		q := *p
		change(&q)
		if RunbookHash(&q) == h {
			t.Errorf("%s keeps the runbook's hash", name)
		}
	}
}

// TestPlanCarriesStamps: the stamps of the files the steps read are in the
// bundle's plan.json, so the evidence says which bytes the drill was planned
// on.
func TestPlanCarriesStamps(t *testing.T) {
	in := sample()
	in.Plan.Processes[0].Steps[0].Files = []drill.FileStamp{{Path: "/srv/catalog/pg.dump", Kind: drill.FileRegular, Size: 5, SHA256: "ab12cd34"}}
	_, files, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	var plan drill.Plan
	if err := json.Unmarshal(files[PlanFile], &plan); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(in.Plan.Processes[0].Steps[0].Files, plan.Processes[0].Steps[0].Files); d != "" {
		t.Errorf("stamps in plan.json (-want +got):\n%s", d)
	}
}
