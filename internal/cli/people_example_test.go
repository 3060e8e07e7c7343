package cli

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/notify"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// exampleEdit replaces old by new in the copy's file.
type exampleEdit struct{ file, old, new string }

// exampleCopy copies the example organisation (its YAML, exit plans,
// exports and scripts) to a temporary directory, makes the edits there,
// and returns it.
func exampleCopy(t *testing.T, edits ...exampleEdit) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "voorbeeldstad")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "examples", "voorbeeldstad"))); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"data", "democheck", "endpoints"} { // generated data and the demo's Go helpers
		if err := os.RemoveAll(filepath.Join(dir, sub)); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range edits {
		p := filepath.Join(dir, e.file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(e.old)) {
			t.Fatalf("%s has no %q to replace: the example changed, change this test with it", e.file, e.old)
		}
		if err := os.WriteFile(p, bytes.Replace(b, []byte(e.old), []byte(e.new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// writeArchiveBackup writes DIR/data/backups/ID.tar.gz made at at, holding
// files and a SHA256SUMS of them, and a SHA256SUMS of the archive beside
// it, as scripts/demo-data does.
func writeArchiveBackup(t *testing.T, dir, id string, files map[string]string, at time.Time) {
	t.Helper()
	var sums strings.Builder
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		h := sha256.Sum256([]byte(files[n]))
		fmt.Fprintf(&sums, "%s  ./%s\n", hex.EncodeToString(h[:]), n)
	}
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	add := func(name, body string) {
		if err := tw.WriteHeader(&tar.Header{Name: "./" + name, Mode: 0o644, Size: int64(len(body)), ModTime: at, Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range names {
		add(n, files[n])
	}
	add("SHA256SUMS", sums.String())
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "data", "backups")
	if err := os.MkdirAll(backups, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(backups, id+".tar.gz")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(buf.Bytes())
	if err := os.WriteFile(filepath.Join(backups, "SHA256SUMS"), []byte(hex.EncodeToString(h[:])+"  "+id+".tar.gz\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{p, filepath.Join(backups, "SHA256SUMS")} {
		if err := os.Chtimes(f, at, at); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPeopleOnTheExampleCatalog is issue 21's "done when" on the example
// organisation (examples/voorbeeldstad, copied): a live drill in which
// Youforce (Visma | Raet) is gone hits one process, salarisadministratie.
// Its runbook's checks run for real (the payroll export archive, made here
// as scripts/demo-data makes it, is checked and restored; the emergency
// payment tool's health URL answers from this test; the exit plan and its
// export are the example's). Then the manual step advance-run waits for the
// salarisadministrateur: Sanne de Jong gets it by email (real SMTP server,
// STARTTLS and AUTH) and by the signed ops webhook (the receiver checks the
// HMAC), with the instructions and the console link; when it is late her
// deputy role (hoofd-financien) and the continuity manager are told. The
// runbook's T0 inject reaches Sanne and is acknowledged. An observation,
// her answer, a review with an action item published as a (fake) GitHub
// issue, and actions list and readiness show it open.
//
// Live mode is real time: the test's copy declares the manual step 4 s
// (the example: 4h) and the bank's processing 2 s (the example: 1d), and
// points the emergency tool's health URL at the test's own server.
// Everything else is the example's: contacts.yaml, the runbook and its
// injects, notify.yaml.example's channel names.
func TestPeopleOnTheExampleCatalog(t *testing.T) {
	ps := startPeopleServers(t)
	mb, hooks, gh := ps.mb, ps.hooks, ps.gh
	teams := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusAccepted) }))
	t.Cleanup(teams.Close)
	nood := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "ok") }))
	t.Cleanup(nood.Close)

	cat := exampleCopy(t,
		exampleEdit{"runbooks/salaris.yaml", "    expected: 4h\n    after: [export-restore, nood-up, exitplan-export]", "    expected: 4s\n    after: [export-restore, nood-up, exitplan-export]"},
		exampleEdit{"runbooks/salaris.yaml", "action: wait, expected: 1d}", "action: wait, expected: 2s}"},
		exampleEdit{"applications/financien.yaml", "http://127.0.0.1:18014/health", nood.URL + "/health"})
	var lines strings.Builder
	for i := 1; i <= 1400; i++ {
		fmt.Fprintf(&lines, "{\"employee\":\"E%05d\",\"net\":%d.00,\"period\":\"2026-11\",\"ref\":%d}\n", i, 2000+i, i)
	}
	writeArchiveBackup(t, cat, "youforce-export", map[string]string{"salarisstroken.jsonl": lines.String()}, time.Now().Add(-30*time.Minute))
	dir := t.TempDir()
	reportsDir := filepath.Join(dir, "reports")
	scenario := filepath.Join(dir, "youforce-live.yaml")
	if err := os.WriteFile(scenario, []byte(`apiVersion: exitdrill/v1
kind: Scenario
id: youforce-1-week-live
title: Youforce (Visma | Raet) unavailable for a week, live
lose: {suppliers: [vismaraet]}
duration: 7d
mode: live
`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, port, _ := strings.Cut(mb.addr, ":")
	// The example's notify.yaml.example with this test's servers: the same
	// channel names, secrets by environment variable.
	example, err := os.ReadFile(filepath.Join(cat, "notify.yaml.example"))
	if err != nil {
		t.Fatal(err)
	}
	cfgText := strings.NewReplacer(
		"{host: smtp.voorbeeldstad.example, port: 587,", "{host: localhost, port: "+port+", caFile: \""+mb.caFile+"\",",
		"https://hooks.voorbeeldstad.example/exitdrill", ps.hookURL,
	).Replace(string(example))
	if cfgText == string(example) {
		t.Fatal("notify.yaml.example changed: change this test with it")
	}
	cfg := filepath.Join(dir, "notify.yaml")
	if err := os.WriteFile(cfg, []byte(cfgText), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(notify.EnvConfig, cfg)
	t.Setenv("VOORBEELDSTAD_SMTP_PASSWORD", mb.pass)
	t.Setenv("VOORBEELDSTAD_WEBHOOK_SECRET", peopleHookSecret)
	t.Setenv("VOORBEELDSTAD_TEAMS_CRISISTEAM_URL", teams.URL)
	t.Setenv("EXITDRILL_TEST_GITHUB_TOKEN", gh.Token)
	s := startDrillServer(t)

	start := time.Now()
	code, out, errs := s.cmd(t, "run", "--detach", "--catalog", cat, "--scenario", scenario, "--id", "salaris-live", "--notify-config", cfg,
		"--reports", reportsDir, "--hypothesis", "salaries are paid as an advance within 3 days without Youforce",
		"--participant", "Sanne de Jong:salarisadministrateur", "--facilitator", "Carla Bakker")
	if code != ExitOK || strings.TrimSpace(out) != "salaris-live" {
		t.Fatalf("run --detach: exit %d, stdout %q\n%s", code, out, errs)
	}

	// The inject at T0 and the waiting step reach Sanne by mail and by
	// the signed webhook.
	ps.waitForWaiting(t, "s.dejong@voorbeeldstad.example: Step advance-run of salarisadministratie waits for you (salarisadministrateur)", "Sanne de Jong",
		"Produce the advance batch from last month's net salaries", "https://exitdrill.voorbeeldstad.example/drills/salaris-live", 60*time.Second)
	if got := sent(mb.messages()); !slices.ContainsFunc(got, func(m string) bool {
		return m == "s.dejong@voorbeeldstad.example: Drill salaris-live, T0: Youforce's status page: the service is unavailable, no estimate. Payday is in three days."
	}) {
		t.Errorf("no mail of the kickoff inject to Sanne among %q", got)
	}
	// Late (4 s): her deputy role, hoofd-financien, and the continuity
	// manager are told.
	for _, want := range []string{
		"h.mulder@voorbeeldstad.example: Late: step advance-run of salarisadministratie has waited for salarisadministrateur longer than 4s",
		"c.bakker@voorbeeldstad.example: Late: step advance-run of salarisadministratie has waited for salarisadministrateur longer than 4s",
	} {
		testkit.WaitFor(t, want, 20*time.Second, func() bool { return slices.Contains(sent(mb.messages()), want) })
	}

	// The inject acknowledged, an observation, then Sanne answers.
	if code, _, errs := s.cmd(t, "ack", "salaris-live", "salaris-recovery.kickoff", "--by", "Sanne de Jong"); code != ExitOK {
		t.Fatalf("ack: exit %d\n%s", code, errs)
	}
	if code, _, errs := s.cmd(t, "observe", "salaris-live", "--step", "salarisadministratie/advance-run", "--by", "Carla Bakker", "Sanne started only after the escalation reached Henk"); code != ExitOK {
		t.Fatalf("observe: exit %d\n%s", code, errs)
	}
	if code, _, errs := s.cmd(t, "step", "complete", "salaris-live", "salarisadministratie/advance-run", "--role", "salarisadministrateur", "--outcome", "pass", "--actor", "Sanne de Jong"); code != ExitOK {
		t.Fatalf("step complete: exit %d\n%s", code, errs)
	}
	res := s.result(t, "salaris-live")
	if res.Evidence == nil || res.Evidence.Error != "" {
		t.Fatalf("evidence %+v", res.Evidence)
	}
	if len(res.Processes) != 1 || res.Processes[0].Process != "salarisadministratie" || res.Processes[0].Verdict != drill.Recovered {
		for _, p := range res.Processes {
			t.Logf("%s: %s: %s", p.Process, p.Verdict, p.Why)
			for _, st := range p.Steps {
				t.Logf("  %s %s %s", st.Step, st.Status, st.Reason)
			}
		}
		t.Fatalf("want salarisadministratie recovered, alone")
	}
	if len(res.Observations) != 1 || res.Observations[0].By != "Carla Bakker" {
		t.Errorf("observations %+v, want Carla's", res.Observations)
	}
	if len(res.Injects) == 0 || res.Injects[0].ID != "salaris-recovery.kickoff" || len(res.Injects[0].Acks) != 1 {
		t.Errorf("injects %+v, want salaris-recovery.kickoff acknowledged by Sanne", res.Injects)
	}
	var stepEvents []string
	for _, st := range res.Processes[0].Steps {
		if st.Step != "advance-run" {
			continue
		}
		for _, e := range st.Events {
			if e.Kind == "notified" {
				what, _, _ := strings.Cut(e.Text, ": delivered")
				stepEvents = append(stepEvents, what)
			}
		}
	}
	slices.Sort(stepEvents)
	if want := []string{
		"step.late to Carla Bakker (continuity-manager) by email", "step.late to Carla Bakker (continuity-manager) by ops",
		"step.late to Henk Mulder (hoofd-financien) by email",
		"step.waiting to Sanne de Jong (salarisadministrateur) by email", "step.waiting to Sanne de Jong (salarisadministrateur) by ops",
	}; !slices.Equal(stepEvents, want) {
		t.Errorf("the step's evidence says delivered\n %q\nwant %q", stepEvents, want)
	}

	followUp(t, s, gh, cat, reportsDir, "salaris-live", "salarisadministratie", "the escalation reached the head of finance",
		"Give the payroll administrator a deputy on call|Directie HR|2027-01-31|salarisadministratie/advance-run")

	// The console's readiness page shows the action open beside the process.
	consoleUser(t, s.dir, "vic", "viewer")
	url := serveConsole(t, "console", "--state-dir", s.dir, "--listen", "127.0.0.1:0", "--catalog", cat, "--reports", reportsDir)
	page := signIn(t, url, "vic").get("readiness")
	row, _, _ := strings.Cut(page[strings.Index(page, `<td data-label="Process">salarisadministratie`)+1:], "</tr>")
	if !strings.Contains(page, `<td data-label="Process">salarisadministratie`) || !strings.Contains(row, `<small class="actions">1 open actions</small>`) {
		t.Errorf("the console's readiness page does not show salarisadministratie's open action; its row:\n%s", row)
	}
	hooks.mu.Lock()
	defer hooks.mu.Unlock()
	if hooks.bad != 0 {
		t.Errorf("%d webhook requests failed the HMAC check", hooks.bad)
	}
	t.Logf("people on the example catalog: %s", time.Since(start).Round(time.Millisecond))
}
