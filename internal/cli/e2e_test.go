package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// TestDrillFindsRealFaults drills Gemeente Proefdorp (testdata/e2e) through
// `exitdrill run -o json` on a real embedded server. Everything the catalog
// points at is real and made here: restic repositories (one damaged), a
// pg_dump archive of a real PostgreSQL database, an exit plan document, a live
// and a dead endpoint. The drill must find every fault with its exact reason,
// pass what is sound, and leave nothing behind: no sandbox, no PostgreSQL.
func TestDrillFindsRealFaults(t *testing.T) {
	pgBin := requireE2ETools(t)
	base := t.TempDir()
	// The sandbox PostgreSQL runs as the postgres user: it must be able to
	// enter the directories above its sandbox (not list them).
	for _, d := range []string{filepath.Dir(base), base} {
		if err := os.Chmod(d, 0o711); err != nil {
			t.Fatal(err)
		}
	}
	const password = "proefdorp staple battery horse"
	now := time.Now()

	// Backups: a damaged and a sound restic repository, a pg_dump archive.
	damaged := filepath.Join(base, "backups", "vergunningen-restic")
	makeResticRepo(t, damaged, password, proefdorpFiles(t, 1), now.Add(-2*time.Hour))
	damage := testkit.TruncateLargestPack(t, damaged)
	sound := filepath.Join(base, "backups", "belastingen-restic")
	makeResticRepo(t, sound, password, proefdorpFiles(t, 2), now.Add(-3*time.Hour))
	dump := filepath.Join(base, "backups", "belastingen.dump")
	makePgDump(t, pgBin, filepath.Join(base, "srcpg"), dump, 1500)

	// Endpoints: one answering ok, one closed port.
	alive := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") }))
	t.Cleanup(alive.Close)
	deadURL := "http://" + closedPort(t) + "/health"

	// The catalog, with the exit plan reviewed 20 months before today.
	reviewed := monthsBefore(time.Now().UTC(), 20).Format(time.DateOnly)
	catalogDir := filepath.Join(base, "catalog")
	renderCatalog(t, "testdata/e2e/catalog", catalogDir, map[string]string{
		"VergunningenRestic": damaged, "BelastingenRestic": sound, "BelastingenDump": dump,
		"CloudCopy": filepath.Join(base, "wolkdienst", "zaken"), // never contacted: held by the lost supplier
		"AliveURL":  alive.URL + "/health", "DeadURL": deadURL, "Reviewed": reviewed,
	})

	// The checks make their sandboxes under TMPDIR: a private one, so that
	// whatever they leave behind is seen.
	tmp := filepath.Join(base, "tmp")
	if err := os.Mkdir(tmp, 0o711); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", tmp)
	t.Setenv("PROEFDORP_RESTIC_PASSWORD", password)
	t.Setenv("EXITDRILL_REVIEW_WINDOW", "") // the default policy: 12 months

	srv := startDrillServer(t)
	before := dirNames(t, tmp)
	sandboxPrefix := filepath.Join(tmp, "exitdrill-sandbox-")
	seen := watchSandboxes(sandboxPrefix)
	start := time.Now()
	code, out, errs := srv.cmd(t, "run", "--format", "json", "--catalog", catalogDir, "--scenario", "testdata/e2e/scenario.yaml", "--id", "proefdorp")
	took := time.Since(start)
	sawSandbox, sawPostgres := seen()
	t.Logf("drill of Gemeente Proefdorp took %s", took.Round(time.Millisecond))
	if code != ExitMissed || !strings.Contains(errs, "drill proefdorp: objectives missed for 2 processes") {
		t.Fatalf("exit code %d, stderr:\n%s\nwant %d and objectives missed for 2 processes", code, errs, ExitMissed)
	}
	var res drill.DrillResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("stdout is not a DrillResult: %v\n%s", err, out)
	}
	if res.Scenario.ID != "wolkdienst-1-month" || res.Scenario.Mode != "compressed" || res.ObjectivesMet || len(res.Processes) != 3 {
		t.Fatalf("drill: scenario %s (%s), objectives met %v, %d processes; want wolkdienst-1-month, compressed, missed, 3",
			res.Scenario.ID, res.Scenario.Mode, res.ObjectivesMet, len(res.Processes))
	}
	if took > time.Minute {
		t.Errorf("the drill took %s, want well under a minute in compressed mode", took)
	}
	noRisk := "no usable backup: all data since the last copy outside the lost supplier is at risk (RPO 1d)"

	t.Run("damaged restic repository", func(t *testing.T) {
		p := processByID(t, &res, "vergunningen-verlenen")
		wantStep(t, p, "restic-fresh", drill.StepFailed, damage)
		for id, via := range map[string]string{"restore": "", "hostnl-up": " (through restore)", "sign-off": " (through hostnl-up, restore)"} {
			wantStep(t, p, id, drill.StepSkipped, "not run: it waits for step restic-fresh"+via+", which failed")
		}
		wantWhy := "MTPD breached on day 8: not recovered while the outage lasts 30d > MTPD 7d; step restic-fresh (backup.fresh) failed: " + damage
		if p.Verdict != drill.Breached || p.Recovered || p.FailedStep != "restic-fresh" || p.Why != wantWhy {
			t.Errorf("%s, recovered %v, failed step %q, why:\n %q\nwant breached at restic-fresh, why:\n %q", p.Verdict, p.Recovered, p.FailedStep, p.Why, wantWhy)
		}
		wantDataLoss(t, p, false, noRisk)
	})

	t.Run("sound restic and pg_dump restores", func(t *testing.T) {
		p := processByID(t, &res, "belastingen-innen")
		restic := wantStep(t, p, "restic-restore", drill.StepPassed, "")
		wantDetails(t, restic, map[string]string{"files": "5", "manifest": "1 SHA256SUMS, 4 files match", "backupAgeAtT0": ""})
		pg := wantStep(t, p, "pg-restore", drill.StepPassed, "")
		wantDetails(t, pg, map[string]string{"rows": "1500", "tables": "1", "database": "belastingen", "postgres": filepath.Base(filepath.Dir(pgBin)),
			"verify1": "select count(*) from aanslagen = 1500 (at least 1000)"})
		up := wantStep(t, p, "eigen-up", drill.StepPassed, "")
		wantDetails(t, up, map[string]string{"status": "200", "url": alive.URL + "/health", "healthyAtAttempt": "1"})
		if d, err := time.ParseDuration(up.Details["timeToHealthy"]); err != nil || d <= 0 || up.Measure != drill.Measured {
			t.Errorf("eigen-up: timeToHealthy %q, %s; want a measured time", up.Details["timeToHealthy"], up.Measure)
		}
		if s := stepByID(t, p.Steps, "sign-off"); s.Measure != drill.Simulated || s.Duration.Std() != 2*time.Hour {
			t.Errorf("sign-off: %s %s, want simulated 2h", s.Measure, s.Duration)
		}
		// 4h wait and 2h sign-off declared, the rest measured: seconds.
		if p.Verdict != drill.Recovered || !p.Recovered || p.FailedStep != "" || p.Recovery.Std() < 6*time.Hour || p.Recovery.Std() > 6*time.Hour+time.Minute ||
			p.Why != "recovered in "+p.Recovery.String()+", within RTO 3d" {
			t.Errorf("%s in %s, failed step %q, why %q; want recovered in 6h and seconds, within RTO 3d", p.Verdict, p.Recovery, p.FailedStep, p.Why)
		}
		// The newest usable copy is the dump made seconds before T0.
		dl := p.DataLoss
		if dl == nil || !dl.Met || dl.Backup != "belastingen-pg" || dl.Age.Std() > 2*time.Minute ||
			!regexp.MustCompile(`^(\d+m)?\d+s old at T0 \(belastingen-pg\), within RPO 1d$`).MatchString(dl.Text) {
			t.Errorf("data loss %+v, want the pg dump, seconds old, within RPO 1d", dl)
		}
	})

	t.Run("lost supplier, dead endpoint, stale exit plan", func(t *testing.T) {
		p := processByID(t, &res, "zaken-afhandelen")
		lost := "held by lost supplier wolkdienst (not contacted: the supplier is down in this scenario)"
		wantStep(t, p, "cloud-copy", drill.StepFailed, lost)
		t0 := res.Started.UTC().Format(time.DateOnly)
		wantStep(t, p, "exit-plan", drill.StepFailed, "reviewed "+reviewed+", 20 months before the drill (T0 "+t0+
			"); the policy asks for a review every 12 months: review the plan and update exitPlan.reviewed; "+
			`missing sections "Alternative providers", "Record of tests": add them to exitplans/zaken.md`)
		dead := wantStep(t, p, "hostnl-up", drill.StepFailed, "GET "+deadURL+": connection refused")
		// Retried every second for 3 s, then given up: the window closes.
		if dead.Attempts < 3 || dead.Attempts > 5 || dead.Wall < 2*time.Second || dead.Wall > 10*time.Second {
			t.Errorf("hostnl-up: %d attempts in %s, want about 4 in about 3s (retry every 1s for 3s)", dead.Attempts, dead.Wall)
		}
		wantWhy := "waited out: the 30d outage ended within MTPD 60d before the process was recovered; recovery never completed; step cloud-copy (backup.restore) failed: " + lost
		if p.Verdict != drill.WaitedOut || p.Recovered || p.FailedStep != "cloud-copy" || p.Why != wantWhy {
			t.Errorf("%s, recovered %v, failed step %q, why:\n %q\nwant waited-out at cloud-copy, why:\n %q", p.Verdict, p.Recovered, p.FailedStep, p.Why, wantWhy)
		}
		wantDataLoss(t, p, false, noRisk)
	})

	t.Run("nothing left behind", func(t *testing.T) {
		// The checks did work there: the leftover checks below mean something.
		if !sawSandbox || !sawPostgres {
			t.Errorf("during the drill: saw a sandbox under %s %v, its PostgreSQL %v; want both", tmp, sawSandbox, sawPostgres)
		}
		if left, _ := filepath.Glob(sandboxPrefix + "*"); len(left) > 0 {
			t.Errorf("sandboxes left behind: %v", left)
		}
		if after := dirNames(t, tmp); !slices.Equal(before, after) {
			t.Errorf("TMPDIR of the checks: %v before the drill, %v after", before, after)
		}
		if procs := processesMentioning(sandboxPrefix); len(procs) > 0 {
			t.Errorf("processes of a sandbox still running:\n%s", strings.Join(procs, "\n"))
		}
	})
}

// requireE2ETools fails (never skips) when restic or PostgreSQL is missing, and
// returns the directory of the PostgreSQL programs.
func requireE2ETools(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("restic"); err != nil {
		t.Fatal("restic is not installed: run scripts/setup")
	}
	if _, err := user.Lookup("postgres"); err != nil && os.Geteuid() == 0 {
		t.Fatal("no postgres user: run scripts/setup")
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return pgVersion(b) - pgVersion(a) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "pg_dump")); err == nil {
			if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
				return d
			}
		}
	}
	t.Fatal("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run scripts/setup")
	return ""
}

func pgVersion(bin string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(bin)))
	return n
}

// proefdorpFiles is the content of a backup: a few files and their SHA256SUMS.
func proefdorpFiles(t *testing.T, seed uint64) map[string][]byte {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	attachments := make([]byte, 512<<10)
	for i := range attachments {
		attachments[i] = byte(r.Uint32())
	}
	var csv strings.Builder
	csv.WriteString("id,aanvrager,onderwerp\n")
	for i := range 1500 {
		fmt.Fprintf(&csv, "%d,inwoner-%04d,aanvraag %d\n", i+1, i, seed)
	}
	files := map[string][]byte{
		"data/aanvragen.csv": []byte(csv.String()),
		"data/bijlagen.bin":  attachments,
		"config/app.yaml":    []byte("name: proefdorp\nreplicas: 2\n"),
		"LEESMIJ.txt":        []byte("nightly export\n"),
	}
	var sums strings.Builder
	for _, p := range slices.Sorted(maps.Keys(files)) {
		h := sha256.Sum256(files[p])
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(h[:]), p)
	}
	files["SHA256SUMS"] = []byte(sums.String())
	return files
}

// makeResticRepo creates a restic repository at repo holding one snapshot of
// files, dated at.
func makeResticRepo(t *testing.T, repo, password string, files map[string][]byte, at time.Time) {
	t.Helper()
	src := t.TempDir()
	for p, b := range files {
		f := filepath.Join(src, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"init"}, {"backup", "--time", at.Local().Format(time.DateTime), "."}} {
		cmd := exec.Command("restic", append([]string{"--quiet", "--no-cache", "--repo", repo}, args...)...)
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "RESTIC_PASSWORD="+password)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("restic %s: %v\n%s", args[0], err, out)
		}
	}
}

// makePgDump starts a throwaway PostgreSQL in dir as the postgres user, fills a
// database belastingen with rows rows in table aanslagen, writes a pg_dump
// custom-format archive of it to dest and stops the server.
func makePgDump(t *testing.T, bin, dir, dest string, rows int) {
	t.Helper()
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	as := func(name string, args ...string) *exec.Cmd {
		cmd := exec.Command(filepath.Join(bin, name), args...)
		if os.Geteuid() == 0 {
			cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(bin, name)}, args...)...)
		}
		cmd.Dir = dir
		cmd.Env = []string{"LC_ALL=C", "PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TMPDIR=" + dir}
		if tz, ok := os.LookupEnv("TZ"); ok { // the dump's header time is local time
			cmd.Env = append(cmd.Env, "TZ="+tz)
		}
		return cmd
	}
	runAs := func(name string, args ...string) {
		t.Helper()
		if out, err := as(name, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
	}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatal(err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(dir, "data")
	runAs("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")
	// A Unix socket in dir only; the port names the socket.
	port := "5432"
	runAs("pg_ctl", "start", "-w", "-t", "60", "-D", data, "-l", filepath.Join(dir, "server.log"),
		"-o", "-p "+port+" -k "+dir+" -c listen_addresses=''")
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			_ = as("pg_ctl", "stop", "-m", "immediate", "-w", "-D", data).Run()
		}
	}
	t.Cleanup(stop)
	conn := []string{"-h", dir, "-p", port, "-U", "postgres"}
	psql := func(db, sql string) {
		t.Helper()
		runAs("psql", append(conn, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql)...)
	}
	psql("postgres", "create database belastingen")
	psql("belastingen", "create table aanslagen (id serial primary key, wozobject text not null, bedrag numeric(10,2) not null)")
	psql("belastingen", fmt.Sprintf("insert into aanslagen (wozobject, bedrag) select 'WOZ-' || lpad(g::text, 6, '0'), 100 + g %% 900 from generate_series(1, %d) g", rows))
	out := filepath.Join(dir, "belastingen.dump")
	runAs("pg_dump", append(conn, "-Fc", "-d", "belastingen", "-f", out)...)
	stop()
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dest, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// renderCatalog copies the catalog directory src to dst, executing *.tmpl
// files as templates (without the suffix).
func renderCatalog(t *testing.T, src, dst string, values map[string]string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".tmpl") {
			tmpl, err := template.New(rel).Option("missingkey=error").Parse(string(b))
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := tmpl.Execute(&buf, values); err != nil {
				return err
			}
			b, target = buf.Bytes(), strings.TrimSuffix(target, ".tmpl")
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatalf("render the catalog: %v", err)
	}
}

// wantStep checks a step's status and exact reason, and returns it.
func wantStep(t *testing.T, p *drill.ProcessResult, id string, status drill.StepStatus, reason string) *drill.StepResult {
	t.Helper()
	s := stepByID(t, p.Steps, id)
	if s.Status != status || s.Reason != reason {
		t.Errorf("%s/%s: %s, reason:\n %q\nwant %s, reason:\n %q", p.Process, id, s.Status, s.Reason, status, reason)
	}
	return s
}

// wantDetails checks a step's details; an empty value means only present.
func wantDetails(t *testing.T, s *drill.StepResult, want map[string]string) {
	t.Helper()
	for k, v := range want {
		got, ok := s.Details[k]
		if !ok || (v != "" && got != v) {
			t.Errorf("%s: details[%s] = %q, want %q (details %v)", s.Step, k, got, v, s.Details)
		}
	}
}

func wantDataLoss(t *testing.T, p *drill.ProcessResult, met bool, text string) {
	t.Helper()
	if dl := p.DataLoss; dl == nil || !dl.Checked || dl.Met != met || dl.Text != text {
		t.Errorf("%s: data loss %+v, want checked, met %v, %q", p.Process, dl, met, text)
	}
}

// dirNames lists a directory.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// monthsBefore is the date n calendar months before day, on the same day of
// the month or, where that month is shorter, on its last day.
func monthsBefore(day time.Time, n int) time.Time {
	first := time.Date(day.Year(), day.Month()-time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(day.Day(), last)-1)
}

// watchSandboxes watches, until the returned function is called, for a
// sandbox whose path starts with prefix and for a PostgreSQL running in one.
func watchSandboxes(prefix string) (stop func() (sandbox, postgres bool)) {
	done := make(chan struct{})
	var sawSandbox, sawPostgres bool
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
			if dirs, _ := filepath.Glob(prefix + "*"); len(dirs) > 0 {
				sawSandbox = true
			}
			for _, p := range processesMentioning(prefix) {
				if strings.Contains(p, "postgres") {
					sawPostgres = true
				}
			}
		}
	}()
	return func() (bool, bool) {
		close(done)
		<-finished
		return sawSandbox, sawPostgres
	}
}

// processesMentioning returns the running processes whose command line
// contains s, as "PID: command line".
func processesMentioning(s string) []string {
	cmdlines, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	var found []string
	for _, f := range cmdlines {
		b, err := os.ReadFile(f)
		if err != nil {
			continue // ended meanwhile
		}
		if line := string(bytes.ReplaceAll(b, []byte{0}, []byte{' '})); strings.Contains(line, s) {
			found = append(found, filepath.Base(filepath.Dir(f))+": "+line)
		}
	}
	return found
}
